#include "expr/problem.hpp"

#include "model/written_text.hpp"

#include <algorithm>
#include <cstdio>

namespace posture::expr {
namespace {

bool is_word(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

}  // namespace

Locator::Locator(std::string_view source, const source_location& origin,
                 std::string_view written)
    : size_(source.size()), origin_(origin), written_(written) {
  if (origin_.line == 0) {
    origin_.line = 1;
    origin_.column = 1;
  }
  for (std::size_t i = 0; i < source.size(); ++i)
    if (source[i] == '\n') line_starts_.push_back(i + 1);
}

source_location Locator::operator()(std::size_t offset) const {
  offset = std::min(offset, size_);
  source_location where;
  where.file = origin_.file;
  if (!written_.empty()) {
    const std::size_t at = written_offset(written_, offset);
    where.offset = origin_.offset + at;
    where.line = origin_.line;
    where.column = origin_.column == 0 ? 0 : origin_.column + static_cast<std::uint32_t>(at);
    return where;
  }
  where.offset = origin_.offset + offset;
  // Lines that start at or before `offset`: upper_bound, since a newline's own offset is still on
  // the line it ends.
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto newlines = static_cast<std::size_t>(after - line_starts_.begin());
  where.line = origin_.line + static_cast<std::uint32_t>(newlines);
  if (newlines == 0)
    where.column = origin_.column == 0 ? 0 : origin_.column + static_cast<std::uint32_t>(offset);
  else
    where.column = static_cast<std::uint32_t>(offset - *(after - 1) + 1);
  return where;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string describe_token(std::string_view source, std::size_t offset) {
  if (offset >= source.size()) return "end of expression";
  std::size_t end = offset;
  while (end < source.size() && is_word(source[end]) && end - offset < 40) ++end;
  if (end == offset) {
    // One UTF-8 code point, so that a message never shows half a character.
    end = offset + 1;
    while (end < source.size() && (static_cast<unsigned char>(source[end]) & 0xC0) == 0x80) ++end;
  }
  return quote(source.substr(offset, end - offset));
}

}  // namespace posture::expr
