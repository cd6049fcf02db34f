// Byte-level safety for rendered texts: an output buffer with a byte cap that only ever takes whole
// units (a code point, or an HTML entity), so a cut text is still valid UTF-8 and never ends inside
// "&amp;". Decoding is model/utf8.hpp's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace posture::action {

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
