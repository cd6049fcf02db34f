#include "model/written_text.hpp"

namespace posture {
namespace {

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a "\uXXXX" escape starting at `at`, or -1.
long unit_at(std::string_view s, std::size_t at) noexcept {
  if (at + 6 > s.size() || s[at] != '\\' || s[at + 1] != 'u') return -1;
  long unit = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    int d = hex_digit(s[i]);
    if (d < 0) return -1;
    unit = unit * 16 + d;
  }
  return unit;
}

std::size_t utf8_length(long code_point) noexcept {
  return code_point < 0x80 ? 1 : code_point < 0x800 ? 2 : code_point < 0x10000 ? 3 : 4;
}

}  // namespace

std::size_t written_offset(std::string_view written, std::size_t offset) noexcept {
  std::size_t at = 0, value = 0;
  while (at < written.size()) {
    std::size_t width = 1, produced = 1;  // bytes written, bytes of the value they produce
    if (written[at] == '\\') {
      if (at + 1 >= written.size()) return written.size();
      width = 2;
      if (written[at + 1] == 'u') {
        long unit = unit_at(written, at);
        if (unit < 0) return written.size();
        width = 6;
        long low = unit >= 0xD800 && unit < 0xDC00 ? unit_at(written, at + 6) : -1;
        if (low >= 0xDC00 && low < 0xE000) {
          width = 12;
          produced = 4;
        } else {
          // A lone surrogate, where a reader lets one through, is three bytes as any unit of
          // its range.
          produced = utf8_length(unit);
        }
      }
    }
    if (value + produced > offset) return at;
    value += produced;
    at += width;
  }
  return written.size();
}

}  // namespace posture
