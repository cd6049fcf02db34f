#include <algorithm>

#include "posture/report.hpp"
#include "report/text_cell.hpp"

namespace posture {
namespace {

bool violates(const ConditionResult& c) noexcept {
  return c.status == Status::judged && c.level && *c.level != Level::safe;
}

// Sub-checks record their outcome as "risk: …", "ok: …" (anti-virus); when some did fail, they
// alone are the reason.
bool is_risk(const Evidence& e) noexcept { return e.value.starts_with("risk:"); }

// Evidence that explains nothing: empty values, a repeat of the condition's name, and the count of
// records examined.
bool is_noise(const ConditionResult& c, const Evidence& e) noexcept {
  return e.value.empty() || e.value == c.name || e.key == "checked";
}

}  // namespace

std::string condition_reason(Category category, const ConditionResult& condition) {
  std::string out(category_name(category));
  out += ':';
  if (!condition.name.empty()) {
    out += ' ';
    out += condition.name;
  }
  if (condition.status != Status::judged) {
    out += ' ';
    out += status_name(condition.status);
  }
  const bool any_risk = std::any_of(condition.evidence.begin(), condition.evidence.end(), is_risk);
  for (const auto& e : condition.evidence) {
    if (any_risk ? !is_risk(e) : is_noise(condition, e)) continue;
    out += ' ';
    out += e.key;
    out += any_risk ? ' ' : '=';
    out += e.value;
  }
  return report::clean_text(out);
}

std::vector<std::string> judgment_reasons(const Judgment& judgment) {
  std::vector<std::string> out;
  for (const auto& item : judgment.items) {
    if (item.status == Status::not_target || item.status == Status::no_item) continue;
    bool said = false;
    for (const auto& c : item.conditions) {
      if (violates(c) || c.status == Status::unknown) {
        out.push_back(condition_reason(item.category, c));
        said = true;
      }
    }
    // An unknown item whose conditions do not say why (the whole section was missing) still
    // needs a line, or the client's status would be unexplained.
    if (!said && item.status == Status::unknown) {
      std::string line(category_name(item.category));
      line += ": unknown";
      out.push_back(std::move(line));
    }
  }
  return out;
}

std::size_t violation_count(const Judgment& judgment) noexcept {
  std::size_t n = 0;
  for (const auto& item : judgment.items)
    for (const auto& c : item.conditions)
      if (violates(c)) ++n;
  return n;
}

}  // namespace posture
