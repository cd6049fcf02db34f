// Identification of clients by MAC, IP address or host name (JP1 cscnetctrl), and the connection
// control list as a value: derived from client states, and imported back as orders.
#include <algorithm>

#include "posture/name.hpp"
#include "posture/quarantine.hpp"

namespace posture {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool has_ip(const ClientState& c, std::string_view ip) {
  return std::any_of(c.ip.begin(), c.ip.end(),
                     [ip](const std::string& x) { return trim_space(x) == ip; });
}

bool has_mac(const ClientState& c, std::string_view canonical) {
  return std::any_of(c.mac.begin(), c.mac.end(), [canonical](const std::string& x) {
    auto m = normalize_mac(x);
    return m && *m == canonical;
  });
}

}  // namespace

std::optional<std::string> normalize_mac(std::string_view text) {
  text = trim_space(text);
  std::size_t step = 0;
  if (text.size() == 12) {
    step = 2;
  } else if (text.size() == 17) {
    step = 3;
    const char sep = text[2];
    if (sep != '-' && sep != ':' && sep != ' ') return std::nullopt;
    for (std::size_t i = 2; i < text.size(); i += 3)
      if (text[i] != sep) return std::nullopt;
  } else {
    return std::nullopt;
  }
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += step) {
    const int hi = hex_value(text[i]);
    const int lo = hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    if (!out.empty()) out += ':';
    out += digits[hi];
    out += digits[lo];
  }
  return out;
}

bool is_ipv4_address(std::string_view text) noexcept {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    int value = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
      value = value * 10 + (text[i++] - '0');
      ++digits;
    }
    if (digits == 0 || digits > 3 || value > 255) return false;
    if (++parts == 4) return i == text.size();
    if (i >= text.size() || text[i] != '.') return false;
    ++i;
  }
}

std::vector<std::size_t> find_clients(std::span<const ClientState> clients, const ClientKey& key) {
  std::vector<std::size_t> found;
  if (key.empty()) return found;
  std::optional<std::string> mac;
  if (!key.mac.empty()) {
    mac = normalize_mac(key.mac);
    if (!mac) return found;
  }
  const std::string_view ip = trim_space(key.ip);
  for (std::size_t i = 0; i < clients.size(); ++i) {
    const ClientState& c = clients[i];
    bool match = false;
    if (!key.asset.empty()) {
      match = c.asset == key.asset;
    } else if (mac) {
      match = has_mac(c, *mac);
    } else {
      match = (ip.empty() || has_ip(c, ip)) && (key.host.empty() || names_equal(c.host, key.host));
    }
    if (match) found.push_back(i);
  }
  return found;
}

ConnectionControlList connection_control_list(std::span<const ClientState> clients) {
  ConnectionControlList list;
  for (const ClientState& c : clients) {
    NetworkControl control = NetworkControl::deny;
    bool emergency = false;
    switch (c.quarantine) {
      case QuarantineState::permitted: control = NetworkControl::permit; break;
      case QuarantineState::denied: break;
      case QuarantineState::emergency_denied: emergency = true; break;
      default: continue;
    }
    for (const ConnectionChange& where : connection_changes(c, ControlOp::deny))
      list.entries.push_back({where.mac, where.ip, where.host, c.asset, control, emergency});
  }
  return list;
}

namespace {

void order(OrderResult& out, const std::vector<std::size_t>& found, const QuarantineEvent& event) {
  for (std::size_t i : found) {
    NetworkOutcome o = apply_network_event(std::move(out.clients[i]), event);
    out.clients[i] = std::move(o.state);
    out.changes.insert(out.changes.end(), o.changes.begin(), o.changes.end());
  }
}

}  // namespace

OrderResult apply_orders(std::vector<ClientState> clients, std::span<const ClientKey> keys,
                         const QuarantineEvent& event) {
  OrderResult out;
  out.clients = std::move(clients);
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::vector<std::size_t> found = find_clients(out.clients, keys[k]);
    if (found.empty()) out.unmatched.push_back(k);
    order(out, found, event);
  }
  return out;
}

OrderResult import_control_list(std::vector<ClientState> clients, const ConnectionControlList& list) {
  OrderResult out;
  out.clients = std::move(clients);
  for (std::size_t e = 0; e < list.entries.size(); ++e) {
    const ControlEntry& entry = list.entries[e];
    const std::vector<std::size_t> found = find_clients(out.clients, {entry.mac, entry.ip, entry.host, {}});
    if (found.empty()) out.unmatched.push_back(e);
    QuarantineEvent event;
    event.kind = entry.control == NetworkControl::permit ? QuarantineEventKind::admin_permit
                 : entry.emergency                       ? QuarantineEventKind::emergency_deny
                                                         : QuarantineEventKind::admin_deny;
    order(out, found, event);
  }
  return out;
}

}  // namespace posture
