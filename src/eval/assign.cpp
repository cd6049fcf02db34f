// Policy assignment (spec/judgment.md §6, §9.12).
#include "eval/assign.hpp"

#include "posture/engine.hpp"

namespace posture {
namespace {

std::string_view strip_trailing_slashes(std::string_view path) noexcept {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return path;
}

bool row_matches(const Assignment& row, std::string_view asset, std::string_view group) noexcept {
  switch (row.scope) {
    case AssignmentScope::all: return true;
    case AssignmentScope::pc: return row.asset == asset;
    case AssignmentScope::group:
      return row.match == GroupMatch::exact
                 ? strip_trailing_slashes(row.group) == strip_trailing_slashes(group)
                 : group_has_prefix(group, row.group);
  }
  return false;
}

}  // namespace

bool group_has_prefix(std::string_view group, std::string_view prefix) noexcept {
  // "Kobe/Sales/" and "Kobe/Sales" name the same group; an empty prefix is the root, above all.
  group = strip_trailing_slashes(group);
  prefix = strip_trailing_slashes(prefix);
  if (prefix.empty()) return true;
  if (!group.starts_with(prefix)) return false;
  return group.size() == prefix.size() || group[prefix.size()] == '/';
}

namespace eval {

AssignedNames assign_names(const PolicySet& set, std::string_view asset,
                           std::string_view group) noexcept {
  AssignedNames out;
  if (!set.default_judgment_policy.empty())
    out.judgment_policy = set.default_judgment_policy;
  else if (!set.judgment_policies.empty())
    out.judgment_policy = set.judgment_policies.front().name;
  out.action_policy =
      set.default_action_policy.empty() ? std::string_view("Default") : set.default_action_policy;
  for (const auto& row : set.assignments) {
    if (!row_matches(row, asset, group)) continue;
    if (!row.judgment_policy.empty()) out.judgment_policy = row.judgment_policy;
    if (!row.action_policy.empty()) out.action_policy = row.action_policy;
  }
  return out;
}

}  // namespace eval

AssignedPolicies assign_policies(const PolicySet& set, std::string_view asset,
                                 std::string_view group) {
  eval::AssignedNames names = eval::assign_names(set, asset, group);
  return {std::string(names.judgment_policy), std::string(names.action_policy)};
}

}  // namespace posture
