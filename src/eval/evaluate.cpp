// evaluate() and verdict(): one snapshot against one plan (spec/judgment.md §2, §7, §9.10, §9.11).
#include <algorithm>

#include "batch/client_judge.hpp"
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

bool agent_missing(const Snapshot& snapshot, const EvalOptions& options) noexcept {
  return options.require_agent_version &&
         (!snapshot.agent_version || trim_space(*snapshot.agent_version).empty());
}

// Calls `fn(category, enabled)` for each item the policy configures, in category order.
template <class Fn>
void each_item(const JudgmentPolicy& policy, Fn&& fn) {
  auto one = [&](Category category, const auto& section) {
    if (section) fn(category, section->enabled);
  };
  one(Category::security_updates, policy.security_updates);
  one(Category::antivirus, policy.antivirus);
  one(Category::prohibited_software, policy.prohibited_software);
  one(Category::mandatory_software, policy.mandatory_software);
  one(Category::pc_security, policy.pc_security);
  one(Category::user_defined, policy.user_defined);
}

// The program matches of the snapshot being judged, reused by the calls on one thread so that a
// judgment does not allocate them.
eval::ProgramMatches& thread_scratch() {
  static thread_local eval::ProgramMatches scratch;
  return scratch;
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

  const bool no_agent = agent_missing(snapshot, options);
  const eval::Context ctx(impl, snapshot, reference_time, thread_scratch());
  j.items.reserve(category_count);
  each_item(policy, [&](Category category, bool enabled) {
    ItemResult item = !enabled   ? switched_off(category)
                      : no_agent ? agent_version_missing(category)
                                 : eval::judge_item(category, ctx, j.distribute);
    if (item.status == Status::unknown && policy.unknown_level) {
      item.status = Status::judged;
      item.level = *policy.unknown_level;
      item.unknown_as_level = true;
    }
    j.items.push_back(std::move(item));
  });

  std::sort(j.distribute.begin(), j.distribute.end());
  j.distribute.erase(std::unique(j.distribute.begin(), j.distribute.end()), j.distribute.end());
  aggregate(j);
  return j;
}

Verdict verdict(const Plan& plan, const Snapshot& snapshot, Timestamp reference_time,
                const EvalOptions& options) {
  const Plan::Impl& impl = plan.impl();
  const JudgmentPolicy& policy = impl.policy;
  Verdict v;
  if (!snapshot.managed) return v;  // not_judged, no items

  const bool no_agent = agent_missing(snapshot, options);
  const eval::Context ctx(impl, snapshot, reference_time, thread_scratch());
  batch::ClientVerdict client;
  each_item(policy, [&](Category category, bool enabled) {
    client.items[static_cast<std::size_t>(category)] =
        batch::item_verdict(enabled, no_agent, policy.unknown_level,
                            [&] { return eval::judge_item_verdict(category, ctx); });
  });
  batch::settle_client(client);
  v.status = client.status;
  if (client.level) v.level = static_cast<Level>(client.level);
  if (client.points >= 0) v.points = client.points;
  std::copy(std::begin(client.items), std::end(client.items), v.items.begin());
  return v;
}

}  // namespace posture
