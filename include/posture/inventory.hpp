// The inventory snapshot: everything known about one client at one moment (spec/formats.md §2).
//
// Absence is data. Every section and every value that a scanner may fail to collect is optional,
// and the evaluator distinguishes "absent" (the item's when_missing rule applies) from "present but
// empty" (judged). Plain value types: copy, compare, build them by hand or with a reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "posture/error.hpp"
#include "posture/time.hpp"

namespace posture {

/// Severity of a security update, in increasing order.
enum class Severity : std::uint8_t { unspecified = 0, low = 1, moderate = 2, important = 3, critical = 4 };
std::string_view severity_name(Severity s) noexcept;
std::optional<Severity> parse_severity(std::string_view text) noexcept;

enum class UpdateState : std::uint8_t { installed = 0, missing = 1 };
std::string_view update_state_name(UpdateState s) noexcept;
std::optional<UpdateState> parse_update_state(std::string_view text) noexcept;

/// Windows automatic-update mode, in increasing order of protection (spec/judgment.md §9.8).
enum class AutoUpdateMode : std::uint8_t { disabled = 0, notify = 1, download_only = 2, auto_install = 3, scheduled = 4 };
std::string_view auto_update_mode_name(AutoUpdateMode m) noexcept;
std::optional<AutoUpdateMode> parse_auto_update_mode(std::string_view text) noexcept;

struct OsInfo {
  std::optional<std::string> name;
  std::optional<std::string> version;
  std::optional<std::string> service_pack;
  std::optional<std::string> arch;
};

/// One update as a scanner reported it. `id` is normalised (no KB/Q prefix), `bulletin` without MS.
struct UpdateRecord {
  std::string id;
  std::string bulletin;
  Severity severity = Severity::unspecified;
  std::string classification;
  std::string title;
  UpdateState state = UpdateState::missing;
};

struct UpdateSection {
  std::optional<Timestamp> scanned_at;
  std::string source;     ///< "wua", "mbsa", "osquery", …
  bool complete = false;  ///< the scanner lists every applicable update, installed or missing
  std::vector<UpdateRecord> items;
};

struct Program {
  std::string name;
  std::optional<std::string> version;
  std::string publisher;
  std::optional<std::string> service_pack;  ///< for product service-pack rules
};

struct AntivirusProduct {
  std::string name;
  std::optional<std::string> product_version;
  std::optional<std::string> engine_version;
  std::optional<std::string> definition_version;
  std::optional<Date> definition_date;
  std::optional<bool> resident;
};

struct AccountSettings {
  std::optional<bool> guest_enabled;
  std::optional<bool> admin_renamed;
};

struct PasswordAccount {
  std::string name;
  std::optional<bool> blank;  ///< blank or weak password
  std::optional<bool> never_expires;
  std::optional<Date> last_changed;
};

struct PasswordSettings {
  std::optional<std::int64_t> min_length;
  std::optional<bool> complexity;
  std::optional<std::vector<PasswordAccount>> accounts;
};

struct LogonSettings {
  std::optional<bool> auto_logon;
  std::optional<bool> show_last_user;
};

struct Share {
  std::string name;
  std::optional<bool> everyone_write;
};

struct AnonymousSettings {
  std::optional<std::int64_t> restrict;
};

struct Service {
  std::string name;
  std::optional<bool> running;
};

/// Firewall state per profile, in the order reported ("domain", "private", "public", …).
struct FirewallProfile {
  std::string profile;
  std::optional<bool> enabled;
};

struct AutomaticUpdates {
  std::optional<AutoUpdateMode> mode;
};

struct ScreensaverSettings {
  std::optional<bool> enabled;
  std::optional<bool> password;
  std::optional<std::int64_t> timeout_min;
};

struct Drive {
  std::string drive;
  std::optional<bool> system;
  std::optional<bool> encrypted;
};

/// PC security settings; each group may be absent (not collected).
struct Settings {
  std::optional<AccountSettings> accounts;
  std::optional<PasswordSettings> passwords;
  std::optional<LogonSettings> logon;
  std::optional<std::vector<Share>> shares;
  std::optional<AnonymousSettings> anonymous;
  std::optional<std::vector<Service>> services;
  std::optional<std::vector<FirewallProfile>> firewall;
  std::optional<AutomaticUpdates> automatic_updates;
  std::optional<ScreensaverSettings> screensaver;
  std::optional<std::vector<Drive>> encryption;
};

/// A free-form inventory value (the `fields` map, and unknown keys kept from readers). JSON null is
/// kept as `null` and counts as absent wherever a rule reads it.
struct FieldValue {
  enum class Kind : std::uint8_t { null, boolean, number, string, json };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string text;  ///< the string, or for `json` the compact JSON text of an object/array

  static FieldValue of_null() { return {}; }
  static FieldValue of_bool(bool b) { FieldValue v; v.kind = Kind::boolean; v.boolean = b; return v; }
  static FieldValue of_number(double n) { FieldValue v; v.kind = Kind::number; v.number = n; return v; }
  static FieldValue of_string(std::string s) { FieldValue v; v.kind = Kind::string; v.text = std::move(s); return v; }
  static FieldValue of_json(std::string s) { FieldValue v; v.kind = Kind::json; v.text = std::move(s); return v; }
};

/// One client's inventory at one moment.
struct Snapshot {
  std::string asset;  ///< asset number: the client's identity (1–120 bytes)
  std::string host;
  std::string user;
  std::string group;  ///< "Kobe/Sales/Team2"
  std::vector<std::string> ip;
  std::vector<std::string> mac;
  std::string location;
  std::optional<Timestamp> collected_at;
  std::optional<std::string> agent_version;
  bool managed = true;  ///< false: security management disabled, the client is not judged

  std::optional<OsInfo> os;
  std::optional<UpdateSection> updates;
  std::optional<std::vector<Program>> software;
  std::optional<std::vector<AntivirusProduct>> antivirus;
  Settings settings;  ///< each group optional; an absent `settings` leaves all groups absent
  /// Free-form fields in document order; unknown top-level keys are kept here too.
  std::vector<std::pair<std::string, FieldValue>> fields;

  /// The field with this exact name, or null.
  const FieldValue* field(std::string_view name) const noexcept;
};

/// Sets one scalar of a snapshot by its inventory path, parsing `value` into the path's type:
/// "host", "user", "group", "location", "agent_version", "managed", "collected_at", "ip" and "mac"
/// (each call appends), "os.name|version|service_pack|arch", "updates.complete|scanned_at|source",
/// every scalar under "settings." ("settings.logon.auto_logon", "settings.firewall.<profile>",
/// "settings.automatic_updates.mode", …) and "fields.<name>" (kept as a string).
/// Errors: errc::not_found for an unknown path, errc::parse for a value of the wrong form.
result<void> set_snapshot_value(Snapshot& snapshot, std::string_view path, std::string_view value);

}  // namespace posture
