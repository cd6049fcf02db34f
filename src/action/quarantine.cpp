// The quarantine state machine (spec/actions.md §4). The table is docs/actions.md's, row by row;
// it is total, so an event that does not apply is a no-op that says why rather than an error.
#include "posture/quarantine.hpp"

namespace posture {
namespace {

using S = QuarantineState;
using E = QuarantineEventKind;

constexpr std::string_view event_names[] = {"judged",         "admin_permit",       "admin_deny",
                                            "emergency_deny", "register_permitted", "remove",
                                            "set_exempt",     "clear_exempt"};

QuarantineStep stay(S s, std::string_view why) { return {s, {}, why}; }
QuarantineStep go(S to, ControlOp op, std::string_view why) { return {to, {op}, why}; }

QuarantineStep judged(S from, NetworkControl control) {
  switch (from) {
    case S::emergency_denied:
      return stay(from, "an emergency denial is cleared only by an explicit permit");
    case S::exempt: return stay(from, "exempt clients are outside network control");
    case S::removed: return stay(from, "the asset is retired; judgments do not register it again");
    default: break;
  }
  if (control == NetworkControl::permit) {
    if (from == S::permitted) return stay(from, "already permitted");
    return go(S::permitted, ControlOp::permit,
              from == S::denied ? "the judgment permits: the client recovers"
                                : "the judgment permits: the client is registered as permitted");
  }
  if (from == S::denied) return stay(from, "already denied");
  return go(S::denied, ControlOp::deny, "the judgment denies: the client is isolated");
}

QuarantineStep retire(S from, bool auto_refuse) {
  switch (from) {
    case S::unregistered: return stay(S::removed, "nothing was registered; the asset is retired");
    case S::permitted:
      if (auto_refuse)
        return {S::removed, {ControlOp::deny, ControlOp::remove_entry},
                "the asset is retired: denied first (automatic refusal), then its entry removed"};
      return go(S::removed, ControlOp::remove_entry, "the asset is retired: its entry is removed");
    case S::denied:
    case S::emergency_denied:
      return go(S::removed, ControlOp::remove_entry, "the asset is retired: its entry is removed");
    case S::exempt:
      return stay(from, "exempt clients keep their entry (fixed devices, MACs kept from deletion)");
    case S::removed: return stay(from, "already removed");
  }
  return stay(from, "already removed");
}

}  // namespace

std::string_view network_control_name(NetworkControl control) noexcept {
  return control == NetworkControl::permit ? "permit" : "deny";
}

std::optional<NetworkControl> parse_network_control(std::string_view text) noexcept {
  if (text == "permit") return NetworkControl::permit;
  if (text == "deny") return NetworkControl::deny;
  return std::nullopt;
}

std::string_view quarantine_event_name(QuarantineEventKind kind) noexcept {
  const auto i = static_cast<std::size_t>(kind);
  return i < std::size(event_names) ? event_names[i] : event_names[0];
}

std::optional<QuarantineEventKind> parse_quarantine_event(std::string_view text) noexcept {
  for (std::size_t i = 0; i < std::size(event_names); ++i)
    if (text == event_names[i]) return static_cast<QuarantineEventKind>(i);
  return std::nullopt;
}

std::string_view control_op_name(ControlOp op) noexcept {
  switch (op) {
    case ControlOp::permit: return "permit";
    case ControlOp::deny: return "deny";
    case ControlOp::emergency_deny: return "emergency_deny";
    case ControlOp::remove_entry: return "remove_entry";
  }
  return "deny";
}

QuarantineStep quarantine_step(QuarantineState from, const QuarantineEvent& event) {
  switch (event.kind) {
    case E::judged: return judged(from, event.control);
    case E::admin_permit:
      if (from == S::permitted) return stay(from, "already permitted");
      return go(S::permitted, ControlOp::permit, "an administrator permits");
    case E::admin_deny:
      if (from == S::denied) return stay(from, "already denied");
      if (from == S::emergency_denied)
        return stay(from, "already denied by an emergency order, which stays in force");
      return go(S::denied, ControlOp::deny, "an administrator denies");
    case E::emergency_deny:
      if (from == S::emergency_denied) return stay(from, "already denied by an emergency order");
      return go(S::emergency_denied, ControlOp::emergency_deny, "an emergency order denies at once");
    case E::register_permitted:
      if (from == S::unregistered || from == S::removed)
        return go(S::permitted, ControlOp::permit, "registered from the permitted-PC list");
      if (from == S::exempt) return stay(from, "exempt clients are outside network control");
      return stay(from, "already under network control; registration changes nothing");
    case E::remove: return retire(from, event.auto_refuse);
    case E::set_exempt:
      if (from == S::exempt) return stay(from, "already exempt");
      if (from == S::emergency_denied)
        return stay(from, "an emergency denial is cleared only by an explicit permit");
      if (from == S::denied)
        return go(S::exempt, ControlOp::permit, "exempt clients are outside control and admitted");
      return stay(S::exempt, "now outside network control");
    case E::clear_exempt:
      if (from != S::exempt) return stay(from, "not exempt");
      return stay(S::unregistered, "back under control; the next judgment or order decides");
  }
  return stay(from, "unknown event");
}

std::vector<ConnectionChange> connection_changes(const ClientState& client, ControlOp op) {
  std::vector<ConnectionChange> out;
  for (std::size_t i = 0; i < client.mac.size(); ++i) {
    ConnectionChange c;
    c.asset = client.asset;
    c.mac = normalize_mac(client.mac[i]).value_or(client.mac[i]);
    if (i < client.ip.size()) c.ip = client.ip[i];
    c.host = client.host;
    c.op = op;
    out.push_back(std::move(c));
  }
  if (out.empty()) {
    ConnectionChange c;
    c.asset = client.asset;
    if (!client.ip.empty()) c.ip = client.ip.front();
    c.host = client.host;
    c.op = op;
    out.push_back(std::move(c));
  }
  return out;
}

NetworkOutcome apply_network_event(ClientState client, const QuarantineEvent& event) {
  const QuarantineStep step = quarantine_step(client.quarantine, event);
  NetworkOutcome out;
  for (ControlOp op : step.ops) {
    auto changes = connection_changes(client, op);
    out.changes.insert(out.changes.end(), changes.begin(), changes.end());
  }
  client.quarantine = step.to;
  out.state = std::move(client);
  out.why = step.why;
  return out;
}

}  // namespace posture
