// Text helpers shared by the checker, the code generator and the evaluator: literal conversion,
// comparisons that honour lower(), linear-time substring search, and evidence formatting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/value.hpp"

namespace posture::expr {

/// A number written as an optional '-', digits and an optional decimal fraction ("12", "-1.5"),
/// surrounded by optional white space. Empty for anything else, or beyond the range of a double.
std::optional<double> parse_number(std::string_view text) noexcept;

/// Minutes in a duration literal: all-digit `digits` and unit 'd', 'h' or 'm'. Empty when it does
/// not fit (more than about 17 million years).
std::optional<std::int64_t> duration_minutes(std::string_view digits, char unit) noexcept;

/// `text` as a string literal of the condition language: in double quotes, with '"', '\\', newline,
/// carriage return and tab escaped.
std::string string_literal(std::string_view text);

/// Byte-wise order of two texts; a folded side is compared ASCII-lower-cased. <0, 0 or >0.
int compare_text(const Value& a, const Value& b) noexcept;

/// True when `text` begins with `prefix` (folding as compare_text does).
bool text_starts_with(const Value& text, const Value& prefix) noexcept;

/// A literal to search for, with its Knuth-Morris-Pratt failure table built once, so that
/// `contains` takes time linear in the searched text whatever the inputs.
class Needle {
 public:
  explicit Needle(std::string text);
  bool found_in(const Value& haystack) const noexcept;

 private:
  std::string text_;
  std::vector<std::uint32_t> failure_;
};

/// A value as evidence shows it: text as is, numbers in shortest form, dates as YYYY-MM-DD,
/// durations with their largest exact unit ("52d", "36h").
std::string format_value(const Value& value);

}  // namespace posture::expr
