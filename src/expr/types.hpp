// The static types of the condition language (spec/judgment.md §4.6).
#pragma once

#include <cstdint>
#include <string_view>

namespace posture::expr {

/// `untyped` is a `fields["…"]` value: its type is only known at run time, so the checker lets it
/// meet any scalar type and the evaluator converts it (or reports a mismatch as missing data).
/// `error` marks an expression that already produced a diagnostic; it is compatible with
/// everything so that one mistake is reported once.
enum class Type : std::uint8_t {
  error,
  boolean,
  number,
  string,
  version,
  date,
  duration,
  untyped,
  list,
};

/// "bool", "number", "string", …
std::string_view type_name(Type type) noexcept;

}  // namespace posture::expr
