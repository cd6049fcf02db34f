// What a plan decides about each distinct dictionary entry of a fleet, computed once per entry:
// which rules a program record satisfies, what an update record means to each required update,
// which policy row an anti-virus product falls under, which OS scopes an OS record is in, and so
// on. Every decision is made by the scalar evaluator's own kernels (eval/kernels.hpp), so the two
// paths agree by construction; the per-client loops (client_judge.cpp) only combine these answers
// with the values that differ per client (dates, flags, numbers).
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

/// What a rule asks of one installed program.
enum class ProgramTest : std::uint8_t {
  matches,                  ///< name and version constraint match
  service_pack_offending,   ///< matches, reports a service pack, and it falls short
  service_pack_unreadable,  ///< matches and reports no service pack
};

struct ProgramPredicate {
  const NamePattern* name = nullptr;
  const std::optional<VersionConstraint>* version = nullptr;
  ProgramTest test = ProgramTest::matches;
  const ServicePackRule* rule = nullptr;
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

class PlanTables {
 public:
  PlanTables(const Plan& plan, const EvalOptions& options);

  /// Makes the tables cover every entry of `dict`.
  void cover(const std::shared_ptr<Dictionaries>& dict);

  const Plan::Impl& plan() const noexcept { return *impl_; }
  const EvalOptions& options() const noexcept { return options_; }

  // ---- programs: one bit per predicate, OR-ed over a client's programs ----
  std::size_t predicate_words = 0;
  std::vector<ProgramPredicate> predicates;
  std::vector<std::uint64_t> program_bits;  ///< programs × predicate_words
  std::vector<std::uint8_t> program_any;    ///< whether a program has any bit
  std::vector<std::uint32_t> prohibited_predicate;  ///< per prohibited entry
  std::vector<std::uint32_t> group_begin;           ///< per mandatory group + 1: alternatives
  std::vector<std::uint32_t> group_predicates;      ///< the alternatives' predicates
  std::vector<std::uint32_t> row_product_predicate;  ///< per required update; no_index: none
  std::vector<std::uint32_t> sp_offending_predicate;   ///< per service-pack rule with a product
  std::vector<std::uint32_t> sp_unreadable_predicate;  ///< per service-pack rule with a product

  // ---- OS records: index 0 is "no os section", entry e is e + 1 ----
  std::vector<const OsScope*> scopes;  ///< every OS scope of the plan
  std::vector<std::uint32_t> row_scope, sp_scope, prohibited_scope, group_scope;  ///< no_index
  std::vector<std::uint8_t> os_scope;            ///< (os + 1) × scopes: eval::Scope
  std::vector<std::uint8_t> os_service_pack;     ///< (os + 1) × service-pack rules: OsServicePack

  // ---- update records ----
  std::size_t row_words = 0;
  std::vector<std::uint8_t> latest_level;  ///< per record: level code / 100 of a violation, or 0
  std::vector<std::uint64_t> update_installed;  ///< records × row_words: rows it satisfies
  std::vector<std::uint64_t> update_missing;    ///< records × row_words: rows it reports missing
  std::vector<std::uint8_t> update_any;

  // ---- anti-virus records ----
  std::vector<std::int32_t> antivirus_row;  ///< first matching policy row, or -1
  /// Risk found without the definition date: a version below its minimum, or not resident.
  std::vector<std::uint8_t> antivirus_static_risk;

  // ---- settings records ----
  std::vector<std::uint8_t> account_excluded;
  std::vector<std::uint8_t> share_administrative;
  std::vector<ListedNames> service_names;   ///< per services check: records are services
  std::vector<ListedNames> firewall_names;  ///< per firewall check with profiles
  /// Per check: its index in service_names / firewall_names, or no_index.
  std::vector<std::uint32_t> check_names;

 private:
  void reset();
  void add_predicates();
  std::uint32_t add_predicate(ProgramPredicate p);
  std::uint32_t add_scope(const std::optional<OsScope>& scope);
  void cover_programs(const Dictionaries& d);
  void cover_os(const Dictionaries& d);
  void cover_updates(const Dictionaries& d);
  void cover_antivirus(const Dictionaries& d);
  void cover_settings(const Dictionaries& d);

  Plan plan_;  // keeps the patterns the predicates point to alive
  const Plan::Impl* impl_;
  EvalOptions options_;
  std::weak_ptr<Dictionaries> dict_;
  // Per program name: the predicates whose name pattern matches it.
  std::vector<std::uint32_t> name_begin_{0};
  std::vector<std::uint32_t> name_predicates_;
  std::uint32_t programs_done_ = 0, os_done_ = 0, updates_done_ = 0, antivirus_done_ = 0;
  std::uint32_t accounts_done_ = 0, shares_done_ = 0;
};

}  // namespace posture::batch
