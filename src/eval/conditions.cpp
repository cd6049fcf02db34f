#include "eval/categories.hpp"

#include <algorithm>

namespace posture::eval {

ConditionResult judged(std::string name, Level level) {
  ConditionResult c;
  c.name = std::move(name);
  c.status = Status::judged;
  c.level = level;
  return c;
}

ConditionResult missing(std::string name, WhenMissing rule, Level level, std::string_view what) {
  ConditionResult c;
  c.name = std::move(name);
  apply_missing(c, rule, level, what);
  return c;
}

void apply_missing(ConditionResult& c, WhenMissing rule, Level level, std::string_view what) {
  c.status = Status::judged;
  c.level.reset();
  switch (rule) {
    case WhenMissing::level: c.level = level; break;
    case WhenMissing::safe: c.level = Level::safe; break;
    case WhenMissing::no_item: c.status = Status::no_item; break;
    case WhenMissing::unknown: c.status = Status::unknown; break;
  }
  add(c, "missing", std::string(what));
}

void add(ConditionResult& c, std::string_view key, std::string value) {
  // Most conditions carry one to three entries: one allocation instead of a growth sequence.
  if (c.evidence.capacity() == 0) c.evidence.reserve(3);
  c.evidence.push_back({std::string(key), std::move(value)});
}

void join(std::string& list, std::string_view part) {
  if (!list.empty()) list += ';';
  list += part;
}

std::string describe(const Program& program) {
  std::string out = program.name;
  if (program.version && !program.version->empty()) {
    out += ' ';
    out += *program.version;
  }
  return out;
}

void settle(ItemResult& item, Combine combine) {
  bool any_judged = false, any_unknown = false;
  std::optional<Level> level;
  for (const auto& c : item.conditions) {
    if (c.status == Status::judged && c.level) {
      any_judged = true;
      if (!level)
        level = *c.level;
      else
        level = combine == Combine::worst ? worst(*level, *c.level) : std::min(*level, *c.level);
    } else if (c.status == Status::unknown) {
      any_unknown = true;
    }
  }
  item.level = level;
  item.status = any_judged ? Status::judged : (any_unknown ? Status::unknown : Status::no_item);
}

}  // namespace posture::eval

namespace posture::eval {

ConditionResult* Conditions::build_judged(std::string_view name, Level level) {
  fold_.judged(level);
  if (!keeps(Status::judged, level)) return nullptr;
  ConditionResult& c = item_->conditions.emplace_back();
  c.name = name;
  c.status = Status::judged;
  c.level = level;
  return &c;
}

ConditionResult* Conditions::build_missing(std::string_view name, WhenMissing rule, Level level,
                                           std::string_view what) {
  fold_.missing(rule, level);
  const bool kept = rule == WhenMissing::unknown ? keeps(Status::unknown, std::nullopt)
                    : rule == WhenMissing::level  ? keeps(Status::judged, level)
                                                  : keep_ == Keep::all;
  if (!kept) return nullptr;
  ConditionResult& c = item_->conditions.emplace_back();
  c.name = name;
  apply_missing(c, rule, level, what);
  return &c;
}

namespace {

void dispatch(Category category, const Context& ctx, Conditions& out,
              std::vector<std::string>& distribute) {
  const JudgmentPolicy& policy = ctx.plan.policy;
  switch (category) {
    case Category::security_updates:
      judge_security_updates(*policy.security_updates, ctx, out, distribute);
      break;
    case Category::antivirus: judge_antivirus(*policy.antivirus, ctx, out); break;
    case Category::prohibited_software:
      judge_prohibited_software(*policy.prohibited_software, ctx, out);
      break;
    case Category::mandatory_software:
      judge_mandatory_software(*policy.mandatory_software, ctx, out);
      break;
    case Category::pc_security: judge_pc_security(*policy.pc_security, ctx, out); break;
    case Category::user_defined: judge_user_defined(*policy.user_defined, ctx, out); break;
  }
}

}  // namespace

ItemResult judge_item(Category category, const Context& ctx,
                      std::vector<std::string>& distribute, Conditions::Keep keep) {
  ItemResult item;
  item.category = category;
  Conditions out(&item, keep);
  dispatch(category, ctx, out, distribute);
  if (keep == Conditions::Keep::all) {
    settle(item, out.combine());
  } else {
    // The conditions left out decide the item too.
    const ItemVerdict v = out.verdict();
    item.status = v.status;
    if (v.level) item.level = static_cast<Level>(v.level);
  }
  return item;
}

ItemVerdict judge_item_verdict(Category category, const Context& ctx) {
  Conditions out(nullptr);
  std::vector<std::string> unused;  // the distribution list is evidence: never filled here
  dispatch(category, ctx, out, unused);
  return out.verdict();
}

}  // namespace posture::eval
