#include "expr/schema.hpp"

#include <array>

#include "posture/name.hpp"

namespace posture::expr {
namespace {

// The model has two kinds of text: optional strings, where "not collected" is explicit, and plain
// strings, where a reader that found nothing leaves them empty. Empty plain text counts as absent.
Value read_value(const std::string& s) noexcept {
  return s.empty() ? Value::missing() : Value::of_text(s);
}
Value read_value(const std::optional<std::string>& s) noexcept {
  return s ? Value::of_text(*s) : Value::missing();
}
Value read_value(bool b) noexcept { return Value::of_bool(b); }
Value read_value(const std::optional<bool>& b) noexcept {
  return b ? Value::of_bool(*b) : Value::missing();
}
Value read_value(const std::optional<std::int64_t>& n) noexcept {
  return n ? Value::of_number(static_cast<double>(*n)) : Value::missing();
}
Value read_value(const std::optional<Date>& d) noexcept {
  return d ? Value::of_date(*d) : Value::missing();
}
// Instants enter the language as their UTC date: ages are whole days (spec/judgment.md §9.3).
Value read_value(const std::optional<Timestamp>& t) noexcept {
  return t ? Value::of_date(date_of(*t)) : Value::missing();
}
Value read_value(Severity s) noexcept { return Value::of_text(severity_name(s)); }
Value read_value(UpdateState s) noexcept { return Value::of_text(update_state_name(s)); }
Value read_value(const std::optional<AutoUpdateMode>& m) noexcept {
  return m ? Value::of_text(auto_update_mode_name(*m)) : Value::missing();
}

template <auto Member>
Value top(const Snapshot& s) noexcept {
  return read_value(s.*Member);
}

template <auto Member>
Value os(const Snapshot& s) noexcept {
  return s.os ? read_value(*s.os.*Member) : Value::missing();
}

template <auto Member>
Value updates(const Snapshot& s) noexcept {
  return s.updates ? read_value(*s.updates.*Member) : Value::missing();
}

template <auto Group, auto Member>
Value setting(const Snapshot& s) noexcept {
  const auto& group = s.settings.*Group;
  return group ? read_value(*group.*Member) : Value::missing();
}

template <const char* Profile>
Value firewall_profile(const Snapshot& s) noexcept {
  if (!s.settings.firewall) return Value::missing();
  for (const auto& p : *s.settings.firewall)
    if (names_equal(p.profile, Profile)) return read_value(p.enabled);
  return Value::missing();
}

template <class T, auto Member>
Value element(const void* items, std::size_t index) noexcept {
  return read_value(static_cast<const T*>(items)[index].*Member);
}

template <class T>
Items items_of(const std::optional<std::vector<T>>& v) noexcept {
  return v ? Items{v->data(), v->size(), true} : Items{};
}

constexpr char domain_profile[] = "domain";
constexpr char private_profile[] = "private";
constexpr char public_profile[] = "public";

constexpr std::array<std::string_view, 5> severity_values{"unspecified", "low", "moderate",
                                                          "important", "critical"};
constexpr std::array<std::string_view, 2> state_values{"installed", "missing"};
constexpr std::array<std::string_view, 5> mode_values{"disabled", "notify", "download_only",
                                                      "auto_install", "scheduled"};

using S = Settings;
const FieldDef fields_table[] = {
    {"asset", Type::string, top<&Snapshot::asset>, {}},
    {"host", Type::string, top<&Snapshot::host>, {}},
    {"user", Type::string, top<&Snapshot::user>, {}},
    {"group", Type::string, top<&Snapshot::group>, {}},
    {"location", Type::string, top<&Snapshot::location>, {}},
    {"agent_version", Type::version, top<&Snapshot::agent_version>, {}},
    {"managed", Type::boolean, top<&Snapshot::managed>, {}},
    {"collected_at", Type::date, top<&Snapshot::collected_at>, {}},
    {"os.name", Type::string, os<&OsInfo::name>, {}},
    {"os.version", Type::version, os<&OsInfo::version>, {}},
    {"os.service_pack", Type::string, os<&OsInfo::service_pack>, {}},
    {"os.arch", Type::string, os<&OsInfo::arch>, {}},
    {"updates.complete", Type::boolean, updates<&UpdateSection::complete>, {}},
    {"updates.scanned_at", Type::date, updates<&UpdateSection::scanned_at>, {}},
    {"updates.source", Type::string, updates<&UpdateSection::source>, {}},
    {"settings.accounts.guest_enabled", Type::boolean,
     setting<&S::accounts, &AccountSettings::guest_enabled>, {}},
    {"settings.accounts.admin_renamed", Type::boolean,
     setting<&S::accounts, &AccountSettings::admin_renamed>, {}},
    {"settings.passwords.min_length", Type::number,
     setting<&S::passwords, &PasswordSettings::min_length>, {}},
    {"settings.passwords.complexity", Type::boolean,
     setting<&S::passwords, &PasswordSettings::complexity>, {}},
    {"settings.logon.auto_logon", Type::boolean,
     setting<&S::logon, &LogonSettings::auto_logon>, {}},
    {"settings.logon.show_last_user", Type::boolean,
     setting<&S::logon, &LogonSettings::show_last_user>, {}},
    {"settings.anonymous.restrict", Type::number,
     setting<&S::anonymous, &AnonymousSettings::restrict>, {}},
    {"settings.firewall.domain", Type::boolean, firewall_profile<domain_profile>, {}},
    {"settings.firewall.private", Type::boolean, firewall_profile<private_profile>, {}},
    {"settings.firewall.public", Type::boolean, firewall_profile<public_profile>, {}},
    {"settings.automatic_updates.mode", Type::string,
     setting<&S::automatic_updates, &AutomaticUpdates::mode>, mode_values},
    {"settings.screensaver.enabled", Type::boolean,
     setting<&S::screensaver, &ScreensaverSettings::enabled>, {}},
    {"settings.screensaver.password", Type::boolean,
     setting<&S::screensaver, &ScreensaverSettings::password>, {}},
    {"settings.screensaver.timeout_min", Type::number,
     setting<&S::screensaver, &ScreensaverSettings::timeout_min>, {}},
};

const ElementFieldDef software_fields[] = {
    {"name", Type::string, element<posture::Program, &posture::Program::name>, {}},
    {"version", Type::version, element<posture::Program, &posture::Program::version>, {}},
    {"publisher", Type::string, element<posture::Program, &posture::Program::publisher>, {}},
    {"service_pack", Type::string, element<posture::Program, &posture::Program::service_pack>, {}},
};
const ElementFieldDef update_fields[] = {
    {"id", Type::string, element<UpdateRecord, &UpdateRecord::id>, {}},
    {"bulletin", Type::string, element<UpdateRecord, &UpdateRecord::bulletin>, {}},
    {"severity", Type::string, element<UpdateRecord, &UpdateRecord::severity>, severity_values},
    {"state", Type::string, element<UpdateRecord, &UpdateRecord::state>, state_values},
    {"title", Type::string, element<UpdateRecord, &UpdateRecord::title>, {}},
    {"classification", Type::string, element<UpdateRecord, &UpdateRecord::classification>, {}},
};
const ElementFieldDef antivirus_fields[] = {
    {"name", Type::string, element<AntivirusProduct, &AntivirusProduct::name>, {}},
    {"product_version", Type::version,
     element<AntivirusProduct, &AntivirusProduct::product_version>, {}},
    {"engine_version", Type::version, element<AntivirusProduct, &AntivirusProduct::engine_version>,
     {}},
    {"definition_version", Type::version,
     element<AntivirusProduct, &AntivirusProduct::definition_version>, {}},
    {"definition_date", Type::date, element<AntivirusProduct, &AntivirusProduct::definition_date>,
     {}},
    {"resident", Type::boolean, element<AntivirusProduct, &AntivirusProduct::resident>, {}},
};
const ElementFieldDef service_fields[] = {
    {"name", Type::string, element<Service, &Service::name>, {}},
    {"running", Type::boolean, element<Service, &Service::running>, {}},
};
const ElementFieldDef share_fields[] = {
    {"name", Type::string, element<Share, &Share::name>, {}},
    {"everyone_write", Type::boolean, element<Share, &Share::everyone_write>, {}},
};
const ElementFieldDef drive_fields[] = {
    {"drive", Type::string, element<Drive, &Drive::drive>, {}},
    {"system", Type::boolean, element<Drive, &Drive::system>, {}},
    {"encrypted", Type::boolean, element<Drive, &Drive::encrypted>, {}},
};
const ElementFieldDef account_fields[] = {
    {"name", Type::string, element<PasswordAccount, &PasswordAccount::name>, {}},
    {"blank", Type::boolean, element<PasswordAccount, &PasswordAccount::blank>, {}},
    {"never_expires", Type::boolean, element<PasswordAccount, &PasswordAccount::never_expires>, {}},
    {"last_changed", Type::date, element<PasswordAccount, &PasswordAccount::last_changed>, {}},
};
const ElementFieldDef firewall_fields[] = {
    {"profile", Type::string, element<FirewallProfile, &FirewallProfile::profile>, {}},
    {"enabled", Type::boolean, element<FirewallProfile, &FirewallProfile::enabled>, {}},
};

const CollectionDef collections_table[] = {
    {"software", [](const Snapshot& s) noexcept { return items_of(s.software); }, software_fields},
    {"updates",
     [](const Snapshot& s) noexcept {
       return s.updates ? Items{s.updates->items.data(), s.updates->items.size(), true} : Items{};
     },
     update_fields},
    {"antivirus", [](const Snapshot& s) noexcept { return items_of(s.antivirus); },
     antivirus_fields},
    {"services", [](const Snapshot& s) noexcept { return items_of(s.settings.services); },
     service_fields},
    {"shares", [](const Snapshot& s) noexcept { return items_of(s.settings.shares); },
     share_fields},
    {"drives", [](const Snapshot& s) noexcept { return items_of(s.settings.encryption); },
     drive_fields},
    {"accounts",
     [](const Snapshot& s) noexcept {
       return s.settings.passwords ? items_of(s.settings.passwords->accounts) : Items{};
     },
     account_fields},
    {"firewall", [](const Snapshot& s) noexcept { return items_of(s.settings.firewall); },
     firewall_fields},
};

}  // namespace

std::span<const FieldDef> snapshot_fields() noexcept { return fields_table; }
std::span<const CollectionDef> collections() noexcept { return collections_table; }

int find_field(std::string_view path) noexcept {
  for (std::size_t i = 0; i < std::size(fields_table); ++i)
    if (fields_table[i].path == path) return static_cast<int>(i);
  return -1;
}

int find_collection(std::string_view name) noexcept {
  for (std::size_t i = 0; i < std::size(collections_table); ++i)
    if (collections_table[i].name == name) return static_cast<int>(i);
  return -1;
}

int find_element_field(const CollectionDef& collection, std::string_view name) noexcept {
  for (std::size_t i = 0; i < collection.fields.size(); ++i)
    if (collection.fields[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace posture::expr
