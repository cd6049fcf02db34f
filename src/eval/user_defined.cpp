// User-defined items (spec/judgment.md §4.6, §9.9): the item is violated when its expression holds.
#include "eval/categories.hpp"

namespace posture::eval {

ItemResult judge_user_defined(const UserDefinedPolicy& p, const Context& ctx) {
  ItemResult item;
  item.category = Category::user_defined;
  item.conditions.reserve(p.items.size());
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const UserDefinedItem& def = p.items[i];
    if (!def.enabled) {
      // Listed, so that a switched-off item is visibly off rather than silently gone.
      ConditionResult c;
      c.name = def.name;
      c.status = Status::not_target;
      item.conditions.push_back(std::move(c));
      continue;
    }
    expr::Outcome outcome =
        expr::evaluate(ctx.plan.conditions[i], ctx.snapshot, ctx.reference_time);
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
    item.conditions.push_back(std::move(c));
  }
  settle(item);
  return item;
}

}  // namespace posture::eval
