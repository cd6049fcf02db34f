// An item's verdict folded condition by condition, as eval::settle() folds an item's conditions
// once they are built: judged when any condition is judged (level the worst of the judged levels,
// or the best for anti-virus "best"), else unknown when any condition is unknown, else no_item.
// The batch path and verdict() never build the conditions; they tell the fold what each one would
// have been.
#pragma once

#include <cstddef>
#include <cstdint>

#include "posture/judgment.hpp"
#include "posture/level.hpp"
#include "posture/policy.hpp"

namespace posture::eval {

class ItemFold {
 public:
  explicit ItemFold(bool best = false) noexcept : best_(best) {}

  /// A condition judged at `level` (Safe when satisfied).
  void judged(Level level) noexcept {
    const auto code = static_cast<std::uint16_t>(level);
    violated_ = violated_ || level != Level::safe;
    if (!judged_)
      level_ = code;
    else if (best_ ? code < level_ : code > level_)
      level_ = code;
    judged_ = true;
  }
  /// A condition that could not be decided.
  void unknown() noexcept { unknown_ = true; }
  /// A condition as built: judged with a level, unknown, or neither (no_item, not_target).
  void condition(Status status, const std::optional<Level>& level) noexcept {
    if (status == Status::judged && level)
      judged(*level);
    else if (status == Status::unknown)
      unknown_ = true;
  }
  void set_best(bool best) noexcept { best_ = best; }
  /// A condition whose data is absent, following its when_missing rule (eval::apply_missing).
  void missing(WhenMissing rule, Level level) noexcept {
    switch (rule) {
      case WhenMissing::level: judged(level); break;
      case WhenMissing::safe: judged(Level::safe); break;
      case WhenMissing::no_item: break;
      case WhenMissing::unknown: unknown_ = true; break;
    }
  }
  /// Many conditions at once, as masks over their numbers (`words` long): `violated` judged each
  /// at its own level, `safe` judged Safe, `missing` following `rule` with its own level. `levels`
  /// are the masks of the conditions at each level.
  template <class Levels>
  void masks(const std::uint64_t* violated, const std::uint64_t* safe,
             const std::uint64_t* missing, std::size_t words, WhenMissing rule,
             const Levels& levels) noexcept {
    std::uint64_t any_safe = 0, any_missing = 0, caution = 0, warning = 0, danger = 0;
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t v = violated[w];
      any_safe |= safe[w];
      any_missing |= missing[w];
      if (rule == WhenMissing::level) v |= missing[w];
      caution |= v & levels.caution[w];
      warning |= v & levels.warning[w];
      danger |= v & levels.danger[w];
    }
    if (danger)
      judged(Level::danger);
    else if (warning)
      judged(Level::warning);
    else if (caution)
      judged(Level::caution);
    if (any_safe || (any_missing && rule == WhenMissing::safe)) judged(Level::safe);
    if (any_missing && rule == WhenMissing::unknown) unknown_ = true;
  }

  ItemVerdict verdict() const noexcept {
    ItemVerdict v;
    v.configured = true;
    v.findings = violated_ || unknown_;
    if (judged_) {
      v.status = Status::judged;
      v.level = level_;
    } else {
      v.status = unknown_ ? Status::unknown : Status::no_item;
    }
    return v;
  }

 private:
  bool best_;
  bool judged_ = false;
  bool unknown_ = false;
  bool violated_ = false;  // a condition judged worse than Safe
  std::uint16_t level_ = 0;
};

}  // namespace posture::eval
