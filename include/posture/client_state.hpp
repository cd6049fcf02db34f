// What posture remembers about one client between runs (spec/actions.md §5): its identity as last
// reported, its last judgment, the consecutive-level counters that execution conditions read, its
// quarantine state and its assigned policies. A plain value: hosts keep it themselves (as JSON,
// below) or in the store, pass it to select_actions() and keep the new value it returns.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/io.hpp"
#include "posture/judgment.hpp"
#include "posture/level.hpp"
#include "posture/time.hpp"

namespace posture {

/// A client's place in network control (spec/actions.md §4). The numeric values appear in the C
/// ABI and are never renumbered.
enum class QuarantineState : std::uint8_t {
  unregistered = 0,      ///< never seen by network control
  permitted = 1,         ///< may use the corporate network
  denied = 2,            ///< isolated by policy or administrator
  emergency_denied = 3,  ///< isolated by an emergency order; only an explicit permit clears it
  exempt = 4,            ///< outside control (management disabled, fixed device, kept MAC)
  removed = 5,           ///< retired asset; its control entry is gone
};
/// "unregistered", "permitted", "denied", "emergency_denied", "exempt", "removed".
std::string_view quarantine_state_name(QuarantineState state) noexcept;
std::optional<QuarantineState> parse_quarantine_state(std::string_view text) noexcept;

/// One judgment item's outcome as remembered.
struct ItemLevel {
  Category category = Category::security_updates;
  Status status = Status::judged;
  std::optional<Level> level;
  friend bool operator==(const ItemLevel&, const ItemLevel&) = default;
};

/// Everything kept per client. A default-constructed state (with an asset) is a client posture has
/// never seen: not judged, unregistered, managed.
struct ClientState {
  std::string asset;

  // Identity as last reported (observe_snapshot); network control and templates use it.
  std::string host;
  std::string user;
  std::string group;
  std::vector<std::string> ip;
  std::vector<std::string> mac;
  std::string os;
  std::string location;
  bool managed = true;  ///< security management enabled

  // The last judgment recorded (record_judgment).
  std::optional<Timestamp> judged_at;
  Status status = Status::not_judged;
  std::optional<Level> level;
  std::vector<ItemLevel> items;
  std::string inventory_digest;  ///< the host's digest of the inventory last judged; opaque here

  // Consecutive-level counters: how many judgments in a row, and since which day, the client has
  // been at `level`. Both are reset by a judgment at another level or without a level.
  std::uint32_t consecutive_times = 0;
  std::optional<Date> consecutive_since;

  QuarantineState quarantine = QuarantineState::unregistered;

  // Assigned policies (empty: the engine's defaults).
  std::string judgment_policy;
  std::string action_policy;

  /// Calendar days the client has been at `level`, counting the first and the last judgment's day
  /// (judged Danger on the 1st and again on the 3rd: 3). 0 when there is no run.
  std::uint32_t consecutive_days() const noexcept;

  friend bool operator==(const ClientState&, const ClientState&) = default;
};

/// Takes the client's identity (host, user, group, addresses, OS name, location) and its
/// management flag from a snapshot of it.
void observe_snapshot(ClientState& state, const Snapshot& snapshot);

/// The state after a judgment of the client: last level, items and time, and the consecutive
/// counters advanced (same level: one more time; another level or none: a new run). A judgment
/// counts once: one whose reference time is not later than the last recorded one leaves the state
/// as it is, so recording and then selecting from the same judgment (deferred mode) does not count
/// it twice. The asset must match (otherwise the state is returned unchanged).
ClientState record_judgment(ClientState state, const Judgment& judgment);

/// Positions of client states by asset number, for a host that observes or records its fleet one
/// client at a time. Of two states of one asset the first is found, as everywhere else.
using StateIndex = std::unordered_map<std::string, std::size_t>;
StateIndex index_states(std::span<const ClientState> states);

/// The state of `asset` in `states`, appended (the asset set, the rest empty) when absent;
/// `index` (from index_states) follows what this adds. Anything else that changes `states` must
/// rebuild the index.
ClientState& state_of(std::vector<ClientState>& states, StateIndex& index, const std::string& asset);

/// Reads a client state document ("posture-client-states/1": {"format", "clients": [state, …]}).
/// Every problem is reported with its line and column; unknown keys are errors; an asset listed
/// twice is an error.
result<std::vector<ClientState>> read_client_states_json(std::string_view text,
                                                         const ReadOptions& options = {});

/// Writes states in the format read_client_states_json reads (round-trips exactly).
std::string write_client_states_json(std::span<const ClientState> states,
                                     JsonStyle style = JsonStyle::pretty);

}  // namespace posture
