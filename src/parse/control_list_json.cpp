// The connection control list as JSON ("posture-connection-control/1"), and connection changes
// for a NAC connector ("posture-connection-changes/1"; docs/actions.md).
#include <array>

#include "parse/connection_change_json.hpp"
#include "parse/json_walker.hpp"
#include "parse/json_writer.hpp"
#include "posture/quarantine.hpp"

namespace posture::json {
namespace {

constexpr std::string_view kFormat = "posture-connection-control/1";
constexpr std::array<std::string_view, 2> kControls = {"permit", "deny"};

std::optional<ControlEntry> as_entry(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "connection control entry");
  if (!o.valid()) return std::nullopt;
  ControlEntry e;
  bool whole = true;
  if (const Node* mac = o.optional("mac")) {
    auto text = w.string(*mac, "mac");
    auto canonical = text && !text->empty() ? normalize_mac(*text) : std::optional<std::string>("");
    if (text && !canonical)
      w.report(errc::parse, *mac, "expected a MAC address of 12 hex digits for \"mac\"");
    whole = whole && canonical.has_value();
    if (canonical) e.mac = std::move(*canonical);
  }
  o.get("ip", e.ip, as_string);
  o.get("host", e.host, as_string);
  o.get("asset", e.asset, as_string);
  if (const Node* c = o.required("control")) {
    auto i = w.one_of(*c, "control", kControls);
    if (i) e.control = static_cast<NetworkControl>(*i);
    whole = whole && i.has_value();
  } else {
    whole = false;
  }
  o.get("emergency", e.emergency, as_bool);
  o.reject_unknown();
  if (whole && e.mac.empty() && e.ip.empty() && e.host.empty()) {
    w.report(errc::parse, n, "an entry names its client by mac, ip or host");
    whole = false;
  }
  if (whole && e.emergency && e.control != NetworkControl::deny) {
    w.report(errc::parse, n, "only a denial can be an emergency");
    whole = false;
  }
  if (!whole) return std::nullopt;
  return e;
}

result<ConnectionControlList> read_list(Walker& w, const Node& root, std::string_view) {
  ObjectReader o(w, root, "", "connection control list");
  if (!o.valid()) return w.take_error();
  if (const Node* format = o.required("format")) {
    auto s = w.string(*format, "format");
    if (s && *s != kFormat)
      return error(errc::version,
                   "unsupported format " + quote(*s) +
                       " (expected \"posture-connection-control/1\")",
                   w.where(*format));
  }
  ConnectionControlList list;
  o.need("entries", list.entries, list_of(as_entry));
  o.reject_unknown();
  if (w.failed()) return w.take_error();
  return list;
}

}  // namespace

void write_change(Writer& w, const ConnectionChange& change) {
  w.begin_object();
  w.member("asset", change.asset);
  w.member("mac", change.mac);
  w.member("ip", change.ip);
  w.member("host", change.host);
  w.member("op", control_op_name(change.op));
  w.end_object();
}

}  // namespace posture::json

namespace posture {

std::string write_control_list_json(const ConnectionControlList& list, JsonStyle style) {
  json::Writer w(style);
  w.begin_object();
  w.member("format", json::kFormat);
  w.key("entries");
  w.begin_array();
  for (const ControlEntry& e : list.entries) {
    w.begin_object();
    w.member("mac", e.mac);
    w.member("ip", e.ip);
    w.member("host", e.host);
    w.member("asset", e.asset);
    w.member("control", network_control_name(e.control));
    w.key("emergency");
    w.boolean(e.emergency);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

std::string write_connection_changes_json(std::span<const ConnectionChange> changes,
                                          JsonStyle style) {
  json::Writer w(style);
  w.begin_object();
  w.member("format", "posture-connection-changes/1");
  w.key("changes");
  w.begin_array();
  for (const ConnectionChange& c : changes) json::write_change(w, c);
  w.end_array();
  w.end_object();
  return w.take();
}

result<ConnectionControlList> read_control_list_json(std::string_view text,
                                                     const ReadOptions& options) {
  return json::read_document(text, options, json::read_list);
}

}  // namespace posture
