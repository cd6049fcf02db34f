// Text that is safe to put in front of a person: valid UTF-8, one line, measured in terminal
// columns. Report writers pass every inventory-derived string through here, because a client
// reports whatever host name it likes, escape sequences included.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace posture::report {

/// Printable ASCII (0x20 to 0x7E): a byte clean_text() keeps as it is, one terminal column wide.
inline bool printable_ascii(char c) noexcept {
  return static_cast<unsigned char>(c) - 0x20u < 0x5Fu;
}

/// `text` as valid UTF-8 on one line: each invalid byte becomes U+FFFD, each control character
/// (C0, DEL, C1; tab and newlines included) becomes '?'.
std::string clean_text(std::string_view text);

/// Terminal columns `text` (valid UTF-8, as clean_text returns) occupies: East Asian wide and
/// fullwidth characters count two, combining marks and zero-width characters none.
std::size_t display_width(std::string_view text) noexcept;

/// `text` (valid UTF-8) cut to at most `width` columns. A cut text ends in "…" and is never cut
/// inside a character.
std::string fit_width(std::string_view text, std::size_t width);

}  // namespace posture::report
