// Typed reading of a located JSON tree, collecting every problem of a document in one pass.
//
// Readers ask an ObjectReader for the keys they know; what was never asked for is an unknown key
// (an error in policies and catalogs, a kept field in inventories). Each problem becomes a
// diagnostic with file, line and column; the reader carries on so that a document with five typos
// reports five diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parse/json_locator.hpp"
#include "parse/json_tree.hpp"
#include "posture/error.hpp"

namespace posture::json {

/// `text` in double quotes for a message: control characters escaped, cut after 64 bytes.
std::string quote(std::string_view text);

/// The candidate closest to `word` by edit distance when it is close enough to be a likely typo.
std::optional<std::string_view> closest(std::string_view word,
                                        std::span<const std::string_view> candidates);

/// "a, b, c".
std::string join(std::span<const std::string_view> words);

/// Converts tree values to typed values and collects the problems found.
/// Thread safety: thread-compatible.
class Walker {
 public:
  /// Reports the tree's duplicate keys at once.
  Walker(const Tree& tree, const Locator& locator);

  const Tree& tree() const noexcept { return tree_; }
  source_location where(const Node& node) const { return locator_.at(node.begin); }
  source_location where_offset(std::size_t window_offset) const {
    return locator_.at(window_offset);
  }
  /// A string node's text as the document has it between the quotes, escapes and all.
  std::string_view written(const Node& string) const noexcept {
    return locator_.window().substr(string.begin + std::size_t{1}, string.end - string.begin - 2);
  }

  void report(errc code, const Node& at, std::string message);
  void report_at(errc code, std::size_t window_offset, std::string message);
  void report_located(errc code, source_location where, std::string message);
  bool failed() const noexcept { return !problems_.empty(); }
  /// True once so many problems were reported that further ones are dropped.
  bool saturated() const noexcept { return truncated_; }
  /// Every problem reported, in input order.
  error take_error();

  // Each conversion names the value `name` in its message ("expected a string for \"name\"")
  // and returns nothing after reporting when the value has the wrong type or range.
  std::optional<std::string> string(const Node& value, std::string_view name);
  /// A string that is not empty after trimming white space.
  std::optional<std::string> nonempty_string(const Node& value, std::string_view name);
  std::optional<bool> boolean(const Node& value, std::string_view name);
  std::optional<std::int64_t> integer(const Node& value, std::string_view name, std::int64_t min,
                                      std::int64_t max);
  /// The elements of an array; empty after reporting when `value` is not an array.
  std::span<const NodeId> array(const Node& value, std::string_view name);
  /// An array of strings, non-empty unless `allow_empty`.
  std::optional<std::vector<std::string>> strings(const Node& value, std::string_view name,
                                                  bool allow_empty = false);
  /// The index of the string in `allowed` that `value` equals (ASCII case-insensitively when
  /// asked); otherwise reports the allowed values.
  std::optional<std::size_t> one_of(const Node& value, std::string_view name,
                                    std::span<const std::string_view> allowed,
                                    bool ignore_case = false);

  /// Reports "expected <what> for "name", got <kind>".
  void wrong_type(const Node& value, std::string_view name, std::string_view expected);

 private:
  const Tree& tree_;
  const Locator& locator_;
  std::vector<diagnostic> problems_;
  bool truncated_ = false;
};

/// One JSON object being read. Hands out members by key, remembers which keys were asked for,
/// and reports missing keys and, on request, keys never asked for.
class ObjectReader {
 public:
  /// `name` names the value in a type error; `what` names the object in key errors ("antivirus
  /// product"). A value that is not an object is reported once; every lookup then finds nothing.
  ObjectReader(Walker& walker, const Node& node, std::string_view name, std::string what);

  bool valid() const noexcept { return valid_; }
  const Node& node() const noexcept { return node_; }
  /// The value of `key`, or null when absent or JSON null.
  const Node* optional(std::string_view key);
  /// The value of `key`, reporting it when absent. JSON null is returned for the caller's type
  /// check to report.
  const Node* required(std::string_view key);
  /// Reports each key never asked for, with the keys that were and a likely correction.
  void reject_unknown();
  /// Renames the object for key errors once its kind is known ("check passwords.blank").
  void describe(std::string what) { what_ = std::move(what); }

  /// Reads `key` when present and not null with `convert(walker, node, key)` (a function returning
  /// an optional) and stores the value in `out`; a bad value is reported by `convert` and leaves
  /// `out` alone. True when a value was stored.
  template <class T, class Convert>
  bool get(std::string_view key, T& out, Convert&& convert) {
    const Node* n = optional(key);
    return n && store(out, convert(walker_, *n, key));
  }
  /// The same for a key that must be present.
  template <class T, class Convert>
  bool need(std::string_view key, T& out, Convert&& convert) {
    const Node* n = required(key);
    return n && store(out, convert(walker_, *n, key));
  }

  std::size_t size() const noexcept { return members_.size() / 2; }
  std::string_view key(std::size_t i) const noexcept;
  const Node& key_node(std::size_t i) const noexcept;
  const Node& value(std::size_t i) const noexcept;
  bool used(std::size_t i) const noexcept { return used_[i]; }

 private:
  template <class T, class V>
  static bool store(T& out, std::optional<V>&& v) {
    if (!v) return false;
    out = std::move(*v);
    return true;
  }
  const Node* find(std::string_view key);

  Walker& walker_;
  const Node& node_;
  std::string what_;
  bool valid_ = false;
  std::span<const NodeId> members_;
  std::vector<bool> used_;
  std::vector<std::string_view> known_;
};

/// Name of the i-th element of an array value, for messages: "products[2]".
std::string element_name(std::string_view array, std::size_t i);

/// A converter for an array whose elements `convert` reads. Elements that fail are reported by
/// `convert` and left out.
template <class Convert>
auto list_of(Convert convert) {
  return [convert](Walker& w, const Node& n, std::string_view name) {
    using T = typename decltype(convert(w, n, name))::value_type;
    std::optional<std::vector<T>> out;
    auto elements = w.array(n, name);
    if (n.kind != Kind::array) return out;
    out.emplace();
    out->reserve(elements.size());
    for (std::size_t i = 0; i < elements.size(); ++i)
      if (auto v = convert(w, w.tree().at(elements[i]), element_name(name, i)))
        out->push_back(std::move(*v));
    return out;
  };
}

/// The error for a failed parse.
error to_error(const Failure& failure, const Locator& locator);

/// Parses a whole document (after an optional UTF-8 BOM) and hands its root to
/// `read(walker, root, window)`, which returns a result; syntax and limit errors stop before.
template <class Read>
auto read_document(std::string_view text, const ReadOptions& options, Read&& read)
    -> decltype(read(std::declval<Walker&>(), std::declval<const Node&>(), std::string_view{})) {
  auto doc = strip_bom(text);
  Locator locator(doc.text, options.file_name, WindowStart{doc.offset, 1, 1});
  auto parsed = parse_value(doc.text, Limits::for_document(options));
  if (parsed.failure) return to_error(*parsed.failure, locator);
  Walker walker(parsed.tree, locator);
  return read(walker, parsed.tree.root(), doc.text);
}

// Converters for ObjectReader::get and need.
std::optional<std::string> as_string(Walker& w, const Node& n, std::string_view name);
std::optional<std::string> as_nonempty_string(Walker& w, const Node& n, std::string_view name);
std::optional<bool> as_bool(Walker& w, const Node& n, std::string_view name);
std::optional<std::int64_t> as_int(Walker& w, const Node& n, std::string_view name);
/// A non-negative integer that fits 32 bits (days, minutes, lengths).
std::optional<std::int64_t> as_count(Walker& w, const Node& n, std::string_view name);
std::optional<std::vector<std::string>> as_strings(Walker& w, const Node& n, std::string_view name);

}  // namespace posture::json
