#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

UserDefinedItem item(std::string name, std::string when, Level level = Level::warning,
                     WhenMissing when_missing = WhenMissing::unknown) {
  UserDefinedItem i;
  i.name = std::move(name);
  i.when = std::move(when);
  i.level = level;
  i.when_missing = when_missing;
  return i;
}

JudgmentPolicy user_policy(std::vector<UserDefinedItem> items) {
  auto p = policy();
  p.user_defined.emplace();
  p.user_defined->items = std::move(items);
  return p;
}

Snapshot auto_logon(std::optional<std::string> value) {
  Snapshot s;
  s.os = os("Windows 11 Pro");
  if (value) s.fields.emplace_back("Registry.AutoAdminLogon", FieldValue::of_string(*value));
  return s;
}

}  // namespace

TEST_CASE("eval: user-defined - a true condition is a violation at the item level") {
  auto p = user_policy({item("Automatic logon", R"(fields["Registry.AutoAdminLogon"] == "1")"),
                        item("Old OS", R"(os.name matches "Windows 7*")", Level::danger)});
  auto result = only_item(judge(p, auto_logon("1")));
  REQUIRE(result.conditions.size() == 2);
  const auto& logon = result.conditions[0];
  CHECK(logon.name == "Automatic logon");
  CHECK(logon.level == Level::warning);
  CHECK_FALSE(logon.evidence.empty());
  CHECK(is_safe(result.conditions[1]));
  CHECK(result.level == Level::warning);

  CHECK(only_item(judge(p, auto_logon("0"))).level == Level::safe);
}

TEST_CASE("eval: user-defined - an absent field follows the item's when_missing") {
  auto unknown = user_policy({item("Automatic logon", R"(fields["Registry.AutoAdminLogon"] == "1")")});
  auto c = first_condition(judge(unknown, auto_logon(std::nullopt)));
  CHECK(c.status == Status::unknown);
  CHECK_FALSE(c.level);

  auto safe = user_policy({item("Automatic logon", R"(fields["Registry.AutoAdminLogon"] == "1")",
                                Level::warning, WhenMissing::safe)});
  CHECK(is_safe(first_condition(judge(safe, auto_logon(std::nullopt)))));
  auto level = user_policy({item("Automatic logon", R"(fields["Registry.AutoAdminLogon"] == "1")",
                                 Level::caution, WhenMissing::level)});
  CHECK(first_condition(judge(level, auto_logon(std::nullopt))).level == Level::caution);
}

TEST_CASE("eval: user-defined - a switched-off item is listed and not evaluated") {
  auto off = item("Automatic logon", R"(fields["Registry.AutoAdminLogon"] == "1")");
  off.enabled = false;
  auto p = user_policy({off, item("Old OS", R"(os.name matches "Windows 7*")")});
  auto result = only_item(judge(p, auto_logon("1")));
  REQUIRE(result.conditions.size() == 2);
  CHECK(result.conditions[0].status == Status::not_target);
  CHECK_FALSE(result.conditions[0].level);
  CHECK(result.level == Level::safe);
}

TEST_CASE("eval: user-defined - an item with every condition switched off is no_item") {
  auto off = item("Automatic logon", R"(fields["Registry.AutoAdminLogon"] == "1")");
  off.enabled = false;
  CHECK(only_item(judge(user_policy({off}), auto_logon("1"))).status == Status::no_item);
}
