#include "expr/text.hpp"

#include <charconv>
#include <system_error>

#include "posture/name.hpp"

namespace posture::expr {
namespace {

unsigned char fold(char c, bool folded) noexcept {
  auto u = static_cast<unsigned char>(c);
  return (folded && u >= 'A' && u <= 'Z') ? static_cast<unsigned char>(u - 'A' + 'a') : u;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string format_duration(std::int64_t minutes) {
  if (minutes % (24 * 60) == 0) return std::to_string(minutes / (24 * 60)) + "d";
  if (minutes % 60 == 0) return std::to_string(minutes / 60) + "h";
  return std::to_string(minutes) + "m";
}

}  // namespace

std::optional<double> parse_number(std::string_view text) noexcept {
  text = trim_space(text);
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  std::size_t digits = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == digits) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    std::size_t fraction = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == fraction) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> duration_minutes(std::string_view digits, char unit) noexcept {
  std::int64_t per = unit == 'd' ? 24 * 60 : unit == 'h' ? 60 : unit == 'm' ? 1 : 0;
  if (per == 0 || digits.empty()) return std::nullopt;
  // Bounded well below INT64_MAX so that ages and durations never overflow when compared.
  constexpr std::int64_t max_minutes = std::int64_t{1} << 53;
  std::int64_t n = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    n = n * 10 + (c - '0');
    if (n > max_minutes) return std::nullopt;
  }
  if (n > max_minutes / per) return std::nullopt;
  return n * per;
}

std::string string_literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

int compare_text(const Value& a, const Value& b) noexcept {
  std::size_t n = std::min(a.size, b.size);
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char x = fold(a.data[i], a.folded), y = fold(b.data[i], b.folded);
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size == b.size) return 0;
  return a.size < b.size ? -1 : 1;
}

bool text_starts_with(const Value& text, const Value& prefix) noexcept {
  if (prefix.size > text.size) return false;
  for (std::size_t i = 0; i < prefix.size; ++i)
    if (fold(text.data[i], text.folded) != fold(prefix.data[i], prefix.folded)) return false;
  return true;
}

Needle::Needle(std::string text) : text_(std::move(text)), failure_(text_.size() + 1, 0) {
  // failure_[i]: length of the longest proper border of text_[0, i).
  std::uint32_t k = 0;
  for (std::size_t i = 1; i < text_.size(); ++i) {
    while (k > 0 && text_[i] != text_[k]) k = failure_[k];
    if (text_[i] == text_[k]) ++k;
    failure_[i + 1] = k;
  }
}

bool Needle::found_in(const Value& haystack) const noexcept {
  if (text_.empty()) return true;
  std::size_t k = 0;
  for (std::size_t i = 0; i < haystack.size; ++i) {
    auto c = static_cast<char>(fold(haystack.data[i], haystack.folded));
    while (k > 0 && c != text_[k]) k = failure_[k];
    if (c == text_[k]) ++k;
    if (k == text_.size()) return true;
  }
  return false;
}

std::string format_value(const Value& value) {
  switch (value.kind) {
    case ValueKind::missing: return "(absent)";
    case ValueKind::boolean: return value.boolean ? "true" : "false";
    case ValueKind::number: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.number);
      return ec == std::errc() ? std::string(buf, end) : std::string("?");
    }
    case ValueKind::text:
    case ValueKind::json: return std::string(value.text());
    case ValueKind::date: return format_date(Date{static_cast<std::int32_t>(value.integer)});
    case ValueKind::duration: return format_duration(value.integer);
  }
  return {};
}

}  // namespace posture::expr
