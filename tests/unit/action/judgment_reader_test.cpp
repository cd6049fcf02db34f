#include <doctest/doctest.h>

#include "action_fixtures.hpp"
#include "posture/io.hpp"

using namespace posture;
using namespace posture::test;

TEST_CASE("action: judgments read back what write_judgment_json writes") {
  Judgment j = judged("PC-1", Level::danger, day(0), {"5046617"});
  j.action_policy = "Quarantine";
  j.items[0].unknown_as_level = true;
  const std::string line = write_judgment_json(j);
  for (const std::string& text : {line, line + "\n\n" + line + "\n", "[" + line + "," + line + "]",
                                  R"({"format":"posture-judgments/1","judgments":[)" + line +
                                      R"(],"summary":{"clients":1}})"}) {
    auto back = read_judgments_json(text);
    INFO(text);
    REQUIRE(back.ok());
    REQUIRE_FALSE(back->empty());
    const Judgment& r = back->front();
    CHECK(r.asset == j.asset);
    CHECK(r.policy == j.policy);
    CHECK(r.action_policy == j.action_policy);
    CHECK(r.reference_time == j.reference_time);
    CHECK(r.status == j.status);
    CHECK(r.level == j.level);
    CHECK(r.points == j.points);
    CHECK(r.distribute == j.distribute);
    REQUIRE(r.items.size() == 1);
    CHECK(r.items[0].unknown_as_level);
    CHECK(r.items[0].conditions[0].evidence == j.items[0].conditions[0].evidence);
    CHECK(write_judgment_json(r) == line);
  }
}

TEST_CASE("action: every bad judgment line is reported with its own line and message") {
  ReadOptions o;
  o.file_name = "j.jsonl";
  auto r = read_judgments_json(
      "{\"asset\": \"A\", \"reference_time\": \"2026-11-20T08:00:00Z\", \"status\": \"judged\"}\n"
      "{\"asset\": \"B\", \"reference_time\": \"later\", \"status\": \"judged\"}\n"
      "\n"
      "{\"asset\": \"C\", \"reference_time\": \"2026-11-20\", \"status\": \"judged\", \"level\": {\"name\": \"danger\", \"code\": 300}}\n"
      "{not json\n",
      o);
  REQUIRE_FALSE(r.ok());
  const auto& d = r.err().diagnostics();
  REQUIRE(d.size() == 3);
  CHECK(d[0].to_string().starts_with("j.jsonl:2:34: invalid timestamp \"later\" for \"reference_time\""));
  CHECK(d[1].where.line == 4);
  CHECK(d[1].message == "the level code does not match its name");
  CHECK(d[2].where.line == 5);
  CHECK(d[2].where.column == 2);
  CHECK_FALSE(d[2].message.empty());
}
