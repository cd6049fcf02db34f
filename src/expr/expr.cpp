// Seam for user-defined items (spec/judgment.md §4.6). Until the condition language lands, a
// policy with user-defined items fails to compile with a clear message instead of judging wrongly.
#include "posture/expr.hpp"

namespace posture::expr {

struct Program::Impl {};

result<Program> compile(std::string_view, const source_location& origin, const Limits&) {
  return error(errc::check, "user-defined condition expressions are not supported by this build",
               origin);
}

Outcome evaluate(const Program&, const Snapshot&, Timestamp) { return {}; }

}  // namespace posture::expr
