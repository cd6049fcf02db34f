// Missing data (spec/judgment.md §9.9): absent values, short-circuit and three-valued logic.
#include <doctest/doctest.h>

#include "fixture.hpp"

using expr_test::evidence;
using expr_test::run;
using expr_test::snapshot;
using expr_test::truth;
using expr_test::Truth;

namespace {
// An unknown condition: it reads a field the snapshot does not have.
constexpr const char* M = R"(fields["Not.Collected"] == "x")";

std::string with(const char* a, const char* op, const char* b) {
  return std::string(a) + " " + op + " " + b;
}
}  // namespace

TEST_CASE("expr: and/or follow Kleene's three-valued logic") {
  CHECK(truth(M) == Truth::missing);
  CHECK(truth(with("false", "and", M)) == Truth::no);
  CHECK(truth(with(M, "and", "false")) == Truth::no);
  CHECK(truth(with("true", "and", M)) == Truth::missing);
  CHECK(truth(with(M, "and", "true")) == Truth::missing);
  CHECK(truth(with(M, "and", M)) == Truth::missing);
  CHECK(truth(with("true", "or", M)) == Truth::yes);
  CHECK(truth(with(M, "or", "true")) == Truth::yes);
  CHECK(truth(with("false", "or", M)) == Truth::missing);
  CHECK(truth(with(M, "or", "false")) == Truth::missing);
  CHECK(truth(with(M, "or", M)) == Truth::missing);
  CHECK(truth(std::string("not ") + M) == Truth::missing);
  CHECK(truth(std::string("not not ") + M) == Truth::missing);
  CHECK(truth(std::string("(") + M + " or true) and " + M + " and false") == Truth::no);
}

TEST_CASE("expr: evaluation short-circuits left to right") {
  auto outcome = run(R"(host == "elsewhere" and os.name == "Windows 11 Pro")");
  CHECK(outcome.truth == Truth::no);
  CHECK(evidence(outcome, "host") == "kobe-eng-12");
  CHECK(evidence(outcome, "os.name") == "<none>");  // never read

  outcome = run(R"(host == "kobe-eng-12" or fields["Not.Collected"] == "x")");
  CHECK(outcome.truth == Truth::yes);
  CHECK(outcome.evidence.size() == 1);
}

TEST_CASE("expr: an absent field makes the outcome missing only when a comparison reads it") {
  posture::Snapshot s = snapshot();
  s.os.reset();
  CHECK(truth(R"(os.name == "Windows 11 Pro")", s) == Truth::missing);
  CHECK(truth("exists(os.name)", s) == Truth::no);
  CHECK(truth(R"(not exists(os.name) or os.name == "x")", s) == Truth::yes);
  CHECK(truth(R"(exists(os.name) and os.name == "x")", s) == Truth::no);
  CHECK(truth(R"(os.name matches "Windows*")", s) == Truth::missing);
  CHECK(truth(R"(os.name contains "x")", s) == Truth::missing);
  CHECK(truth(R"(os.name starts_with "x")", s) == Truth::missing);
  CHECK(truth(R"(os.arch in ["x64"])", s) == Truth::missing);
  CHECK(truth(R"(lower(os.name) == "x")", s) == Truth::missing);
  CHECK(truth(R"(version(os.name) > v"1")", s) == Truth::missing);
  auto outcome = run(R"(os.version < v"10")", s);
  CHECK(evidence(outcome, "os.version") == "(absent)");
}

TEST_CASE("expr: exists() reports presence without reading") {
  posture::Snapshot s = snapshot();
  CHECK(truth("exists(os.version)") == Truth::yes);
  CHECK(truth("exists(settings.screensaver.timeout_min)") == Truth::yes);
  CHECK(truth(R"(exists(fields["Hardware information.CPU"]))") == Truth::yes);
  CHECK(truth(R"(exists(fields["Nope"]))") == Truth::no);
  CHECK(truth("exists(software) and exists(updates)") == Truth::yes);
  s.software.reset();
  s.settings.screensaver.reset();
  CHECK(truth("exists(software)", s) == Truth::no);
  CHECK(truth("exists(settings.screensaver.timeout_min)", s) == Truth::no);
  auto outcome = run(R"(exists(fields["Nope"]))");
  CHECK(evidence(outcome, R"(exists(fields["Nope"]))") == "false");
}

TEST_CASE("expr: JSON null counts as absent") {
  auto outcome = run(R"(fields["Asset.Note"] == "x")");
  CHECK(outcome.truth == Truth::missing);
  CHECK(evidence(outcome, R"(fields["Asset.Note"])") == "(null)");
  CHECK(truth(R"(exists(fields["Asset.Note"]))") == Truth::no);
}

TEST_CASE("expr: empty plain text counts as absent, an empty optional value does not") {
  posture::Snapshot s = snapshot();
  s.user.clear();
  CHECK(truth(R"(user == "")", s) == Truth::missing);
  CHECK(truth("exists(user)", s) == Truth::no);
  CHECK(truth(R"(os.service_pack == "")", s) == Truth::yes);  // reported as "no service pack"
  CHECK(truth("exists(os.service_pack)", s) == Truth::yes);
}

TEST_CASE("expr: fields values convert to the type they meet") {
  CHECK(truth(R"(fields["Hardware information.CPU"] == "Intel Core i5-1135G7")") == Truth::yes);
  CHECK(truth(R"(fields["Hardware information.Memory"] >= 8192)") == Truth::yes);
  CHECK(truth(R"(fields["Asset.Count"] == 42)") == Truth::yes);  // numeric text
  CHECK(truth(R"(fields["Asset.Count"] == "42")") == Truth::yes);
  CHECK(truth(R"(fields["Asset.Leased"])") == Truth::yes);
  CHECK(truth(R"(fields["Asset.Leased"] == true and not not fields["Asset.Leased"])") ==
        Truth::yes);
  CHECK(truth(R"(fields["Asset.PurchaseDate"] < d"2024-01-01")") == Truth::yes);
  CHECK(truth(R"(fields["Registry.AutoAdminLogon"] == "1")") == Truth::no);
}

TEST_CASE("expr: a fields value of the wrong type is missing, and the evidence says why") {
  auto outcome = run(R"(fields["Hardware information.Memory"] == "16384")");
  CHECK(outcome.truth == Truth::missing);
  CHECK(evidence(outcome, R"(fields["Hardware information.Memory"])") ==
        "16384 (not a string)");
  outcome = run(R"(fields["Hardware information.CPU"] > 4)");
  CHECK(outcome.truth == Truth::missing);
  CHECK(evidence(outcome, R"(fields["Hardware information.CPU"])") ==
        "Intel Core i5-1135G7 (not a number)");
  CHECK(truth(R"(fields["Asset.Tags"] contains "a")") == Truth::missing);
  CHECK(truth(R"(fields["Hardware information.CPU"])") == Truth::missing);
  CHECK(truth(R"(age(fields["Hardware information.CPU"]) > 1d)") == Truth::missing);
  // A mismatch is missing data like any other: a decisive operand still decides.
  CHECK(truth(R"(fields["Hardware information.CPU"] > 4 and false)") == Truth::no);
}

TEST_CASE("expr: two fields values compare by their run-time kinds") {
  CHECK(truth(R"(fields["Asset.Count"] == fields["Asset.Count"])") == Truth::yes);
  CHECK(truth(R"(fields["Hardware information.Memory"] > fields["Hardware information.Memory"])") ==
        Truth::no);
  CHECK(truth(R"(fields["Asset.Leased"] != fields["Asset.Leased"])") == Truth::no);
  const char* cpu_is_memory =
      R"(fields["Hardware information.CPU"] == fields["Hardware information.Memory"])";
  auto outcome = run(cpu_is_memory);
  CHECK(outcome.truth == Truth::missing);
  CHECK(evidence(outcome, cpu_is_memory) == "cannot compare string with number");
  CHECK(truth(R"(fields["Asset.Leased"] < fields["Asset.Leased"])") == Truth::missing);
  CHECK(truth(R"(fields["Asset.Tags"] == fields["Asset.Tags"])") == Truth::missing);
}
