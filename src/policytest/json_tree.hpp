// A JSON value that remembers the bytes it came from. Test files embed whole policy, inventory and
// catalog documents and expectations; knowing each value's span lets a problem anywhere in them be
// reported at its line and column in the test file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "posture/error.hpp"
#include "posture/io.hpp"

namespace posture::policytest {

struct JsonNode {
  enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  /// Set when the number was written as an integer that fits std::int64_t.
  bool integral = false;
  std::int64_t integer = 0;
  std::string text;  ///< the string value
  /// The member name when this node is an object member, and where the name starts.
  std::string key;
  std::size_t key_offset = 0;
  /// Byte span of the value in the source: [begin, end).
  std::size_t begin = 0;
  std::size_t end = 0;
  /// Array elements or object members, in source order (duplicate keys are kept).
  std::vector<JsonNode> children;

  bool is(Kind k) const noexcept { return kind == k; }
  /// The first member named `name`, or null (also null when this is not an object).
  const JsonNode* member(std::string_view name) const noexcept;
};

/// True when member `i` of object `obj` has the key of an earlier member.
bool repeats_earlier_key(const JsonNode& obj, std::size_t i) noexcept;

/// `text` between double quotes, for messages.
std::string in_quotes(std::string_view text);

/// "a string", "an object", … for messages.
std::string_view kind_phrase(JsonNode::Kind kind) noexcept;

/// Parses a whole JSON document. A leading UTF-8 byte order mark is skipped. Honours the depth,
/// string-length and document-size limits of `options`; errors carry `options.file_name` and the
/// line and column where parsing stopped.
result<JsonNode> parse_json_tree(std::string_view text, const ReadOptions& options);

/// Line and column (1-based, column in bytes) of byte `offset` of `text`.
source_location locate(std::string_view text, std::size_t offset, const std::string& file);

}  // namespace posture::policytest
