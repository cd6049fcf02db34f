#include <doctest/doctest.h>

#include <string>

#include "parse/json_tree.hpp"
#include "posture/io.hpp"

using namespace posture;

namespace {

Judgment sample() {
  Judgment j;
  j.asset = "PC-1";
  j.policy = "Company baseline";
  j.action_policy = "Quarantine";
  j.reference_time = *parse_timestamp("2026-11-22T00:00:00Z");
  j.status = Status::judged;
  j.level = Level::danger;
  j.points = 25;
  ItemResult item;
  item.category = Category::antivirus;
  item.status = Status::judged;
  item.level = Level::danger;
  ConditionResult c;
  c.name = "Microsoft Defender Antivirus";
  c.status = Status::judged;
  c.level = Level::danger;
  c.evidence = {
      {"definition_date", "2026-10-01"}, {"age_days", "52"}, {"max_definition_age_days", "7"}};
  item.conditions.push_back(c);
  j.items.push_back(item);
  j.distribute = {"5046617"};
  return j;
}

}  // namespace

TEST_CASE("judgment writer: compact output is the one-line record of the format spec") {
  CHECK(
      write_judgment_json(sample()) ==
      R"({"asset":"PC-1","policy":"Company baseline","action_policy":"Quarantine",)"
      R"("reference_time":"2026-11-22T00:00:00Z","status":"judged",)"
      R"("level":{"name":"danger","code":400},"points":25,)"
      R"("items":[{"category":"antivirus","status":"judged","level":{"name":"danger","code":400},)"
      R"("conditions":[{"name":"Microsoft Defender Antivirus","status":"judged",)"
      R"("level":{"name":"danger","code":400},)"
      R"("evidence":{"definition_date":"2026-10-01","age_days":"52","max_definition_age_days":"7"}}]}],)"
      R"("distribute":["5046617"]})");
}

TEST_CASE("judgment writer: absent level and points are null, unknown_as_level only when set") {
  Judgment j;
  j.asset = "PC-2";
  j.policy = "P";
  j.status = Status::not_judged;
  CHECK(write_judgment_json(j) ==
        R"({"asset":"PC-2","policy":"P","reference_time":"1970-01-01T00:00:00Z",)"
        R"("status":"not_judged","level":null,"points":null,"items":[],"distribute":[]})");

  ItemResult unknown;
  unknown.category = Category::user_defined;
  unknown.status = Status::judged;
  unknown.level = Level::warning;
  unknown.unknown_as_level = true;
  ConditionResult c;
  c.name = "x";
  c.status = Status::unknown;
  unknown.conditions.push_back(c);
  j.items.push_back(unknown);
  CHECK(write_judgment_json(j).find(
            R"({"category":"user_defined","status":"judged","level":{"name":"warning","code":300},)"
            R"("unknown_as_level":true,"conditions":[{"name":"x","status":"unknown","level":null,)"
            R"("evidence":{}}]})") != std::string::npos);
}

TEST_CASE("judgment writer: pretty output indents by two spaces and parses") {
  std::string pretty = write_judgment_json(sample(), JsonStyle::pretty);
  CHECK(pretty.starts_with("{\n  \"asset\": \"PC-1\",\n  \"policy\": \"Company baseline\",\n"));
  CHECK(pretty.find("\n  \"level\": {\n    \"name\": \"danger\",\n    \"code\": 400\n  },\n") !=
        std::string::npos);
  CHECK(pretty.ends_with("  \"distribute\": [\n    \"5046617\"\n  ]\n}"));
  json::Limits l{pretty.size(), 64, pretty.size(), "max_document_bytes"};
  CHECK_FALSE(json::parse_value(pretty, l).failure);
  CHECK(write_judgment_json(sample()).find('\n') == std::string::npos);
}

TEST_CASE("judgment writer: hostile evidence stays one valid line") {
  Judgment j = sample();
  j.asset = "evil\n\"asset\":\xFF";
  j.items[0].conditions[0].evidence.push_back({"k\r\n", std::string("\0v", 2)});
  std::string line = write_judgment_json(j);
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find(R"("asset":"evil\n\"asset\":)"
                  "\xEF\xBF\xBD\"") != std::string::npos);
  CHECK(line.find(R"("k\r\n":"\u0000v")") != std::string::npos);
  json::Limits l{line.size(), 64, line.size(), "max_document_bytes"};
  CHECK_FALSE(json::parse_value(line, l).failure);
}
