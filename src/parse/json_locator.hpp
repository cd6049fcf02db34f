// Turns byte offsets within a parsed window of text into file, line and column.
//
// A window is the part of the input one JSON tree was built from: a whole document (after its BOM)
// or one record of a fleet file. Offsets in the tree count from the window's first byte; the
// locator knows where that byte sits in the file, so diagnostics name the line within the whole
// file. Only LF ends a line (a CR before it is an ordinary byte); columns count bytes, 1-based.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "posture/error.hpp"

namespace posture::json {

/// Where a window starts in its file.
struct WindowStart {
  std::size_t offset = 0;    ///< byte offset of the window in the file
  std::uint32_t line = 1;    ///< line of the window's first byte
  std::uint32_t column = 1;  ///< column of the window's first byte
};

/// Maps window offsets to source locations. The line index grows lazily, only as far as the
/// offsets asked about, so locating a problem near the start of a large window stays cheap.
/// Thread safety: thread-compatible (the index is built lazily).
class Locator {
 public:
  Locator(std::string_view window, std::string file, WindowStart start = {});

  source_location at(std::size_t window_offset) const;
  const std::string& file() const noexcept { return file_; }
  std::string_view window() const noexcept { return window_; }

 private:
  std::string_view window_;
  std::string file_;
  WindowStart start_;
  mutable std::vector<std::size_t> newlines_;  // window offsets of the '\n's before scanned_
  mutable std::size_t scanned_ = 0;
};

/// Saturating conversion for line and column numbers of huge inputs.
std::uint32_t clamp_u32(std::size_t n) noexcept;

}  // namespace posture::json
