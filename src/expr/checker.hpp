// The type checker: resolves every name against the schema, gives every node its static type and
// collects all problems in one pass (spec/judgment.md §4.6: type errors and unknown fields are
// compile-time errors).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "expr/ast.hpp"
#include "expr/problem.hpp"

namespace posture::expr {

enum class Function : std::uint8_t { lower, version, age, exists };

/// Checks `root` and annotates it in place (Node::type, element_type, ref_kind, ref). Returns every
/// problem found, ordered by position; empty when the expression is well-typed and its result is
/// a bool.
std::vector<Problem> check(ast::Node& root);

}  // namespace posture::expr
