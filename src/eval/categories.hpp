// The scalar evaluator's pieces: one function per judgment category, and the few rules every
// category shares (building conditions, the when_missing rule, settling an item's status).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compile/plan_impl.hpp"
#include "eval/fold.hpp"
#include "eval/index.hpp"
#include "posture/judgment.hpp"

namespace posture::eval {

/// What every category reads. Borrowed for the duration of one evaluate() call.
class Context {
 public:
  /// `scratch` receives the snapshot's program matches the first time a category asks for them.
  Context(const Plan::Impl& plan_, const Snapshot& snapshot_, Timestamp reference_time_,
          ProgramMatches& scratch) noexcept
      : plan(plan_), snapshot(snapshot_), reference_time(reference_time_), scratch_(scratch) {}

  const Plan::Impl& plan;
  const Snapshot& snapshot;
  Timestamp reference_time;

  /// The snapshot's programs matched by every pattern of plan.programs (the snapshot has a
  /// software section). Computed once, on first use.
  const ProgramMatches& programs() const {
    if (!matched_) {
      plan.programs.match(*snapshot.software, scratch_);
      matched_ = true;
    }
    return scratch_;
  }

 private:
  ProgramMatches& scratch_;
  mutable bool matched_ = false;
};

enum class Combine : unsigned char { worst, best };

/// Where a category puts an item's conditions: evaluate() builds them, evidence and all, into an
/// ItemResult; verdict() only folds each into the item's verdict. In the second mode the
/// categories build no names, evidence or joined lists, and stop a scan at the first program or
/// record that decides the condition; the status and level of every condition are decided the
/// same way in both. A report's mode builds only the conditions a report shows (worse than Safe,
/// or unknown) and folds the others.
class Conditions {
 public:
  enum class Keep : unsigned char { all, findings };
  /// Builds into `item` (every condition, or only the findings); with null, only folds.
  explicit Conditions(ItemResult* item, Keep keep = Keep::all) noexcept
      : item_(item), keep_(keep) {}

  bool evidence() const noexcept { return item_ != nullptr; }
  /// Anti-virus "best": the item's level is the best of its judged conditions, not the worst.
  void combine(Combine how) noexcept {
    combine_ = how;
    fold_.set_best(how == Combine::best);
  }
  Combine combine() const noexcept { return combine_; }
  void reserve(std::size_t n) {
    if (item_) item_->conditions.reserve(n);
  }

  /// Only findings are kept: a condition known to be Safe (or not applicable) need not be built.
  bool findings_only() const noexcept { return keep_ == Keep::findings; }

  void push(ConditionResult&& c) {
    fold_.condition(c.status, c.level);
    if (item_ && keeps(c.status, c.level)) item_->conditions.push_back(std::move(c));
  }
  /// A condition named `name` judged at `level` (Safe when satisfied). Returns the condition, to
  /// add evidence to until the next one is added; null when only folding.
  /// Inline when only folding: verdict() decides every condition through here.
  ConditionResult* judged(std::string_view name, Level level) {
    if (!item_) {
      fold_.judged(level);
      return nullptr;
    }
    return build_judged(name, level);
  }
  /// A condition whose data is absent, following its when_missing rule (see missing() below).
  ConditionResult* missing(std::string_view name, WhenMissing rule, Level level,
                           std::string_view what) {
    if (!item_) {
      fold_.missing(rule, level);
      return nullptr;
    }
    return build_missing(name, rule, level, what);
  }

  ItemVerdict verdict() const noexcept { return fold_.verdict(); }

 private:
  bool keeps(Status status, const std::optional<Level>& level) const noexcept {
    return keep_ == Keep::all || status == Status::unknown ||
           (status == Status::judged && level && *level != Level::safe);
  }

  ConditionResult* build_judged(std::string_view name, Level level);
  ConditionResult* build_missing(std::string_view name, WhenMissing rule, Level level,
                                 std::string_view what);

  ItemResult* item_;
  Keep keep_;
  ItemFold fold_;
  Combine combine_ = Combine::worst;
};

/// A condition judged at `level` (Safe when satisfied).
ConditionResult judged(std::string name, Level level);

/// A condition whose data is absent, following its when_missing rule (spec/judgment.md §4):
/// `level` judges it at `level`, `safe` judges it Safe, `no_item` and `unknown` give that status.
/// Evidence `missing` names what was absent.
ConditionResult missing(std::string name, WhenMissing rule, Level level, std::string_view what);
/// The same for a condition that already carries evidence.
void apply_missing(ConditionResult& c, WhenMissing rule, Level level, std::string_view what);

/// Appends an evidence entry.
void add(ConditionResult& c, std::string_view key, std::string value);

/// Appends `part` to a ';'-joined list.
void join(std::string& list, std::string_view part);

/// "name version", or "name" when no version was reported.
std::string describe(const Program& program);

/// Sets the item's status and level from its conditions: judged if any condition is judged (level
/// = worst, or best, of the judged levels), else unknown if any is unknown, else no_item.
void settle(ItemResult& item, Combine combine = Combine::worst);

/// The categories. Each puts its conditions into `out`. Violating updates are appended to
/// `distribute` when the catalog says they can be distributed (spec/judgment.md §4.1), and only
/// when `out` builds evidence; an update the catalog does not know is not listed.
void judge_security_updates(const SecurityUpdatesPolicy& policy, const Context& ctx,
                            Conditions& out, std::vector<std::string>& distribute);
void judge_antivirus(const AntivirusPolicy& policy, const Context& ctx, Conditions& out);
void judge_prohibited_software(const ProhibitedSoftwarePolicy& policy, const Context& ctx,
                               Conditions& out);
void judge_mandatory_software(const MandatorySoftwarePolicy& policy, const Context& ctx,
                              Conditions& out);
void judge_pc_security(const PcSecurityPolicy& policy, const Context& ctx, Conditions& out);
void judge_user_defined(const UserDefinedPolicy& policy, const Context& ctx, Conditions& out);

/// One enabled item of `category` (its section present in the policy), conditions and evidence
/// included, as evaluate() builds it (with Keep::findings, only its conditions worse than Safe or
/// unknown); unknown_level is not applied.
ItemResult judge_item(Category category, const Context& ctx, std::vector<std::string>& distribute,
                      Conditions::Keep keep = Conditions::Keep::all);
/// The same item's verdict, without conditions.
ItemVerdict judge_item_verdict(Category category, const Context& ctx);

}  // namespace posture::eval
