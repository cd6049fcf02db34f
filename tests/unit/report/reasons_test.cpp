#include <doctest/doctest.h>

#include "posture/report.hpp"
#include "report_fixtures.hpp"

using namespace posture;
using namespace posture::test;

TEST_CASE("report: a reason names the category, the condition and its evidence") {
  const auto c = condition("Microsoft Defender Antivirus", Status::judged, Level::danger,
                           {{"definition_age_days", "12"}, {"max_definition_age_days", "3"}});
  CHECK(condition_reason(Category::antivirus, c) ==
        "antivirus: Microsoft Defender Antivirus definition_age_days=12 max_definition_age_days=3");
}

TEST_CASE("report: an unknown condition says unknown") {
  const auto c = condition("5034765", Status::unknown, std::nullopt, {{"updates", "absent"}});
  CHECK(condition_reason(Category::security_updates, c) == "security_updates: 5034765 unknown updates=absent");
}

TEST_CASE("report: a reason is one clean line whatever the inventory said") {
  const auto c = condition("evil\nname\x1b[31m", Status::judged, Level::caution, {{"version", "1\r\n2"}});
  const auto r = condition_reason(Category::prohibited_software, c);
  CHECK(r == "prohibited_software: evil?name?[31m version=1??2");
}

TEST_CASE("report: reasons list violations and unknowns, not satisfied conditions") {
  const auto reasons = judgment_reasons(danger_client());
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0].rfind("antivirus: Microsoft Defender Antivirus", 0) == 0);
  CHECK(reasons[1] == "prohibited_software: uTorrent version=3.6.0");
  CHECK(violation_count(danger_client()) == 2);
}

TEST_CASE("report: an unknown item without conditions still gets a reason") {
  const auto reasons = judgment_reasons(unknown_client());
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0] == "security_updates: 5034765 unknown updates=absent");
  CHECK(reasons[1] == "antivirus: unknown");
  CHECK(violation_count(unknown_client()) == 0);
}

TEST_CASE("report: safe, no_item and not_judged clients have no reasons") {
  CHECK(judgment_reasons(safe_client()).empty());
  CHECK(judgment_reasons(not_judged("PC-9")).empty());
}
