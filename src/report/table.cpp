#include <algorithm>
#include <array>

#include "posture/report.hpp"
#include "report/table_layout.hpp"
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

// A cell's text, cleaned, and the columns it takes.
struct Cell {
  std::string_view text;
  std::size_t width = 0;
};
using Cells = std::array<Cell, column_count>;  // the last one is the reason

// One line of the table: the six cells (blank on a continuation line) and a reason.
void emit(std::string& out, const Cells& cells, const Widths& w, std::size_t limit) {
  // The common line: every cell fits its column and the columns fit the limit, so the cells go
  // straight into the output, padded, with nothing cut.
  std::size_t total = gap * (column_count - 1);
  for (auto x : w) total += x;
  bool fits = limit == 0 || total <= limit;
  for (std::size_t c = 0; c < column_count; ++c) fits = fits && cells[c].width <= w[c];
  if (fits) {
    std::size_t size = total - w[reasons] + cells[reasons].text.size();
    for (std::size_t c = 0; c < reasons; ++c) size += cells[c].text.size() - cells[c].width;
    const std::size_t start = out.size();
    out.resize(start + size + 1);
    char* at = out.data() + start;
    for (std::size_t c = 0; c < reasons; ++c) {
      const std::size_t pad = w[c] - cells[c].width + (c == points ? 0 : gap);
      if (c == points) at = std::fill_n(at, pad, ' ');
      at = std::copy(cells[c].text.begin(), cells[c].text.end(), at);
      at = std::fill_n(at, c == points ? gap : pad, ' ');
    }
    at = std::copy(cells[reasons].text.begin(), cells[reasons].text.end(), at);
    while (at != out.data() + start && at[-1] == ' ') --at;
    *at++ = '\n';
    out.resize(static_cast<std::size_t>(at - out.data()));
    return;
  }
  std::string line;
  for (std::size_t c = 0; c < reasons; ++c) {
    append_cell(line, cells[c].text, w[c], c == points);
    line.append(gap, ' ');
  }
  line += report::fit_width(cells[reasons].text, w[reasons]);
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
  report::TableLayout layout(options);
  for (const auto& row : rows) layout.add(row);
  return layout.finish();
}

namespace report {

// Rows are usually built by make_table_row, but a host may fill one by hand: every cell is cleaned
// here so that the promise about control characters holds for any row. Printable ASCII, nearly
// every cell, is clean already and one column a byte.
TableLayout::Cell TableLayout::keep(std::string_view text) {
  Cell cell;
  cell.offset = text_.size();
  if (std::all_of(text.begin(), text.end(), printable_ascii)) {
    text_ += text;
    cell.width = static_cast<std::uint32_t>(text.size());
  } else {
    const std::string clean = clean_text(text);
    text_ += clean;
    cell.width = static_cast<std::uint32_t>(display_width(clean));
  }
  cell.size = static_cast<std::uint32_t>(text_.size() - cell.offset);
  return cell;
}

TableLayout::TableLayout(const TableOptions& options) : options_(options) {
  for (std::size_t c = 0; c < column_count; ++c) widths_[c] = headers[c].size();
}

void TableLayout::add(const TableRow& row) {
  Row& r = rows_.emplace_back();
  const std::array<const std::string*, reasons> fields = {&row.asset, &row.host,   &row.user,
                                                          &row.level, &row.points, &row.status};
  for (std::size_t c = 0; c < reasons; ++c) {
    r.cells[c] = keep(*fields[c]);
    widths_[c] = std::max<std::size_t>(widths_[c], r.cells[c].width);
  }
  r.first_reason = static_cast<std::uint32_t>(reasons_.size());
  const std::size_t count = options_.max_reasons == 0
                                ? row.reasons.size()
                                : std::min(row.reasons.size(), options_.max_reasons);
  for (std::size_t k = 0; k < count; ++k) reasons_.push_back(keep(row.reasons[k]));
  if (count < row.reasons.size())
    reasons_.push_back(keep("\u2026 " + std::to_string(row.reasons.size() - count) + " more"));
  r.reason_count = static_cast<std::uint32_t>(reasons_.size() - r.first_reason);
  for (std::size_t k = r.first_reason; k < reasons_.size(); ++k)
    widths_[reasons] = std::max<std::size_t>(widths_[reasons], reasons_[k].width);
}

std::string TableLayout::finish() {
  Widths w = widths_;
  fit_columns(w, options_.width);
  auto view = [&](const Cell& c) -> posture::Cell {
    return {std::string_view(text_).substr(c.offset, c.size), c.width};
  };
  std::string out;
  Cells cells;
  for (std::size_t c = 0; c < column_count; ++c) cells[c] = {headers[c], headers[c].size()};
  emit(out, cells, w, options_.width);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < reasons; ++c) cells[c] = view(row.cells[c]);
    cells[reasons] = row.reason_count == 0 ? posture::Cell{} : view(reasons_[row.first_reason]);
    emit(out, cells, w, options_.width);
    for (std::size_t c = 0; c < reasons; ++c) cells[c] = {};
    for (std::size_t k = 1; k < row.reason_count; ++k) {
      cells[reasons] = view(reasons_[row.first_reason + k]);
      emit(out, cells, w, options_.width);
    }
  }
  return out;
}

}  // namespace report
}  // namespace posture
