// compile(): the pipeline of the condition language. Limits first (on the raw text, before anything
// recurses), then parse, check, generate; every stage reports in expression offsets, turned into
// document positions here.
#include "posture/expr.hpp"

#include <new>

#include "expr/checker.hpp"
#include "expr/codegen.hpp"
#include "expr/parser.hpp"
#include "expr/program.hpp"

namespace posture::expr {

result<Program> compile(std::string_view source, const source_location& origin,
                        const Limits& limits) {
  return compile(source, {}, origin, limits);
}

result<Program> compile(std::string_view source, std::string_view written,
                        const source_location& origin, const Limits& limits) {
  try {
    if (source.size() > limits.max_source_bytes)
      return error(errc::limit,
                   "the expression is " + std::to_string(source.size()) +
                       " bytes long; the limit is " + std::to_string(limits.max_source_bytes),
                   Locator({}, origin)(0));
    const Locator locate(source, origin, written);
    auto fail = [&](const Problem& p) { return error(p.code, p.message, locate(p.offset)); };
    if (auto at = find_excess_nesting(source, limits.max_depth))
      return fail({errc::limit, *at,
                   "the expression nests more than " + std::to_string(limits.max_depth) +
                       " brackets deep"});
    Problem problem;
    std::optional<ast::Node> tree = parse(source, problem);
    if (!tree) return fail(problem);
    if (std::size_t nodes = ast::count_nodes(*tree); nodes > limits.max_nodes)
      return fail({errc::limit, 0,
                   "the expression has " + std::to_string(nodes) + " parts; the limit is " +
                       std::to_string(limits.max_nodes)});
    std::vector<Problem> problems = check(*tree);
    if (!problems.empty()) {
      std::vector<diagnostic> all;
      all.reserve(problems.size());
      for (const Problem& p : problems)
        all.push_back({p.code, p.message, locate(p.offset)});
      return error(std::move(all));
    }
    auto impl = std::make_shared<Program::Impl>();
    if (auto limit = generate(*tree, *impl)) return fail(*limit);
    return Program(std::move(impl));
  } catch (const std::bad_alloc&) {
    return error(errc::nomem, "out of memory while compiling an expression", origin);
  }
}

}  // namespace posture::expr
