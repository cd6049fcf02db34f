// Name matching for programs, products, services, accounts and OS names (spec/judgment.md §5, §9.2),
// and update-id normalisation.
#pragma once

#include <string>
#include <string_view>

namespace posture {

/// Trims ASCII space, tab, CR and LF from both ends.
std::string_view trim_space(std::string_view text) noexcept;

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view text) noexcept;

/// ASCII-only lower-casing.
std::string ascii_lower(std::string_view text);

/// Case-insensitive (ASCII) equality of two trimmed strings.
bool names_equal(std::string_view a, std::string_view b) noexcept;

/// A compiled name pattern: exact match, ASCII case-insensitive, surrounding white space ignored,
/// with '*' (any run, possibly empty) and '?' (exactly one UTF-8 code point) wildcards.
/// Matching runs in O(pattern × name) time at worst, never backtracks exponentially.
/// Thread safety: immutable.
class NamePattern {
 public:
  NamePattern() = default;
  explicit NamePattern(std::string_view pattern);

  bool matches(std::string_view name) const noexcept;
  /// The pattern as written (trimmed).
  const std::string& text() const noexcept { return text_; }
  bool has_wildcards() const noexcept { return wild_; }
  bool empty() const noexcept { return text_.empty(); }

 private:
  std::string text_;   // trimmed, as written
  std::string lower_;  // trimmed, ASCII-lowered
  bool wild_ = false;
};

/// Normalises an update id: trims white space and drops a leading "KB" or "Q" (any case) when
/// digits follow, so "KB5034441", "kb5034441" and "5034441" are the same update.
std::string normalize_update_id(std::string_view id);

/// Normalises a bulletin id: trims and drops a leading "MS" (any case): "MS09-067" → "09-067".
std::string normalize_bulletin(std::string_view id);

}  // namespace posture
