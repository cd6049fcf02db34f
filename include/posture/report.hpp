// Reports on judgments for people and spreadsheets (spec/actions.md §6–§7): a short reason per
// violating condition, a width-aware table, RFC 4180 CSV and a fleet summary. Every function here
// turns judgments into text; none does I/O or reads the clock, so a host decides where the text
// goes and the same judgments always give the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "posture/judgment.hpp"
#include "posture/level.hpp"

namespace posture {

// ---- reasons
// -------------------------------------------------------------------------------------

/// One line saying why a condition counts against a client: category, condition name, and its
/// evidence. When some evidence records a failed sub-check ("risk: …"), only those are shown:
/// "antivirus: Microsoft Defender Antivirus definition_age risk: 12 days > 3"; otherwise every
/// evidence entry that says something, as key=value: "security_updates: 5034765 severity=critical
/// title=…". Unknown conditions say so ("security_updates: 5034765 unknown missing=updates").
/// Control characters from hostile inventory values are replaced, so the line is always one line.
std::string condition_reason(Category category, const ConditionResult& condition);

/// The reasons of a judgment, item by item: one per judged condition worse than Safe, then the
/// unknown conditions, those unknown for the same reason on one line ("antivirus: 4 conditions
/// unknown missing=antivirus"), and a line for an unknown item that has no conditions.
std::vector<std::string> judgment_reasons(const Judgment& judgment);

/// Number of judged conditions worse than Safe.
std::size_t violation_count(const Judgment& judgment) noexcept;

// ---- fleet summary
// -------------------------------------------------------------------------------

/// Clients per level and status, and evaluation points over a fleet. Every client is counted once:
/// at its level when judged, otherwise under its status.
struct FleetSummary {
  std::size_t clients = 0;
  std::size_t safe = 0;
  std::size_t caution = 0;
  std::size_t warning = 0;
  std::size_t danger = 0;
  std::size_t unknown = 0;
  std::size_t no_item = 0;
  std::size_t not_judged = 0;
  std::size_t scored = 0;         ///< clients that have evaluation points
  std::int64_t points_total = 0;  ///< sum of their points
  std::optional<int> lowest_points;

  void add(const Judgment& judgment) noexcept;
  std::size_t at_level(Level level) const noexcept;
  /// Mean evaluation points of the scored clients; empty when none has points.
  std::optional<double> average_points() const noexcept;
};

FleetSummary summarize(std::span<const Judgment> judgments) noexcept;

/// One line for people: "summary: 12 clients: Safe 3, Caution 2, Warning 1, Danger 1, unknown 2,
/// no_item 1, not_judged 2; points average 61.5, lowest 25".
std::string format_summary(const FleetSummary& summary);

/// The summary as a compact JSON object: {"clients":12,"safe":3,…,"average_points":61.5,
/// "lowest_points":25}; the two points members are null when no client has points.
std::string write_summary_json(const FleetSummary& summary);

// ---- table
// ---------------------------------------------------------------------------------------

/// One client's row of the human table, as text. Build it with make_table_row().
struct TableRow {
  std::string asset;
  std::string host;
  std::string user;
  std::string level;   ///< "Danger", or "-" when the client has no level
  std::string points;  ///< "37", or "-"
  std::string status;  ///< "judged", "unknown", …
  std::vector<std::string> reasons;
};

/// The row for a judgment. Host and user come from the snapshot (a judgment does not carry them).
TableRow make_table_row(const Judgment& judgment, std::string_view host, std::string_view user);

struct TableOptions {
  /// No line of the table is wider than this many terminal columns (wide East Asian characters
  /// count two); 0 means no limit. Cells that do not fit end in "…", cut on a character boundary.
  std::size_t width = 120;
  /// Reasons shown per client, one per line; the rest are counted ("… 3 more"). 0 means all.
  std::size_t max_reasons = 0;
};

/// Lays out the table: a header line, then per client one line with its first reason and one
/// continuation line per further reason. Column widths follow the content; when the table would
/// be too wide the reasons column shrinks first, then the widest of asset, host and user.
/// Invalid UTF-8 becomes U+FFFD and control characters '?', so a hostile host name cannot move
/// the cursor or change the terminal.
std::string write_table(std::span<const TableRow> rows, const TableOptions& options = {});

// ---- CSV
// -----------------------------------------------------------------------------------------

/// The CSV title line: asset, policy, status, level, level_code, points, one level column per
/// category (security_updates … user_defined), violations, reasons. Ends in CRLF.
std::string csv_header();

/// One client as a CSV record (RFC 4180: CRLF line end, fields quoted when they hold a comma or a
/// quote, quotes doubled). A category column holds the item's level name when it was judged, its
/// status otherwise, and is empty when the policy has no such item. Reasons are joined with "; ".
/// Text is cleaned as in the table (control characters become '?', invalid UTF-8 U+FFFD), and a
/// field that a spreadsheet would run as a formula (starting with '=', '+', '-' or '@') is
/// prefixed with an apostrophe. write_judgment_json keeps every byte; CSV is for reading.
std::string csv_row(const Judgment& judgment);

/// The header and one record per judgment.
std::string write_csv(std::span<const Judgment> judgments);

// ---- streaming writer
// ----------------------------------------------------------------------------

/// Output formats of a fleet report.
enum class ReportFormat : std::uint8_t {
  table = 0,  ///< write_table, then format_summary
  jsonl = 1,  ///< one write_judgment_json record per line
  json = 2,   ///< {"format":"posture-judgments/1","judgments":[…],"summary":{…}}
  csv = 3,    ///< csv_header, then csv_row per client
};
std::string_view report_format_name(ReportFormat format) noexcept;
std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept;

namespace report {
class TableLayout;
}

/// Writes a fleet report as judgments arrive, so a host can judge a large fleet without keeping
/// it: add() returns the text to emit now, finish() the text that completes the report. JSON
/// Lines, JSON and CSV keep nothing per client; the table keeps each client's row, cleaned and
/// measured as it is added, because its column widths depend on every row.
/// Thread safety: one writer per thread.
class ReportWriter {
 public:
  explicit ReportWriter(ReportFormat format, TableOptions table = {});
  ~ReportWriter();
  ReportWriter(ReportWriter&&) noexcept;
  ReportWriter& operator=(ReportWriter&&) noexcept;

  /// Counts the judgment in the summary and returns its text (empty for the table).
  std::string add(const Judgment& judgment, std::string_view host = {}, std::string_view user = {});
  /// The rest of the report. Call once, after the last add().
  std::string finish();

  const FleetSummary& summary() const noexcept { return summary_; }
  ReportFormat format() const noexcept { return format_; }

 private:
  ReportFormat format_;
  TableOptions table_;
  FleetSummary summary_;
  std::unique_ptr<report::TableLayout> rows_;  // the table's rows so far
  bool started_ = false;
};

}  // namespace posture
