// The nesting bound is checked on the raw text, before parsing, because the parser itself recurses
// once per bracket: a hostile "((((…" must be refused before it can exhaust the stack.
#include "expr/parser.hpp"

namespace posture::expr {

std::optional<std::size_t> find_excess_nesting(std::string_view source,
                                               unsigned max_depth) noexcept {
  unsigned depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    char c = source[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"' || c == '\n')
        in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '(':
      case '[':
        if (++depth > max_depth) return i;
        break;
      case ')':
      case ']':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return std::nullopt;
}

}  // namespace posture::expr
