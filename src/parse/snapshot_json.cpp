#include "parse/snapshot_json.hpp"

#include <unordered_map>

#include "parse/json_writer.hpp"
#include "posture/io.hpp"
#include "posture/name.hpp"

namespace posture::json {
namespace {

constexpr std::string_view kFormat = "posture-inventory/1";
constexpr std::size_t kMaxAsset = 120;
constexpr std::size_t kMaxGroup = 1024;

FieldValue field_value(const Tree& tree, const Node& n) {
  switch (n.kind) {
    case Kind::null: return FieldValue::of_null();
    case Kind::boolean: return FieldValue::of_bool(n.boolean);
    case Kind::integer:
    case Kind::number: return FieldValue::of_number(tree.number(n));
    case Kind::string: return FieldValue::of_string(std::string(tree.text(n)));
    case Kind::array:
    case Kind::object: break;
  }
  Writer compact(JsonStyle::compact);
  compact.value(tree, n);
  return FieldValue::of_json(compact.take());
}

// Collects `fields` entries and unknown top-level keys in document order. A name in both places
// would make the snapshot ambiguous; a name repeated within one object is already reported as a
// duplicate key.
class FieldCollector {
 public:
  FieldCollector(Walker& w, Snapshot& s) : w_(w), s_(s) {}

  void add(const Node& object, const Node& key, const Node& value) {
    std::string_view name = w_.tree().text(key);
    auto [it, fresh] = seen_.emplace(name, &object);
    if (!fresh) {
      if (it->second != &object)
        w_.report(errc::check, key, "field " + quote(name) + " is given twice");
      return;
    }
    s_.fields.emplace_back(std::string(name), field_value(w_.tree(), value));
  }

 private:
  Walker& w_;
  Snapshot& s_;
  std::unordered_map<std::string_view, const Node*> seen_;  // name → object it came from
};

std::optional<std::string> as_asset(Walker& w, const Node& n, std::string_view name) {
  auto s = w.nonempty_string(n, name);
  if (s && s->size() > kMaxAsset) {
    w.report(errc::parse, n,
             "\"asset\" must be at most 120 bytes, got " + std::to_string(s->size()));
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> as_group(Walker& w, const Node& n, std::string_view name) {
  auto s = w.string(n, name);
  if (s && s->size() > kMaxGroup) {
    w.report(errc::parse, n,
             "\"group\" must be at most 1024 bytes, got " + std::to_string(s->size()));
    return std::nullopt;
  }
  return s;
}

std::optional<std::vector<std::string>> as_addresses(Walker& w, const Node& n,
                                                     std::string_view name) {
  return w.strings(n, name, true);
}

}  // namespace

result<Snapshot> read_snapshot(Walker& w, const Node& root, std::string_view) {
  ObjectReader o(w, root, "", "snapshot");
  if (!o.valid()) return w.take_error();
  if (const Node* format = o.optional("format")) {
    auto s = w.string(*format, "format");
    if (s && *s != kFormat)
      return error(errc::version,
                   "unsupported format " + quote(*s) + " (expected \"posture-inventory/1\")",
                   w.where(*format));
  }
  Snapshot snap;
  o.need("asset", snap.asset, as_asset);
  o.get("host", snap.host, as_string);
  o.get("user", snap.user, as_string);
  o.get("group", snap.group, as_group);
  o.get("ip", snap.ip, as_addresses);
  o.get("mac", snap.mac, as_addresses);
  o.get("location", snap.location, as_string);
  o.get("collected_at", snap.collected_at, as_timestamp);
  o.get("agent_version", snap.agent_version, as_string);
  o.get("managed", snap.managed, as_bool);
  o.get("os", snap.os, as_os);
  o.get("updates", snap.updates, as_updates);
  o.get("software", snap.software, as_software);
  o.get("antivirus", snap.antivirus, as_antivirus_products);
  o.get("settings", snap.settings, as_settings);

  FieldCollector fields(w, snap);
  bool fields_seen = false;
  for (std::size_t i = 0; i < o.size(); ++i) {
    if (o.used(i)) continue;
    if (o.key(i) != "fields") {
      fields.add(root, o.key_node(i), o.value(i));
    } else if (!fields_seen) {  // a repeated "fields" key is already reported as a duplicate
      fields_seen = true;
      const Node& value = o.value(i);
      if (value.kind == Kind::null) continue;
      ObjectReader f(w, value, "fields", "fields");
      for (std::size_t j = 0; j < f.size(); ++j) fields.add(value, f.key_node(j), f.value(j));
    }
  }
  if (w.failed()) return w.take_error();
  return snap;
}

}  // namespace posture::json

namespace posture {

result<Snapshot> read_snapshot_json(std::string_view text, const ReadOptions& options) {
  return json::read_document(text, options, json::read_snapshot);
}

}  // namespace posture
