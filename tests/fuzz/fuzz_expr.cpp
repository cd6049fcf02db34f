// Fuzz target for the condition language: any bytes must either compile or fail with a diagnostic,
// and whatever compiles must evaluate — on a snapshot holding every section and on an empty one —
// without crashing, hanging or leaking.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "posture/expr.hpp"

namespace {

posture::Snapshot full_snapshot() {
  using namespace posture;
  Snapshot s;
  s.asset = "PC-004711";
  s.host = "kobe-eng-12";
  s.user = "sato";
  s.group = "Kobe/Engineering";
  s.location = "\xE7\xA5\x9E\xE6\x88\xB8 2F";  // non-ASCII text
  s.collected_at = parse_timestamp("2026-11-20T08:15:00Z");
  s.agent_version = "12.0.1";
  s.os = OsInfo{"Windows 11 Pro", "10.0.22631.4460", "", "x64"};
  UpdateSection updates;
  updates.scanned_at = parse_timestamp("2026-11-20T08:10:00Z");
  updates.items.push_back(
      {"5046617", "", Severity::critical, "", "Cumulative", UpdateState::missing});
  updates.items.push_back(
      {"5044284", "24-001", Severity::low, "security", "", UpdateState::installed});
  s.updates = updates;
  s.software = std::vector<posture::Program>{{"TeamViewer 14", "14.7.1965", "TeamViewer", {}},
                                             {"7-Zip", std::nullopt, "", "1"}};
  s.antivirus = std::vector<AntivirusProduct>{
      {"Defender", "4.18", "1.1", "1.421", parse_date("2026-11-19"), true},
      {"Other", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt}};
  s.settings.accounts = AccountSettings{false, std::nullopt};
  s.settings.passwords =
      PasswordSettings{12, true, std::vector<PasswordAccount>{{"sato", false, true, std::nullopt}}};
  s.settings.logon = LogonSettings{false, true};
  s.settings.shares = std::vector<Share>{{"Public", true}};
  s.settings.anonymous = AnonymousSettings{1};
  s.settings.services = std::vector<Service>{{"RemoteRegistry", false}};
  s.settings.firewall = std::vector<FirewallProfile>{{"domain", true}, {"public", std::nullopt}};
  s.settings.automatic_updates = AutomaticUpdates{AutoUpdateMode::notify};
  s.settings.screensaver = ScreensaverSettings{true, false, 30};
  s.settings.encryption = std::vector<Drive>{{"C:", true, false}};
  s.fields = {{"a", FieldValue::of_string("1")},        {"b", FieldValue::of_number(2.5)},
              {"c", FieldValue::of_bool(true)},         {"d", FieldValue::of_string("2026-01-01")},
              {"e", FieldValue::of_json("{\"x\":1}")}, {"f", FieldValue::of_null()}};
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const posture::Snapshot full = full_snapshot();
  static const posture::Snapshot empty = [] {
    posture::Snapshot s;
    s.asset = "PC-0";
    return s;
  }();
  static const posture::Timestamp at = *posture::parse_timestamp("2026-11-22T00:00:00Z");

  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto program = posture::expr::compile(text, {"fuzz", 1, 1, 0});
  if (!program) return 0;
  (void)posture::expr::evaluate(*program, full, at);
  (void)posture::expr::evaluate(*program, empty, at);
  return 0;
}
