#include <algorithm>
#include <array>

#include "posture/report.hpp"
#include "report/text_cell.hpp"

namespace posture {
namespace {

enum Column : std::size_t { asset, host, user, level, points, status, reasons, column_count };
constexpr std::array<std::string_view, column_count> headers = {
    "ASSET", "HOST", "USER", "LEVEL", "POINTS", "STATUS", "REASONS"};
constexpr std::size_t gap = 2;
// Below these widths a column stops being useful; the final per-line cut handles narrower tables.
constexpr std::size_t min_name_width = 8;
constexpr std::size_t comfortable_reasons_width = 20;

using Widths = std::array<std::size_t, column_count>;

std::vector<std::string> shown_reasons(const TableRow& row, std::size_t max_reasons) {
  if (max_reasons == 0 || row.reasons.size() <= max_reasons) return row.reasons;
  std::vector<std::string> out(row.reasons.begin(),
                               row.reasons.begin() + static_cast<std::ptrdiff_t>(max_reasons));
  out.push_back("\u2026 " + std::to_string(row.reasons.size() - max_reasons) + " more");
  return out;
}

void shrink(Widths& w, std::size_t col, std::size_t floor, std::size_t& excess) {
  if (w[col] <= floor) return;
  const std::size_t take = std::min(excess, w[col] - floor);
  w[col] -= take;
  excess -= take;
}

// Fits the natural widths into `limit`. The reasons column gives way first, down to a width that
// still says something; then host and user, the widest first, so that they are cut evenly; then
// the rest of the reasons; the asset number, the client's identity, last.
void fit_columns(Widths& w, std::size_t limit) {
  std::size_t total = gap * (column_count - 1);
  for (auto x : w) total += x;
  if (limit == 0 || total <= limit) return;
  std::size_t excess = total - limit;
  shrink(w, reasons, comfortable_reasons_width, excess);
  while (excess > 0) {
    const std::size_t widest = w[host] >= w[user] ? host : user;
    if (w[widest] <= min_name_width) break;
    --w[widest];
    --excess;
  }
  shrink(w, reasons, headers[reasons].size(), excess);
  shrink(w, asset, min_name_width, excess);
}

void append_cell(std::string& line, std::string_view text, std::size_t width, bool right) {
  const std::string cut = report::fit_width(text, width);
  const std::string pad(width - report::display_width(cut), ' ');
  if (right) line += pad;
  line += cut;
  if (!right) line += pad;
}

void emit(std::string& out, const std::array<std::string_view, column_count>& cells,
          std::string_view reason, const Widths& w, std::size_t limit) {
  std::string line;
  for (std::size_t c = 0; c < reasons; ++c) {
    append_cell(line, cells[c], w[c], c == points);
    line.append(gap, ' ');
  }
  line += report::fit_width(reason, w[reasons]);
  if (limit != 0) line = report::fit_width(line, limit);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out += line;
  out += '\n';
}

}  // namespace

TableRow make_table_row(const Judgment& judgment, std::string_view host, std::string_view user) {
  TableRow row;
  row.asset = report::clean_text(judgment.asset);
  row.host = report::clean_text(host);
  row.user = report::clean_text(user);
  row.level = judgment.level && judgment.status == Status::judged
                  ? std::string(level_title(*judgment.level))
                  : "-";
  row.points = judgment.points ? std::to_string(*judgment.points) : "-";
  row.status = std::string(status_name(judgment.status));
  row.reasons = judgment_reasons(judgment);
  return row;
}

std::string write_table(std::span<const TableRow> rows, const TableOptions& options) {
  // Rows are usually built by make_table_row, but a host may fill one by hand: clean every cell
  // here so that the promise about control characters holds for any row.
  struct Clean {
    std::array<std::string, reasons> cells;
    std::vector<std::string> lines;
  };
  std::vector<Clean> clean;
  clean.reserve(rows.size());
  Widths w{};
  for (std::size_t c = 0; c < column_count; ++c) w[c] = headers[c].size();
  for (const auto& row : rows) {
    Clean& cr = clean.emplace_back();
    const std::array<const std::string*, reasons> fields = {&row.asset, &row.host,   &row.user,
                                                            &row.level, &row.points, &row.status};
    for (std::size_t c = 0; c < reasons; ++c) {
      cr.cells[c] = report::clean_text(*fields[c]);
      w[c] = std::max(w[c], report::display_width(cr.cells[c]));
    }
    cr.lines = shown_reasons(row, options.max_reasons);
    for (auto& r : cr.lines) {
      r = report::clean_text(r);
      w[reasons] = std::max(w[reasons], report::display_width(r));
    }
  }
  fit_columns(w, options.width);

  std::string out;
  emit(out, headers, headers[reasons], w, options.width);
  for (const auto& cr : clean) {
    std::array<std::string_view, column_count> cells{};
    for (std::size_t c = 0; c < reasons; ++c) cells[c] = cr.cells[c];
    emit(out, cells, cr.lines.empty() ? std::string_view{} : std::string_view{cr.lines[0]}, w,
         options.width);
    const std::array<std::string_view, column_count> blank{};
    for (std::size_t r = 1; r < cr.lines.size(); ++r)
      emit(out, blank, cr.lines[r], w, options.width);
  }
  return out;
}

}  // namespace posture
