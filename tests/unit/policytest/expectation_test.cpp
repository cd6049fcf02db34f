#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "posture/testcase.hpp"

using posture::match_expectation;

namespace {

// The shape write_judgment_json produces (spec/formats.md §3).
constexpr const char* judgment = R"({"asset":"PC-1","policy":"Company baseline",
  "reference_time":"2026-11-22T00:00:00Z","status":"judged","level":{"name":"danger","code":400},
  "points":25,
  "items":[{"category":"antivirus","status":"judged","level":{"name":"danger","code":400},
            "conditions":[{"name":"Microsoft Defender Antivirus","status":"judged",
                           "level":{"name":"danger","code":400},
                           "evidence":{"definition_age":"risk: 52 days > 7","resident":"ok"}},
                          {"name":"Other AV","status":"no_item","evidence":{"listed":"no"}}]},
           {"category":"pc_security","status":"unknown","unknown_as_level":false,"conditions":[]}],
  "distribute":["5046617"]})";

bool mentions(const std::vector<std::string>& failures, const std::string& text) {
  for (const auto& f : failures)
    if (f.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("policytest: only the keys present in an expectation are compared") {
  CHECK(match_expectation(judgment, R"({})").empty());
  CHECK(match_expectation(judgment, R"({"status":"judged","level":"danger","points":25})").empty());
  CHECK(match_expectation(judgment, R"({"items":{"antivirus":{"level":"danger"}}})").empty());
  CHECK(match_expectation(judgment, R"({"policy":"Company baseline","asset":"PC-1"})").empty());
}

TEST_CASE("policytest: a difference names its path, the expected and the actual value") {
  const auto f = match_expectation(judgment, R"({"items":{"antivirus":{"level":"warning"}}})");
  REQUIRE(f.size() == 1);
  CHECK(f[0] == "items.antivirus.level: expected warning, got danger");

  const auto g = match_expectation(judgment, R"({"status":"unknown","points":100})");
  CHECK(g.size() == 2);
  CHECK(mentions(g, "status: expected unknown, got judged"));
  CHECK(mentions(g, "points: expected 100, got 25"));
}

TEST_CASE("policytest: null asserts that a level, points or evidence value is absent") {
  CHECK(match_expectation(judgment, R"({"items":{"pc_security":{"level":null}}})").empty());
  CHECK(mentions(match_expectation(judgment, R"({"level":null})"), "level: expected nothing"));
  CHECK(mentions(match_expectation(judgment, R"({"points":null})"), "points: expected nothing"));
  constexpr const char* unjudged = R"({"asset":"PC-1","status":"not_judged","items":[]})";
  CHECK(match_expectation(unjudged, R"({"level":null,"points":null})").empty());
  CHECK(match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{
      "Microsoft Defender Antivirus":{"evidence":{"engine_version":null}}}}}})")
            .empty());
  CHECK_FALSE(match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{
      "Microsoft Defender Antivirus":{"evidence":{"resident":null}}}}}})")
                  .empty());
}

TEST_CASE("policytest: a missing item or condition fails; null asserts it is not there") {
  CHECK(mentions(match_expectation(judgment, R"({"items":{"security_updates":{}}})"),
                 "items.security_updates: missing"));
  CHECK(match_expectation(judgment, R"({"items":{"security_updates":null}})").empty());
  CHECK(mentions(match_expectation(judgment, R"({"items":{"antivirus":null}})"),
                 "items.antivirus: expected no such item"));

  const auto f =
      match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{"Sophos":{}}}}})");
  REQUIRE(f.size() == 1);
  CHECK(mentions(f, R"(items.antivirus.conditions["Sophos"]: missing)"));
  CHECK(mentions(f, R"("Microsoft Defender Antivirus", "Other AV")"));
  CHECK(match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{"Sophos":null}}}})")
            .empty());
  CHECK_FALSE(
      match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{"Other AV":null}}}})")
          .empty());
}

TEST_CASE("policytest: conditions are matched by name, with status, level and evidence") {
  CHECK(match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{
      "Other AV":{"status":"no_item","level":null,"evidence":{"listed":"no"}},
      "Microsoft Defender Antivirus":{"status":"judged","level":"danger"}}}}})")
            .empty());
  CHECK(mentions(match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{
      "Other AV":{"status":"judged"}}}}})"),
                 R"(items.antivirus.conditions["Other AV"].status: expected judged, got no_item)"));
}

TEST_CASE("policytest: an evidence value matches when the expected text is its prefix") {
  auto av = [](const std::string& age) {
    return std::string(R"({"items":{"antivirus":{"conditions":{"Microsoft Defender Antivirus":)") +
           R"({"evidence":{"definition_age":")" + age + R"("}}}}}})";
  };
  CHECK(match_expectation(judgment, av("risk")).empty());
  CHECK(match_expectation(judgment, av("risk: 52 days > 7")).empty());
  CHECK(mentions(match_expectation(judgment, av("ok")), R"(expected a value starting with "ok")"));
  CHECK_FALSE(match_expectation(judgment, av("risk: 52 days > 7 and more")).empty());
  CHECK(mentions(match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{
      "Microsoft Defender Antivirus":{"evidence":{"product_version":"ok"}}}}}})"),
                 "got nothing"));
}

TEST_CASE("policytest: distribute and condition_names compare whole lists in order") {
  CHECK(match_expectation(judgment, R"({"distribute":["5046617"]})").empty());
  CHECK(mentions(match_expectation(judgment, R"({"distribute":[]})"),
                 R"(distribute: expected [], got ["5046617"])"));
  CHECK_FALSE(match_expectation(judgment, R"({"distribute":["5046617","5044284"]})").empty());
  // A writer that leaves out an empty list means the same as writing [].
  CHECK(match_expectation(R"({"status":"judged"})", R"({"distribute":[]})").empty());

  CHECK(match_expectation(judgment, R"({"items":{"antivirus":{
      "condition_names":["Microsoft Defender Antivirus","Other AV"]}}})")
            .empty());
  CHECK_FALSE(match_expectation(judgment, R"({"items":{"antivirus":{
      "condition_names":["Other AV","Microsoft Defender Antivirus"]}}})")
                  .empty());
  CHECK_FALSE(match_expectation(judgment, R"({"items":{"pc_security":{"condition_names":["x"]}}})")
                  .empty());
}

TEST_CASE("policytest: unknown_as_level is false unless the judgment sets it") {
  CHECK(match_expectation(judgment, R"({"items":{"pc_security":{"unknown_as_level":false},
      "antivirus":{"unknown_as_level":false}}})")
            .empty());
  CHECK(mentions(match_expectation(judgment, R"({"items":{"antivirus":{"unknown_as_level":true}}})"),
                 "items.antivirus.unknown_as_level: expected true, got false"));
}

TEST_CASE("policytest: a malformed expectation is reported with its line and column") {
  auto f = match_expectation(judgment, "{\"status\": \"judged\",\n \"levle\": \"safe\"}");
  REQUIRE(f.size() == 1);
  CHECK(f[0].starts_with(R"(expect:2:2: unknown key "levle" in expect)"));
  CHECK(mentions(f, R"(did you mean "level"?)"));

  f = match_expectation(judgment, R"({"level":"Danger"})");
  CHECK(mentions(f, R"(invalid value "Danger" for "level")"));
  f = match_expectation(judgment, R"({"items":{"anti_virus":{}}})");
  CHECK(mentions(f, R"(unknown category "anti_virus" in items)"));
  CHECK(mentions(f, R"(did you mean "antivirus"?)"));
  f = match_expectation(judgment, R"({"points":"25"})");
  CHECK(mentions(f, "points"));
  f = match_expectation(judgment, R"({"items":{"antivirus":{"conditions":{"x":{"evidence":{"a":1}}}}}})");
  CHECK(mentions(f, R"(expected a string or null for "items.antivirus.conditions.x.evidence.a")"));
  f = match_expectation(judgment, R"({"status":"judged","status":"unknown"})");
  CHECK(mentions(f, R"(duplicate key "status")"));
  f = match_expectation(judgment, R"({"status":)");
  REQUIRE(f.size() == 1);
  CHECK(mentions(f, "expect:1:11: invalid JSON"));
  CHECK_FALSE(match_expectation("not json", "{}").empty());
}
