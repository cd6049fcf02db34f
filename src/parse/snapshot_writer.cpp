// Writes a snapshot in the inventory format so that read_snapshot_json gives it back: absent
// optional values are left out, empty plain strings and lists are left out (they read back as
// empty), everything else is written.
#include "parse/json_writer.hpp"
#include "posture/io.hpp"

namespace posture {
namespace {

void optional_string(json::Writer& w, std::string_view key, const std::optional<std::string>& v) {
  if (v) w.member(key, *v);
}

void nonempty_string(json::Writer& w, std::string_view key, const std::string& v) {
  if (!v.empty()) w.member(key, v);
}

void optional_bool(json::Writer& w, std::string_view key, const std::optional<bool>& v) {
  if (!v) return;
  w.key(key);
  w.boolean(*v);
}

void optional_int(json::Writer& w, std::string_view key, const std::optional<std::int64_t>& v) {
  if (!v) return;
  w.key(key);
  w.integer(*v);
}

void optional_date(json::Writer& w, std::string_view key, const std::optional<Date>& v) {
  if (v) w.member(key, format_date(*v));
}

void optional_timestamp(json::Writer& w, std::string_view key, const std::optional<Timestamp>& v) {
  if (v) w.member(key, format_timestamp(*v));
}

void string_list(json::Writer& w, std::string_view key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  w.key(key);
  w.begin_array();
  for (const auto& s : v) w.string(s);
  w.end_array();
}

void write_os(json::Writer& w, const OsInfo& os) {
  w.key("os");
  w.begin_object();
  optional_string(w, "name", os.name);
  optional_string(w, "version", os.version);
  optional_string(w, "service_pack", os.service_pack);
  optional_string(w, "arch", os.arch);
  w.end_object();
}

void write_updates(json::Writer& w, const UpdateSection& u) {
  w.key("updates");
  w.begin_object();
  optional_timestamp(w, "scanned_at", u.scanned_at);
  nonempty_string(w, "source", u.source);
  w.key("complete");
  w.boolean(u.complete);
  w.key("items");
  w.begin_array();
  for (const auto& item : u.items) {
    w.begin_object();
    w.member("id", item.id);
    nonempty_string(w, "bulletin", item.bulletin);
    if (item.severity != Severity::unspecified) w.member("severity", severity_name(item.severity));
    nonempty_string(w, "classification", item.classification);
    nonempty_string(w, "title", item.title);
    w.member("state", update_state_name(item.state));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_software(json::Writer& w, const std::vector<Program>& software) {
  w.key("software");
  w.begin_array();
  for (const auto& p : software) {
    w.begin_object();
    w.member("name", p.name);
    optional_string(w, "version", p.version);
    nonempty_string(w, "publisher", p.publisher);
    optional_string(w, "service_pack", p.service_pack);
    w.end_object();
  }
  w.end_array();
}

void write_antivirus(json::Writer& w, const std::vector<AntivirusProduct>& products) {
  w.key("antivirus");
  w.begin_array();
  for (const auto& a : products) {
    w.begin_object();
    w.member("name", a.name);
    optional_string(w, "product_version", a.product_version);
    optional_string(w, "engine_version", a.engine_version);
    optional_string(w, "definition_version", a.definition_version);
    optional_date(w, "definition_date", a.definition_date);
    optional_bool(w, "resident", a.resident);
    w.end_object();
  }
  w.end_array();
}

void write_passwords(json::Writer& w, const PasswordSettings& p) {
  w.key("passwords");
  w.begin_object();
  optional_int(w, "min_length", p.min_length);
  optional_bool(w, "complexity", p.complexity);
  if (p.accounts) {
    w.key("accounts");
    w.begin_array();
    for (const auto& a : *p.accounts) {
      w.begin_object();
      w.member("name", a.name);
      optional_bool(w, "blank", a.blank);
      optional_bool(w, "never_expires", a.never_expires);
      optional_date(w, "last_changed", a.last_changed);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

// A list of named objects with optional booleans: shares, services, drives.
template <class T, class Write>
void write_list(json::Writer& w, std::string_view key, const std::optional<std::vector<T>>& list,
                Write write) {
  if (!list) return;
  w.key(key);
  w.begin_array();
  for (const auto& item : *list) {
    w.begin_object();
    write(item);
    w.end_object();
  }
  w.end_array();
}

bool any_settings(const Settings& s) {
  return s.accounts || s.passwords || s.logon || s.shares || s.anonymous || s.services ||
         s.firewall || s.automatic_updates || s.screensaver || s.encryption;
}

void write_settings(json::Writer& w, const Settings& s) {
  w.key("settings");
  w.begin_object();
  if (s.accounts) {
    w.key("accounts");
    w.begin_object();
    optional_bool(w, "guest_enabled", s.accounts->guest_enabled);
    optional_bool(w, "admin_renamed", s.accounts->admin_renamed);
    w.end_object();
  }
  if (s.passwords) write_passwords(w, *s.passwords);
  if (s.logon) {
    w.key("logon");
    w.begin_object();
    optional_bool(w, "auto_logon", s.logon->auto_logon);
    optional_bool(w, "show_last_user", s.logon->show_last_user);
    w.end_object();
  }
  write_list(w, "shares", s.shares, [&](const Share& share) {
    w.member("name", share.name);
    optional_bool(w, "everyone_write", share.everyone_write);
  });
  if (s.anonymous) {
    w.key("anonymous");
    w.begin_object();
    optional_int(w, "restrict", s.anonymous->restrict);
    w.end_object();
  }
  write_list(w, "services", s.services, [&](const Service& service) {
    w.member("name", service.name);
    optional_bool(w, "running", service.running);
  });
  if (s.firewall) {
    w.key("firewall");
    w.begin_object();
    for (const auto& p : *s.firewall) {
      w.key(p.profile);
      if (p.enabled)
        w.boolean(*p.enabled);
      else
        w.null();
    }
    w.end_object();
  }
  if (s.automatic_updates) {
    w.key("automatic_updates");
    w.begin_object();
    if (s.automatic_updates->mode)
      w.member("mode", auto_update_mode_name(*s.automatic_updates->mode));
    w.end_object();
  }
  if (s.screensaver) {
    w.key("screensaver");
    w.begin_object();
    optional_bool(w, "enabled", s.screensaver->enabled);
    optional_bool(w, "password", s.screensaver->password);
    optional_int(w, "timeout_min", s.screensaver->timeout_min);
    w.end_object();
  }
  write_list(w, "encryption", s.encryption, [&](const Drive& d) {
    w.member("drive", d.drive);
    optional_bool(w, "system", d.system);
    optional_bool(w, "encrypted", d.encrypted);
  });
  w.end_object();
}

void write_field(json::Writer& w, const FieldValue& v) {
  switch (v.kind) {
    case FieldValue::Kind::null: w.null(); return;
    case FieldValue::Kind::boolean: w.boolean(v.boolean); return;
    case FieldValue::Kind::number: w.number(v.number); return;
    case FieldValue::Kind::string: w.string(v.text); return;
    case FieldValue::Kind::json:
      // Hand-built text that is not JSON still yields a valid document, as a string.
      if (!w.json_text(v.text)) w.string(v.text);
      return;
  }
  w.null();
}

}  // namespace

std::string write_snapshot_json(const Snapshot& s, JsonStyle style) {
  json::Writer w(style);
  w.begin_object();
  w.member("format", "posture-inventory/1");
  w.member("asset", s.asset);
  nonempty_string(w, "host", s.host);
  nonempty_string(w, "user", s.user);
  nonempty_string(w, "group", s.group);
  string_list(w, "ip", s.ip);
  string_list(w, "mac", s.mac);
  nonempty_string(w, "location", s.location);
  optional_timestamp(w, "collected_at", s.collected_at);
  optional_string(w, "agent_version", s.agent_version);
  w.key("managed");
  w.boolean(s.managed);
  if (s.os) write_os(w, *s.os);
  if (s.updates) write_updates(w, *s.updates);
  if (s.software) write_software(w, *s.software);
  if (s.antivirus) write_antivirus(w, *s.antivirus);
  if (any_settings(s.settings)) write_settings(w, s.settings);
  if (!s.fields.empty()) {
    w.key("fields");
    w.begin_object();
    for (const auto& [name, value] : s.fields) {
      w.key(name);
      write_field(w, value);
    }
    w.end_object();
  }
  w.end_object();
  return w.take();
}

}  // namespace posture
