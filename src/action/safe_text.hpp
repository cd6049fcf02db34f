// Byte-level safety for rendered texts: UTF-8 decoding that survives hostile bytes, and an output
// buffer with a byte cap that only ever takes whole units (a code point, or an HTML entity), so a
// cut text is still valid UTF-8 and never ends inside "&amp;".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace posture::action {

inline constexpr char32_t replacement_char = 0xFFFD;

/// Decodes the code point at `pos` and advances past it. Overlong forms, surrogates, values past
/// U+10FFFF and truncated sequences yield U+FFFD and consume one byte, so decoding always
/// progresses and every invalid byte is replaced.
char32_t decode_utf8(std::string_view text, std::size_t& pos) noexcept;

/// Appends the UTF-8 encoding of `cp` (a valid scalar value).
void encode_utf8(char32_t cp, std::string& out);

/// C0 controls (CR, LF and tab included), DEL and C1 controls.
constexpr bool is_control(char32_t cp) noexcept {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/// A string that grows by whole units up to `cap` bytes; the first unit that does not fit closes
/// it, so later, shorter units cannot slip in after a gap.
class CappedText {
 public:
  explicit CappedText(std::size_t cap) : cap_(cap) {}

  /// Appends `unit` whole, or closes the text. Returns false once closed.
  bool put(std::string_view unit);
  bool full() const noexcept { return full_; }
  const std::string& text() const noexcept { return text_; }
  std::string take() noexcept { return std::move(text_); }

 private:
  std::string text_;
  std::size_t cap_;
  bool full_ = false;
};

}  // namespace posture::action
