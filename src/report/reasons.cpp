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

// Evidence that is not a reason: empty values, a repeat of the condition's name, the count of
// records examined and the accounts exempted from the check.
bool is_noise(const ConditionResult& c, const Evidence& e) noexcept {
  return e.value.empty() || e.value == c.name || e.key == "checked" || e.key == "excluded";
}

// " key=value …", or " key risk: …" for failed sub-checks.
std::string evidence_text(const ConditionResult& c) {
  std::string out;
  const bool any_risk = std::any_of(c.evidence.begin(), c.evidence.end(), is_risk);
  for (const auto& e : c.evidence) {
    if (any_risk ? !is_risk(e) : is_noise(c, e)) continue;
    out += ' ';
    out += e.key;
    out += any_risk ? ' ' : '=';
    out += e.value;
  }
  return out;
}

struct UnknownGroup {
  const ConditionResult* first;
  std::string evidence;
  std::size_t count;
};

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
  out += evidence_text(condition);
  return report::clean_text(out);
}

std::vector<std::string> judgment_reasons(const Judgment& judgment) {
  std::vector<std::string> out;
  for (const auto& item : judgment.items) {
    if (item.status == Status::not_target || item.status == Status::no_item) continue;
    // A missing section makes every condition of the item unknown for the same reason; one line
    // says it better than one per policy row.
    std::vector<UnknownGroup> unknown;
    for (const auto& c : item.conditions) {
      if (violates(c)) {
        out.push_back(condition_reason(item.category, c));
      } else if (c.status == Status::unknown) {
        std::string ev = evidence_text(c);
        auto same = std::find_if(unknown.begin(), unknown.end(),
                                 [&ev](const UnknownGroup& g) { return g.evidence == ev; });
        if (same == unknown.end())
          unknown.push_back({&c, std::move(ev), 1});
        else
          ++same->count;
      }
    }
    for (const auto& g : unknown) {
      if (g.count == 1) {
        out.push_back(condition_reason(item.category, *g.first));
      } else {
        out.push_back(report::clean_text(std::string(category_name(item.category)) + ": " +
                                         std::to_string(g.count) + " conditions unknown" +
                                         g.evidence));
      }
    }
    // An unknown item whose conditions do not say why still needs a line, or the client's status
    // would be unexplained.
    if (unknown.empty() && item.status == Status::unknown) {
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
