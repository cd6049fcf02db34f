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
  if (!indexed_) {
    const char* p = window_.data();
    const char* end = p + window_.size();
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      const char* q = static_cast<const char*>(nl);
      newlines_.push_back(static_cast<std::size_t>(q - window_.data()));
      p = q + 1;
    }
    indexed_ = true;
  }
  window_offset = std::min(window_offset, window_.size());
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
