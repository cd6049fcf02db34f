#include <array>

#include "posture/report.hpp"
#include "report/text_cell.hpp"

namespace posture {
namespace {

constexpr std::array<Category, 6> categories = {
    Category::security_updates,   Category::antivirus,   Category::prohibited_software,
    Category::mandatory_software, Category::pc_security, Category::user_defined};

// Spreadsheets run a cell that starts like a formula; asset numbers and names come from clients,
// so a hostile one could. The apostrophe is the convention spreadsheets hide and honour.
bool looks_like_formula(std::string_view v) noexcept {
  if (v.empty()) return false;
  const char c = v.front();
  return c == '=' || c == '+' || c == '-' || c == '@';
}

// Fields are cleaned like table cells: a report opened in a terminal or a spreadsheet must not
// carry a client's escape sequences or broken UTF-8. JSON is the format that keeps every byte.
void append_field(std::string& out, std::string_view value) {
  std::string v = report::clean_text(value);
  if (looks_like_formula(v)) v.insert(0, 1, '\'');
  // (A plain loop: find_first_of() with a set searches the set once per character.)
  bool quote = false;
  for (char c : v) quote = quote || c == ',' || c == '"';
  if (!quote) {
    out += v;
    return;
  }
  out += '"';
  std::size_t from = 0;
  for (std::size_t at = v.find('"'); at != std::string::npos; at = v.find('"', from)) {
    out.append(v, from, at + 1 - from);
    out += '"';
    from = at + 1;
  }
  out.append(v, from);
  out += '"';
}

std::string item_column(const Judgment& j, Category category) {
  const ItemResult* item = j.item(category);
  if (!item) return {};
  if (item->status == Status::judged && item->level) return std::string(level_name(*item->level));
  return std::string(status_name(item->status));
}

}  // namespace

std::string csv_header() {
  std::string out = "asset,policy,status,level,level_code,points";
  for (Category c : categories) {
    out += ',';
    out += category_name(c);
  }
  out += ",violations,reasons\r\n";
  return out;
}

std::string csv_row(const Judgment& j) {
  const bool has_level = j.status == Status::judged && j.level;
  std::string reasons;
  for (const auto& r : judgment_reasons(j)) {
    if (!reasons.empty()) reasons += "; ";
    reasons += r;
  }
  std::string out;
  append_field(out, j.asset);
  out += ',';
  append_field(out, j.policy);
  out += ',';
  out += status_name(j.status);
  out += ',';
  if (has_level) out += level_name(*j.level);
  out += ',';
  if (has_level) out += std::to_string(level_code(*j.level));
  out += ',';
  if (j.points) out += std::to_string(*j.points);
  for (Category c : categories) {
    out += ',';
    out += item_column(j, c);
  }
  out += ',';
  out += std::to_string(violation_count(j));
  out += ',';
  append_field(out, reasons);
  out += "\r\n";
  return out;
}

std::string write_csv(std::span<const Judgment> judgments) {
  std::string out = csv_header();
  for (const auto& j : judgments) out += csv_row(j);
  return out;
}

}  // namespace posture
