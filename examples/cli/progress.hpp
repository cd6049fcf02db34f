// A progress line on stderr for long runs: "judging: 48213 clients, line 48230 (48%)".
#pragma once

#include <chrono>
#include <cstddef>

namespace posture::cli {

/// Shows nothing unless `wanted`, stderr is a terminal and the run has lasted a second; then one
/// line, rewritten in place ('\r') at most five times a second, so that it neither floods a log nor
/// slows the run. erase() takes it away before anything else is printed on stderr.
/// Thread safety: one thread only, and no other may write to the terminal meanwhile.
class Progress {
 public:
  /// `input_bytes`: the size of the input, for the percentage (0 when unknown: none shown).
  explicit Progress(std::size_t input_bytes, bool wanted = true);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { erase(); }

  /// `line`: of the last record read; `bytes`: of the input read so far.
  void update(std::size_t clients, std::size_t line, std::size_t bytes);
  /// Erases the line if it is shown; the next update() shows it again.
  void erase();

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  std::size_t input_bytes_;
  std::size_t width_ = 0;  // of the last line shown, to erase it
  clock::time_point start_;
  clock::time_point last_;
};

}  // namespace posture::cli
