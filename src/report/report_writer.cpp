#include "posture/io.hpp"
#include "posture/name.hpp"
#include "posture/report.hpp"
#include "report/table_layout.hpp"

namespace posture {

std::string_view report_format_name(ReportFormat format) noexcept {
  switch (format) {
    case ReportFormat::table: return "table";
    case ReportFormat::jsonl: return "jsonl";
    case ReportFormat::json: return "json";
    case ReportFormat::csv: return "csv";
  }
  return "table";
}

std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept {
  for (ReportFormat f :
       {ReportFormat::table, ReportFormat::jsonl, ReportFormat::json, ReportFormat::csv})
    if (names_equal(text, report_format_name(f))) return f;
  return std::nullopt;
}

ReportWriter::ReportWriter(ReportFormat format, TableOptions table)
    : format_(format), table_(table) {
  if (format_ == ReportFormat::table) rows_ = std::make_unique<report::TableLayout>(table_);
}
ReportWriter::~ReportWriter() = default;
ReportWriter::ReportWriter(ReportWriter&&) noexcept = default;
ReportWriter& ReportWriter::operator=(ReportWriter&&) noexcept = default;

std::string ReportWriter::add(const Judgment& judgment, std::string_view host,
                              std::string_view user) {
  summary_.add(judgment);
  std::string out;
  switch (format_) {
    case ReportFormat::table: rows_->add(make_table_row(judgment, host, user)); break;
    case ReportFormat::jsonl:
      out = write_judgment_json(judgment, JsonStyle::compact);
      out += '\n';
      break;
    case ReportFormat::json:
      out = started_ ? ",\n" : "{\"format\":\"posture-judgments/1\",\"judgments\":[\n";
      out += write_judgment_json(judgment, JsonStyle::compact);
      break;
    case ReportFormat::csv:
      if (!started_) out = csv_header();
      out += csv_row(judgment);
      break;
  }
  started_ = true;
  return out;
}

std::string ReportWriter::finish() {
  std::string out;
  switch (format_) {
    case ReportFormat::table:
      out = rows_->finish();
      out += format_summary(summary_);
      out += '\n';
      rows_ = std::make_unique<report::TableLayout>(table_);
      break;
    case ReportFormat::jsonl: break;
    case ReportFormat::json:
      out = started_ ? "\n]," : "{\"format\":\"posture-judgments/1\",\"judgments\":[],";
      out += "\"summary\":";
      out += write_summary_json(summary_);
      out += "}\n";
      break;
    case ReportFormat::csv:
      if (!started_) out = csv_header();
      break;
  }
  started_ = true;
  return out;
}

}  // namespace posture
