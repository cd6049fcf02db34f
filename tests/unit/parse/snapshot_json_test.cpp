#include <doctest/doctest.h>

#include <string>

#include "parse_test_util.hpp"
#include "posture/io.hpp"

using namespace posture;
using posture::test::first_problem;
using posture::test::problems;

namespace {

Snapshot read_ok(std::string_view text) {
  auto r = read_snapshot_json(text);
  INFO((r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

error read_bad(std::string_view text, const ReadOptions& options = {}) {
  auto r = read_snapshot_json(text, options);
  REQUIRE_FALSE(r.ok());
  return std::move(r).err();
}

std::string full_snapshot() {
  auto text = read_file(std::string(POSTURE_TEST_DATA_DIR) + "/parse/snapshot-full.json");
  REQUIRE(text.ok());
  return std::move(text).value();
}

}  // namespace

TEST_CASE("snapshot json: every key of the inventory format is read") {
  Snapshot s = read_ok(full_snapshot());
  CHECK(s.asset == "PC-004711");
  CHECK(s.host == "kobe-eng-12");
  CHECK(s.user == "sato");
  CHECK(s.group == "Kobe/Engineering");
  CHECK(s.ip == std::vector<std::string>{"10.20.30.41", "fe80::1"});
  CHECK(s.mac == std::vector<std::string>{"00:1a:2b:3c:4d:5e"});
  CHECK(s.location == "Kobe 2F");
  REQUIRE(s.collected_at);
  CHECK(format_timestamp(*s.collected_at) == "2026-11-20T08:15:00Z");
  CHECK(s.agent_version == "12.0.1");
  CHECK(s.managed);

  REQUIRE(s.os);
  CHECK(s.os->name == "Windows 11 Pro");
  CHECK(s.os->version == "10.0.22631.4460");
  CHECK(s.os->service_pack == "");
  CHECK(s.os->arch == "x64");

  REQUIRE(s.updates);
  CHECK(format_timestamp(*s.updates->scanned_at) == "2026-11-20T08:10:00Z");
  CHECK(s.updates->source == "wua");
  CHECK(s.updates->complete);
  REQUIRE(s.updates->items.size() == 2);
  const auto& u0 = s.updates->items[0];
  CHECK(u0.id == "5046617");
  CHECK(u0.bulletin == "24-100");
  CHECK(u0.severity == Severity::critical);
  CHECK(u0.classification == "Security Updates");
  CHECK(u0.title == "2024-11 Cumulative Update");
  CHECK(u0.state == UpdateState::missing);
  CHECK(s.updates->items[1].state == UpdateState::installed);
  CHECK(s.updates->items[1].severity == Severity::unspecified);

  REQUIRE(s.software);
  REQUIRE(s.software->size() == 2);
  CHECK((*s.software)[0].name == "Mozilla Firefox (x64 en-US)");
  CHECK((*s.software)[0].version == "132.0.1");
  CHECK((*s.software)[0].publisher == "Mozilla");
  CHECK_FALSE((*s.software)[0].service_pack);
  CHECK_FALSE((*s.software)[1].version);
  CHECK((*s.software)[1].service_pack == "2");

  REQUIRE(s.antivirus);
  REQUIRE(s.antivirus->size() == 1);
  const auto& av = (*s.antivirus)[0];
  CHECK(av.name == "Microsoft Defender Antivirus");
  CHECK(av.product_version == "4.18.24090.11");
  CHECK(av.engine_version == "1.1.24090.11");
  CHECK(av.definition_version == "1.421.123.0");
  CHECK(av.definition_date == make_date(2026, 11, 19));
  CHECK(av.resident == true);

  const Settings& st = s.settings;
  CHECK(st.accounts->guest_enabled == false);
  CHECK(st.accounts->admin_renamed == true);
  CHECK(st.passwords->min_length == 12);
  CHECK(st.passwords->complexity == true);
  REQUIRE(st.passwords->accounts->size() == 2);
  CHECK((*st.passwords->accounts)[0].last_changed == make_date(2026, 9, 1));
  CHECK((*st.passwords->accounts)[0].blank == false);
  CHECK((*st.passwords->accounts)[1].never_expires == true);
  CHECK_FALSE((*st.passwords->accounts)[1].blank);
  CHECK_FALSE((*st.passwords->accounts)[1].last_changed);
  CHECK(st.logon->auto_logon == false);
  CHECK(st.logon->show_last_user == true);
  REQUIRE(st.shares->size() == 2);
  CHECK((*st.shares)[0].everyone_write == true);
  CHECK_FALSE((*st.shares)[1].everyone_write);
  CHECK(st.anonymous->restrict == 1);
  CHECK((*st.services)[0].name == "RemoteRegistry");
  CHECK((*st.services)[0].running == false);
  REQUIRE(st.firewall->size() == 3);
  CHECK((*st.firewall)[0].profile == "domain");
  CHECK((*st.firewall)[0].enabled == true);
  CHECK((*st.firewall)[1].profile == "private");
  CHECK_FALSE((*st.firewall)[1].enabled);
  CHECK((*st.firewall)[2].enabled == false);
  CHECK(st.automatic_updates->mode == AutoUpdateMode::auto_install);
  CHECK(st.screensaver->enabled == true);
  CHECK(st.screensaver->password == true);
  CHECK(st.screensaver->timeout_min == 10);
  REQUIRE(st.encryption->size() == 2);
  CHECK((*st.encryption)[0].system == true);
  CHECK((*st.encryption)[1].drive == "D:");
  CHECK_FALSE((*st.encryption)[1].system);
  CHECK((*st.encryption)[1].encrypted == false);

  // Unknown top-level keys and `fields` entries, in document order.
  REQUIRE(s.fields.size() == 8);
  CHECK(s.fields[0].first == "scanner_build");
  CHECK(s.fields[0].second.kind == FieldValue::Kind::number);
  CHECK(s.fields[0].second.number == 4711);
  CHECK(s.fields[1].first == "Hardware information.CPU");
  CHECK(s.fields[1].second.text == "Intel Core i5-1135G7");
  CHECK(s.field("Registry.AutoAdminLogon")->kind == FieldValue::Kind::string);
  CHECK(s.field("RAM_GB")->number == 16);
  CHECK(s.field("Docked")->kind == FieldValue::Kind::boolean);
  CHECK_FALSE(s.field("Docked")->boolean);
  CHECK(s.field("Tags")->kind == FieldValue::Kind::json);
  CHECK(s.field("Tags")->text == R"(["a",{"b":null}])");
  CHECK(s.field("Empty")->kind == FieldValue::Kind::null);
  CHECK(s.fields[7].first == "x_vendor");
  CHECK(s.fields[7].second.text == R"({"k":1})");
  CHECK_FALSE(s.field("edition_id"));  // unknown keys inside known sections are ignored
}

TEST_CASE("snapshot json: only the asset is required; absent sections stay absent") {
  Snapshot s = read_ok(R"({"asset": "A"})");
  CHECK(s.asset == "A");
  CHECK(s.managed);
  CHECK(s.host.empty());
  CHECK_FALSE(s.collected_at);
  CHECK_FALSE(s.agent_version);
  CHECK_FALSE(s.os);
  CHECK_FALSE(s.updates);
  CHECK_FALSE(s.software);
  CHECK_FALSE(s.antivirus);
  CHECK_FALSE(s.settings.accounts);
  CHECK_FALSE(s.settings.firewall);
  CHECK(s.fields.empty());

  Snapshot empty = read_ok(R"({"asset": "A", "software": [], "antivirus": [], "updates": {},
                               "settings": {"firewall": {}}, "managed": false})");
  CHECK(empty.software->empty());
  CHECK(empty.antivirus->empty());
  CHECK(empty.updates->items.empty());
  CHECK_FALSE(empty.updates->complete);
  CHECK(empty.settings.firewall->empty());
  CHECK_FALSE(empty.managed);
}

TEST_CASE("snapshot json: null for an optional value means absent") {
  Snapshot s = read_ok(R"({"asset": "A", "host": null, "os": null, "software": null,
    "collected_at": null, "agent_version": null, "managed": null, "settings": null,
    "fields": null, "antivirus": [{"name": "X", "definition_date": null, "resident": null}]})");
  CHECK(s.host.empty());
  CHECK_FALSE(s.os);
  CHECK_FALSE(s.software);
  CHECK_FALSE(s.collected_at);
  CHECK_FALSE(s.agent_version);
  CHECK(s.managed);
  CHECK(s.fields.empty());
  CHECK_FALSE((*s.antivirus)[0].definition_date);
  CHECK_FALSE((*s.antivirus)[0].resident);
}

TEST_CASE("snapshot json: the asset is 1 to 120 bytes") {
  CHECK(first_problem(read_bad(R"({"host": "h"})")) ==
        "1:1: missing required key \"asset\" in snapshot");
  CHECK(first_problem(read_bad(R"({"asset": ""})")) == "1:11: \"asset\" must not be empty");
  std::string long_asset = R"({"asset": ")" + std::string(121, 'x') + "\"}";
  CHECK(first_problem(read_bad(long_asset)) ==
        "1:11: \"asset\" must be at most 120 bytes, got 121");
  read_ok(R"({"asset": ")" + std::string(120, 'x') + "\"}");
}

TEST_CASE("snapshot json: bad values of known keys are errors naming what was expected") {
  auto e = read_bad(R"({"asset": "A", "collected_at": "yesterday",
 "updates": {"items": [{"id": "1", "state": "absent", "severity": "severe"}, {"state": "missing"}]},
 "antivirus": [{"name": "X", "definition_date": "2026-13-01", "resident": "yes"}],
 "settings": {"automatic_updates": {"mode": "always"}, "firewall": {"domain": 1}},
 "managed": "no"})");
  CHECK(problems(e) ==
        std::vector<std::string>{
            "1:32: invalid timestamp \"yesterday\" for \"collected_at\" (expected RFC 3339 in the "
            "years "
            "0001-9999, as in \"2026-11-20T08:15:00Z\")",
            "2:45: invalid value \"absent\" for \"state\" (expected one of: installed, missing)",
            "2:67: invalid value \"severe\" for \"severity\" (expected one of: unspecified, low, "
            "moderate, important, critical)",
            "2:78: missing required key \"id\" in update",
            "3:49: invalid date \"2026-13-01\" for \"definition_date\" (expected YYYY-MM-DD in the "
            "years 0001-9999)",
            "3:75: expected true or false for \"resident\", got a string",
            "4:45: invalid value \"always\" for \"mode\" (expected one of: disabled, notify, "
            "download_only, auto_install, scheduled)",
            "4:79: expected true or false for \"domain\", got a number",
            "5:13: expected true or false for \"managed\", got a string"});
}

TEST_CASE("snapshot json: the format is optional but must be posture-inventory/1") {
  read_ok(R"({"format": "posture-inventory/1", "asset": "A"})");
  auto e = read_bad(R"({"format": "posture-policy/1", "asset": "A"})");
  CHECK(e.code() == errc::version);
  CHECK(first_problem(e) ==
        "1:12: unsupported format \"posture-policy/1\" (expected \"posture-inventory/1\")");
}

TEST_CASE("snapshot json: a field given both at top level and in fields is an error") {
  auto e = read_bad(R"({"asset": "A", "x": 1, "fields": {"x": 2}})");
  CHECK(first_problem(e) == "1:35: field \"x\" is given twice");
  auto dup = read_bad(R"({"asset": "A", "fields": {"x": 1, "x": 2}})");
  CHECK(problems(dup) ==
        std::vector<std::string>{"1:35: duplicate key \"x\" (first at line 1, column 27)"});
}

TEST_CASE("snapshot json: sections of the wrong type are reported") {
  auto e = read_bad(R"({"asset": "A", "os": "Windows", "software": {}, "ip": "10.0.0.1",
  "settings": {"shares": [{"everyone_write": true}]}, "fields": []})");
  CHECK(problems(e) ==
        std::vector<std::string>{"1:22: expected an object for \"os\", got a string",
                                 "1:45: expected an array for \"software\", got an object",
                                 "1:55: expected an array of strings for \"ip\", got a string",
                                 "2:27: missing required key \"name\" in share",
                                 "2:65: expected an object for \"fields\", got an array"});
}

TEST_CASE("snapshot json: the root must be an object and limits apply") {
  CHECK(first_problem(read_bad("[1]")) == "1:1: expected an object, got an array");
  CHECK(first_problem(read_bad("")) == "1:1: invalid JSON: The document is empty");
  ReadOptions options;
  options.max_string_bytes = 5;
  auto e = read_bad(R"({"asset": "ABCDEF"})", options);
  CHECK(e.code() == errc::limit);
  CHECK(first_problem(e) ==
        "1:11: string of 6 bytes is over the limit of 5 bytes (ReadOptions::max_string_bytes)");
}

TEST_CASE("snapshot json: a BOM is skipped and positions after it stay right") {
  Snapshot s = read_ok("\xEF\xBB\xBF{\"asset\": \"A\"}");
  CHECK(s.asset == "A");
  auto e = read_bad("\xEF\xBB\xBF{\"asset\": 5}");
  CHECK(first_problem(e) == "1:11: expected a string for \"asset\", got a number");
  CHECK(e.where().offset == 13);
}
