// The checked set of action policies, with the factory presets.
#include <algorithm>

#include "action/check.hpp"
#include "posture/action.hpp"

namespace posture {
namespace {

// The presets' texts are constants known to compile.
Template fixed(std::string_view text) {
  auto t = Template::compile(text);
  return t ? std::move(t).value() : Template();
}

LevelActions initial_block() {
  NotifyUserAction n;
  n.title = fixed("Security level %level%: action needed");
  n.text = fixed(
      "Your PC %host% (asset %asset%) was judged %level% on %judgedate%.\n"
      "Problems found:\n"
      "%violations%\n"
      "Please correct them, or ask your administrator for help.");
  LevelActions b;
  b.notify_user = std::move(n);
  return b;
}

}  // namespace

bool LevelActions::empty() const noexcept {
  return !notify_user && !email_admin && !network && !command && !distribute && !event;
}

const LevelActions* ActionPolicy::at(Level level) const noexcept {
  const auto& b = levels[level_index(level)];
  return b ? &*b : nullptr;
}

ActionPolicy initial_action_policy() {
  ActionPolicy p;
  p.name = std::string(initial_action_policy_name);
  p.read_only = true;
  for (Level level : {Level::caution, Level::warning, Level::danger})
    p.levels[level_index(level)] = initial_block();
  return p;
}

ActionPolicySet::ActionPolicySet() {
  ActionPolicy def = initial_action_policy();
  def.name = std::string(default_action_policy_name);
  def.read_only = false;
  policies_.push_back(std::move(def));
  policies_.push_back(initial_action_policy());
}

result<ActionPolicySet> ActionPolicySet::create(std::vector<ActionPolicy> policies) {
  std::vector<diagnostic> problems;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const ActionPolicy& p = policies[i];
    if (p.name == initial_action_policy_name) {
      problems.push_back({errc::check,
                          "\"Initial\" is the read-only factory policy; give this policy "
                          "another name (a policy named \"Default\" replaces the default)",
                          p.where});
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (policies[j].name == p.name && !p.name.empty()) {
        std::string first = policies[j].where.line
                                ? " (first defined at line " + std::to_string(policies[j].where.line) + ")"
                                : std::string();
        problems.push_back({errc::check, "action policy \"" + p.name + "\" is defined twice" + first,
                            p.where});
        break;
      }
    }
    action::check_policy(p, problems);
  }
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const diagnostic& a, const diagnostic& b) {
      return a.where.offset < b.where.offset;
    });
    return error(std::move(problems));
  }

  ActionPolicySet set;
  const bool own_default = std::any_of(policies.begin(), policies.end(), [](const ActionPolicy& p) {
    return p.name == default_action_policy_name;
  });
  std::vector<ActionPolicy> presets = std::move(set.policies_);
  set.policies_ = std::move(policies);
  for (ActionPolicy& p : set.policies_) p.read_only = false;
  for (ActionPolicy& preset : presets)
    if (!own_default || preset.name != default_action_policy_name)
      set.policies_.push_back(std::move(preset));
  return set;
}

const ActionPolicy* ActionPolicySet::find(std::string_view name) const noexcept {
  for (const ActionPolicy& p : policies_)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace posture
