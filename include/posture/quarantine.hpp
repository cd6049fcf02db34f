// Quarantine (spec/actions.md §4): the per-client network-control state machine, the
// connection-control changes each transition hands to the host's NAC connector, identification of
// clients by MAC, IP or host name as JP1/CSC's cscnetctrl does, and the connection control list
// in JSON and in JP1/CSC's text formats (spec/formats.md §5).
//
// posture decides; the host performs. Nothing here talks to a switch: every function is pure and
// returns the changes to make, in the order to make them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "posture/client_state.hpp"
#include "posture/error.hpp"
#include "posture/io.hpp"

namespace posture {

/// What an action policy's `network` action asks for.
enum class NetworkControl : std::uint8_t { permit = 0, deny = 1 };
std::string_view network_control_name(NetworkControl control) noexcept;  ///< "permit", "deny"
std::optional<NetworkControl> parse_network_control(std::string_view text) noexcept;

/// What happens to a client, as far as network control is concerned.
enum class QuarantineEventKind : std::uint8_t {
  judged = 0,              ///< a judgment fired the policy's network action (`control`)
  admin_permit = 1,        ///< an administrator permits (the only event that ends an emergency)
  admin_deny = 2,          ///< an administrator denies
  emergency_deny = 3,      ///< an emergency order (JP1 cscnetctrl -r)
  register_permitted = 4,  ///< the client is on an imported permitted-PC list
  remove = 5,              ///< the asset is retired (`auto_refuse`: deny it first)
  set_exempt = 6,          ///< take the client out of control
  clear_exempt = 7,        ///< put an exempt client back under control (as unregistered)
};
/// "judged", "admin_permit", … as above.
std::string_view quarantine_event_name(QuarantineEventKind kind) noexcept;
std::optional<QuarantineEventKind> parse_quarantine_event(std::string_view text) noexcept;

struct QuarantineEvent {
  QuarantineEventKind kind = QuarantineEventKind::judged;
  NetworkControl control = NetworkControl::permit;  ///< for `judged`
  bool auto_refuse = false;                         ///< for `remove`
};

/// One operation on the NAC's connection control list.
enum class ControlOp : std::uint8_t {
  permit = 0,
  deny = 1,
  emergency_deny = 2,  ///< deny at once; the connector should not queue it
  remove_entry = 3,    ///< forget the client's entry (a retired asset)
};
/// "permit", "deny", "emergency_deny", "remove_entry".
std::string_view control_op_name(ControlOp op) noexcept;

/// The outcome of one event on one state: the new state, the list operations in order (at most
/// two: a removal with automatic refusal denies, then removes) and why, in one sentence.
struct QuarantineStep {
  QuarantineState to = QuarantineState::unregistered;
  std::vector<ControlOp> ops;
  std::string_view why;  ///< static text
};

/// The transition table of docs/actions.md. Total: every state accepts every event; an event that
/// does not apply leaves the state unchanged with no operations and says why.
QuarantineStep quarantine_step(QuarantineState from, const QuarantineEvent& event);

/// A change for the NAC connector. `asset` says whose change it is; `mac`, `ip` and `host` say
/// how the connector finds the client (any may be empty; a MAC is canonical "00:1A:2B:3C:4D:5E").
struct ConnectionChange {
  std::string asset;
  std::string mac;
  std::string ip;
  std::string host;
  ControlOp op = ControlOp::deny;
  friend bool operator==(const ConnectionChange&, const ConnectionChange&) = default;
};

/// The changes that carry `op` out for a client: one per MAC address (paired with the IP address
/// at the same position, if any), or, for a client without MAC, one by IP address and host name.
std::vector<ConnectionChange> connection_changes(const ClientState& client, ControlOp op);

/// An event applied to a client: its new state, the changes for the connector, and why.
struct NetworkOutcome {
  ClientState state;
  std::vector<ConnectionChange> changes;
  std::string_view why;
};
NetworkOutcome apply_network_event(ClientState client, const QuarantineEvent& event);

// ---- identification ------------------------------------------------------------------------------

/// The canonical form of a MAC address: 12 hex digits, upper case, ':' between pairs. Accepts the
/// digits with one kind of separator ('-', ':' or ' ') after every pair, or none.
std::optional<std::string> normalize_mac(std::string_view text);

/// True for a dotted IPv4 address: four decimal parts of 1–3 digits, each at most 255.
bool is_ipv4_address(std::string_view text) noexcept;

/// How an order names its clients: by asset number when one is given; otherwise as JP1 cscnetctrl
/// does, by MAC when one is given, else by IP address and/or host name (both must match when both
/// are given).
struct ClientKey {
  std::string mac;
  std::string ip;
  std::string host;
  std::string asset;
  bool empty() const noexcept { return mac.empty() && ip.empty() && host.empty() && asset.empty(); }
};

/// The positions of the clients `key` names, in order. Assets compare exactly, MACs in canonical
/// form, host names by the name rules (ASCII case-insensitive, trimmed).
std::vector<std::size_t> find_clients(std::span<const ClientState> clients, const ClientKey& key);

// ---- the connection control list -----------------------------------------------------------------

/// One entry of the connection control list.
struct ControlEntry {
  std::string mac;    ///< canonical, or empty when the client has none
  std::string ip;
  std::string host;
  std::string asset;  ///< empty in lists read from JP1 files
  NetworkControl control = NetworkControl::deny;
  bool emergency = false;  ///< denied by an emergency order
  friend bool operator==(const ControlEntry&, const ControlEntry&) = default;
};

struct ConnectionControlList {
  std::vector<ControlEntry> entries;
};

/// The list as network control should currently have it: the entries of every permitted, denied
/// and emergency-denied client (connection_changes' pairing), in client order.
ConnectionControlList connection_control_list(std::span<const ClientState> clients);

/// JSON form: {"format":"posture-connection-control/1","entries":[{"mac","ip","host","asset",
/// "control":"permit"|"deny","emergency":bool}]}.
std::string write_control_list_json(const ConnectionControlList& list,
                                    JsonStyle style = JsonStyle::pretty);
result<ConnectionControlList> read_control_list_json(std::string_view text,
                                                     const ReadOptions& options = {});

/// JP1/CSC's import/export file for the connection control list (cscrimport/cscrexport):
/// `MAC,IP,status` per line, status 1 deny and 2 permit, CRLF. Writing skips entries without a
/// MAC (the format identifies clients by MAC) and writes an emergency denial as a denial. Reading
/// accepts quoted or bare fields and the MAC forms of normalize_mac.
std::string write_control_list_jp1(const ConnectionControlList& list);
result<ConnectionControlList> read_control_list_jp1(std::string_view text,
                                                    const ReadOptions& options = {});

/// JP1/CSC's network connection control list file (cscnetctrl -f): `MAC,IP,host` per line, any
/// field may be empty but not all three. Returns one key per line.
result<std::vector<ClientKey>> read_client_keys_jp1(std::string_view text,
                                                    const ReadOptions& options = {});

/// Orders applied to known clients.
struct OrderResult {
  std::vector<ClientState> clients;       ///< every client, updated
  std::vector<ConnectionChange> changes;  ///< in order
  std::vector<std::size_t> unmatched;     ///< positions of the keys or entries that named no client
};

/// Applies `event` to every client each key names (find_clients), key by key.
OrderResult apply_orders(std::vector<ClientState> clients, std::span<const ClientKey> keys,
                         const QuarantineEvent& event);

/// A list imported into known clients: each entry is an administrator's order for the clients it
/// names (permit → admin_permit, deny → admin_deny, emergency → emergency_deny).
OrderResult import_control_list(std::vector<ClientState> clients, const ConnectionControlList& list);

/// Connection changes for a NAC connector, as JSON: {"format":"posture-connection-changes/1",
/// "changes":[{"asset","mac","ip","host","op"}]}.
std::string write_connection_changes_json(std::span<const ConnectionChange> changes,
                                          JsonStyle style = JsonStyle::pretty);

}  // namespace posture
