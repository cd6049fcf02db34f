// The Engine: every judgment policy of a set compiled once, judged by assignment.
#include "posture/engine.hpp"

#include <unordered_set>
#include <utility>

#include "eval/assign.hpp"

namespace posture {

struct Engine::State {
  PolicySet policies;
  PatchCatalog catalog;
  EvalOptions options;
  std::vector<Plan> plans;  ///< parallel to policies.judgment_policies
};

namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

void check_assignments(const PolicySet& set, std::vector<diagnostic>& problems) {
  auto problem = [&](const origin& where, std::string message) {
    problems.push_back({errc::check, std::move(message), where});
  };
  if (!set.default_judgment_policy.empty() &&
      !set.find_judgment_policy(set.default_judgment_policy))
    problem({}, "default judgment policy " + quoted(set.default_judgment_policy) +
                    " is not defined");
  for (std::size_t i = 0; i < set.assignments.size(); ++i) {
    const auto& row = set.assignments[i];
    std::string path = "assignments[" + std::to_string(i) + "]";
    if (row.scope == AssignmentScope::group && row.group.empty())
      problem(row.where, path + ": a group row needs a group");
    if (row.scope == AssignmentScope::pc && row.asset.empty())
      problem(row.where, path + ": a pc row needs an asset");
    if (!row.judgment_policy.empty() && !set.find_judgment_policy(row.judgment_policy))
      problem(row.where, path + ": judgment policy " + quoted(row.judgment_policy) +
                             " is not defined");
  }
}

}  // namespace

result<Engine> Engine::create(PolicySet policies, PatchCatalog catalog, EvalOptions options) {
  auto state = std::make_shared<State>();
  state->policies = std::move(policies);
  state->catalog = std::move(catalog);
  state->options = options;

  std::vector<diagnostic> problems;
  std::unordered_set<std::string_view> names;
  for (const JudgmentPolicy& policy : state->policies.judgment_policies) {
    if (!names.insert(policy.name).second)
      problems.push_back({errc::check,
                          "judgment policy " + quoted(policy.name) + " is defined twice",
                          policy.where});
    auto plan = compile(policy, state->policies, &state->catalog);
    if (!plan) {
      for (auto d : plan.err().diagnostics()) {
        d.message = "judgment policy " + quoted(policy.name) + ": " + d.message;
        problems.push_back(std::move(d));
      }
      continue;
    }
    state->plans.push_back(std::move(plan).value());
  }
  check_assignments(state->policies, problems);
  if (!problems.empty()) return error(std::move(problems));
  return Engine(std::move(state));
}

Judgment Engine::judge(const Snapshot& snapshot, Timestamp reference_time) const {
  eval::AssignedNames assigned = eval::assign_names(s_->policies, snapshot.asset, snapshot.group);
  Judgment j;
  if (const Plan* plan = find_plan(assigned.judgment_policy)) {
    j = evaluate(*plan, snapshot, reference_time, s_->options);
  } else {
    // An engine without judgment policies still records that the client was seen.
    j.asset = snapshot.asset;
    j.reference_time = reference_time;
    j.status = Status::not_judged;
  }
  j.action_policy = assigned.action_policy;
  return j;
}

Verdict Engine::verdict(const Snapshot& snapshot, Timestamp reference_time) const {
  if (const Plan* plan = plan_for(snapshot))
    return posture::verdict(*plan, snapshot, reference_time, s_->options);
  return {};
}

const Plan* Engine::plan_for(const Snapshot& snapshot) const noexcept {
  return find_plan(eval::assign_names(s_->policies, snapshot.asset, snapshot.group).judgment_policy);
}

const Plan* Engine::find_plan(std::string_view policy_name) const noexcept {
  for (const auto& plan : s_->plans)
    if (plan.policy_name() == policy_name) return &plan;
  return nullptr;
}

const PolicySet& Engine::policies() const noexcept { return s_->policies; }
const PatchCatalog& Engine::catalog() const noexcept { return s_->catalog; }
const EvalOptions& Engine::options() const noexcept { return s_->options; }

}  // namespace posture
