// A fixed snapshot and small helpers shared by the expression tests.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "posture/expr.hpp"

namespace doctest {
// Evidence lists print as "{key=value, …}" when a comparison fails.
template <>
struct StringMaker<std::vector<posture::Evidence>> {
  static String convert(const std::vector<posture::Evidence>& evidence) {
    std::string out = "{";
    for (const auto& e : evidence) out += (out.size() > 1 ? ", " : "") + e.key + "=" + e.value;
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace expr_test {

using posture::expr::Truth;

inline posture::Timestamp reference_time() {
  return *posture::parse_timestamp("2026-11-22T00:00:00Z");
}

inline posture::Date date(std::string_view text) { return *posture::parse_date(text); }

/// The inventory example of spec/formats.md §2, with a few more values to read.
inline posture::Snapshot snapshot() {
  using namespace posture;
  Snapshot s;
  s.asset = "PC-004711";
  s.host = "kobe-eng-12";
  s.user = "sato";
  s.group = "Kobe/Engineering";
  s.location = "Kobe 2F";
  s.collected_at = parse_timestamp("2026-11-20T08:15:00Z");
  s.agent_version = "12.0.1";
  s.os = OsInfo{"Windows 11 Pro", "10.0.22631.4460", "", "x64"};
  UpdateSection updates;
  updates.scanned_at = parse_timestamp("2026-11-20T08:10:00Z");
  updates.source = "wua";
  updates.complete = true;
  updates.items.push_back({"5046617", "", Severity::critical, "", "2024-11 Cumulative Update",
                           UpdateState::missing});
  updates.items.push_back({"5044284", "", Severity::important, "security", "2024-10 Update",
                           UpdateState::installed});
  s.updates = updates;
  s.software = std::vector<posture::Program>{
      {"Mozilla Firefox (x64 en-US)", "132.0.1", "Mozilla", {}},
      {"TeamViewer 14", "14.7.1965", "TeamViewer", {}},
      {"7-Zip 23.01 (x64)", std::nullopt, "Igor Pavlov", {}},
  };
  s.antivirus = std::vector<AntivirusProduct>{{"Microsoft Defender Antivirus", "4.18.24090.11",
                                               "1.1.24090.11", "1.421.123.0",
                                               date("2026-11-19"), true}};
  s.settings.accounts = AccountSettings{false, true};
  s.settings.passwords = PasswordSettings{
      12, true,
      std::vector<PasswordAccount>{{"sato", false, false, date("2026-09-01")},
                                   {"admin", false, true, std::nullopt}}};
  s.settings.logon = LogonSettings{false, true};
  s.settings.shares = std::vector<Share>{{"Public", true}};
  s.settings.anonymous = AnonymousSettings{1};
  s.settings.services = std::vector<Service>{{"RemoteRegistry", false}, {"WinDefend", true}};
  s.settings.firewall =
      std::vector<FirewallProfile>{{"domain", true}, {"private", true}, {"public", false}};
  s.settings.automatic_updates = AutomaticUpdates{AutoUpdateMode::auto_install};
  s.settings.screensaver = ScreensaverSettings{true, true, 10};
  s.settings.encryption = std::vector<Drive>{{"C:", true, true}, {"D:", false, false}};
  s.fields = {
      {"Hardware information.CPU", FieldValue::of_string("Intel Core i5-1135G7")},
      {"Hardware information.Memory", FieldValue::of_number(16384)},
      {"Registry.AutoAdminLogon", FieldValue::of_string("0")},
      {"Asset.Leased", FieldValue::of_bool(true)},
      {"Asset.PurchaseDate", FieldValue::of_string("2023-04-01")},
      {"Asset.Count", FieldValue::of_string("42")},
      {"Asset.Tags", FieldValue::of_json("[\"a\",\"b\"]")},
      {"Asset.Note", FieldValue::of_null()},
  };
  return s;
}

inline posture::expr::Program compiled(std::string_view source) {
  auto program = posture::expr::compile(source, {});
  INFO(source);
  REQUIRE_MESSAGE(program.ok(), (program.ok() ? std::string() : program.err().to_string()));
  return *program;
}

inline posture::expr::Outcome run(std::string_view source,
                                  const posture::Snapshot& s = snapshot()) {
  return posture::expr::evaluate(compiled(source), s, reference_time());
}

inline Truth truth(std::string_view source, const posture::Snapshot& s = snapshot()) {
  return run(source, s).truth;
}

/// The value of an evidence key, or "<none>".
inline std::string evidence(const posture::expr::Outcome& outcome, std::string_view key) {
  for (const auto& e : outcome.evidence)
    if (e.key == key) return e.value;
  return "<none>";
}

/// Compiles `source`, which must fail, and returns its diagnostics as "line:column: message"
/// lines (the expression starts at line 1, column 1 unless `origin` says otherwise).
inline std::string problems(std::string_view source, const posture::source_location& origin = {}) {
  auto program = posture::expr::compile(source, origin);
  INFO(source);
  REQUIRE_FALSE(program.ok());
  return program.err().to_string();
}

}  // namespace expr_test
