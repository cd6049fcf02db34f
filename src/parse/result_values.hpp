// Converters for the values judgments and client states share: any level (Safe included, as
// results may carry it), statuses and categories, by their JSON names.
#pragma once

#include <optional>
#include <string_view>

#include "parse/json_walker.hpp"
#include "posture/level.hpp"

namespace posture::json {

/// "safe", "caution", "warning" or "danger".
std::optional<Level> as_result_level(Walker& w, const Node& n, std::string_view name);
/// "judged", "unknown", "no_item", "not_target" or "not_judged".
std::optional<Status> as_status(Walker& w, const Node& n, std::string_view name);
/// "security_updates", "antivirus", … (the category names of level.hpp).
std::optional<Category> as_category(Walker& w, const Node& n, std::string_view name);

}  // namespace posture::json
