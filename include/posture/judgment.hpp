// The result of judging one snapshot against one policy at one reference time
// (spec/judgment.md §2, spec/formats.md §3). Every condition says why through its evidence.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "posture/level.hpp"
#include "posture/time.hpp"

namespace posture {

/// One value a condition looked at, or the bound it compared with ("definition_date" =
/// "2026-10-01", "max_definition_age_days" = "7"). Keys are unique within a condition; several
/// values for one key are joined with ';'.
struct Evidence {
  std::string key;
  std::string value;
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

/// One judgment condition's result. `level` is set when `status` is judged (Safe when satisfied).
struct ConditionResult {
  std::string name;  ///< update id, product name, check id, group or item name
  Status status = Status::judged;
  std::optional<Level> level;
  std::vector<Evidence> evidence;

  /// The value of an evidence key, or null.
  const std::string* evidence_value(std::string_view key) const noexcept;
};

/// One judgment item's result: the worst level over its judged conditions.
struct ItemResult {
  Category category = Category::security_updates;
  Status status = Status::judged;
  std::optional<Level> level;
  /// Set when the policy's unknown_level turned an unknown item into a judged one.
  bool unknown_as_level = false;
  std::vector<ConditionResult> conditions;
};

/// A client's judgment.
struct Judgment {
  std::string asset;
  std::string policy;         ///< judgment policy name
  std::string action_policy;  ///< assigned action policy name (empty when not assigned)
  Timestamp reference_time;
  Status status = Status::not_judged;
  std::optional<Level> level;  ///< worst judged item level; empty when nothing was judged
  std::optional<int> points;   ///< evaluation points 0–100 (spec/actions.md §6)
  std::vector<ItemResult> items;
  /// Violating updates the catalog says can be distributed (the treatment step), sorted, unique.
  std::vector<std::string> distribute;

  const ItemResult* item(Category category) const noexcept;
};

/// Evaluation points = floor(100 × Π coefficient(item)), coefficients Safe 1, Caution 0.75,
/// Warning 0.5, Danger 0.25, unknown/no_item 1; empty when no item was judged.
std::optional<int> evaluation_points(const std::vector<ItemResult>& items) noexcept;

/// Aggregates item results into the client status and level (spec/judgment.md §2) and fills
/// `status`, `level` and `points` of `j`.
void aggregate(Judgment& j) noexcept;

}  // namespace posture
