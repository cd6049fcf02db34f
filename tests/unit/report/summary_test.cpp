#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "posture/report.hpp"
#include "report_fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

std::vector<Judgment> fleet() {
  return {danger_client(),
          unknown_client(),
          safe_client(),
          not_judged("PC-9"),
          judgment("PC-5", {item(Category::pc_security, Status::no_item, std::nullopt)}),
          judgment("PC-6", {item(Category::antivirus, Status::judged, Level::warning)})};
}

}  // namespace

TEST_CASE("report: the summary counts each client once, at its level or status") {
  const auto fl = fleet();
  const FleetSummary s = summarize(fl);
  CHECK(s.clients == 6);
  CHECK(s.safe == 1);
  CHECK(s.caution == 0);
  CHECK(s.warning == 1);
  CHECK(s.danger == 1);
  CHECK(s.unknown == 1);
  CHECK(s.no_item == 1);
  CHECK(s.not_judged == 1);
  CHECK(s.at_level(Level::danger) == 1);
  // Points: danger client 25 × 1 × 0.75 → 18; safe 100; warning 50.
  CHECK(s.scored == 3);
  CHECK(s.lowest_points == 18);
  REQUIRE(s.average_points());
  CHECK(*s.average_points() == doctest::Approx((18 + 100 + 50) / 3.0));
}

TEST_CASE("report: the summary line names every count") {
  const auto fl = fleet();
  CHECK(format_summary(summarize(fl)) ==
        "summary: 6 clients: Safe 1, Caution 0, Warning 1, Danger 1, unknown 1, no_item 1, "
        "not_judged 1; points average 56.0, lowest 18");
  CHECK(format_summary(FleetSummary{}) ==
        "summary: 0 clients: Safe 0, Caution 0, Warning 0, Danger 0, unknown 0, no_item 0, "
        "not_judged 0; no points");
}

TEST_CASE("report: the summary JSON has every count and null points when nothing scored") {
  const auto fl = fleet();
  rapidjson::Document d;
  d.Parse(write_summary_json(summarize(fl)).c_str());
  REQUIRE(d.IsObject());
  CHECK(d["clients"].GetUint64() == 6);
  CHECK(d["danger"].GetUint64() == 1);
  CHECK(d["not_judged"].GetUint64() == 1);
  CHECK(d["average_points"].GetDouble() == doctest::Approx(56.0));
  CHECK(d["lowest_points"].GetInt() == 18);

  d.Parse(write_summary_json(FleetSummary{}).c_str());
  REQUIRE(d.IsObject());
  CHECK(d["clients"].GetUint64() == 0);
  CHECK(d["average_points"].IsNull());
  CHECK(d["lowest_points"].IsNull());
}
