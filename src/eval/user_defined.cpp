// User-defined items (spec/judgment.md §4.6, §9.9): the item is violated when its expression holds.
#include "eval/categories.hpp"

namespace posture::eval {

void judge_user_defined(const UserDefinedPolicy& p, const Context& ctx, Conditions& out) {
  out.reserve(p.items.size());
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const UserDefinedItem& def = p.items[i];
    if (!def.enabled) {
      // Listed, so that a switched-off item is visibly off rather than silently gone.
      if (out.evidence()) {
        ConditionResult c;
        c.name = def.name;
        c.status = Status::not_target;
        out.push(std::move(c));
      }
      continue;
    }
    expr::Outcome outcome =
        expr::evaluate(ctx.plan.conditions[i], ctx.snapshot, ctx.reference_time);
    if (!out.evidence()) {
      switch (outcome.truth) {
        case expr::Truth::yes: out.judged({}, def.level); break;
        case expr::Truth::no: out.judged({}, Level::safe); break;
        case expr::Truth::missing: out.missing({}, def.when_missing, def.level, {}); break;
      }
      continue;
    }
    ConditionResult c;
    c.name = def.name;
    c.evidence = std::move(outcome.evidence);
    switch (outcome.truth) {
      case expr::Truth::yes: c.level = def.level; break;
      case expr::Truth::no: c.level = Level::safe; break;
      case expr::Truth::missing:
        apply_missing(c, def.when_missing, def.level, "field read by the condition");
        break;
    }
    out.push(std::move(c));
  }
}

}  // namespace posture::eval
