// The comparison kernels of judgment: version minimums, ages, service packs, update ids, program
// and OS-scope matching. Every category of the scalar evaluator decides through these, and a batch
// evaluator must call the same functions so that both paths agree on every case. None allocates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "posture/inventory.hpp"
#include "posture/name.hpp"
#include "posture/policy.hpp"
#include "posture/time.hpp"

namespace posture::eval {

/// Outcome of one check, as JP1/CSC result codes 0–3: no problem, problem, could not be decided,
/// nothing to check.
enum class Check : unsigned char { ok = 0, risk = 1, unknown = 2, no_item = 3 };
std::string_view check_name(Check c) noexcept;

/// Whether a scope (OS, product) applies to a client; `missing` when the data to decide is absent.
enum class Scope : unsigned char { no = 0, yes = 1, missing = 2 };

inline std::optional<std::string_view> view(const std::optional<std::string>& s) noexcept {
  return s ? std::optional<std::string_view>(*s) : std::nullopt;
}

/// `installed` against a minimum version: no minimum → no_item; no installed version → unknown;
/// below → risk (spec/judgment.md §4.2).
Check minimum_version(std::optional<std::string_view> installed,
                      std::optional<std::string_view> minimum) noexcept;

/// Whole UTC calendar days from `date` to the reference time's date (§9.3). Negative when the date
/// lies after the reference time.
std::int64_t age_in_days(Date date, Timestamp reference_time) noexcept;
/// "Older than N days" means age > N: a value exactly N days old passes (§9.3).
constexpr bool older_than(std::int64_t age_days, std::int64_t max_days) noexcept {
  return age_days > max_days;
}

/// An update id without surrounding space and without a leading KB/Q before digits, as a view of
/// `id`; the allocation-free form of normalize_update_id() (§9.2).
/// Inline: a scan's every record goes through it.
inline std::string_view update_id_view(std::string_view id) noexcept {
  // Every byte trim_space() removes is at most ' '.
  if (id.empty() || static_cast<unsigned char>(id.front()) <= ' ' ||
      static_cast<unsigned char>(id.back()) <= ' ')
    id = trim_space(id);
  auto digit_at = [&](std::size_t i) { return id.size() > i && id[i] >= '0' && id[i] <= '9'; };
  if (id.size() >= 2 && (id[0] == 'k' || id[0] == 'K') && (id[1] == 'b' || id[1] == 'B') &&
      digit_at(2))
    id.remove_prefix(2);
  else if (!id.empty() && (id[0] == 'q' || id[0] == 'Q') && digit_at(1))
    id.remove_prefix(1);
  return id;
}
/// Binary search of a sorted list of normalised ids for `id` (normalised on the fly).
bool contains_update(const std::vector<std::string>& sorted_ids, std::string_view id) noexcept;

/// The number of a service pack: "Service Pack 1", "SP1", "sp 1" and "1" give "1"; empty (or only
/// the word) gives "0", no service pack. A view of `text` or a literal.
std::string_view service_pack_number(std::string_view text) noexcept;
/// `installed` against `required` (both raw texts): the same number, or for or_later the same or a
/// later one.
bool service_pack_satisfies(std::string_view installed, std::string_view required,
                            ServicePackCondition condition) noexcept;

/// A program is matched by name, and when a version constraint is given, by version as well; an
/// absent version never satisfies a constraint (§9.1).
bool program_matches(const NamePattern& name, const std::optional<VersionConstraint>& version,
                     const Program& program) noexcept;

/// The version half of program_matches(), for a program whose name already matched.
inline bool version_satisfies(const std::optional<VersionConstraint>& version,
                              const Program& program) noexcept {
  return !version || version->satisfied_by(view(program.version));
}

/// Whether an OS scope applies. The name is decided first, so that a client with another OS is
/// out of scope even when its version is unknown. An empty name pattern matches any OS.
Scope os_scope_matches(const OsScope& scope, const std::optional<OsInfo>& os) noexcept;

/// ADMIN$, IPC$ and drive shares ("C$") are created by Windows itself (§4.5 shares.non_admin).
bool is_administrative_share(std::string_view name) noexcept;

/// Automatic-update mode below the required minimum; with no minimum, only `disabled` is (§9.8).
bool update_mode_below(AutoUpdateMode mode, std::optional<AutoUpdateMode> minimum) noexcept;

}  // namespace posture::eval
