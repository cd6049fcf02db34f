// Names of the action module's enumerations, as they appear in JSON and in messages.
#include "posture/action.hpp"

namespace posture {
namespace {

constexpr std::string_view var_names[] = {"judgedate", "contdays", "conttimes", "asset", "host",
                                          "user",      "group",    "ip",        "mac",   "level",
                                          "policy",    "violations", "count"};

constexpr std::string_view severity_names[] = {"information", "notice", "warning", "error",
                                               "critical"};

}  // namespace

std::string_view action_kind_name(ActionKind kind) noexcept {
  switch (kind) {
    case ActionKind::notify_user: return "notify_user";
    case ActionKind::email_admin: return "email_admin";
    case ActionKind::network: return "network";
    case ActionKind::command: return "command";
    case ActionKind::distribute: return "distribute";
    case ActionKind::event: return "event";
  }
  return "notify_user";
}

std::string_view template_var_name(TemplateVar var) noexcept {
  const auto i = static_cast<std::size_t>(var);
  return i < std::size(var_names) ? var_names[i] : std::string_view{};
}

std::optional<TemplateVar> parse_template_var(std::string_view name) noexcept {
  for (std::size_t i = 0; i < std::size(var_names); ++i)
    if (name == var_names[i]) return static_cast<TemplateVar>(i);
  return std::nullopt;
}

bool is_client_var(TemplateVar var) noexcept {
  switch (var) {
    case TemplateVar::asset:
    case TemplateVar::host:
    case TemplateVar::user:
    case TemplateVar::group:
    case TemplateVar::ip:
    case TemplateVar::mac:
    case TemplateVar::contdays:
    case TemplateVar::conttimes:
    case TemplateVar::violations: return true;
    case TemplateVar::judgedate:
    case TemplateVar::level:
    case TemplateVar::policy:
    case TemplateVar::count: return false;
  }
  return false;
}

std::string_view result_detail_name(ResultDetail detail) noexcept {
  switch (detail) {
    case ResultDetail::none: return "none";
    case ResultDetail::summary: return "summary";
    case ResultDetail::details: return "details";
  }
  return "none";
}

std::string_view event_severity_name(EventSeverity severity) noexcept {
  const auto i = static_cast<std::size_t>(severity);
  return i < std::size(severity_names) ? severity_names[i] : severity_names[0];
}

std::optional<EventSeverity> parse_event_severity(std::string_view text) noexcept {
  for (std::size_t i = 0; i < std::size(severity_names); ++i)
    if (text == severity_names[i]) return static_cast<EventSeverity>(i);
  return std::nullopt;
}

EventSeverity default_event_severity(Level level) noexcept {
  switch (level) {
    case Level::safe: return EventSeverity::information;
    case Level::caution: return EventSeverity::notice;
    case Level::warning: return EventSeverity::warning;
    case Level::danger: return EventSeverity::error;
  }
  return EventSeverity::information;
}

ActionKind action_kind(const PlannedAction& action) noexcept {
  struct Kind {
    ActionKind operator()(const UserNotification&) const noexcept { return ActionKind::notify_user; }
    ActionKind operator()(const AdminEmail&) const noexcept { return ActionKind::email_admin; }
    ActionKind operator()(const CommandRun&) const noexcept { return ActionKind::command; }
    ActionKind operator()(const Distribution&) const noexcept { return ActionKind::distribute; }
    ActionKind operator()(const NetworkStep&) const noexcept { return ActionKind::network; }
    ActionKind operator()(const MonitoringEvent&) const noexcept { return ActionKind::event; }
  };
  return std::visit(Kind{}, action);
}

}  // namespace posture
