#include "posture/version.hpp"

#include <algorithm>

#include "posture/name.hpp"

namespace posture {
namespace {

bool is_separator(char c) noexcept {
  return c == '.' || c == '-' || c == '_' || c == ',' || c == ' ' || c == '\t' || c == '\r' ||
         c == '\n';
}
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Yields the parts of a version string one at a time; after the last part it yields "0" forever,
// which is how missing trailing parts compare equal to zero.
class Parts {
 public:
  explicit Parts(std::string_view s) noexcept : s_(s) {}
  bool done() const noexcept {
    std::size_t i = pos_;
    while (i < s_.size() && is_separator(s_[i])) ++i;
    return i >= s_.size();
  }
  std::string_view next() noexcept {
    while (pos_ < s_.size() && is_separator(s_[pos_])) ++pos_;
    if (pos_ >= s_.size()) return "0";
    std::size_t b = pos_;
    while (pos_ < s_.size() && !is_separator(s_[pos_])) ++pos_;
    return s_.substr(b, pos_ - b);
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

bool all_digits(std::string_view p) noexcept {
  return !p.empty() && std::all_of(p.begin(), p.end(), is_digit);
}

int compare_numbers(std::string_view a, std::string_view b) noexcept {
  // Arbitrary length: strip leading zeros, then longer is larger, then lexicographic.
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
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
  Parts pa(a), pb(b);
  while (!pa.done() || !pb.done()) {
    std::string_view x = pa.next(), y = pb.next();
    int c = (all_digits(x) && all_digits(y)) ? compare_numbers(x, y) : compare_text(x, y);
    if (c != 0) return c;
  }
  return 0;
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
