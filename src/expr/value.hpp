// A run-time value of the condition language. Trivially copyable and allocation-free: text points
// into the snapshot or into the compiled program, both of which outlive an evaluation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "posture/time.hpp"

namespace posture::expr {

enum class ValueKind : std::uint8_t {
  missing,   ///< absent or null in the snapshot, or a mismatched `fields` value
  boolean,
  number,
  text,      ///< a string or a version (the instruction that reads it knows which)
  date,      ///< days since 1970-01-01
  duration,  ///< minutes
  json,      ///< an object or array from `fields`: only ever compared as a mismatch
};

struct Value {
  ValueKind kind;
  bool folded;  ///< lower() was applied: compare the text ASCII-lower-cased
  bool boolean;
  union {
    double number;
    std::int64_t integer;  ///< date (days) or duration (minutes)
  };
  const char* data;
  std::size_t size;

  std::string_view text() const noexcept { return {data, size}; }

  static Value missing() noexcept { return make(ValueKind::missing); }
  static Value of_bool(bool b) noexcept {
    Value v = make(ValueKind::boolean);
    v.boolean = b;
    return v;
  }
  static Value of_number(double n) noexcept {
    Value v = make(ValueKind::number);
    v.number = n;
    return v;
  }
  static Value of_text(std::string_view s, ValueKind kind = ValueKind::text) noexcept {
    Value v = make(kind);
    v.data = s.data();
    v.size = s.size();
    return v;
  }
  static Value of_date(Date d) noexcept {
    Value v = make(ValueKind::date);
    v.integer = d.days;
    return v;
  }
  static Value of_duration(std::int64_t minutes) noexcept {
    Value v = make(ValueKind::duration);
    v.integer = minutes;
    return v;
  }

 private:
  static Value make(ValueKind kind) noexcept {
    Value v;
    v.kind = kind;
    v.folded = false;
    v.boolean = false;
    v.integer = 0;
    v.data = nullptr;
    v.size = 0;
    return v;
  }
};

}  // namespace posture::expr
