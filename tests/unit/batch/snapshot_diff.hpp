// Member-by-member comparison of snapshots for the batch tests: the first difference as a path
// ("software[3].version: \"1.2\" != absent"), or empty when the snapshots are equal. Numbers are
// compared by their bits, so that 0.0 and -0.0 differ.
#pragma once

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "posture/inventory.hpp"

namespace posture::test {

class SnapshotDiff {
 public:
  std::string operator()(const Snapshot& a, const Snapshot& b) {
    eq("asset", a.asset, b.asset);
    eq("host", a.host, b.host);
    eq("user", a.user, b.user);
    eq("group", a.group, b.group);
    list("ip", a.ip, b.ip, [&](const std::string& p, auto& x, auto& y) { eq(p, x, y); });
    list("mac", a.mac, b.mac, [&](const std::string& p, auto& x, auto& y) { eq(p, x, y); });
    eq("location", a.location, b.location);
    opt("collected_at", a.collected_at, b.collected_at,
        [&](const std::string& p, auto& x, auto& y) { eq(p, x.seconds, y.seconds); });
    eq("agent_version", a.agent_version, b.agent_version);
    eq("managed", a.managed, b.managed);
    opt("os", a.os, b.os, [&](const std::string& p, const OsInfo& x, const OsInfo& y) {
      eq(p + ".name", x.name, y.name);
      eq(p + ".version", x.version, y.version);
      eq(p + ".service_pack", x.service_pack, y.service_pack);
      eq(p + ".arch", x.arch, y.arch);
    });
    opt("updates", a.updates, b.updates,
        [&](const std::string& p, const UpdateSection& x, const UpdateSection& y) {
          opt(p + ".scanned_at", x.scanned_at, y.scanned_at,
              [&](const std::string& q, auto& s, auto& t) { eq(q, s.seconds, t.seconds); });
          eq(p + ".source", x.source, y.source);
          eq(p + ".complete", x.complete, y.complete);
          list(p + ".items", x.items, y.items,
               [&](const std::string& q, const UpdateRecord& s, const UpdateRecord& t) {
                 eq(q + ".id", s.id, t.id);
                 eq(q + ".bulletin", s.bulletin, t.bulletin);
                 eq(q + ".severity", static_cast<int>(s.severity), static_cast<int>(t.severity));
                 eq(q + ".classification", s.classification, t.classification);
                 eq(q + ".title", s.title, t.title);
                 eq(q + ".state", static_cast<int>(s.state), static_cast<int>(t.state));
               });
        });
    optlist("software", a.software, b.software,
            [&](const std::string& p, const Program& x, const Program& y) {
              eq(p + ".name", x.name, y.name);
              eq(p + ".version", x.version, y.version);
              eq(p + ".publisher", x.publisher, y.publisher);
              eq(p + ".service_pack", x.service_pack, y.service_pack);
            });
    optlist("antivirus", a.antivirus, b.antivirus,
            [&](const std::string& p, const AntivirusProduct& x, const AntivirusProduct& y) {
              eq(p + ".name", x.name, y.name);
              eq(p + ".product_version", x.product_version, y.product_version);
              eq(p + ".engine_version", x.engine_version, y.engine_version);
              eq(p + ".definition_version", x.definition_version, y.definition_version);
              eq(p + ".definition_date", days(x.definition_date), days(y.definition_date));
              eq(p + ".resident", x.resident, y.resident);
            });
    settings(a.settings, b.settings);
    list("fields", a.fields, b.fields, [&](const std::string& p, auto& x, auto& y) {
      eq(p + ".name", x.first, y.first);
      eq(p + ".kind", static_cast<int>(x.second.kind), static_cast<int>(y.second.kind));
      eq(p + ".boolean", x.second.boolean, y.second.boolean);
      std::uint64_t bx, by;
      std::memcpy(&bx, &x.second.number, 8);
      std::memcpy(&by, &y.second.number, 8);
      eq(p + ".number", bx, by);
      eq(p + ".text", x.second.text, y.second.text);
    });
    return first_;
  }

 private:
  static std::optional<std::int32_t> days(const std::optional<Date>& d) {
    if (!d) return std::nullopt;
    return d->days;
  }
  template <class T>
  static std::string show(const T& v) {
    if constexpr (std::is_same_v<T, std::string>)
      return "\"" + v + "\"";
    else if constexpr (std::is_same_v<T, bool>)
      return v ? "true" : "false";
    else
      return std::to_string(v);
  }
  template <class T>
  static std::string show(const std::optional<T>& v) {
    return v ? show(*v) : std::string("absent");
  }
  template <class T>
  void eq(const std::string& path, const T& x, const T& y) {
    if (first_.empty() && !(x == y)) first_ = path + ": " + show(x) + " != " + show(y);
  }
  template <class T, class Each>
  void list(const std::string& path, const std::vector<T>& x, const std::vector<T>& y, Each each) {
    eq(path + ".size", x.size(), y.size());
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
      each(path + "[" + std::to_string(i) + "]", x[i], y[i]);
  }
  template <class T, class Each>
  void opt(const std::string& path, const std::optional<T>& x, const std::optional<T>& y,
           Each each) {
    eq(path + " present", x.has_value(), y.has_value());
    if (x && y) each(path, *x, *y);
  }
  template <class T, class Each>
  void optlist(const std::string& path, const std::optional<std::vector<T>>& x,
               const std::optional<std::vector<T>>& y, Each each) {
    opt(path, x, y, [&](const std::string& p, auto& s, auto& t) { list(p, s, t, each); });
  }
  void settings(const Settings& a, const Settings& b) {
    opt("accounts", a.accounts, b.accounts, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".guest_enabled", x.guest_enabled, y.guest_enabled);
      eq(p + ".admin_renamed", x.admin_renamed, y.admin_renamed);
    });
    opt("passwords", a.passwords, b.passwords, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".min_length", x.min_length, y.min_length);
      eq(p + ".complexity", x.complexity, y.complexity);
      optlist(p + ".accounts", x.accounts, y.accounts, [&](const auto& q, const auto& s, const auto& t) {
        eq(q + ".name", s.name, t.name);
        eq(q + ".blank", s.blank, t.blank);
        eq(q + ".never_expires", s.never_expires, t.never_expires);
        eq(q + ".last_changed", days(s.last_changed), days(t.last_changed));
      });
    });
    opt("logon", a.logon, b.logon, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".auto_logon", x.auto_logon, y.auto_logon);
      eq(p + ".show_last_user", x.show_last_user, y.show_last_user);
    });
    optlist("shares", a.shares, b.shares, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".name", x.name, y.name);
      eq(p + ".everyone_write", x.everyone_write, y.everyone_write);
    });
    opt("anonymous", a.anonymous, b.anonymous,
        [&](const auto& p, const auto& x, const auto& y) { eq(p + ".restrict", x.restrict, y.restrict); });
    optlist("services", a.services, b.services, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".name", x.name, y.name);
      eq(p + ".running", x.running, y.running);
    });
    optlist("firewall", a.firewall, b.firewall, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".profile", x.profile, y.profile);
      eq(p + ".enabled", x.enabled, y.enabled);
    });
    opt("automatic_updates", a.automatic_updates, b.automatic_updates,
        [&](const auto& p, const auto& x, const auto& y) {
          auto mode = [](const std::optional<AutoUpdateMode>& m) -> std::optional<int> {
            if (!m) return std::nullopt;
            return static_cast<int>(*m);
          };
          eq(p + ".mode", mode(x.mode), mode(y.mode));
        });
    opt("screensaver", a.screensaver, b.screensaver, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".enabled", x.enabled, y.enabled);
      eq(p + ".password", x.password, y.password);
      eq(p + ".timeout_min", x.timeout_min, y.timeout_min);
    });
    optlist("encryption", a.encryption, b.encryption, [&](const auto& p, const auto& x, const auto& y) {
      eq(p + ".drive", x.drive, y.drive);
      eq(p + ".system", x.system, y.system);
      eq(p + ".encrypted", x.encrypted, y.encrypted);
    });
  }

  std::string first_;
};

/// The first difference between two snapshots, or "" when they are equal.
inline std::string snapshot_diff(const Snapshot& a, const Snapshot& b) {
  return SnapshotDiff{}(a, b);
}

}  // namespace posture::test
