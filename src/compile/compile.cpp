#include <algorithm>
#include <memory>
#include <unordered_set>

#include "compile/stages.hpp"
#include "posture/plan.hpp"

namespace posture {
namespace compile_detail {

void Problems::add(const origin& where, std::string message) {
  list_.push_back({errc::check, std::move(message), where});
}

void Problems::require_condition_level(const origin& where, std::string_view path, Level level) {
  if (level == Level::safe)
    add(where, std::string(path) + ": level must be caution, warning or danger, not safe");
}

std::string element_path(std::string_view section, std::string_view list, std::size_t index) {
  std::string out(section);
  out += '.';
  out += list;
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

void compile_user_defined(const UserDefinedPolicy& policy, Plan::Impl& plan, Problems& problems) {
  const auto& items = policy.items;
  plan.conditions.reserve(items.size());
  std::unordered_set<std::string_view> names;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    std::string path = element_path("user_defined", "items", i);
    if (trim_space(item.name).empty()) problems.add(item.where, path + ": name is empty");
    if (!trim_space(item.name).empty() && !names.insert(item.name).second)
      problems.add(item.where, path + ": user-defined item \"" + item.name +
                                   "\" is defined twice (its results would be indistinguishable)");
    problems.require_condition_level(item.where, path, item.level);
    auto program = expr::compile(item.when, item.when_written, item.when_where);
    if (!program) {
      for (const auto& d : program.err().diagnostics())
        problems.add(d.where, path + ".when: " + d.message);
      continue;
    }
    plan.conditions.push_back(std::move(program).value());
  }
}

}  // namespace compile_detail

const std::string& Plan::policy_name() const noexcept { return impl_->policy.name; }

result<Plan> compile(const JudgmentPolicy& policy, const PolicySet& set,
                     const PatchCatalog* catalog) {
  using namespace compile_detail;
  Problems problems;
  auto impl = std::make_shared<Plan::Impl>();
  impl->policy = policy;

  if (trim_space(policy.name).empty()) problems.add(policy.where, "judgment policy name is empty");
  if (policy.unknown_level)
    problems.require_condition_level(policy.where, "unknown_level", *policy.unknown_level);
  if (policy.security_updates)
    compile_security_updates(*policy.security_updates, set, catalog, *impl, problems);
  if (policy.antivirus) check_antivirus(*policy.antivirus, problems);
  if (policy.prohibited_software) check_prohibited_software(*policy.prohibited_software, problems);
  if (policy.mandatory_software) check_mandatory_software(*policy.mandatory_software, problems);
  if (policy.pc_security) compile_pc_security(*policy.pc_security, *impl, problems);
  if (policy.user_defined) compile_user_defined(*policy.user_defined, *impl, problems);
  check_pattern_limits(impl->policy, *impl, problems);

  if (!problems.empty()) return error(std::move(problems).take());

  if (catalog) {
    for (const auto& u : catalog->updates())
      if (u.distributable) impl->distributable.push_back(u.id);
    std::sort(impl->distributable.begin(), impl->distributable.end());
  }
  index_programs(*impl);
  return Plan(std::move(impl));
}

}  // namespace posture
