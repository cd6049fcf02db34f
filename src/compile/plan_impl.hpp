// The inside of a compiled Plan. Private to the compile and eval stages: everything the evaluator
// needs is resolved here once (update groups, supersedence, distributability, expressions), so
// that evaluation only reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eval/index.hpp"
#include "posture/expr.hpp"
#include "posture/plan.hpp"
#include "posture/policy.hpp"

namespace posture {

/// One specified-mode requirement, from a `mandatory` row or expanded from a `mandatory_groups`
/// entry (which has no scope and takes the item level).
struct RequiredUpdate {
  std::string id;        ///< normalised
  std::string bulletin;  ///< from the row, else from the catalog
  Level level = Level::warning;
  std::optional<OsScope> os;
  std::optional<NamePattern> product;
  std::optional<VersionConstraint> product_version;
  /// `product` in Plan::Impl::programs.
  std::uint32_t product_pattern = 0;
  /// `id` and every update that supersedes it, transitively; sorted, so that an installed record
  /// is looked up by binary search without building strings.
  std::vector<std::string> acceptable;
};

struct Plan::Impl {
  /// The policy as given. Its NamePatterns are already compiled; the evaluator reads levels,
  /// switches and parameters from here.
  JudgmentPolicy policy;

  /// Latest mode: `exclude` plus the members of `exclude_groups`, normalised, sorted, unique.
  std::vector<std::string> excluded_updates;
  /// Specified mode: explicit rows in policy order, then group members not already listed.
  std::vector<RequiredUpdate> required_updates;
  /// Every acceptable id of every required update with the row that accepts it, sorted by id: one
  /// pass over a client's update records finds the rows each record concerns.
  struct Acceptor {
    std::string id;
    std::size_t row = 0;
  };
  std::vector<Acceptor> acceptors;
  /// Updates the catalog says can be distributed, sorted (spec/judgment.md §4.1). Kept instead of
  /// the catalog itself so that a Plan owns everything it reads.
  std::vector<std::string> distributable;

  /// pc_security: per check (parallel to policy.pc_security->checks), its `services` compiled.
  std::vector<std::vector<NamePattern>> check_services;

  /// Every pattern a client's programs are matched with, and each consumer's pattern id in it:
  /// per service-pack rule (0 for a rule without a product), per prohibited entry, and per
  /// mandatory alternative, group after group (`mandatory_first`: each group's first).
  eval::ProgramIndex programs;
  std::vector<std::uint32_t> service_pack_pattern;
  std::vector<std::uint32_t> prohibited_pattern;
  std::vector<std::uint32_t> mandatory_pattern;
  std::vector<std::uint32_t> mandatory_first;
  /// The ids of `acceptors` and of `excluded_updates`, for a quick rejection of the records of a
  /// scan that no rule concerns.
  eval::IdFilter acceptor_ids;
  eval::IdFilter excluded_ids;

  /// user_defined: per item (parallel to policy.user_defined->items), its compiled condition.
  std::vector<expr::Program> conditions;
};

}  // namespace posture
