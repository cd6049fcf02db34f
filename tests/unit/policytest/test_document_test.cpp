#include <doctest/doctest.h>

#include <string>

#include "posture/testcase.hpp"

using posture::errc;
using posture::ReadOptions;
using posture::run_test_document;

namespace {

ReadOptions named(const char* file) {
  ReadOptions o;
  o.file_name = file;
  return o;
}

// A minimal valid document around one test (the test is on line 5, its expectation on line 6);
// `top_extra` and `test_extra` splice in members, each starting on a new line.
std::string document(const std::string& top_extra = "", const std::string& test_extra = "") {
  return R"({"format": "posture-test/1",
"at": "2026-11-22T00:00:00Z",
"policy": {"format": "posture-policy/1", "judgment_policies": [{"name": "P",
  "prohibited_software": {"entries": [{"name": "uTorrent*", "level": "danger"}]}}]},)" +
         top_extra + R"(
"tests": [{"name": "t", "snapshot": {"asset": "PC-1", "software": [{"name": "uTorrent", "version": "3.6"}]},)" +
         test_extra + R"(
  "expect": {"level": "danger"}}]})";
}

bool has_diagnostic(const posture::error& e, errc code, std::uint32_t line, const std::string& text) {
  for (const auto& d : e.diagnostics())
    if (d.code == code && d.where.line == line && d.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("policytest: a test document judges each snapshot and compares") {
  auto r = run_test_document(document(), "", named("t.test.json"));
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].passed);
  CHECK((*r)[0].name == "t");
  CHECK((*r)[0].file == "t.test.json");
  CHECK((*r)[0].actual_json.find("\"danger\"") != std::string::npos);

  std::string failing = document();
  failing.replace(failing.find(R"({"level": "danger"})"), 19, R"({"level": "safe"})");
  r = run_test_document(failing, "", named("t.test.json"));
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK_FALSE((*r)[0].passed);
  REQUIRE((*r)[0].failures.size() == 1);
  CHECK((*r)[0].failures[0] == "level: expected safe, got danger");
}

TEST_CASE("policytest: bad JSON in a test document is located") {
  auto r = run_test_document("{\"format\": \"posture-test/1\",\n \"tests\": [}", "", named("bad.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code() == errc::parse);
  CHECK(r.err().where().file == "bad.json");
  CHECK(r.err().where().line == 2);
  CHECK(r.err().where().column == 12);
}

TEST_CASE("policytest: every unknown key is reported at its line and column") {
  auto r = run_test_document(document("\n\"polcy_file\": \"x.json\",", "\n  \"expct\": {},"), "",
                             named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().diagnostics().size() == 2);
  CHECK(has_diagnostic(r.err(), errc::check, 5, "unknown key \"polcy_file\""));
  CHECK(has_diagnostic(r.err(), errc::check, 7, "unknown key \"expct\""));
  CHECK(r.err().where().column == 1);
}

TEST_CASE("policytest: mistakes in an expectation are errors of the test file") {
  std::string text = document();
  text.replace(text.find(R"({"level": "danger"})"), 19, R"({"level": "danger", "item": {}})");
  auto r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(has_diagnostic(r.err(), errc::check, 6, "unknown key \"item\" in expect"));
}

TEST_CASE("policytest: the format must be posture-test/1") {
  std::string text = document();
  text.replace(text.find("posture-test/1"), 14, "posture-test/2");
  auto r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code() == errc::version);
  CHECK(r.err().where().line == 1);

  r = run_test_document(R"({"at": "2026-11-22", "tests": []})", "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(has_diagnostic(r.err(), errc::check, 1, "missing required key \"format\""));
  CHECK(has_diagnostic(r.err(), errc::check, 1, "missing \"policy\" or \"policy_file\""));
  CHECK(has_diagnostic(r.err(), errc::check, 1, "\"tests\" is empty"));
}

TEST_CASE("policytest: an unreadable referenced file is reported where it is named") {
  std::string text = document();
  text.replace(text.find(R"("snapshot": {)"), 0, R"("snapshot_file": "no-such-file.json", )");
  auto r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(has_diagnostic(r.err(), errc::check, 5, "either \"snapshot\" or \"snapshot_file\""));

  text = document();
  const auto at = text.find(R"("snapshot": {"asset")");
  text.replace(at, text.find("]},", at) + 3 - at, R"("snapshot_file": "no-such-file.json",)");
  r = run_test_document(text, "dir", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code() == errc::io);
  CHECK(r.err().where().file == "t.test.json");
  CHECK(r.err().where().line == 5);
  CHECK(r.err().message().find("no-such-file.json") != std::string::npos);
}

TEST_CASE("policytest: referenced files resolve against the document's directory") {
  constexpr const char* text = R"({"format": "posture-test/1",
"policy": {"format": "posture-policy/1", "judgment_policies": [{"name": "AV",
  "antivirus": {"products": [{"name": "Microsoft Defender Antivirus", "max_definition_age_days": 3}]}}]},
"tests": [{"name": "t", "at": "2026-11-23T00:00:00Z", "snapshot_file": "defender-2026-11-19.snapshot.json",
           "expect": {"level": "danger"}}]})";
  auto r = run_test_document(text, POSTURE_TEST_DATA_DIR "/time", named("t.test.json"));
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].passed);
}

TEST_CASE("policytest: problems inside an embedded document keep the test file's lines") {
  // The policy reader sees the embedded policy at its place in the test file: line 4 below.
  std::string text = document();
  text.replace(text.find(R"("level": "danger"}]}}]},)"), 0, R"("levle": "danger", )");
  auto r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().where().file == "t.test.json");
  CHECK(r.err().where().line == 4);
  CHECK(r.err().where().column > 40);

  // The same for an embedded snapshot (line 5), and both are reported together.
  text.replace(text.find(R"("asset": "PC-1")"), 15, R"("asset": 42)");
  r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().diagnostics().size() >= 2);
  bool snapshot_line = false;
  for (const auto& d : r.err().diagnostics()) snapshot_line = snapshot_line || d.where.line == 5;
  CHECK(snapshot_line);
}

TEST_CASE("policytest: a policy that does not compile fails the whole file") {
  std::string text = document();
  text.replace(text.find(R"("prohibited_software")"), 0,
               R"("security_updates": {"mode": "latest", "exclude_groups": ["No such group"]},
  )");
  auto r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().where().file == "t.test.json");
  CHECK(r.err().to_string().find("No such group") != std::string::npos);
}

TEST_CASE("policytest: every test needs a name, a reference time and an expectation") {
  constexpr const char* text = R"({"format": "posture-test/1",
"policy": {"format": "posture-policy/1", "judgment_policies": [{"name": "P",
  "prohibited_software": {"entries": []}}]},
"tests": [{"snapshot": {"asset": "PC-1"}},
          {"name": "a", "snapshot": {"asset": "PC-1"}, "at": "yesterday", "expect": {}},
          {"name": "a", "snapshot": {"asset": "PC-1"}, "at": "2026-11-22", "expect": {}}]})";
  auto r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(has_diagnostic(r.err(), errc::check, 4, "missing required key \"name\" in test"));
  CHECK(has_diagnostic(r.err(), errc::check, 4, "no reference time"));
  CHECK(has_diagnostic(r.err(), errc::check, 4, "missing required key \"expect\" in test"));
  CHECK(has_diagnostic(r.err(), errc::parse, 5, "invalid timestamp \"yesterday\""));
  CHECK(has_diagnostic(r.err(), errc::check, 6, "duplicate test name \"a\""));
}

TEST_CASE("policytest: a duplicate key inside an embedded document is reported once") {
  std::string text = document();
  text.replace(text.find(R"("asset": "PC-1")"), 0, R"("asset": "PC-0", )");
  auto r = run_test_document(text, "", named("t.test.json"));
  REQUIRE_FALSE(r.ok());
  std::size_t duplicates = 0;
  for (const auto& d : r.err().diagnostics())
    if (d.message.find("duplicate key \"asset\"") != std::string::npos) ++duplicates;
  CHECK(duplicates == 1);
  CHECK(r.err().where().line == 5);
}

TEST_CASE("policytest: locations after a byte order mark match the readers'") {
  std::string text = "\xEF\xBB\xBF" + document();
  text.replace(text.find(R"("level": "danger"}]}}]},)"), 0, R"("levle": "danger", )");
  auto plain = document();
  plain.replace(plain.find(R"("level": "danger"}]}}]},)"), 0, R"("levle": "danger", )");
  auto with_bom = run_test_document(text, "", named("t.test.json"));
  auto without = run_test_document(plain, "", named("t.test.json"));
  REQUIRE_FALSE(with_bom.ok());
  REQUIRE_FALSE(without.ok());
  CHECK(with_bom.err().where().line == without.err().where().line);
  CHECK(with_bom.err().where().column == without.err().where().column);
  CHECK(with_bom.err().where().offset == without.err().where().offset + 3);
}
