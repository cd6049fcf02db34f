#include "expr/suggest.hpp"

#include <algorithm>
#include <array>

namespace posture::expr {
namespace {

constexpr std::size_t max_len = 64;  // names are short; anything longer is cut off first

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Optimal string alignment distance, ASCII case-insensitive, on three rolling rows: bounded time
// and no allocation however hostile the names.
std::size_t distance(std::string_view a, std::string_view b) noexcept {
  a = a.substr(0, max_len);
  b = b.substr(0, max_len);
  std::array<std::size_t, max_len + 1> before{}, previous{}, current{};
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      std::size_t best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      bool swapped = i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                     lower(a[i - 2]) == lower(b[j - 1]);
      if (swapped) best = std::min(best, before[j - 2] + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.size()];
}

std::string_view closest(std::string_view word, std::span<const std::string_view> candidates) {
  // A third of the word may be wrong, at least one character: "os.nmae" → "os.name", but "x" is
  // not a typo of "os".
  const std::size_t limit = std::max<std::size_t>(1, std::min(word.size(), max_len) / 3);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    std::size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (gap >= best_distance) continue;  // at least that many edits
    std::size_t d = distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  std::string_view best = closest(word, candidates);
  if (best.empty()) return {};
  return "; did you mean \"" + std::string(best) + "\"?";
}

}  // namespace posture::expr
