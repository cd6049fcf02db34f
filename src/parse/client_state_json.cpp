// Client states as JSON ("posture-client-states/1"; docs/actions.md), so a host can keep them
// between runs. The writer emits every member and the reader takes every member back, so a state
// survives a round trip unchanged.
#include <array>
#include <unordered_map>

#include "parse/json_walker.hpp"
#include "parse/json_writer.hpp"
#include "parse/result_values.hpp"
#include "parse/snapshot_json.hpp"
#include "posture/client_state.hpp"

namespace posture::json {
namespace {

constexpr std::string_view kFormat = "posture-client-states/1";
constexpr std::array<std::string_view, 6> kQuarantine = {
    "unregistered", "permitted", "denied", "emergency_denied", "exempt", "removed"};

std::optional<std::vector<std::string>> as_string_list(Walker& w, const Node& n,
                                                       std::string_view name) {
  return w.strings(n, name, true);
}

std::optional<ItemLevel> as_item(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "item");
  if (!o.valid()) return std::nullopt;
  ItemLevel item;
  const bool whole = o.need("category", item.category, as_category);
  o.get("status", item.status, as_status);
  o.get("level", item.level, as_result_level);
  o.reject_unknown();
  if (!whole) return std::nullopt;
  return item;
}

std::optional<ClientState> as_client(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "client state");
  if (!o.valid()) return std::nullopt;
  ClientState s;
  const bool named = o.need("asset", s.asset, as_nonempty_string);
  o.get("host", s.host, as_string);
  o.get("user", s.user, as_string);
  o.get("group", s.group, as_string);
  o.get("ip", s.ip, as_string_list);
  o.get("mac", s.mac, as_string_list);
  o.get("os", s.os, as_string);
  o.get("location", s.location, as_string);
  o.get("managed", s.managed, as_bool);
  o.get("judged_at", s.judged_at, as_timestamp);
  o.get("status", s.status, as_status);
  o.get("level", s.level, as_result_level);
  o.get("items", s.items, list_of(as_item));
  o.get("inventory_digest", s.inventory_digest, as_string);
  if (const Node* c = o.optional("consecutive")) {
    ObjectReader co(w, *c, "consecutive", "consecutive counters");
    std::int64_t times = 0;
    if (co.get("times", times, as_count)) s.consecutive_times = static_cast<std::uint32_t>(times);
    co.get("since", s.consecutive_since, as_date);
    co.reject_unknown();
  }
  if (const Node* q = o.optional("quarantine"))
    if (auto i = w.one_of(*q, "quarantine", kQuarantine)) s.quarantine = static_cast<QuarantineState>(*i);
  o.get("judgment_policy", s.judgment_policy, as_string);
  o.get("action_policy", s.action_policy, as_string);
  o.reject_unknown();
  if (!named) return std::nullopt;
  return s;
}

result<std::vector<ClientState>> read_states(Walker& w, const Node& root, std::string_view) {
  ObjectReader o(w, root, "", "client state document");
  if (!o.valid()) return w.take_error();
  if (const Node* format = o.required("format")) {
    auto s = w.string(*format, "format");
    if (s && *s != kFormat)
      return error(errc::version,
                   "unsupported format " + quote(*s) + " (expected \"posture-client-states/1\")",
                   w.where(*format));
  }
  std::vector<ClientState> states;
  if (const Node* clients = o.required("clients")) {
    auto elements = w.array(*clients, "clients");
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const Node& node = w.tree().at(elements[i]);
      auto s = as_client(w, node, element_name("clients", i));
      if (!s) continue;
      if (!seen.emplace(s->asset, i).second) {
        w.report(errc::check, node, "client " + quote(s->asset) + " is listed twice");
        continue;
      }
      states.push_back(std::move(*s));
    }
  }
  o.reject_unknown();
  if (w.failed()) return w.take_error();
  return states;
}

void write_level(Writer& w, std::string_view key, const std::optional<Level>& level) {
  w.key(key);
  if (level)
    w.string(level_name(*level));
  else
    w.null();
}

void write_strings(Writer& w, std::string_view key, const std::vector<std::string>& values) {
  w.key(key);
  w.begin_array();
  for (const std::string& v : values) w.string(v);
  w.end_array();
}

void write_client(Writer& w, const ClientState& s) {
  w.begin_object();
  w.member("asset", s.asset);
  w.member("host", s.host);
  w.member("user", s.user);
  w.member("group", s.group);
  write_strings(w, "ip", s.ip);
  write_strings(w, "mac", s.mac);
  w.member("os", s.os);
  w.member("location", s.location);
  w.key("managed");
  w.boolean(s.managed);
  w.key("judged_at");
  if (s.judged_at)
    w.string(format_timestamp(*s.judged_at));
  else
    w.null();
  w.member("status", status_name(s.status));
  write_level(w, "level", s.level);
  w.key("items");
  w.begin_array();
  for (const ItemLevel& item : s.items) {
    w.begin_object();
    w.member("category", category_name(item.category));
    w.member("status", status_name(item.status));
    write_level(w, "level", item.level);
    w.end_object();
  }
  w.end_array();
  w.member("inventory_digest", s.inventory_digest);
  w.key("consecutive");
  w.begin_object();
  w.key("times");
  w.integer(s.consecutive_times);
  w.key("since");
  if (s.consecutive_since)
    w.string(format_date(*s.consecutive_since));
  else
    w.null();
  w.end_object();
  w.member("quarantine", quarantine_state_name(s.quarantine));
  w.member("judgment_policy", s.judgment_policy);
  w.member("action_policy", s.action_policy);
  w.end_object();
}

}  // namespace
}  // namespace posture::json

namespace posture {

result<std::vector<ClientState>> read_client_states_json(std::string_view text,
                                                         const ReadOptions& options) {
  return json::read_document(text, options, json::read_states);
}

std::string write_client_states_json(std::span<const ClientState> states, JsonStyle style) {
  json::Writer w(style);
  w.begin_object();
  w.member("format", json::kFormat);
  w.key("clients");
  w.begin_array();
  for (const ClientState& s : states) json::write_client(w, s);
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace posture
