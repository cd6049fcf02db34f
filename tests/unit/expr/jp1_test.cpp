// JP1/CSC user definitions (UserDefJudge rows) translated to the condition language.
#include <doctest/doctest.h>

#include "fixture.hpp"

using posture::WhenMissing;
using posture::expr::Jp1Condition;
using posture::expr::translate_jp1_conditions;
using expr_test::truth;
using expr_test::Truth;

TEST_CASE("expr: JP1 conditions become comparisons of fields, joined with and") {
  std::vector<Jp1Condition> rows{
      {"Hardware information", "CPU", "Do not match", "31002", ""},
      {"Hardware information", "CPU", "Do not match", "31003", ""},
  };
  auto t = translate_jp1_conditions(rows);
  REQUIRE(t.ok());
  CHECK(t->when ==
        R"(fields["Hardware information.CPU"] != "31002" and )"
        R"(fields["Hardware information.CPU"] != "31003")");
  CHECK(t->when_missing == WhenMissing::unknown);
  CHECK(truth(t->when) == Truth::yes);
}

TEST_CASE("expr: JP1 comparison names map to operators; orderings compare numbers and dates") {
  auto one = [](std::string comparison, std::string value) {
    std::vector<Jp1Condition> rows{{"Asset", "Count", std::move(comparison), std::move(value), ""}};
    auto t = translate_jp1_conditions(rows);
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : t.err().to_string()));
    return t->when;
  };
  CHECK(one("Match", "42") == R"(fields["Asset.Count"] == "42")");
  CHECK(one("match", "42") == R"(fields["Asset.Count"] == "42")");
  CHECK(one("Greater than", "40") == R"(fields["Asset.Count"] > 40)");
  CHECK(one("Greater than or equal to", "-5") == R"(fields["Asset.Count"] >= -5)");
  CHECK(one("Less than", "2024/01/31") == R"(fields["Asset.Count"] < d"2024-01-31")");
  CHECK(one("Less than or equal to", "abc") == R"(fields["Asset.Count"] <= "abc")");
  CHECK(one("<>", "a\"b\\c") == R"(fields["Asset.Count"] != "a\"b\\c")");
  CHECK(one("Contains", "4") == R"(fields["Asset.Count"] contains "4")");
  CHECK(one("Starts with", "4") == R"(fields["Asset.Count"] starts_with "4")");
  CHECK(one("\xE4\xBB\xA5\xE4\xB8\x8A", "42") == R"(fields["Asset.Count"] >= 42)");  // 以上
  CHECK(truth(one("Greater than", "40")) == Truth::yes);
  CHECK(truth(one("Contains", "4")) == Truth::yes);
}

TEST_CASE("expr: JP1 treatments of an unset property") {
  std::vector<Jp1Condition> rows{
      {"Registry", "AutoAdminLogon", "Match", "1", "level"},
      {"Registry", "AutoLogonCount", "Greater than", "0", "safe"},
      {"Hardware information", "CPU", "Match", "x", "No judgment item"},
  };
  auto t = translate_jp1_conditions(rows);
  REQUIRE(t.ok());
  CHECK(t->when ==
        R"((not exists(fields["Registry.AutoAdminLogon"]) or )"
        R"(fields["Registry.AutoAdminLogon"] == "1") and )"
        R"((exists(fields["Registry.AutoLogonCount"]) and )"
        R"(fields["Registry.AutoLogonCount"] > 0) and )"
        R"(fields["Hardware information.CPU"] == "x")");
  CHECK(t->when_missing == WhenMissing::no_item);

  // "level": an unset property counts as a violation; "safe": it does not.
  std::vector<Jp1Condition> unset_level{{"Not", "Collected", "Match", "1", "Level"}};
  CHECK(truth(translate_jp1_conditions(unset_level)->when) == Truth::yes);
  std::vector<Jp1Condition> unset_safe{{"Not", "Collected", "Match", "1", "Safe"}};
  CHECK(truth(translate_jp1_conditions(unset_safe)->when) == Truth::no);
  std::vector<Jp1Condition> unset_unknown{{"Not", "Collected", "Match", "1", "Unknown"}};
  CHECK(truth(translate_jp1_conditions(unset_unknown)->when) == Truth::missing);
}

TEST_CASE("expr: JP1 rows with unknown comparisons or treatments are errors, all reported") {
  std::vector<Jp1Condition> rows{
      {"Hardware information", "CPU", "Bigger", "1", ""},
      {"", "CPU", "Match", "1", ""},
      {"Registry", "X", "Match", "1", "ignore"},
      {"Registry", "Y", "Match", "1", "unknown"},
      {"Registry", "Z", "Match", "1", "no_item"},
  };
  auto t = translate_jp1_conditions(rows);
  REQUIRE_FALSE(t.ok());
  CHECK(t.err().code() == posture::errc::check);
  CHECK(t.err().to_string() ==
        "condition 1: unknown comparison \"Bigger\"; expected Match, Do not match, Less than, "
        "Less than or equal to, Greater than, Greater than or equal to, Contains or Starts with\n"
        "condition 2: the class name is empty\n"
        "condition 3: unknown treatment of an unset property \"ignore\"; expected level, safe, "
        "unknown or no_item\n"
        "condition 5: treats an unset property as no_item but condition 4 as unknown; one item "
        "can have only one of the two");
  CHECK_FALSE(translate_jp1_conditions({}).ok());
}

TEST_CASE("expr: every JP1 translation compiles") {
  std::vector<Jp1Condition> rows{
      {" Odd \"class\" ", "prop\\erty\nx", "Match", "line\nfeed\ttab", "safe"},
      {"C", "P", "or more", "2026-11-01", "level"},
  };
  auto t = translate_jp1_conditions(rows);
  REQUIRE(t.ok());
  CHECK(posture::expr::compile(t->when, {}).ok());
}
