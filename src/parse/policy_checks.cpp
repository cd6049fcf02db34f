// The pc_security section (spec/judgment.md §4.5): each check takes exactly the parameters of its
// kind, so a parameter given to the wrong check is an unknown key, not silently ignored.
#include <array>

#include "parse/policy_sections.hpp"
#include "parse/policy_values.hpp"

namespace posture::json {
namespace {

std::array<std::string_view, check_id_count> check_names() {
  std::array<std::string_view, check_id_count> names{};
  for (int i = 0; i < check_id_count; ++i)
    names[static_cast<std::size_t>(i)] = check_id_name(static_cast<CheckId>(i));
  return names;
}

std::optional<CheckId> as_check_id(Walker& w, const Node& n, std::string_view name) {
  static const auto names = check_names();
  auto i = w.one_of(n, name, names);
  if (!i) return std::nullopt;
  return static_cast<CheckId>(*i);
}

constexpr std::array<std::string_view, 5> kModeNames = {"disabled", "notify", "download_only",
                                                        "auto_install", "scheduled"};

std::optional<AutoUpdateMode> as_mode(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kModeNames);
  if (!i) return std::nullopt;
  return static_cast<AutoUpdateMode>(*i);
}

void read_services(Walker& w, ObjectReader& o, SecurityCheck& c) {
  const Node* list = o.required("services");
  if (!list) return;
  if (auto services = w.strings(*list, "services")) {
    c.services = std::move(*services);
    if (c.services.empty())
      w.report(errc::check, *list, "\"services\" must list at least one service");
  }
}

// Reads the parameters that belong to `c.check`; the others stay unknown keys.
void read_parameters(Walker& w, ObjectReader& o, SecurityCheck& c) {
  switch (c.check) {
    case CheckId::passwords_max_age_days: o.need("max_age_days", c.max_age_days, as_count); break;
    case CheckId::passwords_min_length: o.need("min_length", c.min_length, as_count); break;
    case CheckId::anonymous_restrict: o.get("min_restrict", c.min_restrict, as_count); break;
    case CheckId::screensaver_timeout:
      o.need("max_timeout_min", c.max_timeout_min, as_count);
      break;
    case CheckId::services_prohibited:
    case CheckId::services_required: read_services(w, o, c); break;
    case CheckId::firewall_enabled: o.get("profiles", c.profiles, as_strings); break;
    case CheckId::automatic_updates_enabled: o.get("min_mode", c.min_mode, as_mode); break;
    default: break;
  }
}

std::optional<SecurityCheck> as_check(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "check");
  if (!o.valid()) return std::nullopt;
  SecurityCheck c;
  c.where = w.where(n);
  std::optional<CheckId> id;
  if (const Node* id_node = o.required("check")) id = as_check_id(w, *id_node, "check");
  o.get("level", c.level, as_level);
  o.get("when_missing", c.when_missing, as_when_missing);
  // Without a known check the valid parameters are unknown too: report nothing more.
  if (!id) return std::nullopt;
  c.check = *id;
  if (!o.optional("level")) c.level = default_check_level(*id);
  read_parameters(w, o, c);
  o.describe("check " + std::string(check_id_name(*id)));
  o.reject_unknown();
  return c;
}

}  // namespace

std::optional<PcSecurityPolicy> as_pc_security(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "pc_security");
  if (!o.valid()) return std::nullopt;
  PcSecurityPolicy p;
  p.where = w.where(n);
  o.get("enabled", p.enabled, as_bool);
  o.get("excluded_users", p.excluded_users, as_patterns);
  o.get("checks", p.checks, list_of(as_check));
  o.reject_unknown();
  return p;
}

}  // namespace posture::json
