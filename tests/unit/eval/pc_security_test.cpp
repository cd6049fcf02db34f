#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

SecurityCheck check(CheckId id) {
  SecurityCheck c;
  c.check = id;
  c.level = default_check_level(id);
  return c;
}

JudgmentPolicy pc_policy(std::vector<SecurityCheck> checks,
                         std::vector<std::string_view> excluded_users = {}) {
  auto p = policy();
  p.pc_security.emplace();
  p.pc_security->checks = std::move(checks);
  for (auto name : excluded_users) p.pc_security->excluded_users.emplace_back(name);
  return p;
}

ConditionResult run(const SecurityCheck& c, const Settings& settings) {
  Snapshot s;
  s.settings = settings;
  return first_condition(judge(pc_policy({c}), s));
}

bool risky(const ConditionResult& c) {
  return c.status == Status::judged && c.level && *c.level != Level::safe;
}

PasswordAccount account(std::string name) {
  PasswordAccount a;
  a.name = std::move(name);
  a.blank = false;
  a.never_expires = false;
  a.last_changed = make_date(2026, 11, 1);
  return a;
}

}  // namespace

TEST_CASE("eval: PC security - conditions are named by check id, in policy order") {
  Settings s;
  s.accounts = AccountSettings{true, true};
  Snapshot snap;
  snap.settings = s;
  auto item = only_item(judge(pc_policy({check(CheckId::accounts_admin_not_renamed),
                                         check(CheckId::accounts_guest_enabled)}),
                              snap));
  REQUIRE(item.conditions.size() == 2);
  CHECK(item.conditions[0].name == "accounts.admin_not_renamed");
  CHECK(is_safe(item.conditions[0]));
  CHECK(item.conditions[1].name == "accounts.guest_enabled");
  CHECK(item.conditions[1].level == Level::warning);
  CHECK(evidence(item.conditions[1], "guest_enabled") == "true");
  CHECK(item.level == Level::warning);
}

TEST_CASE("eval: PC security - boolean checks raise on the risky value") {
  struct Case {
    CheckId id;
    Settings risky_settings;
    Settings safe_settings;
  };
  Settings admin_kept, admin_renamed;
  admin_kept.accounts = AccountSettings{false, false};
  admin_renamed.accounts = AccountSettings{false, true};
  Settings simple, complex;
  simple.passwords = PasswordSettings{12, false, std::nullopt};
  complex.passwords = PasswordSettings{12, true, std::nullopt};
  Settings auto_on, auto_off;
  auto_on.logon = LogonSettings{true, false};
  auto_off.logon = LogonSettings{false, false};
  Settings shown, hidden;
  shown.logon = LogonSettings{false, true};
  hidden.logon = LogonSettings{false, false};
  Settings saver_off, saver_on;
  saver_off.screensaver = ScreensaverSettings{false, false, 10};
  saver_on.screensaver = ScreensaverSettings{true, true, 10};
  for (const auto& c : {Case{CheckId::accounts_admin_not_renamed, admin_kept, admin_renamed},
                        Case{CheckId::passwords_complexity, simple, complex},
                        Case{CheckId::logon_auto_logon, auto_on, auto_off},
                        Case{CheckId::logon_show_last_user, shown, hidden},
                        Case{CheckId::screensaver_enabled, saver_off, saver_on},
                        Case{CheckId::screensaver_password, saver_off, saver_on}}) {
    CAPTURE(check_id_name(c.id));
    CHECK(run(check(c.id), c.risky_settings).level == Level::caution);
    CHECK(is_safe(run(check(c.id), c.safe_settings)));
  }
}

TEST_CASE("eval: PC security - per-check when_missing, default no_item") {
  Settings none;
  auto c = check(CheckId::accounts_guest_enabled);
  auto default_rule = run(c, none);
  CHECK(default_rule.status == Status::no_item);
  CHECK_FALSE(default_rule.level);
  CHECK(evidence(default_rule, "missing") == "settings.accounts");
  c.when_missing = WhenMissing::level;
  CHECK(run(c, none).level == Level::warning);
  c.when_missing = WhenMissing::safe;
  CHECK(is_safe(run(c, none)));
  c.when_missing = WhenMissing::unknown;
  CHECK(run(c, none).status == Status::unknown);

  Settings partial;
  partial.accounts = AccountSettings{std::nullopt, true};
  c.when_missing = WhenMissing::level;
  auto field = run(c, partial);
  CHECK(field.level == Level::warning);
  CHECK(evidence(field, "missing") == "settings.accounts.guest_enabled");

  Snapshot snap;  // only the pc_security item, all checks missing: the item is no_item
  CHECK(only_item(judge(pc_policy({check(CheckId::logon_auto_logon)}), snap)).status ==
        Status::no_item);
}

TEST_CASE("eval: PC security - per-account password checks honour excluded users") {
  Settings s;
  auto admin = account("Administrator");
  admin.blank = true;
  auto svc = account("svc_backup");
  svc.blank = true;
  svc.never_expires = true;
  auto sato = account("sato");
  sato.never_expires = true;
  s.passwords = PasswordSettings{12, true, std::vector<PasswordAccount>{admin, svc, sato}};
  Snapshot snap;
  snap.settings = s;
  auto item = only_item(judge(pc_policy({check(CheckId::passwords_blank),
                                         check(CheckId::passwords_never_expires)},
                                        {"SVC_*"}),
                              snap));
  const auto& blank = condition(item, "passwords.blank");
  CHECK(blank.level == Level::caution);
  CHECK(evidence(blank, "accounts") == "Administrator");
  CHECK(evidence(blank, "excluded") == "svc_backup");
  CHECK(evidence(condition(item, "passwords.never_expires"), "accounts") == "sato");

  auto only_excluded = pc_policy({check(CheckId::passwords_never_expires)}, {"sato", "svc_backup"});
  CHECK(is_safe(first_condition(judge(only_excluded, snap))));
}

TEST_CASE("eval: PC security - password age is strictly more than max_age_days") {
  auto c = check(CheckId::passwords_max_age_days);
  c.max_age_days = 19;
  Settings s;
  auto fresh = account("fresh");  // 2026-11-01: 19 days before the reference time
  auto stale = account("stale");
  stale.last_changed = make_date(2026, 10, 31);
  auto unreadable = account("unreadable");
  unreadable.last_changed.reset();
  s.passwords = PasswordSettings{12, true, std::vector<PasswordAccount>{fresh, stale, unreadable}};
  auto r = run(c, s);
  CHECK(r.level == Level::caution);
  CHECK(evidence(r, "accounts") == "stale");
  CHECK(evidence(r, "max_age_days") == "19");
  CHECK(evidence(r, "unreadable") == "unreadable");

  // An account without a readable last_changed raises nothing.
  s.passwords->accounts = std::vector<PasswordAccount>{fresh, unreadable};
  CHECK(is_safe(run(c, s)));
}

TEST_CASE("eval: PC security - numeric bounds show value and bound") {
  auto length = check(CheckId::passwords_min_length);
  length.min_length = 12;
  Settings s;
  s.passwords = PasswordSettings{8, true, std::nullopt};
  auto r = run(length, s);
  CHECK(r.level == Level::caution);
  CHECK(evidence(r, "min_length") == "8 < 12");
  s.passwords->min_length = 12;
  CHECK(evidence(run(length, s), "min_length") == "12 >= 12");

  auto timeout = check(CheckId::screensaver_timeout);
  timeout.max_timeout_min = 15;
  s.screensaver = ScreensaverSettings{false, false, 15};  // judged on timeout_min alone
  CHECK(is_safe(run(timeout, s)));
  CHECK(evidence(run(timeout, s), "timeout_min") == "15 <= 15");
  s.screensaver->timeout_min = 16;
  CHECK(evidence(run(timeout, s), "timeout_min") == "16 > 15");
  CHECK(risky(run(timeout, s)));

  auto anonymous = check(CheckId::anonymous_restrict);
  s.anonymous = AnonymousSettings{0};
  CHECK(evidence(run(anonymous, s), "restrict") == "0 < 1");
  s.anonymous->restrict = 1;
  CHECK(is_safe(run(anonymous, s)));
  anonymous.min_restrict = 2;
  CHECK(risky(run(anonymous, s)));
}

TEST_CASE("eval: PC security - shares") {
  Settings s;
  s.shares = std::vector<Share>{{"ADMIN$", false}, {"C$", false}, {"IPC$", std::nullopt},
                                {"Public", true}, {"Docs", std::nullopt}};
  auto non_admin = run(check(CheckId::shares_non_admin), s);
  CHECK(risky(non_admin));
  CHECK(evidence(non_admin, "shares") == "Public;Docs");
  auto writable = run(check(CheckId::shares_everyone_write), s);
  CHECK(risky(writable));
  CHECK(evidence(writable, "shares") == "Public");
  CHECK(evidence(writable, "unreadable") == "IPC$;Docs");

  s.shares = std::vector<Share>{{"ADMIN$", false}};
  CHECK(is_safe(run(check(CheckId::shares_non_admin), s)));
  s.shares = std::vector<Share>{};
  CHECK(is_safe(run(check(CheckId::shares_everyone_write), s)));
}

TEST_CASE("eval: PC security - prohibited and required services") {
  Settings s;
  s.services = std::vector<Service>{{"RemoteRegistry", true}, {"TlntSvr", false},
                                    {"WinDefend", true}, {"wuauserv", false}};
  auto prohibited = check(CheckId::services_prohibited);
  prohibited.services = {"remoteregistry", "TlntSvr"};
  auto p = run(prohibited, s);
  CHECK(risky(p));
  CHECK(evidence(p, "services") == "RemoteRegistry");

  auto required = check(CheckId::services_required);
  required.services = {"WinDefend", "wuauserv", "MpsSvc"};
  auto r = run(required, s);
  CHECK(risky(r));
  CHECK(evidence(r, "services") == "wuauserv;MpsSvc");
  CHECK(evidence(r, "absent") == "MpsSvc");

  required.services = {"WinDefend"};
  CHECK(is_safe(run(required, s)));
}

TEST_CASE("eval: PC security - firewall: any profile off is a risk, else unreported is missing") {
  auto fw = check(CheckId::firewall_enabled);
  fw.when_missing = WhenMissing::unknown;
  Settings s;
  s.firewall = std::vector<FirewallProfile>{{"domain", true}, {"private", std::nullopt},
                                            {"public", false}};
  auto off = run(fw, s);
  CHECK(risky(off));
  CHECK(evidence(off, "profiles") == "public");

  (*s.firewall)[2].enabled = true;
  auto unread = run(fw, s);
  CHECK(unread.status == Status::unknown);
  CHECK(evidence(unread, "unreported") == "private");

  (*s.firewall)[1].enabled = true;
  CHECK(is_safe(run(fw, s)));

  fw.profiles = {"Domain", "Work"};
  auto listed = run(fw, s);
  CHECK(listed.status == Status::unknown);
  CHECK(evidence(listed, "unreported") == "Work");
  fw.profiles = {"Domain"};
  (*s.firewall)[2].enabled = false;  // public is off but not listed
  CHECK(is_safe(run(fw, s)));

  s.firewall = std::vector<FirewallProfile>{};
  CHECK(run(fw, s).status == Status::unknown);
}

TEST_CASE("eval: PC security - automatic updates by mode order") {
  auto au = check(CheckId::automatic_updates_enabled);
  Settings s;
  s.automatic_updates = AutomaticUpdates{AutoUpdateMode::disabled};
  auto r = run(au, s);
  CHECK(r.level == Level::warning);
  CHECK(evidence(r, "mode") == "disabled");
  s.automatic_updates->mode = AutoUpdateMode::notify;
  CHECK(is_safe(run(au, s)));
  au.min_mode = AutoUpdateMode::auto_install;
  CHECK(risky(run(au, s)));
  s.automatic_updates->mode = AutoUpdateMode::scheduled;
  CHECK(is_safe(run(au, s)));
  s.automatic_updates->mode.reset();
  CHECK(evidence(run(au, s), "missing") == "settings.automatic_updates.mode");
}

TEST_CASE("eval: PC security - drive encryption") {
  auto system = check(CheckId::encryption_system_drive);
  auto all = check(CheckId::encryption_all_fixed);
  system.when_missing = all.when_missing = WhenMissing::unknown;
  Settings s;
  s.encryption = std::vector<Drive>{{"C:", true, true}, {"D:", false, false}};
  CHECK(is_safe(run(system, s)));
  auto plain = run(all, s);
  CHECK(risky(plain));
  CHECK(evidence(plain, "drives") == "D:");

  s.encryption = std::vector<Drive>{{"C:", true, false}};
  CHECK(evidence(run(system, s), "drives") == "C:");
  CHECK(risky(run(system, s)));

  // A drive list without a system drive is missing data for the system-drive check.
  s.encryption = std::vector<Drive>{{"D:", false, true}};
  CHECK(run(system, s).status == Status::unknown);
  CHECK(is_safe(run(all, s)));
  s.encryption = std::vector<Drive>{{"D:", std::nullopt, std::nullopt}};
  CHECK(run(all, s).status == Status::unknown);
}
