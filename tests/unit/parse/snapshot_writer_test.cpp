#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "posture/io.hpp"

using namespace posture;

namespace {

Snapshot read_ok(std::string_view text) {
  auto r = read_snapshot_json(text);
  INFO((r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

// Compares snapshots by their canonical text, which covers every member.
void check_round_trip(const Snapshot& s) {
  for (JsonStyle style : {JsonStyle::compact, JsonStyle::pretty}) {
    std::string text = write_snapshot_json(s, style);
    Snapshot again = read_ok(text);
    CHECK(write_snapshot_json(again, JsonStyle::compact) ==
          write_snapshot_json(s, JsonStyle::compact));
  }
}

}  // namespace

TEST_CASE("snapshot writer: the full inventory document round-trips") {
  auto text = read_file(std::string(POSTURE_TEST_DATA_DIR) + "/parse/snapshot-full.json");
  REQUIRE(text.ok());
  Snapshot s = read_ok(*text);
  check_round_trip(s);
  Snapshot again = read_ok(write_snapshot_json(s));
  CHECK(again.fields.size() == s.fields.size());
  CHECK(again.fields[0].first == "scanner_build");
  CHECK(again.field("Tags")->text == R"(["a",{"b":null}])");
  CHECK(again.settings.firewall->at(1).profile == "private");
  CHECK_FALSE(again.settings.firewall->at(1).enabled);
  CHECK(again.updates->items[0].bulletin == "24-100");
}

TEST_CASE("snapshot writer: a minimal snapshot writes only what it has") {
  Snapshot s;
  s.asset = "PC-1";
  CHECK(write_snapshot_json(s) ==
        R"({"format":"posture-inventory/1","asset":"PC-1","managed":true})");
  s.managed = false;
  s.os = OsInfo{};
  s.software = std::vector<Program>{};
  s.settings.firewall = std::vector<FirewallProfile>{{"public", std::nullopt}};
  CHECK(write_snapshot_json(s) ==
        R"({"format":"posture-inventory/1","asset":"PC-1","managed":false,"os":{},"software":[],)"
        R"("settings":{"firewall":{"public":null}}})");
  check_round_trip(s);
}

TEST_CASE("snapshot writer: hostile strings and hand-built fields still give valid JSON") {
  Snapshot s;
  s.asset = std::string("PC\"\n\x01\xFF", 6);
  s.host = "h\\";
  s.fields.emplace_back("bad json", FieldValue::of_json("{oops"));
  s.fields.emplace_back("nan", FieldValue::of_number(std::numeric_limits<double>::quiet_NaN()));
  s.fields.emplace_back("n", FieldValue::of_number(1.25));
  std::string text = write_snapshot_json(s);
  CHECK(text ==
        "{\"format\":\"posture-inventory/1\",\"asset\":\"PC\\\"\\n\\u0001\xEF\xBF\xBD\","
        "\"host\":\"h\\\\\",\"managed\":true,\"fields\":{\"bad json\":\"{oops\",\"nan\":null,"
        "\"n\":1.25}}");
  Snapshot again = read_ok(text);
  CHECK(again.asset == "PC\"\n\x01\xEF\xBF\xBD");
  CHECK(again.field("bad json")->kind == FieldValue::Kind::string);
  CHECK(again.field("nan")->kind == FieldValue::Kind::null);
  CHECK(again.field("n")->number == 1.25);
}

TEST_CASE("snapshot json: times that cannot be written back are refused") {
  // Zone offsets that leave the years 0001-9999 once the time is in UTC.
  for (const char* doc : {R"({"asset": "A", "collected_at": "9999-12-31T23:59:59-23:59"})",
                          R"({"asset": "A", "collected_at": "0001-01-01T00:00:00+01:00"})",
                          R"({"asset": "A", "antivirus": [{"name": "x",
                               "definition_date": "0001-01-01T00:30:00+01:00"}]})"})
    CHECK_FALSE(read_snapshot_json(doc).ok());
  Snapshot edge = read_ok(R"({"asset": "A", "collected_at": "9999-12-31T23:59:59Z",
                              "antivirus": [{"name": "x", "definition_date": "0001-01-01"}]})");
  check_round_trip(edge);
}

TEST_CASE("snapshot writer: pretty output is indented JSON that reads back") {
  Snapshot s;
  s.asset = "A";
  s.ip = {"10.0.0.1"};
  CHECK(write_snapshot_json(s, JsonStyle::pretty) ==
        "{\n  \"format\": \"posture-inventory/1\",\n  \"asset\": \"A\",\n  \"ip\": [\n"
        "    \"10.0.0.1\"\n  ],\n  \"managed\": true\n}");
}
