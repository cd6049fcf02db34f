// The grammar (grammar.cpp, Boost.Spirit X3): expression text → syntax tree.
#pragma once

#include <optional>
#include <string_view>

#include "expr/ast.hpp"
#include "expr/problem.hpp"

namespace posture::expr {

/// Parses a whole expression. Syntax errors stop the parse: on failure `problem` holds the first
/// one and the result is empty. The caller must have bounded the nesting depth of `source`
/// (check_nesting), since the parser recurses once per bracket.
std::optional<ast::Node> parse(std::string_view source, Problem& problem);

/// Finds the first bracket ('(' or '[', outside string literals) nested deeper than `max_depth`.
/// Returns its offset, or nothing when the nesting is within bounds.
std::optional<std::size_t> find_excess_nesting(std::string_view source,
                                               unsigned max_depth) noexcept;

}  // namespace posture::expr
