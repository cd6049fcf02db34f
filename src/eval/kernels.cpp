#include "eval/kernels.hpp"

#include <algorithm>

#include "posture/name.hpp"
#include "posture/version.hpp"

namespace posture::eval {
namespace {


bool starts_with_nocase(std::string_view text, std::string_view prefix) noexcept {
  return text.size() >= prefix.size() && names_equal(text.substr(0, prefix.size()), prefix);
}

}  // namespace

std::string_view check_name(Check c) noexcept {
  switch (c) {
    case Check::ok: return "ok";
    case Check::risk: return "risk";
    case Check::unknown: return "unknown";
    case Check::no_item: return "no_item";
  }
  return "unknown";
}

Check minimum_version(std::optional<std::string_view> installed,
                      std::optional<std::string_view> minimum) noexcept {
  if (!minimum) return Check::no_item;
  if (!installed || trim_space(*installed).empty()) return Check::unknown;
  return compare_versions(*installed, *minimum) < 0 ? Check::risk : Check::ok;
}

std::int64_t age_in_days(Date date, Timestamp reference_time) noexcept {
  return days_between(date, date_of(reference_time));
}

bool contains_update(const std::vector<std::string>& sorted_ids, std::string_view id) noexcept {
  return std::binary_search(sorted_ids.begin(), sorted_ids.end(), update_id_view(id),
                            std::less<>{});
}

std::string_view service_pack_number(std::string_view text) noexcept {
  text = trim_space(text);
  if (starts_with_nocase(text, "service pack"))
    text.remove_prefix(12);
  else if (starts_with_nocase(text, "sp"))
    text.remove_prefix(2);
  text = trim_space(text);
  return text.empty() ? std::string_view("0") : text;
}

bool service_pack_satisfies(std::string_view installed, std::string_view required,
                            ServicePackCondition condition) noexcept {
  int cmp = compare_versions(service_pack_number(installed), service_pack_number(required));
  return condition == ServicePackCondition::exact ? cmp == 0 : cmp >= 0;
}

bool program_matches(const NamePattern& name, const std::optional<VersionConstraint>& version,
                     const Program& program) noexcept {
  if (!name.matches(program.name)) return false;
  return !version || version->satisfied_by(view(program.version));
}

Scope os_scope_matches(const OsScope& scope, const std::optional<OsInfo>& os) noexcept {
  if (!os) return Scope::missing;
  if (!scope.name.empty()) {
    if (!os->name) return Scope::missing;
    if (!scope.name.matches(*os->name)) return Scope::no;
  }
  bool missing = false;
  if (scope.version) {
    if (!os->version)
      missing = true;
    else if (!scope.version->satisfied_by(*os->version))
      return Scope::no;
  }
  if (scope.service_pack) {
    if (!os->service_pack)
      missing = true;
    else if (!service_pack_satisfies(*os->service_pack, *scope.service_pack,
                                     ServicePackCondition::exact))
      return Scope::no;
  }
  return missing ? Scope::missing : Scope::yes;
}

bool is_administrative_share(std::string_view name) noexcept {
  name = trim_space(name);
  if (names_equal(name, "ADMIN$") || names_equal(name, "IPC$")) return true;
  return name.size() == 2 && name[1] == '$' &&
         ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'));
}

bool update_mode_below(AutoUpdateMode mode, std::optional<AutoUpdateMode> minimum) noexcept {
  return minimum ? mode < *minimum : mode == AutoUpdateMode::disabled;
}

}  // namespace posture::eval
