// Policy assignment without allocation, for the engine's per-client path.
#pragma once

#include <string_view>

#include "posture/policy.hpp"

namespace posture::eval {

/// The names assign_policies() returns, as views into `set` (or of the literal "Default").
struct AssignedNames {
  std::string_view judgment_policy;
  std::string_view action_policy;
};

AssignedNames assign_names(const PolicySet& set, std::string_view asset,
                           std::string_view group) noexcept;

}  // namespace posture::eval
