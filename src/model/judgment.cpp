#include "posture/judgment.hpp"

namespace posture {

const std::string* ConditionResult::evidence_value(std::string_view key) const noexcept {
  for (const auto& e : evidence)
    if (e.key == key) return &e.value;
  return nullptr;
}

const ItemResult* Judgment::item(Category category) const noexcept {
  for (const auto& i : items)
    if (i.category == category) return &i;
  return nullptr;
}

std::optional<int> evaluation_points(const std::vector<ItemResult>& items) noexcept {
  // Coefficients in quarters (Safe 4/4, Caution 3/4, Warning 2/4, Danger 1/4) keep the product
  // exact: at most six items, so the denominator is at most 4^6.
  std::int64_t num = 1, den = 1;
  bool any_judged = false;
  for (const auto& item : items) {
    if (item.status != Status::judged || !item.level) continue;
    any_judged = true;
    int quarters = 4;
    switch (*item.level) {
      case Level::safe: quarters = 4; break;
      case Level::caution: quarters = 3; break;
      case Level::warning: quarters = 2; break;
      case Level::danger: quarters = 1; break;
    }
    num *= quarters;
    den *= 4;
  }
  if (!any_judged) return std::nullopt;
  return static_cast<int>(100 * num / den);
}

void aggregate(Judgment& j) noexcept {
  bool any_judged = false, any_unknown = false;
  std::optional<Level> level;
  for (const auto& item : j.items) {
    if (item.status == Status::judged && item.level) {
      any_judged = true;
      level = level ? worst(*level, *item.level) : *item.level;
    } else if (item.status == Status::unknown) {
      any_unknown = true;
    }
  }
  j.level = level;
  j.status = any_judged ? Status::judged : (any_unknown ? Status::unknown : Status::no_item);
  j.points = evaluation_points(j.items);
}

}  // namespace posture
