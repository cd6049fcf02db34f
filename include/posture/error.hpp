// Errors as values: every fallible posture call returns result<T>, which holds either the value or
// an error carrying a code, a message, where in the input it happened, and every further problem
// found in the same pass (a policy with five typos reports five diagnostics, not one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace posture {

/// Error codes. The numeric values are part of the C ABI (POSTURE_E…) and are never renumbered.
enum class errc : int {
  ok = 0,
  generic = -1,    ///< unclassified failure
  invalid = -2,    ///< misuse: bad argument, NULL, wrong state
  parse = -3,      ///< input is not well-formed (JSON syntax, bad value of a known key)
  check = -4,      ///< input is well-formed but breaks a rule (unknown key, unknown policy name)
  not_found = -5,  ///< a named thing does not exist
  nomem = -6,      ///< allocation failed
  limit = -7,      ///< a size, depth or length limit was exceeded
  version = -8,    ///< unsupported format or options version
  user = -9,       ///< a caller's callback asked to stop
  internal = -10,  ///< a bug in posture
  io = -11,        ///< a file could not be read or written
};

/// Fixed English text for a code ("parse error", …). Never null.
const char* errc_name(errc code) noexcept;

/// Where in a source document something is. Line and column are 1-based (0 = unknown); the column
/// counts bytes. offset is the 0-based byte offset.
struct source_location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::size_t offset = 0;
};

/// One problem found in an input, with its location.
struct diagnostic {
  errc code = errc::generic;
  std::string message;
  source_location where;

  /// "file:line:column: message" (parts that are unknown are left out).
  std::string to_string() const;
};

/// A failure. The first diagnostic is the headline (code, message, where); all diagnostics found in
/// the same pass are in `diagnostics`, in input order.
class error {
 public:
  error() = default;
  error(errc code, std::string message, source_location where = {});
  explicit error(std::vector<diagnostic> all);

  errc code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const source_location& where() const noexcept { return where_; }
  const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }

  /// Every diagnostic, one per line, as "file:line:column: message".
  std::string to_string() const;

 private:
  errc code_ = errc::generic;
  std::string message_;
  source_location where_;
  std::vector<diagnostic> diagnostics_;
};

/// Either a T or an error. [[nodiscard]] so that a failure cannot be dropped silently.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  result(error e) : v_(std::in_place_index<1>, std::move(e)) {}     // NOLINT: implicit by design

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only when ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  /// The error; only when !ok().
  const error& err() const& { return std::get<1>(v_); }
  error&& err() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, error> v_;
};

/// result<void>: success or an error.
template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(error e) : e_(std::move(e)), ok_(false) {}  // NOLINT: implicit by design
  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const error& err() const& { return e_; }
  error&& err() && { return std::move(e_); }

 private:
  error e_;
  bool ok_ = true;
};

}  // namespace posture
