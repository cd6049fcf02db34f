// One client on its way into the fleet's columns: what a Snapshot or a JSON Lines record becomes
// once its strings and records are dictionary-encoded. The JSON reader reuses one row for every
// record, so that reading a fleet allocates only while the lists grow to their largest.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "batch/fleet_impl.hpp"

namespace posture::batch {

struct ClientRow {
  std::string_view asset;  ///< borrowed until the row is stored
  Id host = no_id, user = no_id, group = no_id, location = no_id, agent_version = no_id;
  std::vector<Id> ip, mac;
  std::uint32_t flags = 0;
  std::int64_t collected_at = 0;

  Id os = no_id;
  std::int64_t updates_scanned_at = 0;
  Id updates_source = no_id;
  std::vector<Id> updates, software;
  std::vector<Id> antivirus;
  std::vector<std::int32_t> antivirus_dates;

  std::uint8_t guest_enabled = tri_absent, admin_renamed = tri_absent;
  std::int64_t password_min_length = 0;
  std::uint8_t password_complexity = tri_absent;
  std::vector<Id> password_accounts;
  std::vector<std::int32_t> password_dates;
  std::uint8_t auto_logon = tri_absent, show_last_user = tri_absent;
  std::vector<Id> shares;
  std::int64_t anonymous_restrict = 0;
  std::vector<Id> services, firewall;
  std::uint8_t update_mode = no_mode;
  std::uint8_t screensaver_enabled = tri_absent, screensaver_password = tri_absent;
  std::int64_t screensaver_timeout = 0;
  std::vector<Id> drives, fields;

  SnapshotDigest digest;

  /// Empties the row for the next client, keeping the lists' capacity.
  void reset() noexcept;
};

/// Dictionary-encodes a snapshot into `row` (which borrows `snapshot.asset`). False when a
/// dictionary is full.
bool encode(const Snapshot& snapshot, Dictionaries& dict, ClientRow& row);

/// Parts of a snapshot, for rebuilding only what a reader will look at.
enum Section : unsigned {
  section_identity = 1u << 0,  ///< asset, host, user, group, addresses, managed, times, agent
  section_os = 1u << 1,
  section_updates = 1u << 2,
  section_software = 1u << 3,
  section_antivirus = 1u << 4,
  section_settings = 1u << 5,
  section_fields = 1u << 6,
  section_all = (1u << 7) - 1,
};

/// Rebuilds client `client`'s snapshot from the columns.
Snapshot decode(const Fleet::Impl& fleet, std::size_t client);
/// Rebuilds the `sections` of client `client`'s snapshot into `out`, reusing its storage; the
/// other sections of `out` are left as they were.
void decode_into(const Fleet::Impl& fleet, std::size_t client, unsigned sections, Snapshot& out);

enum class StoreMode : std::uint8_t { upsert, append };
/// Writes `row` into the columns: replaces the client with the row's asset number (upsert), or
/// adds a client. Returns the client's number; errc::limit (fleet unchanged) when a column is full.
result<std::size_t> store(Fleet::Impl& fleet, const ClientRow& row, StoreMode mode);

}  // namespace posture::batch
