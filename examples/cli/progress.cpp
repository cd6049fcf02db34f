#include "progress.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "common.hpp"

namespace posture::cli {

namespace {
constexpr auto quiet_start = std::chrono::seconds(1);
constexpr auto interval = std::chrono::milliseconds(200);

}  // namespace

Progress::Progress(std::size_t input_bytes, bool wanted)
    : enabled_(wanted && is_terminal(stderr)),
      input_bytes_(input_bytes),
      start_(clock::now()),
      last_(start_) {}

void Progress::update(std::size_t clients, std::size_t line, std::size_t bytes) {
  if (!enabled_) return;
  const auto now = clock::now();
  if (now - start_ < quiet_start || now - last_ < interval) return;
  last_ = now;
  std::string text = "judging: " + std::to_string(clients) + " clients";
  text += ", line " + std::to_string(line);
  // Of the bytes read ahead, not judged: near enough for a progress line.
  if (input_bytes_ > 0)
    text += " (" + std::to_string(std::min<std::size_t>(100, bytes * 100 / input_bytes_)) + "%)";
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
