// The syntax tree the grammar produces and the checker annotates. Internal to src/expr.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "expr/types.hpp"

namespace posture::expr::ast {

enum class Kind : std::uint8_t {
  // Literals: `text` holds the literal as written (strings unescaped, without v/d prefix).
  boolean,
  number,
  string,
  version,
  date,
  duration,  ///< `text` is the digits, `unit` the suffix (d, h, m)
  list,      ///< [a, b, …]; kids are literals
  path,      ///< os.name, or inside a predicate an element field; `text` is the dotted path
  user_field,  ///< fields["…"]; `text` is the key
  call,        ///< `text` is the function name, kids the arguments
  quantifier,  ///< any/all/count <collection>(<predicate>); `text` is the collection, kids 0 or 1
  compare,     ///< kids: left, right; `op`
  in,          ///< kids: value, list
  matches,
  contains,
  starts_with,
  not_,
  and_,  ///< two or more kids, evaluated left to right
  or_,
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };
enum class Quantifier : std::uint8_t { any, all, count };

/// What a path or quantifier resolved to (set by the checker).
enum class RefKind : std::uint8_t { none, field, element_field, collection, function };

struct Node {
  Kind kind = Kind::boolean;
  CompareOp op = CompareOp::eq;
  Quantifier quantifier = Quantifier::any;
  char unit = 0;          ///< duration: 'd', 'h' or 'm'
  bool identity = false;  ///< not_: an even run of "not" (the value passes, but must be bool)
  std::size_t pos = 0;     ///< byte offset in the expression where the node starts
  std::size_t op_pos = 0;  ///< byte offset of its operator (binary nodes, not) or collection name
  std::string text;
  std::vector<Node> kids;

  // Set by the checker.
  Type type = Type::error;
  Type element_type = Type::error;  ///< for lists: the type of every element
  RefKind ref_kind = RefKind::none;
  std::uint16_t ref = 0;  ///< field, element field, collection or function id
};

/// Number of nodes in a tree.
std::size_t count_nodes(const Node& node) noexcept;

}  // namespace posture::expr::ast
