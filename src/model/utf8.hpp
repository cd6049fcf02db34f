// UTF-8 one code point at a time, for the writers that put text in front of people and programs
// (reports, rendered actions). Decoding survives hostile bytes: every invalid byte becomes one
// U+FFFD, so the output accounts for each byte of the input and decoding always progresses.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace posture::utf8 {

inline constexpr char32_t replacement = 0xFFFD;

/// Decodes the code point at `pos` (< text.size()) and advances past it. Overlong forms,
/// surrogates, values past U+10FFFF and truncated sequences yield U+FFFD and consume one byte.
char32_t decode(std::string_view text, std::size_t& pos) noexcept;

/// Appends the UTF-8 encoding of `cp` (a Unicode scalar value).
void encode(char32_t cp, std::string& out);

/// C0 controls (CR, LF and tab included), DEL and C1 controls.
constexpr bool is_control(char32_t cp) noexcept { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

}  // namespace posture::utf8
