// A progress line on stderr for long runs: "judging: 48213 clients, line 48230 of 100000 (48%)".
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace posture::cli {

/// Shows nothing unless `wanted`, stderr is a terminal and the run has lasted a second; then one
/// line, rewritten in place ('\r') at most five times a second, so that it neither floods a log nor
/// slows the run. erase() takes it away before anything else is printed on stderr.
/// Thread safety: one thread only, and no other may write to the terminal meanwhile.
class Progress {
 public:
  /// `input`: the text being read, for "line L of T".
  explicit Progress(std::string_view input, bool wanted = true);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { erase(); }

  void update(std::size_t clients, std::size_t line);
  /// Erases the line if it is shown; the next update() shows it again.
  void erase();

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  std::size_t total_lines_;
  std::size_t width_ = 0;  // of the last line shown, to erase it
  clock::time_point start_;
  clock::time_point last_;
};

}  // namespace posture::cli
