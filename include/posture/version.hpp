// The one version comparator and version constraint used by every category and the expression
// language (spec/judgment.md §5 and §9.1).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "posture/error.hpp"

namespace posture {

/// Compares two version strings. Parts are split on '.', '-', '_', ',' and white space (runs count
/// as one separator); two all-digit parts compare as numbers of any length ("6.02" == "6.2"),
/// otherwise both compare as ASCII-lower-cased text; a missing trailing part equals "0"
/// ("1.2" == "1.2.0", "1.0-rc1" > "1.0"). Returns <0, 0 or >0. Allocates nothing.
int compare_versions(std::string_view a, std::string_view b) noexcept;

/// Comparison operator of a version constraint.
enum class VersionOp : unsigned char { eq, ne, lt, le, gt, ge };
std::string_view version_op_symbol(VersionOp op) noexcept;

/// A version constraint: one clause ("< 8.0.4010", a bare "1.2" meaning "= 1.2") or a range of
/// two clauses joined by a comma (">= 1.0, < 2.0"); every clause must hold.
/// Thread safety: immutable once built.
class VersionConstraint {
 public:
  struct Clause {
    VersionOp op = VersionOp::eq;
    std::string version;
  };

  /// Parses the text form. Errors name the offending column within `text` (1-based).
  static result<VersionConstraint> parse(std::string_view text);

  /// True when `installed` satisfies every clause. An absent version never satisfies.
  bool satisfied_by(std::optional<std::string_view> installed) const noexcept;

  const std::vector<Clause>& clauses() const noexcept { return clauses_; }
  /// Canonical text: ">= 1.0, < 2.0".
  std::string to_string() const;

 private:
  std::vector<Clause> clauses_;
};

}  // namespace posture
