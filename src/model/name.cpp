#include "posture/name.hpp"

#include <cstdint>
#include <vector>

namespace posture {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of the UTF-8 sequence starting with byte c; a stray continuation or invalid lead byte
// counts as one, so hostile bytes still advance.
std::size_t utf8_len(unsigned char c) noexcept {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  if (c < 0xF8) return 4;
  return 1;
}

// Glob match with '*' and '?' over ASCII-lowered pattern and name. The classic two-pointer
// algorithm with one backtrack point: linear-ish, never exponential.
bool glob(std::string_view p, std::string_view s) noexcept {
  std::size_t pi = 0, si = 0;
  std::size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '?') {
      ++pi;
      si += std::min(utf8_len(static_cast<unsigned char>(s[si])), s.size() - si);
    } else if (pi < p.size() && p[pi] == '*') {
      star_p = pi++;
      star_s = si;
    } else if (pi < p.size() && p[pi] == lower(s[si])) {
      ++pi;
      ++si;
    } else if (star_p != std::string_view::npos) {
      pi = star_p + 1;
      star_s += std::min(utf8_len(static_cast<unsigned char>(s[star_s])), s.size() - star_s);
      si = star_s;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

std::string_view trim_space(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool names_equal(std::string_view a, std::string_view b) noexcept {
  a = trim_space(a);
  b = trim_space(b);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

NamePattern::NamePattern(std::string_view pattern)
    : text_(trim_space(pattern)), lower_(ascii_lower(text_)) {
  const std::size_t first = lower_.find_first_of("*?");
  wild_ = first != std::string::npos;
  prefix_ = static_cast<std::uint32_t>(wild_ ? first : lower_.size());
  if (wild_) {
    const std::size_t last_star = lower_.rfind('*');
    if (last_star != std::string::npos &&
        lower_.find('?', last_star) == std::string::npos)
      suffix_ = static_cast<std::uint32_t>(lower_.size() - last_star - 1);
  }
}

bool NamePattern::matches(std::string_view name) const noexcept {
  name = trim_space(name);
  // A match consumes the literal prefix byte for byte (and, below, the literal suffix), so both
  // are compared before any glob runs.
  if (name.size() < prefix_) return false;
  for (std::size_t i = 0; i < prefix_; ++i)
    if (lower(name[i]) != lower_[i]) return false;
  return matches_after_prefix(name);
}

bool NamePattern::matches_after_prefix(std::string_view name) const noexcept {
  const std::size_t n = name.size();
  if (!wild_) return n == lower_.size();
  if (n < std::size_t{prefix_} + suffix_) return false;
  const std::size_t tail = lower_.size() - suffix_;
  for (std::size_t i = 0; i < suffix_; ++i)
    if (lower(name[n - suffix_ + i]) != lower_[tail + i]) return false;
  // "prefix*suffix": the one star takes whatever lies between.
  if (tail == std::size_t{prefix_} + 1 && lower_[prefix_] == '*') return true;
  return glob(std::string_view(lower_).substr(prefix_), name.substr(prefix_));
}

std::string normalize_update_id(std::string_view id) {
  id = trim_space(id);
  auto digits_follow = [&](std::size_t n) {
    return id.size() > n && id[n] >= '0' && id[n] <= '9';
  };
  if (id.size() >= 2 && lower(id[0]) == 'k' && lower(id[1]) == 'b' && digits_follow(2))
    id.remove_prefix(2);
  else if (!id.empty() && lower(id[0]) == 'q' && digits_follow(1))
    id.remove_prefix(1);
  return std::string(id);
}

std::string normalize_bulletin(std::string_view id) {
  id = trim_space(id);
  if (id.size() >= 2 && lower(id[0]) == 'm' && lower(id[1]) == 's') id.remove_prefix(2);
  return std::string(id);
}

}  // namespace posture

namespace posture {

bool valid_utf8(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t n;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07u; }
    else return false;
    if (static_cast<std::size_t>(end - p) <= n) return false;
    for (std::size_t i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

}  // namespace posture
