#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

JudgmentPolicy latest_policy() {
  auto p = policy();
  p.security_updates.emplace();
  return p;
}

JudgmentPolicy specified_policy(std::vector<MandatoryUpdate> rows) {
  auto p = policy();
  p.security_updates.emplace();
  p.security_updates->mode = UpdateMode::specified;
  p.security_updates->mandatory = std::move(rows);
  return p;
}

MandatoryUpdate row(std::string id, std::optional<Level> level = std::nullopt) {
  MandatoryUpdate m;
  m.id = std::move(id);
  m.level = level;
  return m;
}

Snapshot with_updates(std::vector<UpdateRecord> items, bool complete = true) {
  Snapshot s;
  s.asset = "PC-1";
  s.updates.emplace();
  s.updates->complete = complete;
  s.updates->items = std::move(items);
  return s;
}

}  // namespace

TEST_CASE("eval: latest mode - each missing update is a condition named by its id") {
  auto s = with_updates({update("KB500", UpdateState::missing, Severity::critical),
                         update("400", UpdateState::installed),
                         update("300", UpdateState::missing)});
  s.updates->items[0].bulletin = "MS24-001";
  s.updates->items[0].title = "Cumulative Update";
  auto catalog = distributable_catalog({"300", "500"});
  auto j = judge(latest_policy(), s, {}, &catalog);
  const auto& item = only_item(j);
  REQUIRE(item.conditions.size() == 2);
  CHECK(item.conditions[0].name == "500");  // snapshot order, normalised
  CHECK(item.conditions[1].name == "300");
  CHECK(item.status == Status::judged);
  CHECK(item.level == Level::warning);  // the default item level
  const auto& c = item.conditions[0];
  CHECK(c.level == Level::warning);
  CHECK(evidence(c, "id") == "500");
  CHECK(evidence(c, "bulletin") == "MS24-001");
  CHECK(evidence(c, "severity") == "critical");
  CHECK(evidence(c, "title") == "Cumulative Update");
  CHECK(j.distribute == std::vector<std::string>{"300", "500"});
}

TEST_CASE("eval: latest mode - excluded updates and groups are ignored") {
  PolicySet set;
  set.update_groups = {UpdateGroup{"Known bad", {"300"}, {}}};
  auto p = latest_policy();
  p.security_updates->exclude = {"KB500"};
  p.security_updates->exclude_groups = {"Known bad"};
  auto j = judge(p, with_updates({update("500", UpdateState::missing),
                                  update("300", UpdateState::missing),
                                  update("200", UpdateState::missing)}),
                 set);
  const auto& item = only_item(j);
  REQUIRE(item.conditions.size() == 1);
  CHECK(item.conditions[0].name == "200");
}

TEST_CASE("eval: latest mode - levels follow severity and unmapped severities are ignored") {
  auto p = latest_policy();
  p.security_updates->levels_by_severity.emplace();
  (*p.security_updates->levels_by_severity)[static_cast<int>(Severity::critical)] = Level::danger;
  (*p.security_updates->levels_by_severity)[static_cast<int>(Severity::moderate)] = Level::caution;
  auto catalog = distributable_catalog({"1", "2", "3", "4"});
  auto j = judge(p, with_updates({update("1", UpdateState::missing, Severity::critical),
                                  update("2", UpdateState::missing, Severity::moderate),
                                  update("3", UpdateState::missing, Severity::low),
                                  update("4", UpdateState::missing)}),
                 {}, &catalog);
  const auto& item = only_item(j);
  REQUIRE(item.conditions.size() == 2);
  CHECK(condition(item, "1").level == Level::danger);
  CHECK(condition(item, "2").level == Level::caution);
  CHECK(item.level == Level::danger);
  CHECK(j.distribute == std::vector<std::string>{"1", "2"});
}

TEST_CASE("eval: latest mode - no violation is one Safe condition saying what was checked") {
  auto p = latest_policy();
  p.security_updates->exclude = {"9"};
  auto j = judge(p, with_updates({update("1", UpdateState::installed),
                                  update("9", UpdateState::missing)}));
  const auto& item = only_item(j);
  REQUIRE(item.conditions.size() == 1);
  const auto& c = item.conditions[0];
  CHECK(c.name == "latest");
  CHECK(is_safe(c));
  CHECK(evidence(c, "missing") == "0");
  CHECK(evidence(c, "checked") == "2");
  CHECK(evidence(c, "ignored") == "1");
  CHECK(item.status == Status::judged);
  CHECK(item.level == Level::safe);
}

TEST_CASE("eval: latest mode - an empty update list is judged, an absent one is missing") {
  auto empty = judge(latest_policy(), with_updates({}));
  CHECK(only_item(empty).status == Status::judged);
  CHECK(only_item(empty).level == Level::safe);

  Snapshot none;
  auto absent = judge(latest_policy(), none);
  const auto& item = only_item(absent);
  CHECK(item.status == Status::unknown);  // default when_missing
  REQUIRE(item.conditions.size() == 1);
  CHECK(item.conditions[0].name == "latest");
  CHECK(evidence(item.conditions[0], "missing") == "updates");

  auto p = latest_policy();
  p.security_updates->when_missing = WhenMissing::level;
  p.security_updates->level = Level::danger;
  CHECK(only_item(judge(p, none)).level == Level::danger);
}

TEST_CASE("eval: latest mode - an update listed twice is one violation") {
  auto j = judge(latest_policy(), with_updates({update("7", UpdateState::missing),
                                                update("KB7", UpdateState::missing)}));
  CHECK(only_item(j).conditions.size() == 1);
}

TEST_CASE("eval: specified mode - installed is Safe, missing takes the row level") {
  auto p = specified_policy({row("100", Level::danger), row("200"), row("300")});
  auto catalog = distributable_catalog({"100", "200", "300"});
  auto j = judge(p, with_updates({update("KB100", UpdateState::missing, Severity::critical),
                                  update("200", UpdateState::installed)}),
                 {}, &catalog);
  const auto& item = only_item(j);
  REQUIRE(item.conditions.size() == 3);
  CHECK(item.conditions[0].name == "100");
  CHECK(item.conditions[0].level == Level::danger);
  CHECK(evidence(item.conditions[0], "severity") == "critical");
  CHECK(is_safe(item.conditions[1]));
  CHECK(evidence(item.conditions[1], "installed") == "200");
  // 300 is absent from a complete scan: it does not apply to this client.
  CHECK(is_safe(item.conditions[2]));
  CHECK(evidence(item.conditions[2], "applicable") == "no");
  CHECK(item.level == Level::danger);
  CHECK(j.distribute == std::vector<std::string>{"100"});
}

TEST_CASE("eval: specified mode - an installed superseder satisfies, transitively") {
  PatchCatalog catalog;
  catalog.add(catalog_update("200", {"100"}));
  catalog.add(catalog_update("300", {"200"}));
  auto p = specified_policy({row("100")});
  auto j = judge(p,
                 with_updates({update("100", UpdateState::missing),
                               update("300", UpdateState::installed)}),
                 {}, &catalog);
  const auto& c = first_condition(j);
  CHECK(is_safe(c));
  CHECK(evidence(c, "installed") == "300");
  CHECK(j.distribute.empty());

  // Without the catalog the same scan is a violation.
  auto plain = judge(p, with_updates({update("100", UpdateState::missing),
                                      update("300", UpdateState::installed)}));
  CHECK(only_item(plain).level == Level::warning);
}

TEST_CASE("eval: specified mode - an incomplete scan sends absent updates to when_missing") {
  auto p = specified_policy({row("100")});
  auto s = with_updates({update("1", UpdateState::installed)}, /*complete=*/false);
  const auto& c = first_condition(judge(p, s));
  CHECK(c.status == Status::unknown);
  CHECK_FALSE(c.level);
  CHECK(evidence(c, "scan") == "incomplete");

  p.security_updates->when_missing = WhenMissing::level;
  auto catalog = distributable_catalog({"100"});
  auto j = judge(p, s, {}, &catalog);
  CHECK(only_item(j).level == Level::warning);
  CHECK(j.distribute == std::vector<std::string>{"100"});
  CHECK(judge(p, s).distribute.empty());  // without a catalog nothing is known to be pushable

  p.security_updates->when_missing = WhenMissing::safe;
  CHECK(only_item(judge(p, s)).level == Level::safe);
  p.security_updates->when_missing = WhenMissing::no_item;
  CHECK(only_item(judge(p, s)).status == Status::no_item);
}

TEST_CASE("eval: specified mode - rows outside their OS or product scope are Safe") {
  MandatoryUpdate win11 = row("100");
  win11.os = os_scope("Windows 11*");
  MandatoryUpdate office = row("200");
  office.product = NamePattern("Microsoft Office*");
  office.product_version = constraint(">= 16");
  auto p = specified_policy({win11, office});
  auto s = with_updates({update("100", UpdateState::missing), update("200", UpdateState::missing)});
  s.os = os("Windows 10 Pro", "10.0.19045");
  s.software = std::vector<Program>{program("Microsoft Office Professional", "15.0.4569")};
  const auto& item = only_item(judge(p, s));
  CHECK(evidence(condition(item, "100"), "applicable") == "no");
  CHECK(evidence(condition(item, "200"), "applicable") == "no");
  CHECK(item.level == Level::safe);

  s.os = os("Windows 11 Enterprise", "10.0.22631");
  s.software = std::vector<Program>{program("Microsoft Office Professional", "16.0.1")};
  CHECK(only_item(judge(p, s)).level == Level::warning);
  CHECK(condition(only_item(judge(p, s)), "100").level == Level::warning);
  CHECK(condition(only_item(judge(p, s)), "200").level == Level::warning);
}

TEST_CASE("eval: specified mode - a scope that cannot be decided follows when_missing") {
  MandatoryUpdate win11 = row("100");
  win11.os = os_scope("Windows 11*");
  auto p = specified_policy({win11});
  const auto& c = first_condition(judge(p, with_updates({})));
  CHECK(c.status == Status::unknown);
  CHECK(evidence(c, "missing") == "os");
}

TEST_CASE("eval: specified mode - without a scan every row follows when_missing") {
  auto p = specified_policy({row("100"), row("200")});
  p.security_updates->when_missing = WhenMissing::level;
  Snapshot s;
  auto j = judge(p, s);
  const auto& item = only_item(j);
  REQUIRE(item.conditions.size() == 2);
  CHECK(evidence(item.conditions[0], "missing") == "updates");
  CHECK(item.level == Level::warning);
}

TEST_CASE("eval: the distribution list holds only what the catalog says can be distributed") {
  PatchCatalog catalog;
  catalog.add(catalog_update("100", {}, false));
  catalog.add(catalog_update("200"));
  auto j = judge(latest_policy(),
                 with_updates({update("300", UpdateState::missing),
                               update("200", UpdateState::missing),
                               update("100", UpdateState::missing)}),
                 {}, &catalog);
  CHECK(only_item(j).conditions.size() == 3);
  // 300 is unknown to the catalog, so nothing says it can be pushed.
  CHECK(j.distribute == std::vector<std::string>{"200"});
}

TEST_CASE("eval: OS service packs - exact and or_later, with normalised names") {
  auto p = policy();
  p.security_updates.emplace();
  ServicePackRule rule;
  rule.os = os_scope("Windows 7*");
  rule.service_pack = "Service Pack 1";
  rule.level = Level::danger;
  p.security_updates->service_packs = {rule};
  auto s = with_updates({});

  s.os = os("Windows 7 Enterprise", "6.1", "SP1");
  const auto& ok = condition(only_item(judge(p, s)), "sp:Windows 7*");
  CHECK(is_safe(ok));
  CHECK(evidence(ok, "service_pack") == "1");
  CHECK(evidence(ok, "required") == "1 or later");

  s.os = os("Windows 7 Enterprise", "6.1", "");
  const auto& none = condition(only_item(judge(p, s)), "sp:Windows 7*");
  CHECK(none.level == Level::danger);
  CHECK(evidence(none, "service_pack") == "0");

  s.os = os("Windows 7 Enterprise", "6.1", "2");
  CHECK(is_safe(condition(only_item(judge(p, s)), "sp:Windows 7*")));
  p.security_updates->service_packs[0].condition = ServicePackCondition::exact;
  CHECK(condition(only_item(judge(p, s)), "sp:Windows 7*").level == Level::danger);

  s.os = os("Windows 10 Pro", "10.0", "");
  CHECK(evidence(condition(only_item(judge(p, s)), "sp:Windows 7*"), "applicable") == "no");

  s.os = os("Windows 7 Enterprise", "6.1", std::nullopt);
  CHECK(condition(only_item(judge(p, s)), "sp:Windows 7*").status == Status::unknown);
}

TEST_CASE("eval: product service packs read the matching program") {
  auto p = policy();
  p.security_updates.emplace();
  ServicePackRule rule;
  rule.product = NamePattern("Microsoft Office 2010*");
  rule.service_pack = "2";
  p.security_updates->service_packs = {rule};
  auto s = with_updates({});
  Program office = program("Microsoft Office 2010 Standard", "14.0");
  office.service_pack = "Service Pack 1";
  s.software = std::vector<Program>{office};
  const auto& c = condition(only_item(judge(p, s)), "sp:Microsoft Office 2010*");
  CHECK(c.level == Level::warning);
  CHECK(evidence(c, "installed") == "Microsoft Office 2010 Standard 14.0 SP1");

  (*s.software)[0].service_pack = "SP2";
  CHECK(is_safe(condition(only_item(judge(p, s)), "sp:Microsoft Office 2010*")));

  s.software = std::vector<Program>{program("LibreOffice", "7.6")};
  CHECK(evidence(condition(only_item(judge(p, s)), "sp:Microsoft Office 2010*"), "applicable") ==
        "no");
}
