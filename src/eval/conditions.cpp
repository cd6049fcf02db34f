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
