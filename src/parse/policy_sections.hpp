// Readers for the parts of a policy document (spec/formats.md §1): the six judgment categories,
// judgment policies, update groups and assignment rows. Each is a converter for
// ObjectReader::get: it reports every problem it finds and returns nothing only when the value is
// not an object at all.
#pragma once

#include <optional>
#include <string_view>

#include "parse/json_walker.hpp"
#include "posture/policy.hpp"

namespace posture::json {

std::optional<SecurityUpdatesPolicy> as_security_updates(Walker& w, const Node& n,
                                                         std::string_view name);
std::optional<AntivirusPolicy> as_antivirus(Walker& w, const Node& n, std::string_view name);
std::optional<ProhibitedSoftwarePolicy> as_prohibited_software(Walker& w, const Node& n,
                                                               std::string_view name);
std::optional<MandatorySoftwarePolicy> as_mandatory_software(Walker& w, const Node& n,
                                                             std::string_view name);
std::optional<PcSecurityPolicy> as_pc_security(Walker& w, const Node& n, std::string_view name);
std::optional<UserDefinedPolicy> as_user_defined(Walker& w, const Node& n, std::string_view name);

std::optional<JudgmentPolicy> as_judgment_policy(Walker& w, const Node& n, std::string_view name);
std::optional<UpdateGroup> as_update_group(Walker& w, const Node& n, std::string_view name);
std::optional<Assignment> as_assignment(Walker& w, const Node& n, std::string_view name);

}  // namespace posture::json
