// Problems found while compiling an expression, positioned by byte offset in the expression text;
// compile() turns offsets into line and column of the policy document at the end.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "posture/error.hpp"

namespace posture::expr {

struct Problem {
  errc code = errc::check;
  std::size_t offset = 0;  ///< byte offset in the expression
  std::string message;
};

/// Turns byte offsets of an expression into positions in its document, given where the expression
/// starts (`origin`). On the expression's first line columns continue from the origin's column;
/// after a newline inside the expression they restart at 1 on the following lines. An origin
/// without a line (0) positions the expression as a document of its own, from line 1, column 1.
class Locator {
 public:
  /// `written`: the expression as its JSON string wrote it (see compile()), or empty. A JSON string
  /// holds no raw line break, so a written expression stays on the origin's line.
  Locator(std::string_view source, const source_location& origin, std::string_view written = {});
  source_location operator()(std::size_t offset) const;

 private:
  std::size_t size_;
  source_location origin_;
  std::string_view written_;
  std::vector<std::size_t> line_starts_;  // offset after each newline, ascending
};

/// The text at `offset` for a message: the word or character there, or "end of expression".
std::string describe_token(std::string_view source, std::size_t offset);

/// `text` in double quotes, with quotes, backslashes and control characters escaped, so that a
/// message shows exactly what was written.
std::string quote(std::string_view text);

}  // namespace posture::expr
