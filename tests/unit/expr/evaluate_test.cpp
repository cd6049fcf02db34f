#include <doctest/doctest.h>

#include "fixture.hpp"

using expr_test::evidence;
using expr_test::run;
using expr_test::snapshot;
using expr_test::truth;
using expr_test::Truth;

TEST_CASE("expr: string == is exact and case-sensitive") {
  CHECK(truth(R"(host == "kobe-eng-12")") == Truth::yes);
  CHECK(truth(R"(host == "KOBE-ENG-12")") == Truth::no);
  CHECK(truth(R"(host == "kobe-eng-12 ")") == Truth::no);
  CHECK(truth(R"(host != "kobe-eng-13")") == Truth::yes);
  CHECK(truth(R"(group == "Kobe/Engineering" and location == "Kobe 2F")") == Truth::yes);
  CHECK(truth(R"(asset == "PC-004711")") == Truth::yes);
}

TEST_CASE("expr: lower() folds ASCII case on its side only") {
  CHECK(truth(R"(lower(os.name) == "windows 11 pro")") == Truth::yes);
  CHECK(truth(R"(lower(os.name) == "Windows 11 Pro")") == Truth::no);
  CHECK(truth(R"(lower("ÄB") == "Äb")") == Truth::yes);
  CHECK(truth(R"(lower(os.name) < "x")") == Truth::yes);
  CHECK(truth(R"(os.name < "a")") == Truth::yes);  // 'W' sorts before 'a' byte-wise
}

TEST_CASE("expr: strings order byte-wise") {
  CHECK(truth(R"(user < "tanaka")") == Truth::yes);
  CHECK(truth(R"(user <= "sato")") == Truth::yes);
  CHECK(truth(R"(user >= "sato")") == Truth::yes);
  CHECK(truth(R"(user > "sato")") == Truth::no);
  CHECK(truth(R"(user < "sat")") == Truth::no);
}

TEST_CASE("expr: numbers compare as numbers") {
  CHECK(truth("settings.screensaver.timeout_min == 10") == Truth::yes);
  CHECK(truth("settings.screensaver.timeout_min == 10.0") == Truth::yes);
  CHECK(truth("settings.screensaver.timeout_min > 9.5") == Truth::yes);
  CHECK(truth("settings.screensaver.timeout_min >= 11") == Truth::no);
  CHECK(truth("settings.screensaver.timeout_min < 11") == Truth::yes);
  CHECK(truth("settings.screensaver.timeout_min <= 9") == Truth::no);
  CHECK(truth("settings.screensaver.timeout_min != 10") == Truth::no);
  CHECK(truth("-1 < 0") == Truth::yes);
  CHECK(truth("-1.5 < -1.25") == Truth::yes);
  CHECK(truth("settings.passwords.min_length >= 12 and settings.anonymous.restrict == 1") ==
        Truth::yes);
}

TEST_CASE("expr: versions compare part by part with the shared comparator") {
  CHECK(truth(R"(os.version >= v"10.0.22631")") == Truth::yes);
  CHECK(truth(R"(os.version < v"10.0.22631.4461")") == Truth::yes);
  CHECK(truth(R"(os.version > v"10.0.22631.999")") == Truth::yes);  // numeric, not textual
  CHECK(truth(R"(agent_version == v"12.0.1.0")") == Truth::yes);   // missing parts are 0
  CHECK(truth(R"(agent_version != v"12.0.1")") == Truth::no);
  CHECK(truth(R"(v"6.02" == v"6.2")") == Truth::yes);
  CHECK(truth(R"(v"1.0-rc1" > v"1.0")") == Truth::yes);
  CHECK(truth(R"(version("12.0.2") > agent_version)") == Truth::yes);
  CHECK(truth(R"(version(fields["Asset.Count"]) == v"42.0")") == Truth::yes);
}

TEST_CASE("expr: dates compare as days and age() counts whole UTC days") {
  CHECK(truth(R"(collected_at == d"2026-11-20")") == Truth::yes);
  CHECK(truth(R"(collected_at < d"2026-11-21")") == Truth::yes);
  CHECK(truth(R"(updates.scanned_at >= d"2026-11-20")") == Truth::yes);
  CHECK(truth("age(collected_at) == 2d") == Truth::yes);
  CHECK(truth("age(collected_at) > 1d") == Truth::yes);
  CHECK(truth("age(collected_at) > 2d") == Truth::no);  // "older than N" means age > N
  CHECK(truth("age(collected_at) == 48h") == Truth::yes);
  CHECK(truth("age(collected_at) < 2881m") == Truth::yes);
  CHECK(truth(R"(age(d"2026-11-22") == 0d)") == Truth::yes);
  CHECK(truth(R"(age(d"2026-11-23") < 0d)") == Truth::yes);  // the future is a negative age
  CHECK(truth(R"(age(fields["Asset.PurchaseDate"]) > 365d)") == Truth::yes);
  CHECK(truth("1d == 24h and 1h == 60m") == Truth::yes);
}

TEST_CASE("expr: bool fields are conditions themselves") {
  CHECK(truth("managed") == Truth::yes);
  CHECK(truth("managed == true") == Truth::yes);
  CHECK(truth("settings.accounts.guest_enabled") == Truth::no);
  CHECK(truth("not settings.accounts.guest_enabled") == Truth::yes);
  CHECK(truth("settings.firewall.public == false and settings.firewall.domain") == Truth::yes);
  CHECK(truth("settings.logon.show_last_user != settings.logon.auto_logon") == Truth::yes);
  CHECK(truth("updates.complete") == Truth::yes);
  CHECK(truth("true") == Truth::yes);
  CHECK(truth("false") == Truth::no);
}

TEST_CASE("expr: in looks for a value in a list of literals") {
  CHECK(truth(R"(os.arch in ["x86", "x64"])") == Truth::yes);
  CHECK(truth(R"(os.arch in ["arm64"])") == Truth::no);
  CHECK(truth(R"(os.arch in [])") == Truth::no);
  CHECK(truth("settings.screensaver.timeout_min in [5, 10, 15]") == Truth::yes);
  CHECK(truth(R"(os.version in [v"10.0.22631.4460.0"])") == Truth::yes);
  CHECK(truth(R"(collected_at in [d"2026-11-19", d"2026-11-20"])") == Truth::yes);
  CHECK(truth("age(collected_at) in [1d, 2d]") == Truth::yes);
  CHECK(truth("managed in [false]") == Truth::no);
  CHECK(truth(R"(settings.automatic_updates.mode in ["auto_install", "scheduled"])") ==
        Truth::yes);
  CHECK(truth(R"(fields["Asset.Count"] in [41, 42])") == Truth::yes);
  CHECK(truth(R"(fields["Nope"] in ["a"])") == Truth::missing);
}

TEST_CASE("expr: matches uses name-pattern semantics") {
  CHECK(truth(R"(os.name matches "Windows 11*")") == Truth::yes);
  CHECK(truth(R"(os.name matches "windows 11 pro")") == Truth::yes);  // case-insensitive
  CHECK(truth(R"(os.name matches "  Windows 11 Pro  ")") == Truth::yes);  // trimmed
  CHECK(truth(R"(os.name matches "Windows ?? Pro")") == Truth::yes);
  CHECK(truth(R"(os.name matches "Windows 10*")") == Truth::no);
  CHECK(truth(R"(os.name matches "Windows")") == Truth::no);  // exact unless wildcards
  CHECK(truth(R"(os.version matches "10.0.*")") == Truth::yes);
}

TEST_CASE("expr: contains and starts_with search text exactly") {
  CHECK(truth(R"(os.name contains "11")") == Truth::yes);
  CHECK(truth(R"(os.name contains "pro")") == Truth::no);
  CHECK(truth(R"(lower(os.name) contains "pro")") == Truth::yes);
  CHECK(truth(R"(os.name contains "")") == Truth::yes);
  CHECK(truth(R"(fields["Hardware information.CPU"] contains "i5-11")") == Truth::yes);
  CHECK(truth(R"(host starts_with "kobe-")") == Truth::yes);
  CHECK(truth(R"(host starts_with "Kobe-")") == Truth::no);
  CHECK(truth(R"(lower(group) starts_with "kobe/")") == Truth::yes);
  CHECK(truth(R"(os.version starts_with "10.0.")") == Truth::yes);
  CHECK(truth(R"(host starts_with user)") == Truth::no);
  CHECK(truth(R"("sato-pc" starts_with user)") == Truth::yes);
}

TEST_CASE("expr: contains stays linear on repetitive text") {
  posture::Snapshot s = snapshot();
  s.host = std::string(200000, 'a') + "b";
  CHECK(truth(R"(host contains "aaaaaaaaaaaaaaaaaaaab")", s) == Truth::yes);
  CHECK(truth(R"(host contains "aaaaaaaaaaaaaaaaaaaac")", s) == Truth::no);
  CHECK(truth(R"(host contains "abab")", s) == Truth::no);
}

TEST_CASE("expr: string literals take escapes") {
  posture::Snapshot s = snapshot();
  s.fields.push_back({"Quote\"d", posture::FieldValue::of_string("a\\b\n\tc\r")});
  CHECK(truth(R"(fields["Quote\"d"] == "a\\b\n\tc\r")", s) == Truth::yes);
}
