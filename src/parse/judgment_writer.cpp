// Writes a judgment (spec/formats.md §3). Absent level and points are null so that every record
// of a JSON Lines stream has the same keys; `unknown_as_level` appears only when set, and
// `action_policy` only when one was assigned.
#include "parse/json_writer.hpp"
#include "posture/io.hpp"

namespace posture {
namespace {

void write_level(json::Writer& w, const std::optional<Level>& level) {
  w.key("level");
  if (!level) {
    w.null();
    return;
  }
  w.begin_object();
  w.member("name", level_name(*level));
  w.key("code");
  w.integer(level_code(*level));
  w.end_object();
}

void write_condition(json::Writer& w, const ConditionResult& c) {
  w.begin_object();
  w.member("name", c.name);
  w.member("status", status_name(c.status));
  write_level(w, c.level);
  w.key("evidence");
  w.begin_object();
  for (const auto& e : c.evidence) w.member(e.key, e.value);
  w.end_object();
  w.end_object();
}

void write_item(json::Writer& w, const ItemResult& item) {
  w.begin_object();
  w.member("category", category_name(item.category));
  w.member("status", status_name(item.status));
  write_level(w, item.level);
  if (item.unknown_as_level) {
    w.key("unknown_as_level");
    w.boolean(true);
  }
  w.key("conditions");
  w.begin_array();
  for (const auto& c : item.conditions) write_condition(w, c);
  w.end_array();
  w.end_object();
}

}  // namespace

std::string write_judgment_json(const Judgment& j, JsonStyle style) {
  json::Writer w(style);
  w.begin_object();
  w.member("asset", j.asset);
  w.member("policy", j.policy);
  if (!j.action_policy.empty()) w.member("action_policy", j.action_policy);
  w.member("reference_time", format_timestamp(j.reference_time));
  w.member("status", status_name(j.status));
  write_level(w, j.level);
  w.key("points");
  if (j.points)
    w.integer(*j.points);
  else
    w.null();
  w.key("items");
  w.begin_array();
  for (const auto& item : j.items) write_item(w, item);
  w.end_array();
  w.key("distribute");
  w.begin_array();
  for (const auto& id : j.distribute) w.string(id);
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace posture
