// Converters for the values of a policy document (levels, rules, patterns, version constraints,
// OS scopes, update ids), shared by the readers of its sections.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/json_walker.hpp"
#include "posture/level.hpp"
#include "posture/name.hpp"
#include "posture/policy.hpp"
#include "posture/version.hpp"

namespace posture::json {

/// A level a condition may carry: "caution", "warning" or "danger" (Safe is computed only).
std::optional<Level> as_level(Walker& w, const Node& n, std::string_view name);
/// "level", "safe", "no_item" or "unknown".
std::optional<WhenMissing> as_when_missing(Walker& w, const Node& n, std::string_view name);
/// A non-empty name pattern.
std::optional<NamePattern> as_pattern(Walker& w, const Node& n, std::string_view name);
/// A version constraint; a syntax error is reported at its column inside the string.
std::optional<VersionConstraint> as_constraint(Walker& w, const Node& n, std::string_view name);
/// A pattern string ("Windows 11*") or {name, version, service_pack}.
std::optional<OsScope> as_os_scope(Walker& w, const Node& n, std::string_view name);
/// An update id, normalised ("KB5034441" → "5034441").
std::optional<std::string> as_update_id(Walker& w, const Node& n, std::string_view name);
std::optional<std::vector<std::string>> as_update_ids(Walker& w, const Node& n,
                                                      std::string_view name);
std::optional<std::vector<NamePattern>> as_patterns(Walker& w, const Node& n,
                                                    std::string_view name);

}  // namespace posture::json
