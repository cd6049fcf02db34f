#include <doctest/doctest.h>

#include "fixture.hpp"

using expr_test::evidence;
using expr_test::run;
using expr_test::snapshot;
using posture::Evidence;

TEST_CASE("expr: evidence records each value read, in the order read") {
  auto outcome = run(R"(os.version < v"10.0.22631.4461" and settings.screensaver.timeout_min > 5)");
  CHECK(outcome.evidence == std::vector<Evidence>{
                                {"os.version", "10.0.22631.4460"},
                                {"settings.screensaver.timeout_min", "10"},
                            });
}

TEST_CASE("expr: evidence keys are unique; distinct values of one key are joined with ';'") {
  auto outcome = run(R"(os.name matches "Linux*" or os.name matches "Windows*")");
  CHECK(outcome.evidence == std::vector<Evidence>{{"os.name", "Windows 11 Pro"}});
  outcome = run(R"(any services(name == "RemoteRegistry") and any services(name == "WinDefend"))");
  CHECK(evidence(outcome, "services") == "item 1 of 2 matches;item 2 of 2 matches");
  CHECK(evidence(outcome, "services.name") == "RemoteRegistry;WinDefend");
}

TEST_CASE("expr: evidence formats values the way they are written") {
  auto outcome = run(
      "collected_at < d\"2027-01-01\" and age(collected_at) < 3d and managed and "
      "settings.passwords.min_length > 1.5 and fields[\"Hardware information.Memory\"] > 0");
  CHECK(outcome.evidence == std::vector<Evidence>{
                                {"collected_at", "2026-11-20"},
                                {"age(collected_at)", "2d"},
                                {"managed", "true"},
                                {"settings.passwords.min_length", "12"},
                                {"fields[\"Hardware information.Memory\"]", "16384"},
                            });
}

TEST_CASE("expr: evidence of a collection names the deciding element") {
  auto outcome = run(R"(any software(name matches "TeamViewer*" and version < v"15.0"))");
  CHECK(outcome.truth == posture::expr::Truth::yes);
  CHECK(outcome.evidence == std::vector<Evidence>{
                                {"software", "item 2 of 3 matches"},
                                {"software.name", "TeamViewer 14"},
                                {"software.version", "14.7.1965"},
                            });
  outcome = run(R"(all drives(encrypted))");
  CHECK(outcome.evidence == std::vector<Evidence>{
                                {"drives", "item 2 of 2 does not match"},
                                {"drives.encrypted", "false"},
                            });
  outcome = run(R"(any software(name == "Tor Browser"))");
  CHECK(outcome.evidence == std::vector<Evidence>{{"software", "none of 3 match"}});
  outcome = run(R"(count updates(state == "missing") == 1)");
  CHECK(evidence(outcome, "updates") == "1 of 2 match");
}

TEST_CASE("expr: evidence does not grow with the number of elements") {
  auto outcome = run(R"(any software(name == host) or any antivirus(age(definition_date) > 100d))");
  CHECK(outcome.evidence == std::vector<Evidence>{
                                {"host", "kobe-eng-12"},
                                {"software", "none of 3 match"},
                                {"antivirus", "none of 1 match"},
                            });
}
