// What a plan decides about each distinct dictionary entry of a fleet, computed once per entry:
// which rules a program record satisfies, what an update record means to each required update,
// which policy row an anti-virus product falls under, which OS scopes an OS record is in, and so
// on. Every decision is made by the scalar evaluator's own kernels (eval/kernels.hpp), so the two
// paths agree by construction; the per-client code (client_judge.cpp) only combines these answers
// with the values that differ per client (dates, flags, numbers).
//
// Conditions of one kind (prohibited entries, mandatory groups, required updates) are numbered
// and handled as bit masks: what a client's programs or update records say about all of them is
// an OR of per-record masks, and their levels fold with a few mask operations per 64 conditions.
//
// Dictionaries only grow, so the tables are extended for the entries added since the last call;
// tables built for another fleet's dictionaries are dropped and rebuilt.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "batch/fleet_impl.hpp"
#include "compile/plan_impl.hpp"
#include "eval/kernels.hpp"

namespace posture::batch {

inline constexpr std::uint32_t no_index = 0xffffffffu;

inline std::size_t words_for(std::size_t bits) noexcept {
  return bits == 0 ? 1 : (bits + 63) / 64;
}

/// What a rule asks of one installed program.
enum class ProgramTest : std::uint8_t {
  matches,                  ///< name and version constraint match
  service_pack_offending,   ///< matches, reports a service pack, and it falls short
  service_pack_unreadable,  ///< matches and reports no service pack
};

/// A question about one program. A placeholder (no name) holds a place in a run and is never
/// true.
struct ProgramPredicate {
  const NamePattern* name = nullptr;
  const std::optional<VersionConstraint>* version = nullptr;
  ProgramTest test = ProgramTest::matches;
  const ServicePackRule* rule = nullptr;
};

/// A run of consecutive bits in a mask: one bit per condition of a kind, in condition order.
struct BitRun {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
  std::size_t words() const noexcept { return words_for(count); }
};

/// Per-condition masks of one kind: every condition, and those at each level.
struct LevelMasks {
  std::vector<std::uint64_t> all, caution, warning, danger;
  void assign(const std::vector<Level>& levels);
};

/// An OS service-pack outcome (judge_os_service_pack): satisfied, short, or not reported.
enum class OsServicePack : std::uint8_t { ok = 0, short_of = 1, absent = 2 };

/// Bits over one check's listed names (service patterns or firewall profiles), per record.
struct ListedNames {
  std::size_t check = 0;     ///< index in pc_security.checks
  std::size_t count = 0;     ///< listed names
  std::size_t words = 0;     ///< 64-bit words per record
  std::vector<std::uint64_t> bits;  ///< records × words: which listed names the record matches
  std::uint32_t done = 0;
};

/// The OS scopes of one kind of condition, per OS record: conditions out of scope, and those
/// whose scope cannot be decided (eval::Scope no / missing).
struct ScopeMasks {
  std::size_t words = 1;
  std::vector<const OsScope*> scopes;  ///< per condition; null: no scope
  std::vector<std::uint64_t> masks;    ///< (os + 1) × 2 words: out of scope, then undecided
};

class PlanTables {
 public:
  PlanTables(const Plan& plan, const EvalOptions& options);

  /// Makes the tables cover every entry of `dict`.
  void cover(const std::shared_ptr<Dictionaries>& dict);

  const Plan::Impl& plan() const noexcept { return *impl_; }
  const EvalOptions& options() const noexcept { return options_; }

  // ---- programs ----
  /// Every question the plan asks of a program, as written in the policy.
  std::vector<ProgramPredicate> predicates;
  /// A program record's answers as a mask of `program_words` words: prohibited entries, mandatory
  /// groups (any alternative), required updates with a product scope, service-pack rules with a
  /// product (offending, then unreadable). A client's answers are the OR over its programs.
  std::size_t program_words = 1;
  BitRun prohibited_run, group_run, product_run, sp_offending_run, sp_unreadable_run;
  std::vector<std::uint32_t> product_rows_list;  ///< the rows product_run's bits stand for
  std::vector<std::uint32_t> sp_bit;             ///< per service-pack rule: its bit in the sp runs
  /// Distinct answer masks, numbered (0: no answer), and each program record's number: a client
  /// is folded from a small table instead of one mask per record.
  std::vector<std::uint32_t> program_class;
  std::vector<std::uint64_t> class_bits;  ///< classes × program_words

  // ---- conditions as masks ----
  LevelMasks prohibited_levels, group_levels, row_levels;
  std::vector<std::uint64_t> product_rows;  ///< required updates with a product scope
  ScopeMasks prohibited_scopes, group_scopes, row_scopes;

  // ---- service-pack rules: per OS record (index 0: no os section) ----
  std::vector<std::uint8_t> sp_scope;         ///< (os + 1) × rules: eval::Scope (yes: no scope)
  std::vector<std::uint8_t> os_service_pack;  ///< (os + 1) × rules: OsServicePack

  // ---- update records ----
  std::size_t row_words = 1;
  std::vector<std::uint8_t> latest_level;  ///< per record: level code / 100 of a violation, or 0
  /// records × 2 row_words: the rows a record satisfies, then the rows it reports missing (side by
  /// side, so that a client's records are looked up in one place each).
  std::vector<std::uint64_t> update_rows;
  std::vector<std::uint8_t> update_any;

  // ---- anti-virus records ----
  std::vector<std::int32_t> antivirus_row;  ///< first matching policy row, or -1
  /// Risk found without the definition date: a version below its minimum, or not resident.
  std::vector<std::uint8_t> antivirus_static_risk;

  // ---- user-defined items ----
  /// Per item: the snapshot sections (client_row.hpp Section) its expression can read, so that a
  /// client's snapshot is rebuilt only as far as the expressions look.
  std::vector<unsigned> condition_sections;

  // ---- settings records ----
  std::vector<std::uint8_t> account_excluded;
  std::vector<std::uint8_t> share_administrative;
  std::vector<ListedNames> service_names;   ///< per services check: records are services
  std::vector<ListedNames> firewall_names;  ///< per firewall check with profiles
  /// Per check: its index in service_names / firewall_names, or no_index.
  std::vector<std::uint32_t> check_names;

 private:
  void add_predicates();
  void reset();
  void cover_programs(const Dictionaries& d);
  void cover_os(const Dictionaries& d);
  void cover_updates(const Dictionaries& d);
  void cover_antivirus(const Dictionaries& d);
  void cover_settings(const Dictionaries& d);

  Plan plan_;  // keeps the patterns the predicates point to alive
  const Plan::Impl* impl_;
  EvalOptions options_;
  std::weak_ptr<Dictionaries> dict_;
  // Per predicate: the answer bit it sets, or no_index for a mandatory alternative (which sets
  // its group's bit) ; per alternative predicate, its group.
  std::vector<std::uint32_t> predicate_bit_, predicate_group_;
  // Per program name: the predicates whose name pattern matches it.
  std::vector<std::uint32_t> name_begin_{0};
  std::vector<std::uint32_t> name_predicates_;
  Interner classes_;  // answer masks by their bytes
  std::uint32_t programs_done_ = 0, os_done_ = 0, updates_done_ = 0, antivirus_done_ = 0;
  std::uint32_t accounts_done_ = 0, shares_done_ = 0;
};

/// Bits [run.first, run.first + run.count) of `source` (`source_words` long) into `out`, from bit 0.
void extract(const std::uint64_t* source, std::size_t source_words, const BitRun& run,
             std::uint64_t* out) noexcept;

}  // namespace posture::batch
