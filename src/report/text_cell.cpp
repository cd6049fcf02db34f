#include "report/text_cell.hpp"

#include <cstdint>

#include "model/utf8.hpp"

namespace posture::report {
namespace {

constexpr std::string_view ellipsis = "\u2026";

using utf8::decode;
using utf8::encode;
using utf8::is_control;

struct Range {
  char32_t first, last;
};

// The common zero-width code points: combining marks, zero-width space/joiners, variation
// selectors. Enough for names and paths; exotic scripts may be off by a column, never by a byte.
constexpr Range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},   {0x064B, 0x065F},
    {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF},   {0x3099, 0x309A},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

// East Asian Wide (W) and Fullwidth (F) blocks.
constexpr Range wide[] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

template <std::size_t N>
bool in(const Range (&ranges)[N], char32_t cp) noexcept {
  for (const auto& r : ranges)
    if (cp >= r.first && cp <= r.last) return true;
  return false;
}

std::size_t width_of(char32_t cp) noexcept {
  if (cp < 0x300) return 1;  // below every range: ASCII and Latin text, the common case
  if (in(zero_width, cp)) return 0;
  return in(wide, cp) ? 2 : 1;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    // Printable ASCII stays as it is: copied a run at a time, the common case by far.
    std::size_t run = pos;
    while (run < text.size() && printable_ascii(text[run])) ++run;
    out.append(text.data() + pos, run - pos);
    pos = run;
    if (pos == text.size()) break;
    const char32_t cp = decode(text, pos);
    encode(is_control(cp) ? char32_t{'?'} : cp, out);
  }
  return out;
}

std::size_t display_width(std::string_view text) noexcept {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {  // one byte, one column
      ++width;
      ++pos;
      continue;
    }
    width += width_of(decode(text, pos));
  }
  return width;
}

std::string fit_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  // Keep characters while they and the ellipsis still fit.
  std::size_t used = 0, keep = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t w = width_of(decode(text, pos));
    if (used + w + 1 > width) break;
    used += w;
    keep = pos;
  }
  std::string out(text.substr(0, keep));
  out += ellipsis;
  return out;
}

}  // namespace posture::report
