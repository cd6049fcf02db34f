#include <doctest/doctest.h>

#include <algorithm>

#include "../eval/fixtures.hpp"
#include "compile/plan_impl.hpp"
#include "posture/io.hpp"

using namespace posture;
using namespace posture::test;

namespace {

origin at_line(std::uint32_t line) { return origin{"policy.json", line, 5, 0}; }

std::vector<diagnostic> problems_of(const JudgmentPolicy& p, const PolicySet& set = {}) {
  auto plan = compile(p, set);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.err().code() == errc::check);
  return plan.err().diagnostics();
}

bool mentions(const std::vector<diagnostic>& all, std::string_view text) {
  return std::any_of(all.begin(), all.end(), [&](const diagnostic& d) {
    return d.message.find(text) != std::string::npos;
  });
}

SecurityUpdatesPolicy specified() {
  SecurityUpdatesPolicy su;
  su.mode = UpdateMode::specified;
  su.where = at_line(3);
  return su;
}

MandatoryUpdate mandatory(std::string id, std::uint32_t line = 0) {
  MandatoryUpdate m;
  m.id = std::move(id);
  m.where = at_line(line);
  return m;
}

}  // namespace

TEST_CASE("compile: a policy with every category compiles and keeps its name") {
  auto p = policy("Baseline");
  p.security_updates.emplace();
  p.antivirus.emplace();  // an empty product list is allowed
  p.prohibited_software.emplace();
  p.mandatory_software.emplace();
  p.pc_security.emplace();
  Plan plan = compile_ok(p);
  CHECK(plan.policy_name() == "Baseline");
}

TEST_CASE("compile: an unknown update group is reported at the section that names it") {
  auto p = policy();
  p.security_updates.emplace();
  p.security_updates->where = at_line(7);
  p.security_updates->exclude_groups = {"Known bad"};
  auto all = problems_of(p);
  REQUIRE(all.size() == 1);
  CHECK(all[0].where.line == 7);
  CHECK(all[0].message.find("\"Known bad\"") != std::string::npos);

  auto q = policy();
  q.security_updates = specified();
  q.security_updates->mandatory_groups = {"Patch Tuesday"};
  CHECK(mentions(problems_of(q), "unknown update group \"Patch Tuesday\""));
}

TEST_CASE("compile: every problem is reported at once, in policy order") {
  auto p = policy();
  p.security_updates.emplace();  // latest mode
  p.security_updates->mandatory = {mandatory("5035845", 4)};
  p.antivirus.emplace();
  AntivirusRow row;  // no name
  row.where = at_line(9);
  p.antivirus->products = {row};
  p.prohibited_software.emplace();
  ProhibitedEntry entry;
  entry.name = NamePattern("uTorrent*");
  entry.level = Level::safe;
  entry.where = at_line(12);
  p.prohibited_software->entries = {entry};
  auto all = problems_of(p);
  REQUIRE(all.size() == 3);
  CHECK(all[0].where.line == 4);
  CHECK(all[0].message.find("specified") != std::string::npos);
  CHECK(all[1].where.line == 9);
  CHECK(all[1].message == "antivirus.products[0]: name is empty");
  CHECK(all[2].where.line == 12);
  CHECK(all[2].message.find("not safe") != std::string::npos);
}

TEST_CASE("compile: fields of the other update mode are diagnostics") {
  auto latest = policy();
  latest.security_updates.emplace();
  latest.security_updates->mandatory_groups = {"G"};
  PolicySet set;
  set.update_groups = {UpdateGroup{"G", {"1"}, {}}};
  CHECK(mentions(problems_of(latest, set), "mandatory_groups"));

  auto spec = policy();
  spec.security_updates = specified();
  spec.security_updates->exclude = {"5034441"};
  spec.security_updates->levels_by_severity.emplace();
  auto all = problems_of(spec);
  CHECK(mentions(all, "security_updates.exclude:"));
  CHECK(mentions(all, "levels_by_severity"));
}

TEST_CASE("compile: Safe may not be set as a condition level") {
  auto p = policy();
  p.unknown_level = Level::safe;
  p.antivirus.emplace();
  p.antivirus->not_installed_level = Level::safe;
  auto all = problems_of(p);
  CHECK(all.size() == 2);
  CHECK(mentions(all, "unknown_level"));
  CHECK(mentions(all, "not_installed_level"));
}

TEST_CASE("compile: names that identify a result must be unique") {
  auto p = policy();
  p.mandatory_software.emplace();
  MandatoryGroup g;
  g.name = "PDF reader";
  g.any_of = {SoftwareAlternative{NamePattern("SumatraPDF"), std::nullopt}};
  p.mandatory_software->groups = {g, g};
  p.pc_security.emplace();
  SecurityCheck guest;
  guest.check = CheckId::accounts_guest_enabled;
  p.pc_security->checks = {guest, guest};
  auto all = problems_of(p);
  CHECK(all.size() == 2);
  CHECK(mentions(all, "group \"PDF reader\" is defined twice"));
  CHECK(mentions(all, "\"accounts.guest_enabled\" is listed twice"));
}

TEST_CASE("compile: a mandatory group needs alternatives with names") {
  auto p = policy();
  p.mandatory_software.emplace();
  MandatoryGroup empty;
  empty.name = "Empty";
  MandatoryGroup nameless;
  nameless.name = "Nameless";
  nameless.any_of = {SoftwareAlternative{}};
  p.mandatory_software->groups = {empty, nameless};
  auto all = problems_of(p);
  CHECK(mentions(all, "groups[0]: any_of is empty"));
  CHECK(mentions(all, "groups[1].any_of[0]: name is empty"));
}

TEST_CASE("compile: PC-security parameters belong to their check") {
  auto p = policy();
  p.pc_security.emplace();
  SecurityCheck age;
  age.check = CheckId::passwords_max_age_days;  // max_age_days missing
  SecurityCheck guest;
  guest.check = CheckId::accounts_guest_enabled;
  guest.max_timeout_min = 15;  // belongs to screensaver.timeout
  SecurityCheck services;
  services.check = CheckId::services_required;  // services missing
  SecurityCheck negative;
  negative.check = CheckId::screensaver_timeout;
  negative.max_timeout_min = -1;
  p.pc_security->checks = {age, guest, services, negative};
  auto all = problems_of(p);
  CHECK(all.size() == 4);
  CHECK(mentions(all, "needs max_age_days"));
  CHECK(mentions(all, "max_timeout_min does not apply to check \"accounts.guest_enabled\""));
  CHECK(mentions(all, "needs services"));
  CHECK(mentions(all, "max_timeout_min must not be negative"));
}

TEST_CASE("compile: service-pack rules need a target and a service pack") {
  auto p = policy();
  p.security_updates.emplace();
  ServicePackRule neither;
  neither.service_pack = "1";
  ServicePackRule no_sp;
  no_sp.os = os_scope("Windows 7*");
  p.security_updates->service_packs = {neither, no_sp};
  auto all = problems_of(p);
  CHECK(mentions(all, "service_packs[0]: a service-pack rule needs an os or a product"));
  CHECK(mentions(all, "service_packs[1]: service_pack is empty"));
}

TEST_CASE("compile: user-defined expression problems are collected with the item's path") {
  auto p = policy();
  p.user_defined.emplace();
  UserDefinedItem item;
  item.name = "Broken";
  item.when = "os.name ==";
  item.when_where = at_line(20);
  p.user_defined->items = {item};
  auto all = problems_of(p);
  REQUIRE_FALSE(all.empty());
  CHECK(all[0].message.starts_with("user_defined.items[0].when: "));
  CHECK(all[0].where.line == 20);
}

TEST_CASE("compile: expression errors point at the policy's bytes, escapes and all") {
  // Before the unknown name stand escapes of every width: \" and \\ (two bytes written for one),
  // \u00e9 (six for two), \ud83d\ude00 (twelve for four). The error must name the column where
  // "hots" is written.
  const std::string text = R"({"format": "posture-policy/1", "judgment_policies": [{"name": "P",
  "user_defined": {"items": [{"name": "U", "level": "danger",
    "when": "fields[\"a\\\\b\"] == \"\u00e9\ud83d\ude00\" and hots == \"x\""}]}}]})";
  auto set = read_policy_json(text);
  REQUIRE(set);
  auto plan = compile(set->judgment_policies.front(), *set);
  REQUIRE_FALSE(plan);
  const auto& d = plan.err().diagnostics().front();
  const std::size_t at = text.find("hots");
  const std::size_t line_start = text.rfind('\n', at) + 1;
  CHECK(d.where.line == 3);
  CHECK(d.where.column == at - line_start + 1);
  CHECK(d.where.offset == at);
}

TEST_CASE("compile: mandatory updates accept their transitive superseders") {
  PatchCatalog catalog;
  catalog.add(catalog_update("200", {"100"}));
  catalog.add(catalog_update("300", {"200"}));
  auto p = policy();
  p.security_updates = specified();
  p.security_updates->mandatory = {mandatory("KB100")};
  Plan plan = compile_ok(p, {}, &catalog);
  const auto& rows = plan.impl().required_updates;
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].id == "100");
  CHECK(rows[0].acceptable == std::vector<std::string>{"100", "200", "300"});
}

TEST_CASE("compile: update groups expand into mandatory rows once, explicit rows first") {
  PolicySet set;
  set.update_groups = {UpdateGroup{"A", {"KB1", "2"}, {}}, UpdateGroup{"B", {"2", "3"}, {}}};
  auto p = policy();
  p.security_updates = specified();
  p.security_updates->level = Level::caution;
  MandatoryUpdate explicit_row = mandatory("2");
  explicit_row.level = Level::danger;
  p.security_updates->mandatory = {explicit_row};
  p.security_updates->mandatory_groups = {"A", "B"};
  Plan plan = compile_ok(p, set);
  const auto& rows = plan.impl().required_updates;
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].id == "2");
  CHECK(rows[0].level == Level::danger);
  CHECK(rows[1].id == "1");
  CHECK(rows[1].level == Level::caution);
  CHECK(rows[2].id == "3");
}

TEST_CASE("compile: exclusions merge the list and the groups, normalised") {
  PolicySet set;
  set.update_groups = {UpdateGroup{"Known bad", {"KB9"}, {}}};
  auto p = policy();
  p.security_updates.emplace();
  p.security_updates->exclude = {"kb7", "9"};
  p.security_updates->exclude_groups = {"Known bad"};
  Plan plan = compile_ok(p, set);
  CHECK(plan.impl().excluded_updates == std::vector<std::string>{"7", "9"});
}
