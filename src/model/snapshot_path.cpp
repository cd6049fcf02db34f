// set_snapshot_value: the "build a snapshot field by field" path used by the C ABI and bindings.
#include <charconv>

#include "posture/inventory.hpp"
#include "posture/name.hpp"

namespace posture {
namespace {

error bad_value(std::string_view path, std::string_view expected) {
  return error(errc::parse, "\"" + std::string(path) + "\" expects " + std::string(expected));
}

result<bool> to_bool(std::string_view path, std::string_view v) {
  if (names_equal(v, "true") || v == "1") return true;
  if (names_equal(v, "false") || v == "0") return false;
  return bad_value(path, "true or false");
}

result<std::int64_t> to_int(std::string_view path, std::string_view v) {
  v = trim_space(v);
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || end != v.data() + v.size() || v.empty())
    return bad_value(path, "an integer");
  return out;
}

template <class T>
T& ensure(std::optional<T>& o) {
  if (!o) o.emplace();
  return *o;
}

result<void> set_settings(Settings& s, std::string_view path, std::string_view rest,
                          std::string_view v) {
  auto set_bool = [&](std::optional<bool>& target) -> result<void> {
    auto b = to_bool(path, v);
    if (!b) return b.err();
    target = *b;
    return {};
  };
  auto set_int = [&](std::optional<std::int64_t>& target) -> result<void> {
    auto i = to_int(path, v);
    if (!i) return i.err();
    target = *i;
    return {};
  };
  if (rest == "accounts.guest_enabled") return set_bool(ensure(s.accounts).guest_enabled);
  if (rest == "accounts.admin_renamed") return set_bool(ensure(s.accounts).admin_renamed);
  if (rest == "passwords.min_length") return set_int(ensure(s.passwords).min_length);
  if (rest == "passwords.complexity") return set_bool(ensure(s.passwords).complexity);
  if (rest == "logon.auto_logon") return set_bool(ensure(s.logon).auto_logon);
  if (rest == "logon.show_last_user") return set_bool(ensure(s.logon).show_last_user);
  if (rest == "anonymous.restrict") return set_int(ensure(s.anonymous).restrict);
  if (rest == "screensaver.enabled") return set_bool(ensure(s.screensaver).enabled);
  if (rest == "screensaver.password") return set_bool(ensure(s.screensaver).password);
  if (rest == "screensaver.timeout_min") return set_int(ensure(s.screensaver).timeout_min);
  if (rest == "automatic_updates.mode") {
    auto m = parse_auto_update_mode(v);
    if (!m) return bad_value(path, "disabled, notify, download_only, auto_install or scheduled");
    ensure(s.automatic_updates).mode = *m;
    return {};
  }
  if (rest.starts_with("firewall.") && rest.size() > 9) {
    auto profile = rest.substr(9);
    auto b = to_bool(path, v);
    if (!b) return b.err();
    auto& list = ensure(s.firewall);
    for (auto& p : list)
      if (p.profile == profile) {
        p.enabled = *b;
        return {};
      }
    list.push_back({std::string(profile), *b});
    return {};
  }
  return error(errc::not_found, "unknown snapshot path \"" + std::string(path) + "\"");
}

}  // namespace

result<void> set_snapshot_value(Snapshot& s, std::string_view path, std::string_view v) {
  auto text = [&](std::string& target) -> result<void> {
    target = std::string(v);
    return {};
  };
  auto opt_text = [&](std::optional<std::string>& target) -> result<void> {
    target = std::string(v);
    return {};
  };
  if (path == "asset") {
    if (v.empty() || v.size() > 120) return bad_value(path, "1-120 bytes");
    return text(s.asset);
  }
  if (path == "host") return text(s.host);
  if (path == "user") return text(s.user);
  if (path == "group") return text(s.group);
  if (path == "location") return text(s.location);
  if (path == "agent_version") return opt_text(s.agent_version);
  if (path == "ip") { s.ip.emplace_back(v); return {}; }
  if (path == "mac") { s.mac.emplace_back(v); return {}; }
  if (path == "managed") {
    auto b = to_bool(path, v);
    if (!b) return b.err();
    s.managed = *b;
    return {};
  }
  if (path == "collected_at") {
    auto t = parse_timestamp(v);
    if (!t) return bad_value(path, "an RFC 3339 timestamp");
    s.collected_at = *t;
    return {};
  }
  if (path == "os.name") return opt_text(ensure(s.os).name);
  if (path == "os.version") return opt_text(ensure(s.os).version);
  if (path == "os.service_pack") return opt_text(ensure(s.os).service_pack);
  if (path == "os.arch") return opt_text(ensure(s.os).arch);
  if (path == "updates.complete") {
    auto b = to_bool(path, v);
    if (!b) return b.err();
    ensure(s.updates).complete = *b;
    return {};
  }
  if (path == "updates.source") return text(ensure(s.updates).source);
  if (path == "updates.scanned_at") {
    auto t = parse_timestamp(v);
    if (!t) return bad_value(path, "an RFC 3339 timestamp");
    ensure(s.updates).scanned_at = *t;
    return {};
  }
  if (path.starts_with("settings.")) return set_settings(s.settings, path, path.substr(9), v);
  if (path.starts_with("fields.") && path.size() > 7) {
    auto name = path.substr(7);
    for (auto& [key, value] : s.fields)
      if (key == name) {
        value = FieldValue::of_string(std::string(v));
        return {};
      }
    s.fields.emplace_back(std::string(name), FieldValue::of_string(std::string(v)));
    return {};
  }
  return error(errc::not_found, "unknown snapshot path \"" + std::string(path) + "\"");
}

}  // namespace posture
