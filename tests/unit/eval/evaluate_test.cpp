#include <doctest/doctest.h>

#include <thread>

#include "fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

// A policy with four items whose outcome is easy to steer from the snapshot.
JudgmentPolicy four_items() {
  auto p = policy("Baseline");
  p.security_updates.emplace();  // latest mode
  p.antivirus.emplace();
  AntivirusRow row;
  row.name = NamePattern("AV");
  p.antivirus->products = {row};
  p.prohibited_software.emplace();
  ProhibitedEntry entry;
  entry.name = NamePattern("Tor*");
  p.prohibited_software->entries = {entry};
  p.pc_security.emplace();
  SecurityCheck guest;
  guest.check = CheckId::accounts_guest_enabled;
  guest.level = Level::warning;
  p.pc_security->checks = {guest};
  return p;
}

Snapshot healthy() {
  Snapshot s;
  s.asset = "PC-004711";
  s.agent_version = "12.0.1";
  s.updates.emplace();
  s.updates->complete = true;
  AntivirusProduct av;
  av.name = "AV";
  av.resident = true;
  s.antivirus = std::vector<AntivirusProduct>{av};
  s.software = std::vector<Program>{};
  s.settings.accounts = AccountSettings{false, true};
  return s;
}

}  // namespace

TEST_CASE("eval: a judgment names the client, the policy and the reference time") {
  auto j = judge(four_items(), healthy());
  CHECK(j.asset == "PC-004711");
  CHECK(j.policy == "Baseline");
  CHECK(j.reference_time == reference_time());
  CHECK(j.action_policy.empty());  // assigned by the engine, not by evaluate()
  CHECK(j.status == Status::judged);
  CHECK(j.level == Level::safe);
  CHECK(j.points == 100);
}

TEST_CASE("eval: items follow category order and every item carries conditions") {
  auto j = judge(four_items(), healthy());
  REQUIRE(j.items.size() == 4);
  CHECK(j.items[0].category == Category::security_updates);
  CHECK(j.items[1].category == Category::antivirus);
  CHECK(j.items[2].category == Category::prohibited_software);
  CHECK(j.items[3].category == Category::pc_security);
  for (const auto& item : j.items) {
    CAPTURE(category_name(item.category));
    CHECK_FALSE(item.conditions.empty());
    for (const auto& c : item.conditions) CHECK_FALSE(c.evidence.empty());
  }
}

TEST_CASE("eval: the client is the worst item, and points multiply item coefficients") {
  auto s = healthy();
  s.updates->items = {update("1", UpdateState::missing)};  // Warning
  s.software = std::vector<Program>{program("Tor Browser")};   // Caution
  auto j = judge(four_items(), s);
  CHECK(j.level == Level::warning);
  CHECK(j.points == 37);  // 0.5 × 1 × 0.75 × 1 = 0.375
}

TEST_CASE("eval: a disabled item is listed as not_target and judged no further") {
  auto p = four_items();
  p.antivirus->enabled = false;
  auto s = healthy();
  s.antivirus.reset();
  auto j = judge(p, s);
  const ItemResult* av = j.item(Category::antivirus);
  REQUIRE(av);
  CHECK(av->status == Status::not_target);
  CHECK_FALSE(av->level);
  CHECK(av->conditions.empty());
  CHECK(j.status == Status::judged);
  CHECK(j.points == 100);
}

TEST_CASE("eval: unknown_level turns an unknown item into a judged one") {
  auto s = healthy();
  s.antivirus.reset();  // antivirus when_missing defaults to unknown
  auto plain = judge(four_items(), s);
  CHECK(plain.item(Category::antivirus)->status == Status::unknown);
  CHECK(plain.level == Level::safe);

  auto p = four_items();
  p.unknown_level = Level::warning;
  auto j = judge(p, s);
  const ItemResult* av = j.item(Category::antivirus);
  CHECK(av->status == Status::judged);
  CHECK(av->level == Level::warning);
  CHECK(av->unknown_as_level);
  CHECK_FALSE(j.item(Category::security_updates)->unknown_as_level);
  CHECK(j.level == Level::warning);
  CHECK(j.points == 50);
}

TEST_CASE("eval: only unknown and no_item items give an unknown client without points") {
  auto p = policy();
  p.antivirus.emplace();
  p.pc_security.emplace();
  SecurityCheck guest;
  guest.check = CheckId::accounts_guest_enabled;
  p.pc_security->checks = {guest};
  Snapshot s;
  auto j = judge(p, s);
  CHECK(j.item(Category::antivirus)->status == Status::unknown);
  CHECK(j.item(Category::pc_security)->status == Status::no_item);
  CHECK(j.status == Status::unknown);
  CHECK_FALSE(j.level);
  CHECK_FALSE(j.points);
}

TEST_CASE("eval: an unmanaged client is not judged and has no items") {
  auto s = healthy();
  s.managed = false;
  auto j = judge(four_items(), s);
  CHECK(j.status == Status::not_judged);
  CHECK(j.items.empty());
  CHECK_FALSE(j.level);
  CHECK_FALSE(j.points);
  CHECK(j.asset == "PC-004711");
}

TEST_CASE("eval: a required agent version that is absent makes every enabled item unknown") {
  auto p = four_items();
  p.pc_security->enabled = false;
  auto s = healthy();
  s.agent_version.reset();
  EvalOptions options;
  options.require_agent_version = true;
  auto j = judge(p, s, {}, nullptr, options);
  REQUIRE(j.items.size() == 4);
  for (const auto& item : j.items) {
    CAPTURE(category_name(item.category));
    if (item.category == Category::pc_security) {
      CHECK(item.status == Status::not_target);
      continue;
    }
    CHECK(item.status == Status::unknown);
    REQUIRE(item.conditions.size() == 1);
    CHECK(evidence(item.conditions[0], "missing") == "agent_version");
  }
  CHECK(j.status == Status::unknown);

  p.unknown_level = Level::danger;
  CHECK(judge(p, s, {}, nullptr, options).level == Level::danger);
  s.agent_version = "12.0.1";
  CHECK(judge(p, s, {}, nullptr, options).level == Level::safe);
  s.agent_version.reset();
  CHECK(judge(p, s).level == Level::safe);  // not required: judged as usual
}

TEST_CASE("eval: a policy without items judges nothing") {
  auto j = judge(policy(), healthy());
  CHECK(j.items.empty());
  CHECK(j.status == Status::no_item);
}

TEST_CASE("eval: the same plan, snapshot and reference time give the same judgment") {
  auto catalog = distributable_catalog({"1", "2"});
  Plan plan = compile_ok(four_items(), {}, &catalog);
  auto s = healthy();
  s.updates->items = {update("2", UpdateState::missing), update("1", UpdateState::missing)};
  auto a = evaluate(plan, s, reference_time());
  auto b = evaluate(plan, s, reference_time());
  REQUIRE(a.items.size() == b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    REQUIRE(a.items[i].conditions.size() == b.items[i].conditions.size());
    for (std::size_t k = 0; k < a.items[i].conditions.size(); ++k) {
      CHECK(a.items[i].conditions[k].name == b.items[i].conditions[k].name);
      CHECK(a.items[i].conditions[k].evidence == b.items[i].conditions[k].evidence);
    }
  }
  CHECK(a.distribute == std::vector<std::string>{"1", "2"});
  CHECK(a.distribute == b.distribute);
}

TEST_CASE("eval: one plan judges on several threads at once with the same results") {
  const Plan plan = compile_ok(four_items());
  auto s = healthy();
  s.updates->items = {update("1", UpdateState::missing)};
  const Judgment expected = evaluate(plan, s, reference_time());
  std::vector<std::optional<Level>> levels(4);
  std::vector<std::size_t> conditions(4);
  {
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < levels.size(); ++t)
      threads.emplace_back([&, t] {
        for (int round = 0; round < 50; ++round) {
          Judgment j = evaluate(plan, s, reference_time());
          levels[t] = j.level;
          conditions[t] = j.items.at(0).conditions.size();
        }
      });
    for (auto& thread : threads) thread.join();
  }
  for (std::size_t t = 0; t < levels.size(); ++t) {
    CHECK(levels[t] == expected.level);
    CHECK(conditions[t] == expected.items.at(0).conditions.size());
  }
}
