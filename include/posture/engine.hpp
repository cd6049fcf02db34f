// The engine: a policy set compiled into plans, with policy assignment (spec/judgment.md §6).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "posture/catalog.hpp"
#include "posture/error.hpp"
#include "posture/plan.hpp"
#include "posture/policy.hpp"

namespace posture {

/// Which policies apply to a client.
struct AssignedPolicies {
  std::string judgment_policy;
  std::string action_policy;
};

/// Resolves the assignment table for one client: rows read top to bottom, a later matching row
/// overriding an earlier one column by column, an empty column leaving the value unchanged;
/// defaults for what no row sets (spec/judgment.md §6, §9.12). Group rows match on whole path
/// segments ("Kobe/Sales" selects "Kobe/Sales/East", not "Kobe/Sales_Dept") or exactly.
AssignedPolicies assign_policies(const PolicySet& set, std::string_view asset,
                                 std::string_view group);

/// True when `group` equals `prefix` or lies below it on a '/' boundary.
bool group_has_prefix(std::string_view group, std::string_view prefix) noexcept;

/// Every judgment policy of a set, compiled, plus the assignment table.
/// Thread safety: immutable; judge() may run on many threads at once.
class Engine {
 public:
  /// Compiles every judgment policy and checks the assignment table (unknown policy names are
  /// errors). All problems are reported at once.
  static result<Engine> create(PolicySet policies, PatchCatalog catalog = {},
                               EvalOptions options = {});

  /// Judges a snapshot with the policy assigned to it.
  Judgment judge(const Snapshot& snapshot, Timestamp reference_time) const;
  /// The verdicts of judge() without conditions or evidence (posture::verdict()). A snapshot no
  /// plan is assigned to is not_judged.
  Verdict verdict(const Snapshot& snapshot, Timestamp reference_time) const;

  /// The plan assigned to a client (never null when the engine has at least one policy).
  const Plan* plan_for(const Snapshot& snapshot) const noexcept;
  const Plan* find_plan(std::string_view policy_name) const noexcept;

  const PolicySet& policies() const noexcept;
  const PatchCatalog& catalog() const noexcept;
  const EvalOptions& options() const noexcept;

 private:
  struct State;
  explicit Engine(std::shared_ptr<const State> s) : s_(std::move(s)) {}
  std::shared_ptr<const State> s_;
};

}  // namespace posture
