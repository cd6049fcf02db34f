#include <doctest/doctest.h>

#include <sstream>

#include "posture/report.hpp"
#include "report/text_cell.hpp"
#include "report_fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<TableRow> rows() {
  return {make_table_row(danger_client(), "kobe-eng-12", "sato"),
          make_table_row(unknown_client(), "osaka-sales-03", "suzuki"),
          make_table_row(not_judged("PC-9"), "lab-printer", "")};
}

}  // namespace

TEST_CASE("report: a table row carries level, points, status and reasons") {
  const TableRow r = make_table_row(danger_client(), "kobe-eng-12", "sato");
  CHECK(r.asset == "PC-004711");
  CHECK(r.level == "Danger");
  CHECK(r.points == "18");
  CHECK(r.status == "judged");
  CHECK(r.reasons.size() == 2);
  const TableRow n = make_table_row(not_judged("PC-9"), "h", "u");
  CHECK(n.level == "-");
  CHECK(n.points == "-");
  CHECK(n.status == "not_judged");
}

TEST_CASE("report: the table has a header, one line per client and one per further reason") {
  const auto rs = rows();
  const auto lines = lines_of(write_table(rs, {.width = 0}));
  REQUIRE(lines.size() == 1 + 2 + 2 + 1);
  CHECK(lines[0].rfind("ASSET", 0) == 0);
  CHECK(lines[0].find("REASONS") != std::string::npos);
  CHECK(lines[1].rfind("PC-004711", 0) == 0);
  CHECK(lines[1].find("Danger") != std::string::npos);
  CHECK(lines[1].find("antivirus: Microsoft Defender Antivirus definition_age risk: 12 days > 3") !=
        std::string::npos);
  CHECK(lines[2].find_first_not_of(' ') == lines[1].find("antivirus:"));  // continuation aligned
  CHECK(lines[2].find("prohibited_software: uTorrent") != std::string::npos);
  CHECK(lines[5].rfind("PC-9", 0) == 0);
  CHECK(lines[5].find("not_judged") != std::string::npos);
  for (const auto& l : lines) CHECK((l.empty() || l.back() != ' '));
}

TEST_CASE("report: no table line is wider than the width asked for") {
  auto rs = rows();
  rs.push_back(make_table_row(
      danger_client(), "\xe7\xa5\x9e\xe6\x88\xb8-\xe5\x96\xb6\xe6\xa5\xad-0001-very-long-host-name",
      "\xe7\x94\xb0\xe4\xb8\xad"));  // 神戸-営業-…, user 田中
  for (std::size_t width = 1; width <= 200; ++width) {
    const std::string text = write_table(rs, {.width = width});
    for (const auto& l : lines_of(text)) {
      CHECK(report::display_width(l) <= width);
      CHECK(report::clean_text(l) == l);  // valid UTF-8, no control characters
    }
  }
}

TEST_CASE("report: a narrow table cuts reasons first, then host and user, the asset last") {
  const auto rs = rows();
  auto lines = lines_of(write_table(rs, {.width = 100}));
  CHECK(lines[1].find("PC-004711  kobe-eng-12  ") != std::string::npos);
  CHECK(lines[1].find("Danger") != std::string::npos);
  CHECK(lines[1].find("antivirus: Microsoft Defender Antivi\xe2\x80\xa6") != std::string::npos);
  lines = lines_of(write_table(rs, {.width = 80}));
  CHECK(lines[1].find("PC-004711  kobe-eng-12  sato") != std::string::npos);
  CHECK(lines[3].find("PC-000002  osaka-sale\xe2\x80\xa6  suzuki") != std::string::npos);
  CHECK(lines[1].find("Danger") != std::string::npos);
  lines = lines_of(write_table(rs, {.width = 50}));
  CHECK(lines[1].rfind("PC-0047\xe2\x80\xa6", 0) == 0);
}

TEST_CASE("report: max_reasons counts the reasons it leaves out") {
  const auto rs = rows();
  const auto lines = lines_of(write_table(rs, {.width = 0, .max_reasons = 1}));
  REQUIRE(lines.size() == 1 + 2 + 2 + 1);
  CHECK(lines[2].find("\xe2\x80\xa6 1 more") != std::string::npos);
}

TEST_CASE("report: hostile cells cannot reach the terminal") {
  TableRow r;
  r.asset = "PC-1";
  r.host = "evil\x1b]0;owned\x07";
  r.user = "\xff";
  r.level = "Safe";
  r.points = "100";
  r.status = "judged";
  r.reasons = {"x\ny"};
  const std::string text = write_table(std::vector<TableRow>{r}, {.width = 0});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(lines_of(text).size() == 2);
  CHECK(text.find("evil?]0;owned?") != std::string::npos);
  CHECK(text.find("\xef\xbf\xbd") != std::string::npos);
}
