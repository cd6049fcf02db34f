// Security updates (spec/judgment.md §4.1): mode/field consistency, update groups, supersedence.
#include <algorithm>
#include <unordered_set>

#include "compile/stages.hpp"

namespace posture::compile_detail {
namespace {

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::vector<std::string> acceptable_ids(const std::string& id, const PatchCatalog* catalog) {
  std::vector<std::string> out{id};
  if (catalog)
    for (auto& newer : catalog->superseders_of(id)) out.push_back(std::move(newer));
  sort_unique(out);
  return out;
}

void check_mode_fields(const SecurityUpdatesPolicy& p, Problems& problems) {
  if (p.mode == UpdateMode::latest) {
    if (!p.mandatory.empty())
      problems.add(p.mandatory.front().where,
                   "security_updates.mandatory: mandatory updates need mode \"specified\"; "
                   "in latest mode every missing update is a violation");
    if (!p.mandatory_groups.empty())
      problems.add(p.where, "security_updates.mandatory_groups: mandatory update groups need "
                            "mode \"specified\"");
    return;
  }
  if (!p.exclude.empty())
    problems.add(p.where, "security_updates.exclude: exclusions apply only in mode \"latest\"");
  if (!p.exclude_groups.empty())
    problems.add(p.where,
                 "security_updates.exclude_groups: exclusions apply only in mode \"latest\"");
  if (p.levels_by_severity)
    problems.add(p.where,
                 "security_updates.levels_by_severity: applies only in mode \"latest\"; give "
                 "each mandatory update its level instead");
}

void check_scope(const std::optional<NamePattern>& product,
                 const std::optional<VersionConstraint>& product_version, const origin& where,
                 const std::string& path, Problems& problems) {
  if (product_version && !product)
    problems.add(where, path + ": product_version needs a product");
  if (product && product->empty()) problems.add(where, path + ": product name is empty");
}

void compile_service_packs(const SecurityUpdatesPolicy& p, Problems& problems) {
  for (std::size_t i = 0; i < p.service_packs.size(); ++i) {
    const auto& rule = p.service_packs[i];
    std::string path = element_path("security_updates", "service_packs", i);
    if (!rule.os && !rule.product)
      problems.add(rule.where, path + ": a service-pack rule needs an os or a product");
    if (rule.os && !rule.product && rule.os->name.empty())
      problems.add(rule.where, path + ": os name pattern is empty");
    if (trim_space(rule.service_pack).empty())
      problems.add(rule.where, path + ": service_pack is empty; give the required service pack");
    check_scope(rule.product, rule.product_version, rule.where, path, problems);
    if (rule.level) problems.require_condition_level(rule.where, path, *rule.level);
  }
}

}  // namespace

void compile_security_updates(const SecurityUpdatesPolicy& p, const PolicySet& set,
                              const PatchCatalog* catalog, Plan::Impl& plan, Problems& problems) {
  problems.require_condition_level(p.where, "security_updates", p.level);
  if (p.levels_by_severity)
    for (const auto& mapped : *p.levels_by_severity)
      if (mapped) problems.require_condition_level(p.where, "security_updates.levels_by_severity",
                                                   *mapped);
  check_mode_fields(p, problems);

  for (const auto& id : p.exclude) plan.excluded_updates.push_back(normalize_update_id(id));
  for (const auto& name : p.exclude_groups) {
    const UpdateGroup* group = set.find_update_group(name);
    if (!group) {
      problems.add(p.where, "security_updates.exclude_groups: unknown update group \"" + name + "\"");
      continue;
    }
    for (const auto& id : group->updates) plan.excluded_updates.push_back(normalize_update_id(id));
  }
  sort_unique(plan.excluded_updates);

  for (std::size_t i = 0; i < p.mandatory.size(); ++i) {
    const auto& row = p.mandatory[i];
    std::string path = element_path("security_updates", "mandatory", i);
    RequiredUpdate req;
    req.id = normalize_update_id(row.id);
    if (req.id.empty()) problems.add(row.where, path + ": update id is empty");
    if (row.level) problems.require_condition_level(row.where, path, *row.level);
    check_scope(row.product, row.product_version, row.where, path, problems);
    req.bulletin = normalize_bulletin(row.bulletin);
    if (req.bulletin.empty() && catalog)
      if (const auto* known = catalog->find(req.id)) req.bulletin = known->bulletin;
    req.level = row.level.value_or(p.level);
    req.os = row.os;
    req.product = row.product;
    req.product_version = row.product_version;
    req.acceptable = acceptable_ids(req.id, catalog);
    plan.required_updates.push_back(std::move(req));
  }
  // Groups come from catalogs and may list thousands of updates: look ids up in a set.
  std::unordered_set<std::string> required;
  for (const auto& r : plan.required_updates) required.insert(r.id);
  for (const auto& name : p.mandatory_groups) {
    const UpdateGroup* group = set.find_update_group(name);
    if (!group) {
      problems.add(p.where,
                   "security_updates.mandatory_groups: unknown update group \"" + name + "\"");
      continue;
    }
    for (const auto& raw : group->updates) {
      std::string id = normalize_update_id(raw);
      // An update listed explicitly keeps its own level and scope; one listed by two groups is
      // required once.
      if (id.empty() || !required.insert(id).second) continue;
      RequiredUpdate req;
      req.id = std::move(id);
      if (catalog)
        if (const auto* known = catalog->find(req.id)) req.bulletin = known->bulletin;
      req.level = p.level;
      req.acceptable = acceptable_ids(req.id, catalog);
      plan.required_updates.push_back(std::move(req));
    }
  }
  for (std::size_t row = 0; row < plan.required_updates.size(); ++row)
    for (const auto& id : plan.required_updates[row].acceptable) plan.acceptors.push_back({id, row});
  std::sort(plan.acceptors.begin(), plan.acceptors.end(), [](const auto& a, const auto& b) {
    return a.id != b.id ? a.id < b.id : a.row < b.row;
  });
  compile_service_packs(p, problems);
}

}  // namespace posture::compile_detail
