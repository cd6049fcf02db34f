// Anti-virus, software and PC-security sections (spec/judgment.md §4.2–§4.5): rows that could never
// match, levels a condition may not carry, and parameters given to a check that does not read them.
#include <array>
#include <string>
#include <unordered_set>

#include "compile/stages.hpp"

namespace posture::compile_detail {
namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

void check_antivirus(const AntivirusPolicy& p, Problems& problems) {
  problems.require_condition_level(p.where, "antivirus.not_installed_level", p.not_installed_level);
  for (std::size_t i = 0; i < p.products.size(); ++i) {
    const auto& row = p.products[i];
    std::string path = element_path("antivirus", "products", i);
    if (row.name.empty()) problems.add(row.where, path + ": name is empty");
    problems.require_condition_level(row.where, path, row.level);
    if (row.max_definition_age_days && *row.max_definition_age_days < 0)
      problems.add(row.where, path + ": max_definition_age_days must not be negative");
  }
}

void check_prohibited_software(const ProhibitedSoftwarePolicy& p, Problems& problems) {
  for (std::size_t i = 0; i < p.entries.size(); ++i) {
    const auto& entry = p.entries[i];
    std::string path = element_path("prohibited_software", "entries", i);
    if (entry.name.empty()) problems.add(entry.where, path + ": name is empty");
    problems.require_condition_level(entry.where, path, entry.level);
  }
}

void check_mandatory_software(const MandatorySoftwarePolicy& p, Problems& problems) {
  std::unordered_set<std::string_view> names;
  for (std::size_t i = 0; i < p.groups.size(); ++i) {
    const auto& group = p.groups[i];
    std::string path = element_path("mandatory_software", "groups", i);
    if (trim_space(group.name).empty()) problems.add(group.where, path + ": name is empty");
    if (!trim_space(group.name).empty() && !names.insert(group.name).second)
      problems.add(group.where, path + ": group " + quoted(group.name) +
                                    " is defined twice (its results would be indistinguishable)");
    if (group.any_of.empty())
      problems.add(group.where, path + ": any_of is empty; list at least one program");
    for (std::size_t a = 0; a < group.any_of.size(); ++a)
      if (group.any_of[a].name.empty())
        problems.add(group.where, path + ".any_of[" + std::to_string(a) + "]: name is empty");
    problems.require_condition_level(group.where, path, group.level);
  }
}

void compile_pc_security(const PcSecurityPolicy& p, Plan::Impl& plan, Problems& problems) {
  for (std::size_t i = 0; i < p.excluded_users.size(); ++i)
    if (p.excluded_users[i].empty())
      problems.add(p.where, element_path("pc_security", "excluded_users", i) + ": name is empty");

  plan.check_services.reserve(p.checks.size());
  std::array<bool, check_id_count> seen{};
  for (std::size_t i = 0; i < p.checks.size(); ++i) {
    const auto& c = p.checks[i];
    const std::string path = element_path("pc_security", "checks", i);
    const std::string_view id = check_id_name(c.check);
    auto fail = [&](std::string message) { problems.add(c.where, path + ": " + message); };

    auto index = static_cast<std::size_t>(c.check);
    if (index >= seen.size()) {
      fail("unknown check");
      continue;
    }
    if (seen[index]) fail("check " + quoted(id) + " is listed twice");
    seen[index] = true;
    problems.require_condition_level(c.where, path, c.level);

    // Each numeric parameter belongs to exactly one check; elsewhere it would be silently ignored,
    // which hides a typo in the check name.
    auto parameter = [&](const std::optional<std::int64_t>& value, std::string_view name,
                         CheckId owner, bool required) {
      if (c.check != owner) {
        if (value) fail(std::string(name) + " does not apply to check " + quoted(id));
        return;
      }
      if (!value && required) fail("check " + quoted(id) + " needs " + std::string(name));
      if (value && *value < 0) fail(std::string(name) + " must not be negative");
    };
    parameter(c.max_age_days, "max_age_days", CheckId::passwords_max_age_days, true);
    parameter(c.min_length, "min_length", CheckId::passwords_min_length, true);
    parameter(c.min_restrict, "min_restrict", CheckId::anonymous_restrict, false);
    parameter(c.max_timeout_min, "max_timeout_min", CheckId::screensaver_timeout, true);

    const bool about_services =
        c.check == CheckId::services_prohibited || c.check == CheckId::services_required;
    if (about_services && c.services.empty()) fail("check " + quoted(id) + " needs services");
    if (!about_services && !c.services.empty())
      fail("services does not apply to check " + quoted(id));
    if (c.check != CheckId::firewall_enabled && !c.profiles.empty())
      fail("profiles does not apply to check " + quoted(id));
    if (c.check != CheckId::automatic_updates_enabled && c.min_mode)
      fail("min_mode does not apply to check " + quoted(id));

    std::vector<NamePattern> services;
    services.reserve(c.services.size());
    for (const auto& s : c.services) {
      if (trim_space(s).empty()) fail("a service name is empty");
      services.emplace_back(s);
    }
    plan.check_services.push_back(std::move(services));
  }
}

}  // namespace posture::compile_detail
