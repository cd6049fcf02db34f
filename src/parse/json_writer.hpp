// A small streaming JSON writer whose output is always valid JSON: strings are escaped, invalid
// UTF-8 becomes U+FFFD, non-finite numbers become null. Compact output has no white space at all
// (one JSON Lines record); pretty output indents by two spaces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/json_tree.hpp"
#include "posture/io.hpp"

namespace posture::json {

/// Appends `text` as a JSON string literal (with quotes) to `out`.
void append_string(std::string& out, std::string_view text);

/// Thread safety: thread-compatible.
class Writer {
 public:
  explicit Writer(JsonStyle style) : pretty_(style == JsonStyle::pretty) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The key of the next member; the value follows with one of the value calls.
  void key(std::string_view name);

  void string(std::string_view text);
  void integer(std::int64_t value);
  void number(double value);
  void boolean(bool value);
  void null();
  /// Writes a tree value (e.g. a kept inventory field) as it was read.
  void value(const Tree& tree, const Node& node);
  /// Writes `json` as the value it holds, re-indented; false (and nothing written) when it is not
  /// one valid JSON value.
  bool json_text(std::string_view json);

  /// Convenience for the common "key": value members.
  void member(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }

  const std::string& text() const noexcept { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);
  void newline();

  std::string out_;
  std::vector<bool> has_items_;  // per open container
  bool pretty_ = false;
  bool after_key_ = false;
};

}  // namespace posture::json
