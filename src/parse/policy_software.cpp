// The antivirus, prohibited_software and mandatory_software sections (spec/judgment.md
// §4.2–§4.4).
#include <array>

#include "parse/policy_sections.hpp"
#include "parse/policy_values.hpp"

namespace posture::json {
namespace {

constexpr std::array<std::string_view, 2> kMultipleProducts = {"worst", "best"};

std::optional<MultipleProducts> as_multiple_products(Walker& w, const Node& n,
                                                     std::string_view name) {
  auto i = w.one_of(n, name, kMultipleProducts);
  if (!i) return std::nullopt;
  return *i == 0 ? MultipleProducts::worst : MultipleProducts::best;
}

std::optional<AntivirusRow> as_antivirus_row(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "antivirus product");
  if (!o.valid()) return std::nullopt;
  AntivirusRow r;
  r.where = w.where(n);
  o.need("name", r.name, as_pattern);
  o.get("min_product_version", r.min_product_version, as_nonempty_string);
  o.get("min_engine_version", r.min_engine_version, as_nonempty_string);
  o.get("min_definition_version", r.min_definition_version, as_nonempty_string);
  o.get("max_definition_age_days", r.max_definition_age_days, as_count);
  o.get("nonresident_is_risk", r.nonresident_is_risk, as_bool);
  o.get("level", r.level, as_level);
  o.reject_unknown();
  return r;
}

std::optional<ProhibitedEntry> as_prohibited_entry(Walker& w, const Node& n,
                                                   std::string_view name) {
  ObjectReader o(w, n, name, "prohibited software entry");
  if (!o.valid()) return std::nullopt;
  ProhibitedEntry e;
  e.where = w.where(n);
  o.need("name", e.name, as_pattern);
  o.get("version", e.version, as_constraint);
  o.get("os", e.os, as_os_scope);
  o.get("level", e.level, as_level);
  o.reject_unknown();
  return e;
}

std::optional<SoftwareAlternative> as_alternative(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "software alternative");
  if (!o.valid()) return std::nullopt;
  SoftwareAlternative a;
  o.need("name", a.name, as_pattern);
  o.get("version", a.version, as_constraint);
  o.reject_unknown();
  return a;
}

std::optional<MandatoryGroup> as_mandatory_group(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "mandatory software group");
  if (!o.valid()) return std::nullopt;
  MandatoryGroup g;
  g.where = w.where(n);
  o.need("name", g.name, as_nonempty_string);
  if (const Node* any = o.required("any_of")) {
    if (auto alternatives = list_of(as_alternative)(w, *any, "any_of")) {
      g.any_of = std::move(*alternatives);
      if (any->size == 0)
        w.report(errc::check, *any, "\"any_of\" must list at least one alternative");
    }
  }
  o.get("os", g.os, as_os_scope);
  o.get("level", g.level, as_level);
  o.reject_unknown();
  return g;
}

}  // namespace

std::optional<AntivirusPolicy> as_antivirus(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "antivirus");
  if (!o.valid()) return std::nullopt;
  AntivirusPolicy p;
  p.where = w.where(n);
  o.get("enabled", p.enabled, as_bool);
  o.get("not_installed_level", p.not_installed_level, as_level);
  o.get("multiple_products", p.multiple_products, as_multiple_products);
  o.get("products", p.products, list_of(as_antivirus_row));
  o.get("when_missing", p.when_missing, as_when_missing);
  o.reject_unknown();
  return p;
}

std::optional<ProhibitedSoftwarePolicy> as_prohibited_software(Walker& w, const Node& n,
                                                               std::string_view name) {
  ObjectReader o(w, n, name, "prohibited_software");
  if (!o.valid()) return std::nullopt;
  ProhibitedSoftwarePolicy p;
  p.where = w.where(n);
  o.get("enabled", p.enabled, as_bool);
  o.get("entries", p.entries, list_of(as_prohibited_entry));
  o.get("when_missing", p.when_missing, as_when_missing);
  o.reject_unknown();
  return p;
}

std::optional<MandatorySoftwarePolicy> as_mandatory_software(Walker& w, const Node& n,
                                                             std::string_view name) {
  ObjectReader o(w, n, name, "mandatory_software");
  if (!o.valid()) return std::nullopt;
  MandatorySoftwarePolicy p;
  p.where = w.where(n);
  o.get("enabled", p.enabled, as_bool);
  o.get("groups", p.groups, list_of(as_mandatory_group));
  o.get("when_missing", p.when_missing, as_when_missing);
  o.reject_unknown();
  return p;
}

}  // namespace posture::json
