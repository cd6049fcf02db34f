// The action plan as JSON ("posture-action-plan/1"; docs/actions.md): what a host script reads
// to carry out a run, in order, and why each action was or was not selected.
#include "parse/connection_change_json.hpp"
#include "parse/json_writer.hpp"
#include "posture/action.hpp"

namespace posture::json {
namespace {

void strings(Writer& w, std::string_view key, const std::vector<std::string>& values) {
  w.key(key);
  w.begin_array();
  for (const std::string& v : values) w.string(v);
  w.end_array();
}

void head(Writer& w, ActionKind kind, std::string_view policy, Level level) {
  w.member("kind", action_kind_name(kind));
  w.member("policy", policy);
  w.member("level", level_name(level));
}

struct ActionWriter {
  Writer& w;

  void operator()(const UserNotification& a) const {
    head(w, ActionKind::notify_user, a.policy, a.level);
    w.member("asset", a.asset);
    w.member("title", a.title);
    w.member("text", a.text);
    w.member("html", a.html);
  }
  void operator()(const AdminEmail& a) const {
    head(w, ActionKind::email_admin, a.policy, a.level);
    strings(w, "assets", a.assets);
    w.member("from", a.from);
    strings(w, "to", a.to);
    w.member("subject", a.subject);
    w.member("body", a.body);
  }
  void operator()(const CommandRun& a) const {
    head(w, ActionKind::command, a.policy, a.level);
    strings(w, "assets", a.assets);
    w.member("name", a.name);
    strings(w, "argv", a.argv);
    w.member("folder", a.folder);
    w.key("files");
    w.begin_array();
    for (const PlanFile& f : a.files) {
      w.begin_object();
      w.member("name", f.name);
      w.member("content", f.content);
      w.end_object();
    }
    w.end_array();
  }
  void operator()(const Distribution& a) const {
    head(w, ActionKind::distribute, a.policy, a.level);
    w.member("asset", a.asset);
    strings(w, "updates", a.updates);
    w.key("antivirus_definitions");
    w.boolean(a.antivirus_definitions);
  }
  void operator()(const NetworkStep& a) const {
    head(w, ActionKind::network, a.policy, a.level);
    w.member("asset", a.asset);
    w.member("control", network_control_name(a.control));
    w.member("from", quarantine_state_name(a.from));
    w.member("to", quarantine_state_name(a.to));
    w.key("changes");
    w.begin_array();
    for (const ConnectionChange& c : a.changes) write_change(w, c);
    w.end_array();
  }
  void operator()(const MonitoringEvent& a) const {
    head(w, ActionKind::event, a.policy, a.level);
    w.member("asset", a.asset);
    w.member("severity", event_severity_name(a.severity));
    w.member("message", a.message);
  }
};

}  // namespace
}  // namespace posture::json

namespace posture {

std::string write_action_plan_json(const ActionPlan& plan, JsonStyle style) {
  json::Writer w(style);
  w.begin_object();
  w.member("format", "posture-action-plan/1");
  w.member("run_time", format_timestamp(plan.run_time));
  w.key("actions");
  w.begin_array();
  for (const PlannedAction& a : plan.actions) {
    w.begin_object();
    std::visit(json::ActionWriter{w}, a);
    w.end_object();
  }
  w.end_array();
  w.key("clients");
  w.begin_array();
  for (const ClientDecision& c : plan.clients) {
    w.begin_object();
    w.member("asset", c.asset);
    w.member("policy", c.policy);
    w.key("level");
    if (c.level)
      w.string(level_name(*c.level));
    else
      w.null();
    w.member("note", c.note);
    w.key("actions");
    w.begin_array();
    for (const ActionDecision& d : c.actions) {
      w.begin_object();
      w.member("kind", action_kind_name(d.kind));
      w.key("selected");
      w.boolean(d.selected);
      w.member("why", d.why);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace posture
