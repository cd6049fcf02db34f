#include "posture/inventory.hpp"

#include "posture/name.hpp"

namespace posture {

std::string_view severity_name(Severity s) noexcept {
  switch (s) {
    case Severity::unspecified: return "unspecified";
    case Severity::low: return "low";
    case Severity::moderate: return "moderate";
    case Severity::important: return "important";
    case Severity::critical: return "critical";
  }
  return "unspecified";
}

std::optional<Severity> parse_severity(std::string_view text) noexcept {
  if (trim_space(text).empty()) return Severity::unspecified;
  for (Severity s : {Severity::unspecified, Severity::low, Severity::moderate, Severity::important,
                     Severity::critical})
    if (names_equal(text, severity_name(s))) return s;
  return std::nullopt;
}

std::string_view update_state_name(UpdateState s) noexcept {
  return s == UpdateState::installed ? "installed" : "missing";
}

std::optional<UpdateState> parse_update_state(std::string_view text) noexcept {
  if (names_equal(text, "installed")) return UpdateState::installed;
  if (names_equal(text, "missing")) return UpdateState::missing;
  return std::nullopt;
}

std::string_view auto_update_mode_name(AutoUpdateMode m) noexcept {
  switch (m) {
    case AutoUpdateMode::disabled: return "disabled";
    case AutoUpdateMode::notify: return "notify";
    case AutoUpdateMode::download_only: return "download_only";
    case AutoUpdateMode::auto_install: return "auto_install";
    case AutoUpdateMode::scheduled: return "scheduled";
  }
  return "disabled";
}

std::optional<AutoUpdateMode> parse_auto_update_mode(std::string_view text) noexcept {
  for (AutoUpdateMode m : {AutoUpdateMode::disabled, AutoUpdateMode::notify,
                           AutoUpdateMode::download_only, AutoUpdateMode::auto_install,
                           AutoUpdateMode::scheduled})
    if (names_equal(text, auto_update_mode_name(m))) return m;
  return std::nullopt;
}

const FieldValue* Snapshot::field(std::string_view name) const noexcept {
  for (const auto& [key, value] : fields)
    if (key == name) return &value;
  return nullptr;
}

}  // namespace posture
