// The security_updates section (spec/judgment.md §4.1).
#include <array>

#include "parse/policy_sections.hpp"
#include "parse/policy_values.hpp"

namespace posture::json {
namespace {

constexpr std::array<std::string_view, 2> kModes = {"latest", "specified"};
constexpr std::array<std::string_view, 2> kConditions = {"exact", "or_later"};

std::optional<UpdateMode> as_mode(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kModes);
  if (!i) return std::nullopt;
  return *i == 0 ? UpdateMode::latest : UpdateMode::specified;
}

std::optional<ServicePackCondition> as_condition(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kConditions);
  if (!i) return std::nullopt;
  return *i == 0 ? ServicePackCondition::exact : ServicePackCondition::or_later;
}

using SeverityLevels = std::array<std::optional<Level>, 5>;

std::optional<SeverityLevels> as_levels_by_severity(Walker& w, const Node& n,
                                                    std::string_view name) {
  ObjectReader o(w, n, name, "levels_by_severity");
  if (!o.valid()) return std::nullopt;
  SeverityLevels levels;
  for (Severity s : {Severity::critical, Severity::important, Severity::moderate, Severity::low,
                     Severity::unspecified})
    o.get(severity_name(s), levels[static_cast<std::size_t>(s)], as_level);
  o.reject_unknown();
  return levels;
}

// A product scope and its version belong together: a version without a product has nothing to
// apply to.
void check_product_version(Walker& w, ObjectReader& o, bool has_product) {
  if (const Node* v = o.optional("product_version"); v && !has_product)
    w.report(errc::check, *v, "\"product_version\" needs \"product\"");
}

std::optional<MandatoryUpdate> as_mandatory_update(Walker& w, const Node& n,
                                                   std::string_view name) {
  ObjectReader o(w, n, name, "mandatory update");
  if (!o.valid()) return std::nullopt;
  MandatoryUpdate m;
  m.where = w.where(n);
  o.need("id", m.id, as_update_id);
  if (o.get("bulletin", m.bulletin, as_string)) m.bulletin = normalize_bulletin(m.bulletin);
  o.get("level", m.level, as_level);
  o.get("os", m.os, as_os_scope);
  bool has_product = o.get("product", m.product, as_pattern);
  o.get("product_version", m.product_version, as_constraint);
  check_product_version(w, o, has_product);
  o.reject_unknown();
  return m;
}

std::optional<ServicePackRule> as_service_pack_rule(Walker& w, const Node& n,
                                                    std::string_view name) {
  ObjectReader o(w, n, name, "service pack rule");
  if (!o.valid()) return std::nullopt;
  ServicePackRule r;
  r.where = w.where(n);
  bool has_os = o.get("os", r.os, as_os_scope);
  bool has_product = o.get("product", r.product, as_pattern);
  o.get("product_version", r.product_version, as_constraint);
  o.need("service_pack", r.service_pack, as_nonempty_string);
  o.get("condition", r.condition, as_condition);
  o.get("level", r.level, as_level);
  check_product_version(w, o, has_product);
  if (has_os && has_product)
    w.report(errc::check, n, "a service pack rule takes \"os\" or \"product\", not both");
  else if (!has_os && !has_product && !o.optional("os") && !o.optional("product"))
    w.report(errc::check, n, "a service pack rule needs \"os\" or \"product\"");
  o.reject_unknown();
  return r;
}

}  // namespace

std::optional<SecurityUpdatesPolicy> as_security_updates(Walker& w, const Node& n,
                                                         std::string_view name) {
  ObjectReader o(w, n, name, "security_updates");
  if (!o.valid()) return std::nullopt;
  SecurityUpdatesPolicy p;
  p.where = w.where(n);
  o.get("enabled", p.enabled, as_bool);
  o.get("mode", p.mode, as_mode);
  o.get("level", p.level, as_level);
  o.get("levels_by_severity", p.levels_by_severity, as_levels_by_severity);
  o.get("exclude", p.exclude, as_update_ids);
  o.get("exclude_groups", p.exclude_groups, as_strings);
  o.get("mandatory", p.mandatory, list_of(as_mandatory_update));
  o.get("mandatory_groups", p.mandatory_groups, as_strings);
  o.get("service_packs", p.service_packs, list_of(as_service_pack_rule));
  o.get("when_missing", p.when_missing, as_when_missing);
  o.reject_unknown();
  return p;
}

}  // namespace posture::json
