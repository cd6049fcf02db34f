// The judgment policy model (spec/formats.md §1, judgment part; spec/judgment.md §4, §6).
//
// These are plain, editable value types: what a reader produces and what a policy editor would
// build. Nothing here is validated beyond what the types say; `compile()` (plan.hpp) checks a
// policy and turns it into an immutable Plan.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/level.hpp"
#include "posture/name.hpp"
#include "posture/version.hpp"

namespace posture {

/// Where a policy element was defined, for diagnostics found after parsing (unknown group name…).
using origin = source_location;

/// An OS scope: the client's OS name must match `name`, and its version/service pack the optional
/// constraints. In JSON either a pattern string ("Windows 11*") or an object.
struct OsScope {
  NamePattern name;
  std::optional<VersionConstraint> version;
  std::optional<std::string> service_pack;  ///< required OS service pack ("1"; "" = none)
};

// ---- 4.1 security updates ------------------------------------------------------------------------

enum class UpdateMode : std::uint8_t { latest = 0, specified = 1 };
enum class ServicePackCondition : std::uint8_t { exact = 0, or_later = 1 };

/// One mandatory update (specified mode). The scope fields restrict which clients it applies to.
struct MandatoryUpdate {
  std::string id;  ///< normalised (no KB prefix)
  std::string bulletin;
  std::optional<Level> level;  ///< default: the item level
  std::optional<OsScope> os;
  std::optional<NamePattern> product;  ///< applies only when a matching program is installed
  std::optional<VersionConstraint> product_version;
  origin where;
};

/// A required service pack for an OS (`os` set, `product` empty) or for a product.
struct ServicePackRule {
  std::optional<OsScope> os;
  std::optional<NamePattern> product;
  std::optional<VersionConstraint> product_version;
  std::string service_pack;  ///< "1", "2", …
  ServicePackCondition condition = ServicePackCondition::or_later;
  std::optional<Level> level;
  origin where;
};

struct SecurityUpdatesPolicy {
  bool enabled = true;
  UpdateMode mode = UpdateMode::latest;
  Level level = Level::warning;
  /// Latest mode: severity → level (indexed by Severity). Present ⇒ a severity mapped to nothing is
  /// ignored.
  std::optional<std::array<std::optional<Level>, 5>> levels_by_severity;
  std::vector<std::string> exclude;         ///< normalised update ids ignored in latest mode
  std::vector<std::string> exclude_groups;  ///< names of update groups ignored in latest mode
  std::vector<MandatoryUpdate> mandatory;   ///< specified mode
  std::vector<std::string> mandatory_groups;  ///< specified mode: every update of these groups
  std::vector<ServicePackRule> service_packs;
  WhenMissing when_missing = WhenMissing::unknown;
  origin where;
};

// ---- 4.2 anti-virus ------------------------------------------------------------------------------

enum class MultipleProducts : std::uint8_t { worst = 0, best = 1 };

struct AntivirusRow {
  NamePattern name;
  std::optional<std::string> min_product_version;
  std::optional<std::string> min_engine_version;
  std::optional<std::string> min_definition_version;
  std::optional<std::int64_t> max_definition_age_days;
  bool nonresident_is_risk = true;
  Level level = Level::danger;
  origin where;
};

struct AntivirusPolicy {
  bool enabled = true;
  Level not_installed_level = Level::danger;
  MultipleProducts multiple_products = MultipleProducts::worst;
  std::vector<AntivirusRow> products;
  WhenMissing when_missing = WhenMissing::unknown;
  origin where;
};

// ---- 4.3 / 4.4 software --------------------------------------------------------------------------

struct ProhibitedEntry {
  NamePattern name;
  std::optional<VersionConstraint> version;
  std::optional<OsScope> os;
  Level level = Level::caution;
  origin where;
};

struct ProhibitedSoftwarePolicy {
  bool enabled = true;
  std::vector<ProhibitedEntry> entries;
  WhenMissing when_missing = WhenMissing::unknown;
  origin where;
};

struct SoftwareAlternative {
  NamePattern name;
  std::optional<VersionConstraint> version;
};

struct MandatoryGroup {
  std::string name;
  std::vector<SoftwareAlternative> any_of;
  std::optional<OsScope> os;
  Level level = Level::caution;
  origin where;
};

struct MandatorySoftwarePolicy {
  bool enabled = true;
  std::vector<MandatoryGroup> groups;
  WhenMissing when_missing = WhenMissing::unknown;
  origin where;
};

// ---- 4.5 PC security settings --------------------------------------------------------------------

/// The PC-security checks of spec/judgment.md §4.5, one per policy `check` identifier.
enum class CheckId : std::uint8_t {
  accounts_guest_enabled,
  accounts_admin_not_renamed,
  passwords_blank,
  passwords_never_expires,
  passwords_max_age_days,
  passwords_min_length,
  passwords_complexity,
  logon_auto_logon,
  logon_show_last_user,
  shares_non_admin,
  shares_everyone_write,
  anonymous_restrict,
  services_prohibited,
  services_required,
  firewall_enabled,
  automatic_updates_enabled,
  screensaver_enabled,
  screensaver_password,
  screensaver_timeout,
  encryption_system_drive,
  encryption_all_fixed,
};
inline constexpr int check_id_count = 21;
/// "accounts.guest_enabled", …
std::string_view check_id_name(CheckId id) noexcept;
std::optional<CheckId> parse_check_id(std::string_view text) noexcept;
/// Default level of a check when the policy gives none (spec/judgment.md §9.7).
Level default_check_level(CheckId id) noexcept;

struct SecurityCheck {
  CheckId check = CheckId::accounts_guest_enabled;
  Level level = Level::caution;
  WhenMissing when_missing = WhenMissing::no_item;
  std::optional<std::int64_t> max_age_days;     ///< passwords.max_age_days
  std::optional<std::int64_t> min_length;       ///< passwords.min_length
  std::optional<std::int64_t> min_restrict;     ///< anonymous.restrict (default 1)
  std::optional<std::int64_t> max_timeout_min;  ///< screensaver.timeout
  std::vector<std::string> services;            ///< services.prohibited / services.required
  std::vector<std::string> profiles;            ///< firewall.enabled: only these profiles
  std::optional<AutoUpdateMode> min_mode;       ///< automatic_updates.enabled
  origin where;
};

struct PcSecurityPolicy {
  bool enabled = true;
  std::vector<NamePattern> excluded_users;
  std::vector<SecurityCheck> checks;
  origin where;
};

// ---- 4.6 user-defined ----------------------------------------------------------------------------

struct UserDefinedItem {
  std::string name;
  std::string when;  ///< condition expression source (spec/judgment.md §4.6)
  Level level = Level::caution;
  WhenMissing when_missing = WhenMissing::unknown;
  bool enabled = true;
  origin where;       ///< the item
  origin when_where;  ///< the start of the expression text, for expression diagnostics
  /// The expression as a JSON document wrote it between the quotes, when escapes make that differ
  /// from `when` (empty otherwise): diagnostics count columns in the written text.
  std::string when_written;
};

struct UserDefinedPolicy {
  bool enabled = true;
  std::vector<UserDefinedItem> items;
  origin where;
};

// ---- policy, groups, assignment ------------------------------------------------------------------

/// A named judgment policy: up to six items, each optional (absent = not configured).
struct JudgmentPolicy {
  std::string name;
  std::optional<Level> unknown_level;  ///< an unknown item counts as this level
  std::optional<SecurityUpdatesPolicy> security_updates;
  std::optional<AntivirusPolicy> antivirus;
  std::optional<ProhibitedSoftwarePolicy> prohibited_software;
  std::optional<MandatorySoftwarePolicy> mandatory_software;
  std::optional<PcSecurityPolicy> pc_security;
  std::optional<UserDefinedPolicy> user_defined;
  origin where;
};

/// A named list of updates (ITDM2 update groups), used for exclusions and mandatory lists.
struct UpdateGroup {
  std::string name;
  std::vector<std::string> updates;  ///< normalised ids
  origin where;
};

enum class AssignmentScope : std::uint8_t { all = 0, group = 1, pc = 2 };
enum class GroupMatch : std::uint8_t { prefix = 0, exact = 1 };

/// One row of the assignment table (spec/judgment.md §6). An empty policy name leaves the value
/// chosen by earlier rows unchanged.
struct Assignment {
  AssignmentScope scope = AssignmentScope::all;
  std::string group;  ///< scope group
  GroupMatch match = GroupMatch::prefix;
  std::string asset;  ///< scope pc
  std::string judgment_policy;
  std::string action_policy;
  origin where;
};

/// A policy document, or several merged: judgment policies, update groups and assignments.
/// Action policies are read by the actions module from the same document.
struct PolicySet {
  std::vector<JudgmentPolicy> judgment_policies;
  std::vector<UpdateGroup> update_groups;
  std::vector<Assignment> assignments;
  std::string default_judgment_policy;  ///< empty: the first judgment policy
  std::string default_action_policy;    ///< empty: "Default"
  /// The document's `action_policies` array as its exact source text (empty when absent), and
  /// where it starts. The policy reader only checks that it is an array; the actions module
  /// parses this text, and reports positions relative to `action_policies_where` (the '[').
  std::string action_policies_json;
  origin action_policies_where;

  const JudgmentPolicy* find_judgment_policy(std::string_view name) const noexcept;
  const UpdateGroup* find_update_group(std::string_view name) const noexcept;
};

/// Merges `more` into `into` by name: a judgment policy or update group with a name already present
/// is an error (reported with both locations); assignments append; action policies may come from
/// one of the documents only.
result<void> merge_policies(PolicySet& into, PolicySet more);

}  // namespace posture
