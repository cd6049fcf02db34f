#include <doctest/doctest.h>

#include "posture/report.hpp"
#include "report_fixtures.hpp"

using namespace posture;
using namespace posture::test;

TEST_CASE("report: a reason shows only the failed sub-checks when there are some") {
  const auto c = condition("Microsoft Defender Antivirus", Status::judged, Level::danger,
                           {{"product_version", "ok: 4.18.24010.12 >= 4.18.23110.3"},
                            {"definition_age", "risk: 12 days > 3"},
                            {"definition_date", "2024-02-08"},
                            {"resident", "risk: not resident"}});
  CHECK(condition_reason(Category::antivirus, c) ==
        "antivirus: Microsoft Defender Antivirus definition_age risk: 12 days > 3 resident risk: "
        "not resident");
}

TEST_CASE("report: otherwise a reason shows the evidence that says something, as key=value") {
  const auto c = condition("5034765", Status::judged, Level::danger,
                           {{"id", "5034765"},
                            {"bulletin", ""},
                            {"severity", "critical"},
                            {"title", "2024-02 Cumulative Update for Windows 11"}});
  CHECK(
      condition_reason(Category::security_updates, c) ==
      "security_updates: 5034765 severity=critical title=2024-02 Cumulative Update for Windows 11");
  const auto p = condition("uTorrent*", Status::judged, Level::caution,
                           {{"checked", "42"}, {"installed", "uTorrent 3.6.0"}});
  CHECK(condition_reason(Category::prohibited_software, p) ==
        "prohibited_software: uTorrent* installed=uTorrent 3.6.0");
  const auto a = condition("passwords.blank", Status::judged, Level::danger,
                           {{"accounts", "kiosk"}, {"checked", "3"}, {"excluded", "svc_backup"}});
  CHECK(condition_reason(Category::pc_security, a) ==
        "pc_security: passwords.blank accounts=kiosk");
}

TEST_CASE("report: an unknown condition says unknown") {
  const auto c = condition("5034765", Status::unknown, std::nullopt, {{"missing", "updates"}});
  CHECK(condition_reason(Category::security_updates, c) ==
        "security_updates: 5034765 unknown missing=updates");
}

TEST_CASE("report: a reason is one clean line whatever the inventory said") {
  const auto c =
      condition("evil\nname\x1b[31m", Status::judged, Level::caution, {{"version", "1\r\n2"}});
  CHECK(condition_reason(Category::prohibited_software, c) ==
        "prohibited_software: evil?name?[31m version=1??2");
}

TEST_CASE("report: reasons list violations and unknowns, not satisfied conditions") {
  const auto reasons = judgment_reasons(danger_client());
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0] == "antivirus: Microsoft Defender Antivirus definition_age risk: 12 days > 3");
  CHECK(reasons[1] == "prohibited_software: uTorrent* installed=uTorrent 3.6.0");
  CHECK(violation_count(danger_client()) == 2);
}

TEST_CASE("report: an unknown item without conditions still gets a reason") {
  const auto reasons = judgment_reasons(unknown_client());
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0] == "security_updates: 5034765 unknown missing=updates");
  CHECK(reasons[1] == "antivirus: unknown");
  CHECK(violation_count(unknown_client()) == 0);
}

TEST_CASE("report: conditions unknown for the same reason share one line") {
  const auto missing_av = [](const char* name) {
    return condition(name, Status::unknown, std::nullopt, {{"missing", "antivirus"}});
  };
  const Judgment j = judgment(
      "PC-7", {item(Category::antivirus, Status::unknown, std::nullopt,
                    {missing_av("Microsoft Defender Antivirus"), missing_av("Windows Defender"),
                     condition("Symantec Endpoint Protection", Status::unknown, std::nullopt,
                               {{"definition_age", "unknown: no definition date, max 7"}}),
                     missing_av("Microsoft Security Essentials")})});
  const auto reasons = judgment_reasons(j);
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0] == "antivirus: 3 conditions unknown missing=antivirus");
  CHECK(reasons[1] ==
        "antivirus: Symantec Endpoint Protection unknown definition_age=unknown: no definition "
        "date, max 7");
}

TEST_CASE("report: safe, no_item and not_judged clients have no reasons") {
  CHECK(judgment_reasons(safe_client()).empty());
  CHECK(judgment_reasons(not_judged("PC-9")).empty());
}
