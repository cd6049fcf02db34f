// Compile a judgment policy once, evaluate it many times (spec/judgment.md; DESIGN.md rule 1).
#pragma once

#include <memory>
#include <string>

#include "posture/catalog.hpp"
#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/judgment.hpp"
#include "posture/policy.hpp"

namespace posture {

/// Options that change how snapshots are read by the evaluator.
struct EvalOptions {
  /// The host declares the agent-version field mandatory: a snapshot without `agent_version` has
  /// every item unknown (JP1/CSC §7.1.1).
  bool require_agent_version = false;
};

/// A checked, compiled judgment policy: patterns compiled, update groups and supersedence resolved,
/// expressions compiled. Cheap to copy (shared).
/// Thread safety: immutable; evaluate() may run on many threads at once.
class Plan {
 public:
  struct Impl;
  explicit Plan(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

  const std::string& policy_name() const noexcept;
  const Impl& impl() const noexcept { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

/// Checks and compiles `policy`. `set` supplies update groups; `catalog` (may be null) supplies
/// supersedence and distributability. Every problem is reported at once in the error's
/// diagnostics, with the location of the policy element.
result<Plan> compile(const JudgmentPolicy& policy, const PolicySet& set,
                     const PatchCatalog* catalog = nullptr);

/// Judges one snapshot. Never fails: missing or odd data becomes unknown/no_item results.
/// A snapshot with `managed == false` yields status not_judged and no items.
/// `Judgment::distribute` lists the violating updates that the catalog says can be distributed;
/// an update the catalog does not know is not listed (there is nothing known to push).
Judgment evaluate(const Plan& plan, const Snapshot& snapshot, Timestamp reference_time,
                  const EvalOptions& options = {});

/// Judges one snapshot as evaluate() does, but keeps only the verdicts: the client's status, level
/// and points and each item's (with `findings` set as the batch path sets it), never the
/// conditions, their evidence or the distribution list. For a host that acts on the outcome alone,
/// as a NAC deciding on a connection does: about twice as fast as evaluate(), which spends half
/// its time building names and evidence (bench/README.md). Equal to the verdicts of evaluate()'s
/// Judgment for every snapshot. Builds no strings for the conditions; the scratch space it needs
/// is kept per thread and reused.
Verdict verdict(const Plan& plan, const Snapshot& snapshot, Timestamp reference_time,
                const EvalOptions& options = {});

}  // namespace posture
