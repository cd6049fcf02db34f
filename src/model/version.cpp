#include "posture/version.hpp"

#include <algorithm>
#include <array>

#include "posture/name.hpp"

namespace posture {
namespace {

constexpr auto separators = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view(".-_, \t\r\n")) t[c] = true;
  return t;
}();
bool is_separator(char c) noexcept { return separators[static_cast<unsigned char>(c)]; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The part of `s` that starts at or after `at` (separators skipped), whether it is all digits, and
// `at` moved past it; false when only separators are left. One pass over the string, for a
// comparison that runs on every program a prohibited or mandatory pattern matches.
bool next_part(std::string_view s, std::size_t& at, std::string_view& part, bool& digits) noexcept {
  while (at < s.size() && is_separator(s[at])) ++at;
  if (at == s.size()) return false;
  const std::size_t begin = at;
  bool all = true;
  for (; at < s.size() && !is_separator(s[at]); ++at) all = all && is_digit(s[at]);
  part = s.substr(begin, at - begin);
  digits = all;
  return true;
}

int compare_numbers(std::string_view a, std::string_view b) noexcept {
  // Arbitrary length: strip leading zeros, then longer is larger, then lexicographic.
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  // Parts are a few digits: a loop beats a call to memcmp.
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

int compare_text(std::string_view a, std::string_view b) noexcept {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto x = static_cast<unsigned char>(lower(a[i]));
    auto y = static_cast<unsigned char>(lower(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

bool holds(int cmp, VersionOp op) noexcept {
  switch (op) {
    case VersionOp::eq: return cmp == 0;
    case VersionOp::ne: return cmp != 0;
    case VersionOp::lt: return cmp < 0;
    case VersionOp::le: return cmp <= 0;
    case VersionOp::gt: return cmp > 0;
    case VersionOp::ge: return cmp >= 0;
  }
  return false;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) noexcept {
  std::size_t i = 0, j = 0;
  for (;;) {
    // A missing trailing part is "0".
    std::string_view x = "0", y = "0";
    bool x_digits = true, y_digits = true;
    const bool more_a = next_part(a, i, x, x_digits);
    const bool more_b = next_part(b, j, y, y_digits);
    if (!more_a && !more_b) return 0;
    const int c = x_digits && y_digits ? compare_numbers(x, y) : compare_text(x, y);
    if (c != 0) return c;
  }
}

std::string_view version_op_symbol(VersionOp op) noexcept {
  switch (op) {
    case VersionOp::eq: return "=";
    case VersionOp::ne: return "!=";
    case VersionOp::lt: return "<";
    case VersionOp::le: return "<=";
    case VersionOp::gt: return ">";
    case VersionOp::ge: return ">=";
  }
  return "=";
}

result<VersionConstraint> VersionConstraint::parse(std::string_view text) {
  VersionConstraint vc;
  std::size_t pos = 0;
  auto fail = [&](std::string msg, std::size_t at) {
    return error(errc::parse, std::move(msg),
                 source_location{{}, 1, static_cast<std::uint32_t>(at + 1), at});
  };
  auto skip_space = [&] {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  };
  for (;;) {
    skip_space();
    Clause clause;
    auto rest = text.substr(pos);
    if (rest.starts_with("==")) { clause.op = VersionOp::eq; pos += 2; }
    else if (rest.starts_with("!=")) { clause.op = VersionOp::ne; pos += 2; }
    else if (rest.starts_with("<=")) { clause.op = VersionOp::le; pos += 2; }
    else if (rest.starts_with(">=")) { clause.op = VersionOp::ge; pos += 2; }
    else if (rest.starts_with("<")) { clause.op = VersionOp::lt; pos += 1; }
    else if (rest.starts_with(">")) { clause.op = VersionOp::gt; pos += 1; }
    else if (rest.starts_with("=")) { clause.op = VersionOp::eq; pos += 1; }
    skip_space();
    std::size_t start = pos;
    while (pos < text.size() && text[pos] != ',') ++pos;
    std::string_view v = trim_space(text.substr(start, pos - start));
    if (v.empty())
      return fail("expected a version after the operator, as in \">= 1.2\"", start);
    if (v.find_first_of("<>=!") != std::string_view::npos)
      return fail("unexpected operator inside a version; join two constraints with a comma",
                  start + (v.data() - text.substr(start).data()));
    clause.version = std::string(v);
    vc.clauses_.push_back(std::move(clause));
    if (pos >= text.size()) break;
    ++pos;  // the comma
    if (vc.clauses_.size() == 2)
      return fail("a version range has at most two constraints", pos - 1);
  }
  if (vc.clauses_.empty()) return fail("expected a version constraint", 0);
  return vc;
}

bool VersionConstraint::satisfied_by(std::optional<std::string_view> installed) const noexcept {
  if (!installed) return false;
  for (const auto& c : clauses_)
    if (!holds(compare_versions(*installed, c.version), c.op)) return false;
  return true;
}

std::string VersionConstraint::to_string() const {
  std::string out;
  for (const auto& c : clauses_) {
    if (!out.empty()) out += ", ";
    out += version_op_symbol(c.op);
    out += ' ';
    out += c.version;
  }
  return out;
}

}  // namespace posture
