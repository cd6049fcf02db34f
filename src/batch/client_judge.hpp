// The per-client loops of the batch evaluator: one client's items from the fleet's columns and a
// plan's per-entry tables, with the scalar evaluator's rules (src/eval/*.cpp) condition for
// condition, folded straight into item verdicts instead of built as ConditionResults.
//
// User-defined items run the scalar path for that item alone: the client's snapshot is rebuilt
// (only the sections an expression can read) and the compiled expression evaluated on it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "batch/fold.hpp"
#include "batch/plan_tables.hpp"
#include "posture/judgment.hpp"

namespace posture::batch {

/// One client's verdicts.
struct ClientVerdict {
  Status status = Status::not_judged;
  std::uint16_t level = 0;
  std::int8_t points = -1;
  ItemVerdict items[category_count];
};

/// The client's status, level and points from its item verdicts, as aggregate() derives them.
void settle_client(ClientVerdict& verdict) noexcept;

/// One configured item's verdict, decided around its conditions as both evaluators decide it:
/// not_target when the item is switched off; unknown, with its one condition (agent_version)
/// unknown, when the host requires an agent version the snapshot lacks; else what `judge()`
/// gives. An unknown item then takes the policy's unknown_level, when it sets one.
template <class Judge>
ItemVerdict item_verdict(bool enabled, bool agent_missing,
                         const std::optional<Level>& unknown_level, Judge&& judge) {
  ItemVerdict v;
  if (!enabled) {
    v.configured = true;
    v.status = Status::not_target;
  } else if (agent_missing) {
    v.configured = true;
    v.status = Status::unknown;
    v.findings = true;
  } else {
    v = judge();
  }
  if (v.status == Status::unknown && unknown_level) {
    v.status = Status::judged;
    v.level = static_cast<std::uint16_t>(*unknown_level);
    v.unknown_as_level = true;
  }
  return v;
}

/// Judges clients of one fleet with one plan's tables. Not thread-safe: one per thread; the
/// scratch space it keeps makes judging a client allocation-free.
class ClientJudge {
 public:
  ClientJudge(const Fleet::Impl& fleet, const PlanTables& tables, Timestamp reference_time);

  void judge(std::size_t client, ClientVerdict& out);

 private:
  void accumulate_programs(std::size_t c);
  void accumulate_updates(std::size_t c);
  ItemVerdict security_updates(std::size_t c, const SecurityUpdatesPolicy& p);
  ItemVerdict antivirus(std::size_t c, const AntivirusPolicy& p);
  ItemVerdict prohibited_software(std::size_t c, const ProhibitedSoftwarePolicy& p);
  ItemVerdict mandatory_software(std::size_t c, const MandatorySoftwarePolicy& p);
  ItemVerdict pc_security(std::size_t c, const PcSecurityPolicy& p);
  ItemVerdict user_defined(std::size_t c, const UserDefinedPolicy& p);
  ItemVerdict software_masks(const BitRun& run, const ScopeMasks& scopes, const LevelMasks& levels,
                             WhenMissing rule, bool violated_when_matched);
  void rows_masks(ItemFold& fold, WhenMissing rule, bool complete);
  // Scratch masks: slot 0-3, `words` long each.
  std::uint64_t* scratch(std::size_t slot, std::size_t words) {
    if (masks_.size() < 4 * words) masks_.resize(4 * words);
    return masks_.data() + slot * words;
  }
  const std::uint64_t* zeros(std::size_t words) {
    if (zeros_.size() < words) zeros_.resize(words, 0);
    return zeros_.data();
  }
  eval::Check check(std::size_t c, std::size_t index, const SecurityCheck& check);
  eval::Check password_accounts(std::size_t c, const SecurityCheck& check);
  eval::Check required_services(std::size_t c, const ListedNames& names);
  eval::Check firewall(std::size_t c, const SecurityCheck& check, std::size_t index);

  bool program_has(std::uint32_t predicate) const noexcept {
    return (programs_[predicate / 64] >> (predicate % 64)) & 1u;
  }

  const Fleet::Impl& f_;
  const Dictionaries& d_;
  const PlanTables& t_;
  const Plan::Impl& plan_;
  Timestamp reference_time_;
  std::vector<std::uint64_t> programs_;   // predicates met by any of the client's programs
  std::vector<std::uint64_t> installed_;  // required rows satisfied by an installed record
  std::vector<std::uint64_t> missing_;    // required rows reported missing
  std::uint8_t latest_ = 0;               // worst latest-mode violation, level code / 100
  std::vector<std::uint64_t> listed_;     // scratch for checks over listed names
  std::size_t os_row_ = 0;                // the client's OS record in the tables (0: none)
  bool software_ = false;                 // the client has a software section
  std::vector<std::uint64_t> masks_, zeros_;
  Snapshot snapshot_;                     // user-defined items: the rebuilt snapshot
};

}  // namespace posture::batch
