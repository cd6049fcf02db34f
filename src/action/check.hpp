// The checks an action policy must pass before it is used (ActionPolicySet::create).
#pragma once

#include <string_view>
#include <vector>

#include "posture/action.hpp"

namespace posture::action {

/// Appends a diagnostic (errc::check) for each problem of `policy`.
void check_policy(const ActionPolicy& policy, std::vector<diagnostic>& problems);

/// True when `address` is a plain mail address: printable ASCII without white space, quotes,
/// brackets or separators, one '@' with text on both sides, at most 64 bytes.
bool valid_mail_address(std::string_view address) noexcept;

}  // namespace posture::action
