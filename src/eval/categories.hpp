// The scalar evaluator's pieces: one function per judgment category, and the few rules every
// category shares (building conditions, the when_missing rule, settling an item's status).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compile/plan_impl.hpp"
#include "posture/judgment.hpp"

namespace posture::eval {

/// What every category reads. Borrowed for the duration of one evaluate() call.
struct Context {
  const Plan::Impl& plan;
  const Snapshot& snapshot;
  Timestamp reference_time;
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

enum class Combine : unsigned char { worst, best };

/// Sets the item's status and level from its conditions: judged if any condition is judged (level
/// = worst, or best, of the judged levels), else unknown if any is unknown, else no_item.
void settle(ItemResult& item, Combine combine = Combine::worst);

/// Violating updates are appended to `distribute` when the catalog says they can be distributed
/// (spec/judgment.md §4.1); an update the catalog does not know is not listed.
ItemResult judge_security_updates(const SecurityUpdatesPolicy& policy, const Context& ctx,
                                  std::vector<std::string>& distribute);
ItemResult judge_antivirus(const AntivirusPolicy& policy, const Context& ctx);
ItemResult judge_prohibited_software(const ProhibitedSoftwarePolicy& policy, const Context& ctx);
ItemResult judge_mandatory_software(const MandatorySoftwarePolicy& policy, const Context& ctx);
ItemResult judge_pc_security(const PcSecurityPolicy& policy, const Context& ctx);
ItemResult judge_user_defined(const UserDefinedPolicy& policy, const Context& ctx);

}  // namespace posture::eval
