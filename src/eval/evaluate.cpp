// evaluate(): one snapshot against one plan (spec/judgment.md §2, §7, §9.10, §9.11).
#include <algorithm>

#include "eval/categories.hpp"
#include "posture/plan.hpp"

namespace posture {
namespace {

// The host declared the agent version mandatory and the snapshot lacks it: the inventory cannot be
// trusted, so every enabled item is unknown (JP1/CSC §7.1.1).
ItemResult agent_version_missing(Category category) {
  ItemResult item;
  item.category = category;
  item.status = Status::unknown;
  ConditionResult c;
  c.name = "agent_version";
  c.status = Status::unknown;
  c.evidence.push_back({"missing", "agent_version"});
  item.conditions.push_back(std::move(c));
  return item;
}

ItemResult switched_off(Category category) {
  ItemResult item;
  item.category = category;
  item.status = Status::not_target;
  return item;
}

}  // namespace

Judgment evaluate(const Plan& plan, const Snapshot& snapshot, Timestamp reference_time,
                  const EvalOptions& options) {
  const Plan::Impl& impl = plan.impl();
  const JudgmentPolicy& policy = impl.policy;
  Judgment j;
  j.asset = snapshot.asset;
  j.policy = policy.name;
  j.reference_time = reference_time;
  if (!snapshot.managed) {
    j.status = Status::not_judged;
    return j;
  }

  const bool agent_missing = options.require_agent_version &&
                             (!snapshot.agent_version || trim_space(*snapshot.agent_version).empty());
  const eval::Context ctx{impl, snapshot, reference_time};
  auto run = [&](Category category, const auto& section, auto&& judge) {
    if (!section) return;
    ItemResult item = !section->enabled ? switched_off(category)
                      : agent_missing   ? agent_version_missing(category)
                                        : judge(*section);
    if (item.status == Status::unknown && policy.unknown_level) {
      item.status = Status::judged;
      item.level = *policy.unknown_level;
      item.unknown_as_level = true;
    }
    j.items.push_back(std::move(item));
  };

  run(Category::security_updates, policy.security_updates, [&](const auto& p) {
    return eval::judge_security_updates(p, ctx, j.distribute);
  });
  run(Category::antivirus, policy.antivirus,
      [&](const auto& p) { return eval::judge_antivirus(p, ctx); });
  run(Category::prohibited_software, policy.prohibited_software,
      [&](const auto& p) { return eval::judge_prohibited_software(p, ctx); });
  run(Category::mandatory_software, policy.mandatory_software,
      [&](const auto& p) { return eval::judge_mandatory_software(p, ctx); });
  run(Category::pc_security, policy.pc_security,
      [&](const auto& p) { return eval::judge_pc_security(p, ctx); });
  run(Category::user_defined, policy.user_defined,
      [&](const auto& p) { return eval::judge_user_defined(p, ctx); });

  std::sort(j.distribute.begin(), j.distribute.end());
  j.distribute.erase(std::unique(j.distribute.begin(), j.distribute.end()), j.distribute.end());
  aggregate(j);
  return j;
}

}  // namespace posture
