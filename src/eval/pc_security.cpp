// PC security settings (spec/judgment.md §4.5, §9.8): one condition per check, named by its id.
// Each check reads one settings group; absent data goes to the check's own when_missing.
#include "eval/categories.hpp"
#include "eval/kernels.hpp"

namespace posture::eval {
namespace {

// What a check found. `absent` names the snapshot data that was missing when outcome is unknown.
struct Finding {
  Check outcome = Check::ok;
  std::string absent;
};

Finding verdict(bool risk) { return {risk ? Check::risk : Check::ok, {}}; }
Finding absent(std::string_view group, std::string_view field = {}) {
  std::string what = "settings.";
  what += group;
  if (!field.empty()) {
    what += '.';
    what += field;
  }
  return {Check::unknown, std::move(what)};
}

template <class Group>
Finding flag(ConditionResult* c, const std::optional<Group>& group,
             std::optional<bool> Group::*field, bool risky, std::string_view section,
             std::string_view key) {
  if (!group) return absent(section);
  const std::optional<bool>& value = (*group).*field;
  if (!value) return absent(section, key);
  if (c) add(*c, key, *value ? "true" : "false");
  return verdict(*value == risky);
}

// A number against a bound; evidence shows both ("8 < 12", "10 <= 15").
template <class Group>
Finding bounded(ConditionResult* c, const std::optional<Group>& group,
                std::optional<std::int64_t> Group::*field, std::string_view section,
                std::string_view key, std::int64_t bound, bool risk_below) {
  if (!group) return absent(section);
  const std::optional<std::int64_t>& value = (*group).*field;
  if (!value) return absent(section, key);
  bool risk = risk_below ? *value < bound : *value > bound;
  const char* op = risk_below ? (risk ? " < " : " >= ") : (risk ? " > " : " <= ");
  if (c) add(*c, key, std::to_string(*value) + op + std::to_string(bound));
  return verdict(risk);
}

bool excluded_user(const PcSecurityPolicy& policy, std::string_view account) {
  for (const auto& pattern : policy.excluded_users)
    if (pattern.matches(account)) return true;
  return false;
}

// The three per-account password checks. An account whose value cannot be read raises nothing; it
// is listed as unreadable (§9.8).
Finding accounts(ConditionResult* c, const SecurityCheck& check, const PcSecurityPolicy& policy,
                 const Context& ctx) {
  const auto& passwords = ctx.snapshot.settings.passwords;
  if (!passwords) return absent("passwords");
  if (!passwords->accounts) return absent("passwords", "accounts");
  std::string offending, excluded, unreadable;
  std::size_t checked = 0;
  for (const auto& account : *passwords->accounts) {
    if (excluded_user(policy, account.name)) {
      join(excluded, account.name);
      continue;
    }
    ++checked;
    std::optional<bool> risk;
    switch (check.check) {
      case CheckId::passwords_blank: risk = account.blank; break;
      case CheckId::passwords_never_expires: risk = account.never_expires; break;
      default:
        if (account.last_changed)
          risk = older_than(age_in_days(*account.last_changed, ctx.reference_time),
                            *check.max_age_days);
        break;
    }
    if (!risk)
      join(unreadable, account.name);
    else if (*risk)
      join(offending, account.name);
  }
  if (c && check.max_age_days) add(*c, "max_age_days", std::to_string(*check.max_age_days));
  if (c && !offending.empty()) add(*c, "accounts", offending);
  if (c) add(*c, "checked", std::to_string(checked));
  if (c && !excluded.empty()) add(*c, "excluded", std::move(excluded));
  if (c && !unreadable.empty()) add(*c, "unreadable", std::move(unreadable));
  return verdict(!offending.empty());
}

Finding shares(ConditionResult* c, const SecurityCheck& check, const Context& ctx) {
  const auto& shares = ctx.snapshot.settings.shares;
  if (!shares) return absent("shares");
  std::string offending, unreadable;
  for (const auto& share : *shares) {
    if (check.check == CheckId::shares_non_admin) {
      if (!is_administrative_share(share.name)) join(offending, share.name);
    } else if (!share.everyone_write) {
      join(unreadable, share.name);
    } else if (*share.everyone_write) {
      join(offending, share.name);
    }
  }
  if (c && !offending.empty()) add(*c, "shares", offending);
  if (c) add(*c, "checked", std::to_string(shares->size()));
  if (c && !unreadable.empty()) add(*c, "unreadable", std::move(unreadable));
  return verdict(!offending.empty());
}

bool matches_any(const std::vector<NamePattern>& patterns, std::string_view name) {
  for (const auto& p : patterns)
    if (p.matches(name)) return true;
  return false;
}

Finding prohibited_services(ConditionResult* c, const std::vector<NamePattern>& listed,
                            const Context& ctx) {
  const auto& services = ctx.snapshot.settings.services;
  if (!services) return absent("services");
  std::string offending, unreadable;
  for (const auto& service : *services) {
    if (!matches_any(listed, service.name)) continue;
    if (!service.running)
      join(unreadable, service.name);
    else if (*service.running)
      join(offending, service.name);
  }
  if (c && !offending.empty()) add(*c, "services", offending);
  if (c && !unreadable.empty()) add(*c, "unreadable", std::move(unreadable));
  return verdict(!offending.empty());
}

Finding required_services(ConditionResult* c, const std::vector<NamePattern>& listed,
                          const Context& ctx) {
  const auto& services = ctx.snapshot.settings.services;
  if (!services) return absent("services");
  std::string offending, not_present, unreadable;
  for (const auto& pattern : listed) {
    bool present = false, running = false, unread = false;
    for (const auto& service : *services) {
      if (!pattern.matches(service.name)) continue;
      present = true;
      if (!service.running)
        unread = true;
      else if (*service.running)
        running = true;
    }
    if (running) continue;
    if (!present) {
      join(offending, pattern.text());
      join(not_present, pattern.text());
    } else if (unread) {
      join(unreadable, pattern.text());
    } else {
      join(offending, pattern.text());
    }
  }
  if (c && !offending.empty()) add(*c, "services", offending);
  if (c && !not_present.empty()) add(*c, "absent", std::move(not_present));
  if (c && !unreadable.empty()) add(*c, "unreadable", std::move(unreadable));
  return verdict(!offending.empty());
}

// Any reported (or listed) profile off is a risk; otherwise a profile that is not reported, or
// whose state is unreadable, is missing data (§9.8).
Finding firewall(ConditionResult* c, const SecurityCheck& check, const Context& ctx) {
  const auto& profiles = ctx.snapshot.settings.firewall;
  if (!profiles) return absent("firewall");
  std::string off, unreported;
  if (check.profiles.empty()) {
    for (const auto& p : *profiles) {
      if (!p.enabled)
        join(unreported, p.profile);
      else if (!*p.enabled)
        join(off, p.profile);
    }
  } else {
    for (const auto& wanted : check.profiles) {
      const FirewallProfile* found = nullptr;
      for (const auto& p : *profiles)
        if (names_equal(p.profile, wanted)) {
          found = &p;
          break;
        }
      if (!found || !found->enabled)
        join(unreported, wanted);
      else if (!*found->enabled)
        join(off, wanted);
    }
  }
  if (!off.empty()) {
    if (c) add(*c, "profiles", std::move(off));
    return verdict(true);
  }
  if (profiles->empty()) return absent("firewall");
  if (!unreported.empty()) {
    if (c) add(*c, "unreported", std::move(unreported));
    return absent("firewall");
  }
  return verdict(false);
}

Finding automatic_updates(ConditionResult* c, const SecurityCheck& check, const Context& ctx) {
  const auto& au = ctx.snapshot.settings.automatic_updates;
  if (!au) return absent("automatic_updates");
  if (!au->mode) return absent("automatic_updates", "mode");
  if (c) add(*c, "mode", std::string(auto_update_mode_name(*au->mode)));
  if (c && check.min_mode) add(*c, "min_mode", std::string(auto_update_mode_name(*check.min_mode)));
  return verdict(update_mode_below(*au->mode, check.min_mode));
}

Finding encryption(ConditionResult* c, const SecurityCheck& check, const Context& ctx) {
  const auto& drives = ctx.snapshot.settings.encryption;
  if (!drives) return absent("encryption");
  if (check.check == CheckId::encryption_system_drive) {
    for (const auto& d : *drives) {
      if (d.system != true) continue;
      if (!d.encrypted) return absent("encryption", d.drive + ".encrypted");
      if (c) add(*c, "drives", d.drive);
      return verdict(!*d.encrypted);
    }
    return absent("encryption", "system");
  }
  std::string plain, unreadable;
  for (const auto& d : *drives) {
    if (!d.encrypted)
      join(unreadable, d.drive);
    else if (!*d.encrypted)
      join(plain, d.drive);
  }
  if (!plain.empty()) {
    if (c) add(*c, "drives", std::move(plain));
    return verdict(true);
  }
  if (drives->empty()) return absent("encryption");
  if (!unreadable.empty()) {
    if (c) add(*c, "unreadable", std::move(unreadable));
    return absent("encryption");
  }
  if (c) add(*c, "checked", std::to_string(drives->size()));
  return verdict(false);
}

Finding run(ConditionResult* c, const SecurityCheck& check, const std::vector<NamePattern>& services,
            const PcSecurityPolicy& policy, const Context& ctx) {
  const Settings& s = ctx.snapshot.settings;
  switch (check.check) {
    case CheckId::accounts_guest_enabled:
      return flag(c, s.accounts, &AccountSettings::guest_enabled, true, "accounts", "guest_enabled");
    case CheckId::accounts_admin_not_renamed:
      return flag(c, s.accounts, &AccountSettings::admin_renamed, false, "accounts",
                  "admin_renamed");
    case CheckId::passwords_blank:
    case CheckId::passwords_never_expires:
    case CheckId::passwords_max_age_days:
      return accounts(c, check, policy, ctx);
    case CheckId::passwords_min_length:
      return bounded(c, s.passwords, &PasswordSettings::min_length, "passwords", "min_length",
                     *check.min_length, true);
    case CheckId::passwords_complexity:
      return flag(c, s.passwords, &PasswordSettings::complexity, false, "passwords", "complexity");
    case CheckId::logon_auto_logon:
      return flag(c, s.logon, &LogonSettings::auto_logon, true, "logon", "auto_logon");
    case CheckId::logon_show_last_user:
      return flag(c, s.logon, &LogonSettings::show_last_user, true, "logon", "show_last_user");
    case CheckId::shares_non_admin:
    case CheckId::shares_everyone_write:
      return shares(c, check, ctx);
    case CheckId::anonymous_restrict:
      return bounded(c, s.anonymous, &AnonymousSettings::restrict, "anonymous", "restrict",
                     check.min_restrict.value_or(1), true);
    case CheckId::services_prohibited: return prohibited_services(c, services, ctx);
    case CheckId::services_required: return required_services(c, services, ctx);
    case CheckId::firewall_enabled: return firewall(c, check, ctx);
    case CheckId::automatic_updates_enabled: return automatic_updates(c, check, ctx);
    case CheckId::screensaver_enabled:
      return flag(c, s.screensaver, &ScreensaverSettings::enabled, false, "screensaver", "enabled");
    case CheckId::screensaver_password:
      return flag(c, s.screensaver, &ScreensaverSettings::password, false, "screensaver",
                  "password");
    case CheckId::screensaver_timeout:
      return bounded(c, s.screensaver, &ScreensaverSettings::timeout_min, "screensaver",
                     "timeout_min", *check.max_timeout_min, false);
    case CheckId::encryption_system_drive:
    case CheckId::encryption_all_fixed:
      return encryption(c, check, ctx);
  }
  return {Check::unknown, "check"};
}

}  // namespace

void judge_pc_security(const PcSecurityPolicy& p, const Context& ctx, Conditions& out) {
  out.reserve(p.checks.size());
  for (std::size_t i = 0; i < p.checks.size(); ++i) {
    const SecurityCheck& check = p.checks[i];
    if (!out.evidence()) {
      Finding f = run(nullptr, check, ctx.plan.check_services[i], p, ctx);
      if (f.outcome == Check::unknown)
        out.missing({}, check.when_missing, check.level, {});
      else
        out.judged({}, f.outcome == Check::risk ? check.level : Level::safe);
      continue;
    }
    if (out.findings_only()) {
      // Decide first: a check that passes is not built at all.
      // (The others are built below; push() drops one that when_missing makes Safe.)
      if (run(nullptr, check, ctx.plan.check_services[i], p, ctx).outcome == Check::ok) {
        out.judged({}, Level::safe);
        continue;
      }
    }
    ConditionResult c;
    c.name = std::string(check_id_name(check.check));
    Finding f = run(&c, check, ctx.plan.check_services[i], p, ctx);
    if (f.outcome == Check::unknown) {
      apply_missing(c, check.when_missing, check.level, f.absent);
    } else {
      c.status = Status::judged;
      c.level = f.outcome == Check::risk ? check.level : Level::safe;
    }
    out.push(std::move(c));
  }
}

}  // namespace posture::eval
