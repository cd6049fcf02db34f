// Name matching for programs, products, services, accounts and OS names (spec/judgment.md §5, §9.2),
// and update-id normalisation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace posture {

namespace eval {
class ProgramIndex;
}

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
/// The literal text before the first wildcard and after the last '*' is compared first, so that
/// most names are rejected after a byte or two; what lies between runs the classic glob with one
/// backtrack point, O(middle × name) at worst and never exponential. Policies bound that cost:
/// compile() rejects a pattern longer than max_name_pattern_bytes or with more than
/// max_name_pattern_stars '*'.
/// Thread safety: immutable.
class NamePattern {
 public:
  NamePattern() = default;
  explicit NamePattern(std::string_view pattern);

  bool matches(std::string_view name) const noexcept;
  /// The pattern as written (trimmed).
  const std::string& text() const noexcept { return text_; }
  /// The pattern trimmed and ASCII-lowered: what names are compared with.
  const std::string& lowered() const noexcept { return lower_; }
  /// Length of the literal text before the first wildcard (the whole pattern when it has none):
  /// every name it matches starts with lowered().substr(0, literal_prefix()), ASCII-lowered.
  std::size_t literal_prefix() const noexcept { return prefix_; }
  bool has_wildcards() const noexcept { return wild_; }
  bool empty() const noexcept { return text_.empty(); }

 private:
  // The program index has compared the literal prefix already (eval/index.hpp).
  friend class eval::ProgramIndex;
  /// matches() for a trimmed name known to start with the literal prefix (ASCII case-insensitive).
  bool matches_after_prefix(std::string_view name) const noexcept;

  std::string text_;   // trimmed, as written
  std::string lower_;  // trimmed, ASCII-lowered
  bool wild_ = false;
  std::uint32_t prefix_ = 0;  // literal bytes before the first wildcard
  std::uint32_t suffix_ = 0;  // literal bytes after the last '*' when they hold no '?', else 0
};

/// Limits on a policy's name patterns, checked by compile(): a longer pattern, or one with more
/// '*', is an error. They bound the time one pattern can take against one name.
inline constexpr std::size_t max_name_pattern_bytes = 256;
inline constexpr std::size_t max_name_pattern_stars = 16;

/// Normalises an update id: trims white space and drops a leading "KB" or "Q" (any case) when
/// digits follow, so "KB5034441", "kb5034441" and "5034441" are the same update.
std::string normalize_update_id(std::string_view id);

/// Normalises a bulletin id: trims and drops a leading "MS" (any case): "MS09-067" → "09-067".
std::string normalize_bulletin(std::string_view id);

}  // namespace posture
