#include <doctest/doctest.h>

#include <algorithm>

#include "fixtures.hpp"
#include "posture/engine.hpp"

using namespace posture;
using namespace posture::test;

namespace {

Assignment all(std::string judgment, std::string action) {
  Assignment a;
  a.scope = AssignmentScope::all;
  a.judgment_policy = std::move(judgment);
  a.action_policy = std::move(action);
  return a;
}

Assignment group_row(std::string group, std::string judgment, std::string action,
                     GroupMatch match = GroupMatch::prefix) {
  Assignment a = all(std::move(judgment), std::move(action));
  a.scope = AssignmentScope::group;
  a.group = std::move(group);
  a.match = match;
  return a;
}

Assignment pc_row(std::string asset, std::string judgment, std::string action) {
  Assignment a = all(std::move(judgment), std::move(action));
  a.scope = AssignmentScope::pc;
  a.asset = std::move(asset);
  return a;
}

PolicySet three_policies() {
  PolicySet set;
  for (const char* name : {"Baseline", "Lab", "Strict"}) {
    auto p = policy(name);
    p.prohibited_software.emplace();
    set.judgment_policies.push_back(std::move(p));
  }
  return set;
}

Snapshot client(std::string asset, std::string group) {
  Snapshot s;
  s.asset = std::move(asset);
  s.group = std::move(group);
  s.software = std::vector<Program>{};
  return s;
}

}  // namespace

TEST_CASE("engine: group prefixes match whole path segments") {
  CHECK(group_has_prefix("Kobe/Sales/East", "Kobe/Sales"));
  CHECK(group_has_prefix("Kobe/Sales", "Kobe/Sales"));
  CHECK(group_has_prefix("Kobe/Sales", "Kobe/Sales/"));
  CHECK_FALSE(group_has_prefix("Kobe/Sales_Dept", "Kobe/Sales"));
  CHECK_FALSE(group_has_prefix("Kobe", "Kobe/Sales"));
  CHECK_FALSE(group_has_prefix("Osaka/Kobe/Sales", "Kobe/Sales"));
}

TEST_CASE("engine: without rows the defaults apply") {
  auto set = three_policies();
  auto a = assign_policies(set, "PC-1", "Kobe");
  CHECK(a.judgment_policy == "Baseline");  // the first policy
  CHECK(a.action_policy == "Default");
  set.default_judgment_policy = "Strict";
  set.default_action_policy = "Quarantine";
  a = assign_policies(set, "PC-1", "Kobe");
  CHECK(a.judgment_policy == "Strict");
  CHECK(a.action_policy == "Quarantine");
}

TEST_CASE("engine: later rows override earlier ones column by column") {
  auto set = three_policies();
  set.assignments = {all("Baseline", "Quarantine"), group_row("Kobe/Lab", "Lab", ""),
                     pc_row("PC-004711", "", "Default"),
                     group_row("Kobe/Lab", "Strict", "", GroupMatch::exact)};
  auto lab_member = assign_policies(set, "PC-2", "Kobe/Lab/Bench");
  CHECK(lab_member.judgment_policy == "Lab");
  CHECK(lab_member.action_policy == "Quarantine");  // empty column left it unchanged

  auto lab_itself = assign_policies(set, "PC-3", "Kobe/Lab");
  CHECK(lab_itself.judgment_policy == "Strict");  // the exact row comes last

  auto pc = assign_policies(set, "PC-004711", "Kobe/Lab_Annex");
  CHECK(pc.judgment_policy == "Baseline");  // Lab_Annex is not below Kobe/Lab
  CHECK(pc.action_policy == "Default");

  auto other = assign_policies(set, "PC-9", "Osaka");
  CHECK(other.judgment_policy == "Baseline");
  CHECK(other.action_policy == "Quarantine");
}

TEST_CASE("engine: judge evaluates the assigned policy and records the action policy") {
  auto set = three_policies();
  set.assignments = {group_row("Kobe/Lab", "Lab", "Isolate")};
  auto engine = Engine::create(set);
  REQUIRE(engine.ok());
  auto lab = engine->judge(client("PC-2", "Kobe/Lab/1"), reference_time());
  CHECK(lab.policy == "Lab");
  CHECK(lab.action_policy == "Isolate");
  CHECK(lab.asset == "PC-2");
  CHECK(lab.status == Status::no_item);  // the policies' prohibited lists are empty
  auto other = engine->judge(client("PC-3", "Osaka"), reference_time());
  CHECK(other.policy == "Baseline");
  CHECK(other.action_policy == "Default");

  const Plan* plan = engine->plan_for(client("PC-2", "Kobe/Lab"));
  REQUIRE(plan);
  CHECK(plan->policy_name() == "Lab");
  CHECK(engine->find_plan("Strict"));
  CHECK_FALSE(engine->find_plan("Nope"));
  CHECK(engine->policies().judgment_policies.size() == 3);
}

TEST_CASE("engine: an unmanaged client is not judged but keeps its action policy") {
  auto set = three_policies();
  set.default_action_policy = "Manual only";
  auto engine = Engine::create(set);
  REQUIRE(engine.ok());
  auto s = client("PC-1", "Kobe");
  s.managed = false;
  auto j = engine->judge(s, reference_time());
  CHECK(j.status == Status::not_judged);
  CHECK(j.items.empty());
  CHECK(j.action_policy == "Manual only");
}

TEST_CASE("engine: create reports every unknown name and policy problem at once") {
  auto set = three_policies();
  set.default_judgment_policy = "Missing default";
  set.judgment_policies[1].unknown_level = Level::safe;
  set.assignments = {all("Nope", "Anything"), group_row("", "Lab", ""),
                     pc_row("PC-1", "Also nope", "")};
  auto engine = Engine::create(set);
  REQUIRE_FALSE(engine.ok());
  const auto& all_problems = engine.err().diagnostics();
  auto has = [&](std::string_view text) {
    return std::any_of(all_problems.begin(), all_problems.end(), [&](const diagnostic& d) {
      return d.message.find(text) != std::string::npos;
    });
  };
  CHECK(all_problems.size() == 5);
  CHECK(has("judgment policy \"Lab\": unknown_level"));
  CHECK(has("default judgment policy \"Missing default\" is not defined"));
  CHECK(has("assignments[0]: judgment policy \"Nope\" is not defined"));
  CHECK(has("assignments[1]: a group row needs a group"));
  CHECK(has("assignments[2]: judgment policy \"Also nope\" is not defined"));
}

TEST_CASE("engine: duplicate policy names are an error") {
  auto set = three_policies();
  set.judgment_policies.push_back(policy("Lab"));
  auto engine = Engine::create(set);
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.err().message() == "judgment policy \"Lab\" is defined twice");
}

TEST_CASE("engine: the engine passes its options and catalog to every judgment") {
  auto set = three_policies();
  auto& lab = set.judgment_policies[1];
  lab.security_updates.emplace();
  lab.security_updates->mode = UpdateMode::specified;
  MandatoryUpdate row;
  row.id = "100";
  lab.security_updates->mandatory = {row};
  set.default_judgment_policy = "Lab";
  PatchCatalog catalog;
  catalog.add(catalog_update("200", {"100"}));
  EvalOptions options;
  options.require_agent_version = true;
  auto engine = Engine::create(set, catalog, options);
  REQUIRE(engine.ok());
  CHECK(engine->options().require_agent_version);
  CHECK(engine->catalog().find("200"));

  auto s = client("PC-1", "");
  s.agent_version = "1";
  s.updates.emplace();
  s.updates->items = {update("200", UpdateState::installed)};
  CHECK(engine->judge(s, reference_time()).level == Level::safe);
  s.agent_version.reset();
  CHECK(engine->judge(s, reference_time()).status == Status::unknown);
}

TEST_CASE("engine: an engine without judgment policies does not judge") {
  auto engine = Engine::create(PolicySet{});
  REQUIRE(engine.ok());
  auto j = engine->judge(client("PC-1", ""), reference_time());
  CHECK(j.status == Status::not_judged);
  CHECK(j.action_policy == "Default");
  CHECK_FALSE(engine->plan_for(client("PC-1", "")));
}
