#include "expr/problem.hpp"

#include <cstdio>

namespace posture::expr {
namespace {

bool is_word(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

}  // namespace

source_location locate(std::string_view source, const source_location& origin,
                       std::size_t offset) {
  offset = std::min(offset, source.size());
  source_location where;
  where.file = origin.file;
  where.offset = origin.offset + offset;
  std::uint32_t line = origin.line == 0 ? 1 : origin.line;
  std::uint32_t column = origin.line == 0 ? 1 : origin.column;
  std::size_t line_start = 0;
  bool first_line = true;
  for (std::size_t i = 0; i < offset; ++i) {
    if (source[i] == '\n') {
      ++line;
      line_start = i + 1;
      first_line = false;
    }
  }
  if (first_line)
    where.column = column == 0 ? 0 : column + static_cast<std::uint32_t>(offset);
  else
    where.column = static_cast<std::uint32_t>(offset - line_start + 1);
  where.line = line;
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
