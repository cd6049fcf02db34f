#include <doctest/doctest.h>

#include "fixture.hpp"

using expr_test::evidence;
using expr_test::run;
using expr_test::snapshot;
using expr_test::truth;
using expr_test::Truth;

TEST_CASE("expr: any holds when some element satisfies the condition") {
  CHECK(truth(R"(any software(name matches "TeamViewer*" and version < v"15.0"))") == Truth::yes);
  CHECK(truth(R"(any software(name matches "TeamViewer*" and version < v"14.0"))") == Truth::no);
  CHECK(truth(R"(any software(publisher == "Mozilla"))") == Truth::yes);
  CHECK(truth("any software") == Truth::yes);  // no condition: the collection is not empty
}

TEST_CASE("expr: all holds when every element satisfies the condition") {
  CHECK(truth("all antivirus(resident)") == Truth::yes);
  CHECK(truth("all drives(encrypted)") == Truth::no);
  CHECK(truth("all drives(encrypted or not system)") == Truth::yes);
}

TEST_CASE("expr: count counts the elements that satisfy the condition") {
  CHECK(truth(R"(count updates(state == "missing" and severity == "critical") > 0)") ==
        Truth::yes);
  CHECK(truth(R"(count updates(state == "installed") == 1)") == Truth::yes);
  CHECK(truth("count software == 3") == Truth::yes);
  CHECK(truth("count shares(everyone_write) >= 1") == Truth::yes);
}

TEST_CASE("expr: every collection and its element fields can be read") {
  CHECK(truth(R"(any updates(id == "5046617" and bulletin == "" ))") == Truth::missing);
  CHECK(truth(R"(any updates(id == "5044284" and classification == "security" and
                             title starts_with "2024-10"))") == Truth::yes);
  CHECK(truth(R"(any antivirus(name == "Microsoft Defender Antivirus" and
                               product_version >= v"4.18" and engine_version > v"1.1.24000.0" and
                               definition_version == v"1.421.123" and
                               age(definition_date) <= 3d))") == Truth::yes);
  CHECK(truth(R"(any services(name == "RemoteRegistry" and not running))") == Truth::yes);
  CHECK(truth(R"(any shares(name == "Public" and everyone_write))") == Truth::yes);
  CHECK(truth(R"(any drives(drive == "C:" and system and encrypted))") == Truth::yes);
  CHECK(truth(R"(any accounts(name == "sato" and not blank and not never_expires and
                              age(last_changed) > 60d))") == Truth::yes);
  CHECK(truth(R"(any firewall(profile == "public" and not enabled))") == Truth::yes);
  CHECK(truth(R"(any software(service_pack == "1"))") == Truth::missing);
}

TEST_CASE("expr: inside a predicate bare names are the element's, other fields stay visible") {
  CHECK(truth(R"(any accounts(name == user))") == Truth::yes);
  CHECK(truth(R"(any software(name contains "Firefox" and os.arch == "x64"))") == Truth::yes);
  CHECK(truth(R"(any software(version > agent_version))") == Truth::yes);
}

TEST_CASE("expr: an element's absent value is missing only if no other element decides") {
  // 7-Zip has no version: unknown whether it is older than 1.0, and nothing else is.
  auto outcome = run(R"(any software(version < v"1.0"))");
  CHECK(outcome.truth == Truth::missing);
  CHECK(evidence(outcome, "software") == "item 3 of 3 is unknown");
  CHECK(evidence(outcome, "software.version") == "(absent)");
  CHECK(truth(R"(any software(version < v"20"))") == Truth::yes);
  CHECK(truth(R"(all software(version > v"1.0"))") == Truth::missing);
  CHECK(truth(R"(all software(version > v"20"))") == Truth::no);
  CHECK(truth(R"(count software(version > v"1.0") > 0)") == Truth::missing);
  CHECK(truth(R"(any software(exists(version) and version < v"1.0"))") == Truth::no);
}

TEST_CASE("expr: an absent collection is missing; an empty one is judged") {
  posture::Snapshot s = snapshot();
  s.software.reset();
  auto outcome = run(R"(any software(name == "x"))", s);
  CHECK(outcome.truth == Truth::missing);
  CHECK(evidence(outcome, "software") == "(absent)");
  CHECK(truth("count software == 0", s) == Truth::missing);
  CHECK(truth(R"(not exists(software) or any software(name == "x"))", s) == Truth::yes);

  s.software = std::vector<posture::Program>{};
  CHECK(truth(R"(any software(name == "x"))", s) == Truth::no);
  CHECK(truth(R"(all software(name == "x"))", s) == Truth::yes);
  CHECK(truth("count software == 0", s) == Truth::yes);

  s.updates.reset();
  CHECK(truth("any updates", s) == Truth::missing);
  CHECK(truth("updates.complete", s) == Truth::missing);
  s.settings.passwords = posture::PasswordSettings{8, true, std::nullopt};
  CHECK(truth("any accounts", s) == Truth::missing);
}
