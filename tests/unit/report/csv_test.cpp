#include <doctest/doctest.h>

#include "posture/report.hpp"
#include "report_fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

// A minimal RFC 4180 reader, to check that what we write parses back into the same fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  records.pop_back();  // after the final CRLF
  return records;
}

}  // namespace

TEST_CASE("report: the CSV header names every column") {
  CHECK(
      csv_header() ==
      "asset,policy,status,level,level_code,points,security_updates,antivirus,prohibited_software,"
      "mandatory_software,pc_security,user_defined,violations,reasons\r\n");
}

TEST_CASE("report: a CSV row has the level, per-category levels, violations and reasons") {
  const auto fl = std::vector<Judgment>{danger_client(), unknown_client(), not_judged("PC-9")};
  const auto recs = parse_csv(write_csv(fl));
  REQUIRE(recs.size() == 4);
  for (const auto& r : recs) CHECK(r.size() == 14);
  const auto& d = recs[1];
  CHECK(d[0] == "PC-004711");
  CHECK(d[1] == "Company baseline");
  CHECK(d[2] == "judged");
  CHECK(d[3] == "danger");
  CHECK(d[4] == "400");
  CHECK(d[5] == "18");
  CHECK(d[6] == "safe");
  CHECK(d[7] == "danger");
  CHECK(d[8] == "caution");
  CHECK(d[9] == "");  // no mandatory-software item in this policy
  CHECK(d[12] == "2");
  CHECK(d[13] ==
        "antivirus: Microsoft Defender Antivirus definition_age risk: 12 days > 3; "
        "prohibited_software: uTorrent* installed=uTorrent 3.6.0");
  const auto& u = recs[2];
  CHECK(u[2] == "unknown");
  CHECK(u[3] == "");
  CHECK(u[4] == "");
  CHECK(u[5] == "");
  CHECK(u[6] == "unknown");
  CHECK(u[12] == "0");
  CHECK(recs[3][2] == "not_judged");
}

TEST_CASE("report: CSV quotes commas and quotes, cleans control characters, disarms formulas") {
  Judgment j = danger_client();
  j.asset = "PC,\"1\"\r\n\x1b[2J";
  j.policy = "=HYPERLINK(\"http://evil\")";
  const std::string row = csv_row(j);
  CHECK(row.rfind("\"PC,\"\"1\"\"???[2J\",", 0) == 0);
  CHECK(row.find('\x1b') == std::string::npos);
  const auto recs = parse_csv(csv_header() + row);
  REQUIRE(recs.size() == 2);
  CHECK(recs[1][0] == "PC,\"1\"???[2J");
  CHECK(recs[1][1] == "'=HYPERLINK(\"http://evil\")");
  j.asset = "-1+1";
  CHECK(csv_row(j).rfind("'-1+1,", 0) == 0);
  j.asset = "PC-\xff";
  CHECK(csv_row(j).rfind("PC-\xef\xbf\xbd,", 0) == 0);
}

TEST_CASE("report: every CSV record ends in CRLF") {
  const std::string text = write_csv(std::vector<Judgment>{safe_client()});
  CHECK(text.size() > 2);
  CHECK(text.substr(text.size() - 2) == "\r\n");
  std::size_t lf = 0, crlf = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      ++lf;
      if (i > 0 && text[i - 1] == '\r') ++crlf;
    }
  CHECK(lf == 2);
  CHECK(crlf == 2);
}
