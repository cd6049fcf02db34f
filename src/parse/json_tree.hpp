// A compact, read-only JSON tree in which every node remembers where it came from.
//
// RapidJSON's SAX reader does the parsing (syntax, UTF-8 validation, exact numbers); TreeBuilder
// turns its events into a flat node array, so a policy with a typo can be reported at the byte
// where the typo is. Limits (bytes, nesting depth, string length) are enforced while parsing, so
// hostile input never builds a large tree or a deep stack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parse/rapidjson.hpp"
#include "posture/error.hpp"
#include "posture/io.hpp"

namespace posture::json {

enum class Kind : std::uint8_t { null, boolean, integer, number, string, array, object };

/// "null", "a boolean", "a number", "a string", "an array", "an object": for "got …" in messages.
std::string_view kind_name(Kind kind) noexcept;

using NodeId = std::uint32_t;

/// One value. Offsets count bytes from the start of the parsed window.
struct Node {
  Kind kind = Kind::null;
  bool boolean = false;
  std::uint32_t begin = 0;    ///< first byte (the quote of a string, the brace of an object)
  std::uint32_t end = 0;      ///< one past the last byte
  std::uint32_t size = 0;     ///< string bytes, array elements or object members
  std::uint64_t payload = 0;  ///< integer or double bits, string arena offset, or first child slot
};

/// The parsed value. Node 0 is the root. Thread safety: immutable once built.
class Tree {
 public:
  bool empty() const noexcept { return nodes_.empty(); }
  const Node& root() const noexcept { return nodes_.front(); }
  const Node& at(NodeId id) const noexcept { return nodes_[id]; }

  /// The decoded text of a string node (a value or an object key).
  std::string_view text(const Node& node) const noexcept;
  std::int64_t integer(const Node& node) const noexcept;
  /// The value of an integer or number node as a double.
  double number(const Node& node) const noexcept;
  std::span<const NodeId> elements(const Node& array) const noexcept;
  /// An object's members as key, value, key, value, … in document order.
  std::span<const NodeId> members(const Node& object) const noexcept;
  /// Keys that repeat an earlier key of the same object, as (repeat, first) pairs.
  const std::vector<std::pair<NodeId, NodeId>>& duplicate_keys() const noexcept {
    return duplicates_;
  }

 private:
  friend class TreeBuilder;
  std::vector<Node> nodes_;
  std::vector<NodeId> kids_;
  std::string strings_;
  std::vector<std::pair<NodeId, NodeId>> duplicates_;
};

/// What a parse may consume.
struct Limits {
  std::size_t max_bytes = 0;
  unsigned max_depth = 0;
  std::size_t max_string_bytes = 0;
  const char* bytes_option = "max_document_bytes";  ///< named in the limit message

  static Limits for_document(const ReadOptions& options) noexcept;
  /// One record of a fleet: max_line_bytes instead of max_document_bytes.
  static Limits for_record(const ReadOptions& options) noexcept;
};

/// Why a parse stopped: the code, the window offset and the message.
struct Failure {
  errc code = errc::parse;
  std::size_t offset = 0;
  std::string message;
};

/// A RapidJSON SAX handler that builds a Tree from the events of one value read from `stream`.
/// Start positions are recovered from the stream: between two tokens JSON only has white space,
/// commas and colons, so a value begins at the first other byte after the previous token.
class TreeBuilder {
 public:
  TreeBuilder(const rapidjson::MemoryStream& stream, const Limits& limits);

  /// Begins a new tree. Scanning for the first token starts at stream offset `scan_from`; node
  /// offsets count from `base`, or from the first token when `base` is empty. `outer_depth` is
  /// the nesting the value already sits in (1 inside a fleet array).
  void start(std::size_t scan_from, std::optional<std::size_t> base, unsigned outer_depth);
  /// True once the root value is closed.
  bool complete() const noexcept { return complete_; }
  /// Stream offset of the root's first byte.
  std::size_t base() const noexcept { return base_; }
  /// Stream offset one past the last consumed token.
  std::size_t position() const noexcept { return prev_end_; }
  Tree take();
  /// Set when a callback refused to go on (a limit); RapidJSON then reports "termination".
  const std::optional<Failure>& failure() const noexcept { return failure_; }

  bool Null();
  bool Bool(bool b);
  bool Int(int i);
  bool Uint(unsigned u);
  bool Int64(std::int64_t i);
  bool Uint64(std::uint64_t u);
  bool Double(double d);
  bool RawNumber(const char* str, rapidjson::SizeType length, bool copy);
  bool String(const char* str, rapidjson::SizeType length, bool copy);
  bool StartObject();
  bool Key(const char* str, rapidjson::SizeType length, bool copy);
  bool EndObject(rapidjson::SizeType members);
  bool StartArray();
  bool EndArray(rapidjson::SizeType elements);

 private:
  std::size_t token_start();
  bool add(Node node);
  bool add_scalar(Kind kind, std::uint64_t payload, bool boolean = false);
  bool add_string(const char* str, rapidjson::SizeType length);
  bool open(Kind kind);
  bool close();
  bool fail(errc code, std::size_t stream_offset, std::string message);
  void find_duplicates(std::span<const NodeId> members);

  const rapidjson::MemoryStream& stream_;
  Limits limits_;
  Tree tree_;
  std::vector<NodeId> pending_;  // children of the open containers, innermost last
  struct Frame {
    NodeId node;
    std::size_t first_pending;
  };
  std::vector<Frame> open_;
  std::vector<NodeId> scratch_;
  std::size_t prev_end_ = 0;
  std::size_t base_ = 0;
  bool base_fixed_ = false;
  bool complete_ = false;
  unsigned outer_depth_ = 0;
  std::optional<Failure> failure_;
};

/// How every reader runs RapidJSON: UTF-8 validated, an explicit stack instead of recursion, and
/// numbers handed over as text so that TreeBuilder converts them itself (exact integers, correctly
/// rounded doubles; RapidJSON 1.1.0's own full-precision conversion misbehaves on zeros).
inline constexpr unsigned kReaderFlags = rapidjson::kParseValidateEncodingFlag |
                                         rapidjson::kParseIterativeFlag |
                                         rapidjson::kParseNumbersAsStringsFlag;

/// The message for a RapidJSON parse error at `offset` of `window` (a NUL byte and invalid UTF-8
/// get plain words).
std::string syntax_message(int rapidjson_code, std::string_view window, std::size_t offset);

/// The result of parsing one value.
struct Parsed {
  Tree tree;
  std::size_t end = 0;  ///< window offset one past the value
  std::optional<Failure> failure;
};

/// Parses one JSON value from `window`. With `stop_after_value` parsing ends after the value and
/// the caller checks what follows; otherwise only white space may follow.
Parsed parse_value(std::string_view window, const Limits& limits, bool stop_after_value = false);

/// A document ready to parse: the text after a UTF-8 byte order mark, and how to locate it.
struct DocumentWindow {
  std::string_view text;
  std::size_t offset = 0;  ///< 3 after a BOM
};
DocumentWindow strip_bom(std::string_view text) noexcept;

}  // namespace posture::json
