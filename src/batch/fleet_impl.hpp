// The inside of a Fleet: dictionaries shared by all clients, and per-client columns.
//
// Every record of a list (a program, an update, an account, …) is dictionary-encoded as a whole:
// a client's software is a run of program ids, and per-entry work (does this program match that
// pattern?) is done once per distinct record however many clients carry it. Values that change
// per client inside such records (anti-virus definition dates, password dates) are kept beside
// the ids in a parallel column, so that they do not multiply the distinct records.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "batch/client_index.hpp"
#include "batch/interner.hpp"
#include "batch/known_texts.hpp"
#include "posture/batch.hpp"

namespace posture::batch {

/// An optional bool in one byte.
enum Tri : std::uint8_t { tri_absent = 0, tri_false = 1, tri_true = 2 };
inline Tri to_tri(const std::optional<bool>& b) noexcept {
  return !b ? tri_absent : (*b ? tri_true : tri_false);
}
inline std::optional<bool> from_tri(std::uint32_t t) noexcept {
  if (t == tri_absent) return std::nullopt;
  return t == tri_true;
}

/// "No date" in a date column.
inline constexpr std::int32_t no_date = INT32_MIN;

// Records. Ids point into Dictionaries::text unless noted; no_id marks an absent optional.
struct ProgramRecord {
  Id name;     ///< Dictionaries::program_names
  Id version;  ///< Dictionaries::program_versions
  Id publisher;
  Id service_pack;
};
struct UpdateRecordKey {
  Id id;  ///< normalised
  Id bulletin;
  Id classification;
  Id title;
  std::uint8_t severity;  ///< Severity
  std::uint8_t state;     ///< UpdateState
  std::uint8_t pad[2];
};
struct AntivirusRecord {  ///< without the definition date (a dated column beside it)
  Id name;
  Id product_version;
  Id engine_version;
  Id definition_version;
  std::uint32_t resident;  ///< Tri
};
struct OsRecord {
  Id name;
  Id version;
  Id service_pack;
  Id arch;
};
struct AccountRecord {  ///< a password account, without last_changed (dated column)
  Id name;
  std::uint8_t blank;          ///< Tri
  std::uint8_t never_expires;  ///< Tri
  std::uint8_t pad[2];
};
struct NamedFlagRecord {  ///< a share (everyone_write), service (running) or firewall profile (enabled)
  Id name;
  std::uint32_t flag;  ///< Tri
};
struct DriveRecord {
  Id drive;
  std::uint8_t system;     ///< Tri
  std::uint8_t encrypted;  ///< Tri
  std::uint8_t pad[2];
};
struct FieldRecord {
  Id key;
  std::uint8_t kind;  ///< FieldValue::Kind
  std::uint8_t boolean;
  std::uint8_t pad[2];
  Id text;
  std::uint32_t number_bits[2];  ///< the double's bytes: -0.0 and 0.0 stay distinct
};

/// Everything shared between clients. Entries are never removed, so ids stay valid for the life
/// of the fleet and a judge's per-entry tables only ever grow.
struct Dictionaries {
  Interner program_names;
  Interner program_versions;
  Interner text;
  RecordDictionary<ProgramRecord> programs;
  RecordDictionary<UpdateRecordKey> updates;
  RecordDictionary<AntivirusRecord> antivirus;
  RecordDictionary<OsRecord> os;
  RecordDictionary<AccountRecord> accounts;
  RecordDictionary<NamedFlagRecord> shares;
  RecordDictionary<NamedFlagRecord> services;
  RecordDictionary<NamedFlagRecord> firewall;
  RecordDictionary<DriveRecord> drives;
  RecordDictionary<FieldRecord> fields;
  KnownTexts program_texts, update_texts, antivirus_texts{true};

  std::size_t memory() const noexcept;
};

/// Per-client lists as runs in one value column. A client's run is rewritten in place when the
/// new list is no longer; otherwise it moves to the end and the old run becomes garbage, which
/// compact() reclaims once it outweighs the live values.
class ListColumn {
 public:
  explicit ListColumn(bool dated = false) : dated_(dated) {}

  std::uint32_t begin(std::size_t client) const noexcept { return begin_[client]; }
  std::uint32_t count(std::size_t client) const noexcept { return count_[client]; }
  const Id* ids(std::size_t client) const noexcept { return values_.data() + begin_[client]; }
  const std::int32_t* dates(std::size_t client) const noexcept {
    return dates_.data() + begin_[client];
  }
  const std::vector<Id>& values() const noexcept { return values_; }
  const std::vector<std::int32_t>& date_values() const noexcept { return dates_; }

  /// Whether `n` more values fit (the column holds at most 2^32 − 1).
  bool fits(std::size_t n) const noexcept;
  /// Sets the client's list; a client number equal to the number of clients adds one. The values
  /// must fit. `dates` is read only by a dated column.
  void set(std::size_t client, const Id* ids, const std::int32_t* dates, std::size_t n);
  /// Client `from`'s run now belongs to client `to`; `from` (the last client) is dropped.
  void move_last(std::size_t from, std::size_t to) noexcept;
  void pop_back() noexcept;
  void clear() noexcept;
  /// Rewrites the runs in client order without garbage.
  void compact();
  std::size_t memory() const noexcept;

 private:
  bool dated_;
  std::vector<std::uint32_t> begin_, count_;
  std::vector<Id> values_;
  std::vector<std::int32_t> dates_;
  std::size_t garbage_ = 0;
};

/// Presence bits of a client (Impl::flags).
enum Presence : std::uint32_t {
  has_managed_false = 1u << 0,
  has_collected_at = 1u << 1,
  has_updates = 1u << 2,
  has_updates_scanned_at = 1u << 3,
  has_updates_complete = 1u << 4,
  has_software = 1u << 5,
  has_antivirus = 1u << 6,
  has_accounts = 1u << 7,
  has_passwords = 1u << 8,
  has_password_min_length = 1u << 9,
  has_password_accounts = 1u << 10,
  has_logon = 1u << 11,
  has_shares = 1u << 12,
  has_anonymous = 1u << 13,
  has_anonymous_restrict = 1u << 14,
  has_services = 1u << 15,
  has_firewall = 1u << 16,
  has_automatic_updates = 1u << 17,
  has_screensaver = 1u << 18,
  has_screensaver_timeout = 1u << 19,
  has_encryption = 1u << 20,
};

/// Makes room for `n` more elements, growing by a quarter rather than doubling: the columns are
/// most of a fleet's memory, and a quarter bounds the slack while keeping appends amortised O(1).
template <class Vector>
void reserve_more(Vector& v, std::size_t n) {
  if (v.size() + n <= v.capacity()) return;
  v.reserve(std::max(v.size() + n, v.capacity() + v.capacity() / 4 + 64));
}

/// "Absent" in the automatic-updates mode column.
inline constexpr std::uint8_t no_mode = 0xff;

}  // namespace posture::batch

namespace posture {

struct Fleet::Impl {
  /// Shared so that a judge can tell whether its per-entry tables were built for this fleet.
  std::shared_ptr<batch::Dictionaries> dict = std::make_shared<batch::Dictionaries>();

  // Identity. Asset numbers are unique per client and kept in an arena (asset_end[c] is the end
  // of client c's asset; runs of removed clients become garbage until compaction).
  std::string asset_arena;
  std::vector<std::uint64_t> asset_begin;
  std::vector<std::uint32_t> asset_size;
  std::vector<batch::Id> host, user, group, location, agent_version;
  batch::ListColumn ip, mac;
  std::vector<std::uint32_t> flags;  ///< batch::Presence bits
  std::vector<std::int64_t> collected_at;

  std::vector<batch::Id> os;  ///< no_id: no os section
  std::vector<std::int64_t> updates_scanned_at;
  std::vector<batch::Id> updates_source;
  batch::ListColumn updates;
  batch::ListColumn software;
  batch::ListColumn antivirus{true};

  // Settings: one column per scalar, lists as runs.
  std::vector<std::uint8_t> guest_enabled, admin_renamed;  ///< Tri
  std::vector<std::int64_t> password_min_length;
  std::vector<std::uint8_t> password_complexity;  ///< Tri
  batch::ListColumn password_accounts{true};
  std::vector<std::uint8_t> auto_logon, show_last_user;  ///< Tri
  batch::ListColumn shares;
  std::vector<std::int64_t> anonymous_restrict;
  batch::ListColumn services;
  batch::ListColumn firewall;
  std::vector<std::uint8_t> update_mode;  ///< AutoUpdateMode, or no_mode
  std::vector<std::uint8_t> screensaver_enabled, screensaver_password;  ///< Tri
  std::vector<std::int64_t> screensaver_timeout;
  batch::ListColumn drives;
  batch::ListColumn fields;

  std::vector<SnapshotDigest> digest;
  batch::ClientIndex by_asset;
  batch::ClientIndex by_digest;
  std::size_t asset_garbage = 0;
  /// Clients added by append() whose asset number another client has too.
  std::size_t duplicate_assets = 0;

  std::size_t size() const noexcept { return flags.size(); }
  std::string_view asset(std::size_t c) const noexcept {
    return {asset_arena.data() + asset_begin[c], asset_size[c]};
  }
  std::optional<std::uint32_t> find_asset(std::string_view asset) const noexcept;
};

}  // namespace posture
