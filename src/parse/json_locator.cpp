#include "parse/json_locator.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace posture::json {

std::uint32_t clamp_u32(std::size_t n) noexcept {
  constexpr std::size_t max = std::numeric_limits<std::uint32_t>::max();
  return static_cast<std::uint32_t>(std::min(n, max));
}

Locator::Locator(std::string_view window, std::string file, WindowStart start)
    : window_(window), file_(std::move(file)), start_(start) {}

source_location Locator::at(std::size_t window_offset) const {
  window_offset = std::min(window_offset, window_.size());
  while (scanned_ < window_offset) {
    const void* nl = std::memchr(window_.data() + scanned_, '\n', window_offset - scanned_);
    if (!nl) {
      scanned_ = window_offset;
      break;
    }
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - window_.data());
    newlines_.push_back(at);
    scanned_ = at + 1;
  }
  // Lines before the offset = newlines strictly before it.
  auto it = std::lower_bound(newlines_.begin(), newlines_.end(), window_offset);
  auto before = static_cast<std::size_t>(it - newlines_.begin());
  source_location loc;
  loc.file = file_;
  loc.offset = start_.offset + window_offset;
  loc.line = clamp_u32(start_.line + before);
  if (before == 0)
    loc.column = clamp_u32(start_.column + window_offset);
  else
    loc.column = clamp_u32(window_offset - newlines_[before - 1]);
  return loc;
}

}  // namespace posture::json
