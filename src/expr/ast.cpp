#include "expr/ast.hpp"

namespace posture::expr::ast {

std::size_t count_nodes(const Node& node) noexcept {
  std::size_t n = 1;
  for (const Node& kid : node.kids) n += count_nodes(kid);
  return n;
}

}  // namespace posture::expr::ast
