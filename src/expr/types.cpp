#include "expr/types.hpp"

namespace posture::expr {

std::string_view type_name(Type type) noexcept {
  switch (type) {
    case Type::error: return "an invalid value";
    case Type::boolean: return "bool";
    case Type::number: return "number";
    case Type::string: return "string";
    case Type::version: return "version";
    case Type::date: return "date";
    case Type::duration: return "duration";
    case Type::untyped: return "a fields value";
    case Type::list: return "list";
  }
  return "?";
}

}  // namespace posture::expr
