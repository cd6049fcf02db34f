// The sections of an inventory snapshot: os, updates, software, antivirus and settings.
#include <array>

#include "parse/snapshot_json.hpp"
#include "posture/name.hpp"

namespace posture::json {
namespace {

constexpr std::array<std::string_view, 5> kSeverities = {"unspecified", "low", "moderate",
                                                         "important", "critical"};
constexpr std::array<std::string_view, 2> kStates = {"installed", "missing"};
constexpr std::array<std::string_view, 5> kModes = {"disabled", "notify", "download_only",
                                                    "auto_install", "scheduled"};

std::optional<UpdateState> as_state(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kStates, true);
  if (!i) return std::nullopt;
  return static_cast<UpdateState>(*i);
}

std::optional<AutoUpdateMode> as_mode(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kModes, true);
  if (!i) return std::nullopt;
  return static_cast<AutoUpdateMode>(*i);
}

std::optional<UpdateRecord> as_update(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "update");
  if (!o.valid()) return std::nullopt;
  UpdateRecord u;
  if (o.need("id", u.id, as_string)) {
    u.id = normalize_update_id(u.id);
    if (u.id.empty()) w.report(errc::parse, *o.optional("id"), "empty update id for \"id\"");
  }
  if (o.get("bulletin", u.bulletin, as_string)) u.bulletin = normalize_bulletin(u.bulletin);
  o.get("severity", u.severity, as_severity);
  o.get("classification", u.classification, as_string);
  o.get("title", u.title, as_string);
  o.need("state", u.state, as_state);
  return u;
}

std::optional<Program> as_program(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "program");
  if (!o.valid()) return std::nullopt;
  Program p;
  o.need("name", p.name, as_string);
  o.get("version", p.version, as_string);
  o.get("publisher", p.publisher, as_string);
  o.get("service_pack", p.service_pack, as_string);
  return p;
}

std::optional<AntivirusProduct> as_antivirus_product(Walker& w, const Node& n,
                                                     std::string_view name) {
  ObjectReader o(w, n, name, "antivirus product");
  if (!o.valid()) return std::nullopt;
  AntivirusProduct a;
  o.need("name", a.name, as_string);
  o.get("product_version", a.product_version, as_string);
  o.get("engine_version", a.engine_version, as_string);
  o.get("definition_version", a.definition_version, as_string);
  o.get("definition_date", a.definition_date, as_date);
  o.get("resident", a.resident, as_bool);
  return a;
}

std::optional<AccountSettings> as_accounts(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "accounts");
  if (!o.valid()) return std::nullopt;
  AccountSettings s;
  o.get("guest_enabled", s.guest_enabled, as_bool);
  o.get("admin_renamed", s.admin_renamed, as_bool);
  return s;
}

std::optional<PasswordAccount> as_password_account(Walker& w, const Node& n,
                                                   std::string_view name) {
  ObjectReader o(w, n, name, "password account");
  if (!o.valid()) return std::nullopt;
  PasswordAccount a;
  o.need("name", a.name, as_string);
  o.get("blank", a.blank, as_bool);
  o.get("never_expires", a.never_expires, as_bool);
  o.get("last_changed", a.last_changed, as_date);
  return a;
}

std::optional<PasswordSettings> as_passwords(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "passwords");
  if (!o.valid()) return std::nullopt;
  PasswordSettings s;
  o.get("min_length", s.min_length, as_int);
  o.get("complexity", s.complexity, as_bool);
  o.get("accounts", s.accounts, list_of(as_password_account));
  return s;
}

std::optional<LogonSettings> as_logon(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "logon");
  if (!o.valid()) return std::nullopt;
  LogonSettings s;
  o.get("auto_logon", s.auto_logon, as_bool);
  o.get("show_last_user", s.show_last_user, as_bool);
  return s;
}

std::optional<Share> as_share(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "share");
  if (!o.valid()) return std::nullopt;
  Share s;
  o.need("name", s.name, as_string);
  o.get("everyone_write", s.everyone_write, as_bool);
  return s;
}

std::optional<AnonymousSettings> as_anonymous(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "anonymous");
  if (!o.valid()) return std::nullopt;
  AnonymousSettings s;
  o.get("restrict", s.restrict, as_int);
  return s;
}

std::optional<Service> as_service(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "service");
  if (!o.valid()) return std::nullopt;
  Service s;
  o.need("name", s.name, as_string);
  o.get("running", s.running, as_bool);
  return s;
}

// {"domain": true, "private": false}: one profile per key, in document order.
std::optional<std::vector<FirewallProfile>> as_firewall(Walker& w, const Node& n,
                                                        std::string_view name) {
  if (n.kind != Kind::object) {
    w.wrong_type(n, name, "an object");
    return std::nullopt;
  }
  std::vector<FirewallProfile> profiles;
  auto members = w.tree().members(n);
  for (std::size_t i = 0; i < members.size(); i += 2) {
    const Node& key = w.tree().at(members[i]);
    const Node& value = w.tree().at(members[i + 1]);
    FirewallProfile p;
    p.profile = std::string(w.tree().text(key));
    if (value.kind != Kind::null) p.enabled = w.boolean(value, p.profile);
    profiles.push_back(std::move(p));
  }
  return profiles;
}

std::optional<AutomaticUpdates> as_automatic_updates(Walker& w, const Node& n,
                                                     std::string_view name) {
  ObjectReader o(w, n, name, "automatic_updates");
  if (!o.valid()) return std::nullopt;
  AutomaticUpdates s;
  o.get("mode", s.mode, as_mode);
  return s;
}

std::optional<ScreensaverSettings> as_screensaver(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "screensaver");
  if (!o.valid()) return std::nullopt;
  ScreensaverSettings s;
  o.get("enabled", s.enabled, as_bool);
  o.get("password", s.password, as_bool);
  o.get("timeout_min", s.timeout_min, as_int);
  return s;
}

std::optional<Drive> as_drive(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "drive");
  if (!o.valid()) return std::nullopt;
  Drive d;
  o.need("drive", d.drive, as_string);
  o.get("system", d.system, as_bool);
  o.get("encrypted", d.encrypted, as_bool);
  return d;
}

// Years 0001-9999 are what dates can be written as. A zone offset can move a timestamp written
// in that range out of it ("9999-12-31T23:59:59-23:59"); such values are refused rather than read
// as something that cannot be written back.
bool in_range(Date d) noexcept { return d >= make_date(1, 1, 1) && d <= make_date(9999, 12, 31); }

}  // namespace

std::optional<Timestamp> as_timestamp(Walker& w, const Node& n, std::string_view name) {
  auto s = w.string(n, name);
  if (!s) return std::nullopt;
  auto t = parse_timestamp(*s);
  if (!t || !in_range(date_of(*t))) {
    w.report(errc::parse, n,
             "invalid timestamp " + quote(*s) + " for " + quote(name) +
                 " (expected RFC 3339 in the years 0001-9999, as in \"2026-11-20T08:15:00Z\")");
    return std::nullopt;
  }
  return t;
}

std::optional<Date> as_date(Walker& w, const Node& n, std::string_view name) {
  auto s = w.string(n, name);
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  if (!d || !in_range(*d)) {
    w.report(errc::parse, n,
             "invalid date " + quote(*s) + " for " + quote(name) +
                 " (expected YYYY-MM-DD in the years 0001-9999)");
    return std::nullopt;
  }
  return d;
}

std::optional<Severity> as_severity(Walker& w, const Node& n, std::string_view name) {
  if (n.kind == Kind::string && trim_space(w.tree().text(n)).empty()) return Severity::unspecified;
  auto i = w.one_of(n, name, kSeverities, true);
  if (!i) return std::nullopt;
  return static_cast<Severity>(*i);
}

std::optional<OsInfo> as_os(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "os");
  if (!o.valid()) return std::nullopt;
  OsInfo os;
  o.get("name", os.name, as_string);
  o.get("version", os.version, as_string);
  o.get("service_pack", os.service_pack, as_string);
  o.get("arch", os.arch, as_string);
  return os;
}

std::optional<UpdateSection> as_updates(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "updates");
  if (!o.valid()) return std::nullopt;
  UpdateSection u;
  o.get("scanned_at", u.scanned_at, as_timestamp);
  o.get("source", u.source, as_string);
  o.get("complete", u.complete, as_bool);
  o.get("items", u.items, list_of(as_update));
  return u;
}

std::optional<std::vector<Program>> as_software(Walker& w, const Node& n, std::string_view name) {
  return list_of(as_program)(w, n, name);
}

std::optional<std::vector<AntivirusProduct>> as_antivirus_products(Walker& w, const Node& n,
                                                                   std::string_view name) {
  return list_of(as_antivirus_product)(w, n, name);
}

std::optional<Settings> as_settings(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "settings");
  if (!o.valid()) return std::nullopt;
  Settings s;
  o.get("accounts", s.accounts, as_accounts);
  o.get("passwords", s.passwords, as_passwords);
  o.get("logon", s.logon, as_logon);
  o.get("shares", s.shares, list_of(as_share));
  o.get("anonymous", s.anonymous, as_anonymous);
  o.get("services", s.services, list_of(as_service));
  o.get("firewall", s.firewall, as_firewall);
  o.get("automatic_updates", s.automatic_updates, as_automatic_updates);
  o.get("screensaver", s.screensaver, as_screensaver);
  o.get("encryption", s.encryption, list_of(as_drive));
  return s;
}

}  // namespace posture::json
