// Code generation: a checked syntax tree → the instructions of program.hpp.
#pragma once

#include <optional>

#include "expr/ast.hpp"
#include "expr/problem.hpp"
#include "expr/program.hpp"

namespace posture::expr {

/// Compiles `root`, which check() accepted, into `out`. Fails only when evaluation would need more
/// than max_stack slots.
std::optional<Problem> generate(const ast::Node& root, Program::Impl& out);

}  // namespace posture::expr
