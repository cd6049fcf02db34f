#include "progress.hpp"

#include <cstdio>
#include <string>

#include "common.hpp"

namespace posture::cli {

namespace {
constexpr auto quiet_start = std::chrono::seconds(1);
constexpr auto interval = std::chrono::milliseconds(200);

// Counted only when the line may be shown: on a large input the pass is a noticeable part of
// the run.
std::size_t count_lines(std::string_view text) noexcept {
  std::size_t lines = 0;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1))
    ++lines;
  return lines;
}

}  // namespace

Progress::Progress(std::string_view input, bool wanted)
    : enabled_(wanted && is_terminal(stderr)),
      total_lines_(enabled_ ? count_lines(input) : 0),
      start_(clock::now()),
      last_(start_) {}

void Progress::update(std::size_t clients, std::size_t line) {
  if (!enabled_) return;
  const auto now = clock::now();
  if (now - start_ < quiet_start || now - last_ < interval) return;
  last_ = now;
  std::string text = "judging: " + std::to_string(clients) + " clients";
  if (total_lines_ > 1) {
    text += ", line " + std::to_string(line) + " of " + std::to_string(total_lines_);
    text += " (" + std::to_string(line * 100 / total_lines_) + "%)";
  }
  const std::size_t pad = width_ > text.size() ? width_ - text.size() : 0;
  std::fprintf(stderr, "\r%s%*s", text.c_str(), static_cast<int>(pad), "");
  std::fflush(stderr);
  width_ = text.size();
  shown_ = true;
}

void Progress::erase() {
  if (!shown_) return;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(width_), "");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace posture::cli
