// Name patterns: the limits every pattern of a policy must keep, and the program index the
// evaluator matches a client's software with (eval/index.hpp).
#include <algorithm>

#include "compile/stages.hpp"
#include "expr/program.hpp"

namespace posture::compile_detail {
namespace {

void check_one(const NamePattern& pattern, const origin& where, const std::string& path,
               Problems& problems) {
  const std::string& text = pattern.text();
  if (text.size() > max_name_pattern_bytes) {
    problems.add(where, path + ": name pattern is " + std::to_string(text.size()) +
                            " bytes long; at most " + std::to_string(max_name_pattern_bytes) +
                            " are allowed");
    return;
  }
  const auto stars = static_cast<std::size_t>(std::count(text.begin(), text.end(), '*'));
  if (stars > max_name_pattern_stars)
    problems.add(where, path + ": name pattern \"" + text + "\" has " + std::to_string(stars) +
                            " '*' wildcards; at most " + std::to_string(max_name_pattern_stars) +
                            " are allowed");
}

void check_os(const std::optional<OsScope>& os, const origin& where, const std::string& path,
              Problems& problems) {
  if (os) check_one(os->name, where, path + ".os.name", problems);
}

}  // namespace

void check_pattern_limits(const JudgmentPolicy& policy, const Plan::Impl& plan,
                          Problems& problems) {
  if (const auto& p = policy.security_updates) {
    for (std::size_t i = 0; i < p->mandatory.size(); ++i) {
      const auto& row = p->mandatory[i];
      std::string path = element_path("security_updates", "mandatory", i);
      check_os(row.os, row.where, path, problems);
      if (row.product) check_one(*row.product, row.where, path + ".product", problems);
    }
    for (std::size_t i = 0; i < p->service_packs.size(); ++i) {
      const auto& rule = p->service_packs[i];
      std::string path = element_path("security_updates", "service_packs", i);
      check_os(rule.os, rule.where, path, problems);
      if (rule.product) check_one(*rule.product, rule.where, path + ".product", problems);
    }
  }
  if (const auto& p = policy.antivirus)
    for (std::size_t i = 0; i < p->products.size(); ++i)
      check_one(p->products[i].name, p->products[i].where,
                element_path("antivirus", "products", i) + ".name", problems);
  if (const auto& p = policy.prohibited_software)
    for (std::size_t i = 0; i < p->entries.size(); ++i) {
      const auto& entry = p->entries[i];
      std::string path = element_path("prohibited_software", "entries", i);
      check_one(entry.name, entry.where, path + ".name", problems);
      check_os(entry.os, entry.where, path, problems);
    }
  if (const auto& p = policy.mandatory_software)
    for (std::size_t i = 0; i < p->groups.size(); ++i) {
      const auto& group = p->groups[i];
      std::string path = element_path("mandatory_software", "groups", i);
      for (std::size_t a = 0; a < group.any_of.size(); ++a)
        check_one(group.any_of[a].name, group.where,
                  path + ".any_of[" + std::to_string(a) + "].name", problems);
      check_os(group.os, group.where, path, problems);
    }
  if (const auto& p = policy.pc_security) {
    for (std::size_t i = 0; i < p->excluded_users.size(); ++i)
      check_one(p->excluded_users[i], p->where,
                "pc_security.excluded_users[" + std::to_string(i) + "]", problems);
    for (std::size_t i = 0; i < p->checks.size() && i < plan.check_services.size(); ++i)
      for (std::size_t s = 0; s < plan.check_services[i].size(); ++s)
        check_one(plan.check_services[i][s], p->checks[i].where,
                  element_path("pc_security", "checks", i) + ".services[" + std::to_string(s) +
                      "]",
                  problems);
  }
  if (const auto& p = policy.user_defined)
    for (std::size_t i = 0; i < p->items.size() && i < plan.conditions.size(); ++i)
      for (const auto& pattern : plan.conditions[i].impl().patterns)
        check_one(pattern, p->items[i].when_where,
                  element_path("user_defined", "items", i) + ".when", problems);
}

void index_programs(Plan::Impl& plan) {
  const JudgmentPolicy& policy = plan.policy;
  auto& index = plan.programs;
  for (auto& row : plan.required_updates)
    if (row.product) row.product_pattern = index.add(*row.product);
  if (const auto& p = policy.security_updates)
    for (const auto& rule : p->service_packs)
      plan.service_pack_pattern.push_back(rule.product ? index.add(*rule.product) : 0);
  if (const auto& p = policy.prohibited_software)
    for (const auto& entry : p->entries) plan.prohibited_pattern.push_back(index.add(entry.name));
  if (const auto& p = policy.mandatory_software)
    for (const auto& group : p->groups) {
      plan.mandatory_first.push_back(static_cast<std::uint32_t>(plan.mandatory_pattern.size()));
      for (const auto& alternative : group.any_of)
        plan.mandatory_pattern.push_back(index.add(alternative.name));
    }
  index.finish();
  for (const auto& a : plan.acceptors) plan.acceptor_ids.add(a.id);
  for (const auto& id : plan.excluded_updates) plan.excluded_ids.add(id);
}

}  // namespace posture::compile_detail
