#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "posture/report.hpp"
#include "report_fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

std::string run(ReportFormat format, const std::vector<Judgment>& judgments,
                TableOptions table = {}) {
  ReportWriter w(format, table);
  std::string out;
  for (const auto& j : judgments) out += w.add(j, "host-" + j.asset, "user");
  out += w.finish();
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    out.push_back(text.substr(pos, nl - pos));
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("report: format names parse in any case and only the four formats") {
  CHECK(parse_report_format("jsonl") == ReportFormat::jsonl);
  CHECK(parse_report_format("CSV") == ReportFormat::csv);
  CHECK(report_format_name(ReportFormat::json) == "json");
  CHECK_FALSE(parse_report_format("xml"));
  CHECK_FALSE(parse_report_format(""));
}

TEST_CASE("report: JSON Lines is one judgment object per line, as it arrives") {
  ReportWriter w(ReportFormat::jsonl);
  const std::string first = w.add(danger_client());
  REQUIRE(!first.empty());
  CHECK(first.back() == '\n');
  CHECK(first.find('\n') == first.size() - 1);
  rapidjson::Document d;
  d.Parse(first.c_str());
  REQUIRE(d.IsObject());
  CHECK(std::string(d["asset"].GetString()) == "PC-004711");
  CHECK(w.add(not_judged("PC-9")).find("\"PC-9\"") != std::string::npos);
  CHECK(w.finish().empty());
  CHECK(w.summary().clients == 2);
}

TEST_CASE("report: JSON is one document with the judgments and the summary") {
  rapidjson::Document d;
  d.Parse(run(ReportFormat::json, {danger_client(), unknown_client(), not_judged("PC-9")}).c_str());
  REQUIRE(d.IsObject());
  CHECK(std::string(d["format"].GetString()) == "posture-judgments/1");
  REQUIRE(d["judgments"].IsArray());
  REQUIRE(d["judgments"].Size() == 3);
  CHECK(std::string(d["judgments"][2]["asset"].GetString()) == "PC-9");
  CHECK(d["summary"]["clients"].GetUint64() == 3);
  CHECK(d["summary"]["danger"].GetUint64() == 1);
  CHECK(d["summary"]["unknown"].GetUint64() == 1);
}

TEST_CASE("report: an empty fleet is still a complete report in every format") {
  rapidjson::Document d;
  d.Parse(run(ReportFormat::json, {}).c_str());
  REQUIRE(d.IsObject());
  CHECK(d["judgments"].Size() == 0);
  CHECK(d["summary"]["clients"].GetUint64() == 0);
  CHECK(run(ReportFormat::csv, {}) == csv_header());
  CHECK(run(ReportFormat::jsonl, {}).empty());
  const auto table = lines_of(run(ReportFormat::table, {}));
  REQUIRE(table.size() == 2);
  CHECK(table[0].rfind("ASSET", 0) == 0);
  CHECK(table[1].rfind("summary: 0 clients", 0) == 0);
}

TEST_CASE("report: CSV writes the header once, before the first record") {
  ReportWriter w(ReportFormat::csv);
  const std::string first = w.add(danger_client());
  CHECK(first.rfind(csv_header(), 0) == 0);
  CHECK(first.size() > csv_header().size());
  const std::string second = w.add(safe_client());
  CHECK(second == csv_row(safe_client()));
  CHECK(w.finish().empty());
}

TEST_CASE("report: the table is laid out at the end, with host and user, then the summary") {
  ReportWriter w(ReportFormat::table, {.width = 0});
  CHECK(w.add(danger_client(), "kobe-eng-12", "sato").empty());
  const auto lines = lines_of(w.finish());
  REQUIRE(lines.size() == 1 + 2 + 1);
  CHECK(lines[1].find("PC-004711  kobe-eng-12  sato") == 0);
  CHECK(lines[3].rfind("summary: 1 client: ", 0) == 0);
}
