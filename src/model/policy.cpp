#include "posture/policy.hpp"

#include <array>

namespace posture {
namespace {

constexpr std::array<std::string_view, check_id_count> kCheckNames = {
    "accounts.guest_enabled",   "accounts.admin_not_renamed", "passwords.blank",
    "passwords.never_expires",  "passwords.max_age_days",     "passwords.min_length",
    "passwords.complexity",     "logon.auto_logon",           "logon.show_last_user",
    "shares.non_admin",         "shares.everyone_write",      "anonymous.restrict",
    "services.prohibited",      "services.required",          "firewall.enabled",
    "automatic_updates.enabled", "screensaver.enabled",       "screensaver.password",
    "screensaver.timeout",      "encryption.system_drive",    "encryption.all_fixed",
};

}  // namespace

std::string_view check_id_name(CheckId id) noexcept {
  auto i = static_cast<std::size_t>(id);
  return i < kCheckNames.size() ? kCheckNames[i] : std::string_view{};
}

std::optional<CheckId> parse_check_id(std::string_view text) noexcept {
  for (std::size_t i = 0; i < kCheckNames.size(); ++i)
    if (kCheckNames[i] == text) return static_cast<CheckId>(i);
  return std::nullopt;
}

Level default_check_level(CheckId id) noexcept {
  return (id == CheckId::accounts_guest_enabled || id == CheckId::automatic_updates_enabled)
             ? Level::warning
             : Level::caution;
}

const JudgmentPolicy* PolicySet::find_judgment_policy(std::string_view name) const noexcept {
  for (const auto& p : judgment_policies)
    if (p.name == name) return &p;
  return nullptr;
}

const UpdateGroup* PolicySet::find_update_group(std::string_view name) const noexcept {
  for (const auto& g : update_groups)
    if (g.name == name) return &g;
  return nullptr;
}

result<void> merge_policies(PolicySet& into, PolicySet more) {
  std::vector<diagnostic> problems;
  auto duplicate = [&](std::string_view what, const std::string& name, const origin& here,
                       const origin& first) {
    std::string msg = std::string(what) + " \"" + name + "\" is defined twice";
    std::string at = first.file;
    if (first.line) {
      if (!at.empty()) at += ':';
      at += std::to_string(first.line) + ':' + std::to_string(first.column);
    }
    if (!at.empty()) msg += " (first at " + at + ")";
    problems.push_back({errc::check, msg, here});
  };
  for (auto& p : more.judgment_policies) {
    if (const auto* prev = into.find_judgment_policy(p.name))
      duplicate("judgment policy", p.name, p.where, prev->where);
    else
      into.judgment_policies.push_back(std::move(p));
  }
  for (auto& g : more.update_groups) {
    if (const auto* prev = into.find_update_group(g.name))
      duplicate("update group", g.name, g.where, prev->where);
    else
      into.update_groups.push_back(std::move(g));
  }
  for (auto& a : more.assignments) into.assignments.push_back(std::move(a));
  // Action policies are read from one document's text, with that document's positions.
  if (into.action_policies_json.empty()) {
    into.action_policies_json = std::move(more.action_policies_json);
    into.action_policies_where = std::move(more.action_policies_where);
  } else if (!more.action_policies_json.empty()) {
    std::string first = diagnostic{errc::check, "", into.action_policies_where}.to_string();
    while (!first.empty() && (first.back() == ' ' || first.back() == ':')) first.pop_back();
    problems.push_back({errc::check,
                        "action policies are defined in more than one file (first at " + first +
                            "); keep them in one",
                        more.action_policies_where});
  }
  if (into.default_judgment_policy.empty())
    into.default_judgment_policy = std::move(more.default_judgment_policy);
  if (into.default_action_policy.empty())
    into.default_action_policy = std::move(more.default_action_policy);
  if (!problems.empty()) return error(std::move(problems));
  return {};
}

}  // namespace posture
