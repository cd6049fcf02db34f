// The result of judging one snapshot against one policy at one reference time
// (spec/judgment.md §2, spec/formats.md §3). Every condition says why through its evidence.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
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

/// Number of judgment categories; ItemVerdict rows are indexed by Category.
inline constexpr std::size_t category_count = 6;

/// One item's outcome without its conditions: what an ItemResult says about the item itself.
/// `configured` is false when the policy has no such item (the Judgment lists none).
struct ItemVerdict {
  Status status = Status::not_target;
  std::uint16_t level = 0;  ///< level code (100–400), 0 when the item has no level
  bool configured = false;
  bool unknown_as_level = false;
  /// Some condition is worse than Safe or unknown: the item's conditions have something to say
  /// (report reasons, violations), so a report needs the full judgment.
  bool findings = false;
  friend bool operator==(const ItemVerdict&, const ItemVerdict&) = default;
};

/// A client's judgment without conditions or evidence (verdict(), Engine::verdict()): the
/// status, level and points of the Judgment evaluate() gives, and each item's verdict.
struct Verdict {
  Status status = Status::not_judged;
  std::optional<Level> level;
  std::optional<int> points;
  std::array<ItemVerdict, category_count> items{};  ///< indexed by Category

  const ItemVerdict& item(Category category) const noexcept {
    return items[static_cast<std::size_t>(category)];
  }
  friend bool operator==(const Verdict&, const Verdict&) = default;
};

/// Evaluation points = floor(100 × Π coefficient(item)), coefficients Safe 1, Caution 0.75,
/// Warning 0.5, Danger 0.25, unknown/no_item 1; empty when no item was judged.
std::optional<int> evaluation_points(const std::vector<ItemResult>& items) noexcept;

/// Aggregates item results into the client status and level (spec/judgment.md §2) and fills
/// `status`, `level` and `points` of `j`.
void aggregate(Judgment& j) noexcept;

}  // namespace posture
