// Compile-time errors: unknown names and type errors, all at once, at their line and column.
#include <doctest/doctest.h>

#include "fixture.hpp"

using expr_test::problems;

TEST_CASE("expr: an unknown field is an error that suggests the closest name") {
  CHECK(problems(R"(os.nmae == "x")") ==
        R"(1:1: unknown field "os.nmae"; did you mean "os.name"?)");
  CHECK(problems("settings.screensaver.timeout > 5") ==
        R"(1:1: unknown field "settings.screensaver.timeout"; )"
        R"(did you mean "settings.screensaver.timeout_min"?)");
  CHECK(problems("zzz") == R"(1:1: unknown field "zzz")");
  CHECK(problems(R"(any software(nmae == "x"))") ==
        R"(1:14: unknown field "nmae"; did you mean "name"?)");
  CHECK(problems(R"(fields == "x")") == R"(1:1: fields needs a key: fields["Class.Property"])");
}

TEST_CASE("expr: positions are in the policy document, starting where the expression starts") {
  posture::source_location origin{"policy.json", 12, 20, 400};
  CHECK(problems(R"(host == "a" and os.nmae == "x")", origin) ==
        R"(policy.json:12:36: unknown field "os.nmae"; did you mean "os.name"?)");
  // After a newline inside the expression, columns restart on the following line.
  CHECK(problems("host == \"a\" and\n  os.nmae == \"x\"", origin) ==
        R"(policy.json:13:3: unknown field "os.nmae"; did you mean "os.name"?)");
  auto program = posture::expr::compile("host ==\n\n 3", origin);
  REQUIRE_FALSE(program.ok());
  CHECK(program.err().where().line == 12);
  CHECK(program.err().where().column == 25);
  CHECK(program.err().where().offset == 405);
}

TEST_CASE("expr: every problem is reported at once, in source order") {
  auto program = posture::expr::compile(
      "os.nmae == \"x\" or os.version == 10 or\n lowr(host) == 1 or count sofware > 0", {});
  REQUIRE_FALSE(program.ok());
  CHECK(program.err().code() == posture::errc::check);
  CHECK(program.err().to_string() ==
        "1:1: unknown field \"os.nmae\"; did you mean \"os.name\"?\n"
        "1:30: cannot compare version with number; write the version as v\"…\"\n"
        "2:2: unknown function \"lowr\"; did you mean \"lower\"?\n"
        "2:27: unknown collection \"sofware\"; did you mean \"software\"?");
  CHECK(program.err().diagnostics().size() == 4);
}

TEST_CASE("expr: comparisons need operands of one type") {
  CHECK(problems(R"(os.version == 10)") ==
        R"(1:12: cannot compare version with number; write the version as v"…")");
  CHECK(problems(R"(os.version < "10.0")") ==
        R"(1:12: cannot compare version with string; write the version as v"…")");
  CHECK(problems(R"(collected_at > "2026-01-01")") ==
        R"(1:14: cannot compare date with string; write the date as d"YYYY-MM-DD")");
  CHECK(problems("age(collected_at) > 7") ==
        "1:19: cannot compare duration with number; write the duration as 7d, 12h or 30m");
  CHECK(problems("managed == 1") == "1:9: cannot compare bool with number");
  CHECK(problems("managed < true") == "1:9: bool values have no order; compare them with == or !=");
  CHECK(problems(R"(fields["a"] > 7d)") ==
        R"(1:13: a fields value is never a duration; compare age(fields["…"]) instead)");
}

TEST_CASE("expr: values with a closed set are checked against it") {
  CHECK(problems(R"(any updates(severity == "critcal"))") ==
        R"(1:25: severity is never "critcal"; did you mean "critical"?)");
  CHECK(problems(R"(settings.automatic_updates.mode == "off")") ==
        "1:36: settings.automatic_updates.mode is never \"off\"; its values are disabled, "
        "notify, download_only, auto_install, scheduled");
  CHECK(problems(R"(any updates(state in ["installed", "missed"]))") ==
        R"(1:36: state is never "missed"; its values are installed, missing)");
  CHECK(problems(R"(any updates(state == "instaled"))") ==
        R"(1:22: state is never "instaled"; did you mean "installed"?)");
  CHECK(problems(R"(any updates(severity >= "important"))") ==
        "1:22: severity has no order; compare it with == or in […]");
}

TEST_CASE("expr: in needs a list of the value's type") {
  CHECK(problems(R"(host in [1, 2])") == "1:6: cannot look for string in a list of number");
  CHECK(problems(R"(host in ["a", 2])") ==
        "1:15: the elements of a list must have one type: expected string, not number");
}

TEST_CASE("expr: text operators need text, and a literal where they compile it") {
  CHECK(problems(R"(host matches user)") ==
        R"(1:14: matches needs a string literal on its right, such as "TeamViewer*")");
  CHECK(problems(R"(host contains user)") ==
        R"(1:15: contains needs a string literal on its right, such as "TeamViewer*")");
  CHECK(problems(R"(managed matches "x")") == "1:1: matches needs a string on its left, not bool");
  CHECK(problems(R"(host starts_with 1)") ==
        "1:18: starts_with needs a string on its right, not number");
  CHECK(problems(R"(1 starts_with "1")") ==
        "1:1: starts_with needs a string on its left, not number");
}

TEST_CASE("expr: logic needs bool operands and the condition must be bool") {
  CHECK(problems("managed and 1") == R"(1:13: an operand of "and" must be bool, not number)");
  CHECK(problems(R"(host or managed)") == R"(1:1: an operand of "or" must be bool, not string)");
  CHECK(problems("not host") == R"(1:5: the operand of "not" must be bool, not string)");
  CHECK(problems("not not 5") == R"(1:9: the operand of "not" must be bool, not number)");
  CHECK(problems("host") == "1:1: the condition must be bool, not string");
  CHECK(problems("count software") == "1:1: the condition must be bool, not number");
}

TEST_CASE("expr: functions are checked for name, arity and argument type") {
  CHECK(problems("lower(managed) == \"x\"") == "1:7: lower() needs a string, not bool");
  CHECK(problems("version(1) > v\"1\"") == "1:9: version() needs a string, not number");
  CHECK(problems("age(host) > 1d") == "1:5: age() needs a date, not string");
  CHECK(problems("lower(host, user) == \"x\"") == "1:1: lower() takes 1 argument, not 2");
  CHECK(problems("exists()") == "1:1: exists() takes 1 argument, not 0");
  CHECK(problems("exists(lower(host))") ==
        R"(1:8: exists() takes a field, such as exists(os.version) or )"
        R"(exists(fields["Class.Property"]))");
  CHECK(problems("exists(os.nmae)") == R"(1:8: unknown field "os.nmae"; did you mean "os.name"?)");
  CHECK(problems("upper(host) == \"x\"") == R"(1:1: unknown function "upper")");
}

TEST_CASE("expr: collections are checked for name, nesting and condition") {
  CHECK(problems("any programs(name == \"x\")") ==
        "1:5: unknown collection \"programs\"; the collections are software, updates, antivirus, "
        "services, shares, drives, accounts, firewall");
  CHECK(problems("software == 1") ==
        R"(1:1: "software" is a collection; )"
        R"(use any software(…), all software(…) or count software(…))");
  CHECK(problems("any software(any services(running))") ==
        "1:14: any cannot be used inside the condition of another any, all or count");
  CHECK(problems("all software") == "1:1: all needs a condition: all software(…)");
  CHECK(problems("any software(name)") ==
        "1:14: the condition of any must be bool, not string");
  CHECK(problems(R"(any software(running))") ==
        R"(1:14: unknown field "running")");
}

TEST_CASE("expr: literals are validated") {
  CHECK(problems(R"(collected_at == d"2026-13-01")") ==
        R"(1:17: invalid date "2026-13-01"; write it as d"YYYY-MM-DD")");
  CHECK(problems(R"(os.version == v"")") == R"(1:15: empty version; write it as v"10.0.19045")");
  CHECK(problems("age(collected_at) > 1.5d") ==
        "1:21: a duration is a whole number of days, hours or minutes, such as 7d, 12h or 30m");
  CHECK(problems("age(collected_at) > 99999999999999999999d") ==
        "1:21: duration 99999999999999999999d is too large");
  CHECK(problems(std::string("settings.anonymous.restrict > 1") + std::string(400, '0')) ==
        "1:31: number \"1" + std::string(400, '0') + "\" is out of range");
}

TEST_CASE("expr: only the first 16 unknown names get a suggestion, so hostile input stays cheap") {
  std::string source = "managed";
  for (int i = 0; i < 20; ++i) source += " and os.nmae";
  auto program = posture::expr::compile(source, {});
  REQUIRE_FALSE(program.ok());
  const auto& all = program.err().diagnostics();
  REQUIRE(all.size() == 20);
  CHECK(all[15].message == R"(unknown field "os.nmae"; did you mean "os.name"?)");
  CHECK(all[16].message == R"(unknown field "os.nmae")");
}
