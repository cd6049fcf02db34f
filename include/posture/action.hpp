// Action policies and action selection (spec/actions.md §1–§3): from a client's judgment to what
// should happen — notify the user, mail the administrators, permit or deny the network, run a
// command, distribute updates, raise a monitoring event.
//
// posture selects and prepares; the host performs. select_actions() is pure and deterministic:
// judgments and client states in, an ActionPlan (every mail rendered, every command an argv
// vector) and the new client states out; no clock, no I/O. Texts are rendered so that hostile
// inventory values cannot escape their place (docs/actions.md, "Injection safety").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "posture/client_state.hpp"
#include "posture/error.hpp"
#include "posture/io.hpp"
#include "posture/judgment.hpp"
#include "posture/level.hpp"
#include "posture/policy.hpp"
#include "posture/quarantine.hpp"
#include "posture/time.hpp"

namespace posture {

/// The six kinds of action. The numeric values appear in the C ABI and are never renumbered.
enum class ActionKind : std::uint8_t {
  notify_user = 0,
  email_admin = 1,
  network = 2,
  command = 3,
  distribute = 4,
  event = 5,
};
/// "notify_user", "email_admin", "network", "command", "distribute", "event".
std::string_view action_kind_name(ActionKind kind) noexcept;

// ---- templates -----------------------------------------------------------------------------------

/// The `%name%` variables of spec/actions.md §3.
enum class TemplateVar : std::uint8_t {
  judgedate = 0,   ///< reference time of the judgment ("2026-11-20T08:15:00Z")
  contdays = 1,    ///< consecutive days at the level
  conttimes = 2,   ///< consecutive judgments at the level
  asset = 3,
  host = 4,
  user = 5,
  group = 6,
  ip = 7,          ///< the client's IP addresses, ", "-separated
  mac = 8,         ///< the client's MAC addresses, ", "-separated
  level = 9,       ///< "Danger", "Warning", "Caution", "Safe"
  policy = 10,     ///< the action policy's name
  violations = 11, ///< one line per violating condition with its evidence
  count = 12,      ///< clients in a batch (admin mail, command)
};
std::string_view template_var_name(TemplateVar var) noexcept;  ///< without the percent signs
std::optional<TemplateVar> parse_template_var(std::string_view name) noexcept;
/// True for the variables that describe one client (asset, host, user, group, ip, mac, contdays,
/// conttimes, violations). In a batch text they mark the parts repeated once per client.
bool is_client_var(TemplateVar var) noexcept;

/// A text with `%name%` variables, split into literal runs and variables; `%%` is a literal '%'.
/// Thread safety: immutable.
class Template {
 public:
  struct Part {
    std::string literal;             ///< copied as is when `var` is empty
    std::optional<TemplateVar> var;  ///< substituted
  };

  Template() = default;

  /// Compiles `source`. Errors (errc::parse, all reported at once): an unknown variable, a '%'
  /// that opens no variable, invalid UTF-8. `start` is where `source` begins in its document;
  /// a problem k bytes into `source` is reported k columns further.
  static result<Template> compile(std::string_view source, const source_location& start = {});

  const std::string& source() const noexcept { return source_; }
  const std::vector<Part>& parts() const noexcept { return parts_; }
  const source_location& where() const noexcept { return where_; }
  bool empty() const noexcept { return source_.empty(); }
  bool uses(TemplateVar var) const noexcept;
  bool uses_client_vars() const noexcept;
  /// Bytes of literal text (what the template renders to with every variable empty).
  std::size_t literal_bytes() const noexcept;

 private:
  std::string source_;
  std::vector<Part> parts_;
  source_location where_;
};

// ---- the action policy model ---------------------------------------------------------------------

/// Fire only once the client has stayed at the level this long (JP1 "action execution condition").
struct ExecutionCondition {
  enum class Kind : std::uint8_t { consecutive_times = 0, consecutive_days = 1 };
  Kind kind = Kind::consecutive_times;
  std::uint32_t count = 1;  ///< 1–9999
  friend bool operator==(const ExecutionCondition&, const ExecutionCondition&) = default;
};

/// A message shown on the client. Limits: title 64 bytes, text 4096, html 32768.
struct NotifyUserAction {
  Template title;
  Template text;
  std::optional<Template> html;  ///< clients that can show HTML show it instead of `text`
  std::optional<ExecutionCondition> condition;
  origin where;
};

/// One mail per policy and level per run, listing every client concerned. Recipients are fixed
/// addresses (≤ 100, each ≤ 64 bytes); subject ≤ 64 bytes, body ≤ 4096.
struct EmailAdminAction {
  std::vector<std::string> to;
  Template subject;
  Template body;
  std::optional<ExecutionCondition> condition;
  origin where;
};

struct NetworkAction {
  NetworkControl control = NetworkControl::deny;
  std::optional<ExecutionCondition> condition;
  origin where;
};

/// Judgment results handed to a command (JP1 "Pass the judgment result", with "Details").
enum class ResultDetail : std::uint8_t { none = 0, summary = 1, details = 2 };
std::string_view result_detail_name(ResultDetail detail) noexcept;  ///< "none", "summary", "details"

/// One run per policy and level per run, listing every client concerned. The command is an argv
/// vector: `program`, then each argument rendered on its own. With the JP1 preset the arguments
/// are JP1/CSC's `-CSC_polname:… -CSC_level:… [-CSC_folder:… -CSC_result:…]`, and the asset
/// information and judgment result files are in the plan for the host to write into the folder.
struct CommandAction {
  std::string name;     ///< for people and logs (JP1 "Action name"); may be empty
  std::string program;  ///< path of the program; never run through a shell
  std::vector<Template> args;
  bool jp1_preset = false;
  bool pass_asset = false;                         ///< needs the JP1 preset
  ResultDetail pass_results = ResultDetail::none;  ///< needs the JP1 preset
  std::optional<ExecutionCondition> condition;
  origin where;
};

/// The treatment step: push the client's missing updates (Judgment::distribute) and/or anti-virus
/// definitions (sent when the client's anti-virus item is not Safe).
struct DistributeAction {
  bool updates = false;
  bool antivirus_definitions = false;
  std::optional<ExecutionCondition> condition;
  origin where;
};

/// Severity of a monitoring event, as JP1/IM grades them.
enum class EventSeverity : std::uint8_t { information = 0, notice = 1, warning = 2, error = 3, critical = 4 };
std::string_view event_severity_name(EventSeverity severity) noexcept;
std::optional<EventSeverity> parse_event_severity(std::string_view text) noexcept;
/// Danger → error, Warning → warning, Caution → notice, Safe → information.
EventSeverity default_event_severity(Level level) noexcept;

/// A structured event for the host's monitoring system (JP1/IM linkage); one per client. The
/// message is one line of at most 1024 bytes.
struct EventAction {
  Template message;
  std::optional<EventSeverity> severity;  ///< default: default_event_severity(level)
  std::optional<ExecutionCondition> condition;
  origin where;
};

/// What one level of a policy does. `condition` applies to every action of the block that has
/// none of its own.
struct LevelActions {
  std::optional<NotifyUserAction> notify_user;
  std::optional<EmailAdminAction> email_admin;
  std::optional<NetworkAction> network;
  std::optional<CommandAction> command;
  std::optional<DistributeAction> distribute;
  std::optional<EventAction> event;
  std::optional<ExecutionCondition> condition;
  origin where;

  bool empty() const noexcept;
};

/// Index of a level in ActionPolicy::levels: safe 0, caution 1, warning 2, danger 3.
constexpr std::size_t level_index(Level level) noexcept {
  return static_cast<std::size_t>(level_code(level) / 100 - 1);
}

/// A named action policy: one optional block per level, Safe included.
struct ActionPolicy {
  std::string name;
  std::array<std::optional<LevelActions>, 4> levels;
  bool read_only = false;  ///< the factory "Initial" policy
  origin where;

  const LevelActions* at(Level level) const noexcept;
};

inline constexpr std::string_view default_action_policy_name = "Default";
inline constexpr std::string_view initial_action_policy_name = "Initial";

/// The factory policy "Initial" (read-only; docs/actions.md gives its content): a user message
/// at Danger, Warning and Caution listing the violations; nothing at Safe; no mail, network
/// control, command or distribution, since those need the host's configuration.
ActionPolicy initial_action_policy();

/// Checked action policies with the presets: "Initial" always, and "Default" — a copy of
/// "Initial" unless the policies define their own. Thread safety: immutable.
class ActionPolicySet {
 public:
  /// The presets alone.
  ActionPolicySet();

  /// Checks every policy and reports every problem at once (errc::check), each at its element:
  /// names (non-empty, ≤ 128 bytes, unique, "Initial" reserved), variables a text may use
  /// (%count% only in batch texts; no per-client variable in a mail subject), literal text within
  /// the byte limits, no line break in one-line texts, recipient addresses, command settings, a
  /// distribution that distributes something, condition counts.
  static result<ActionPolicySet> create(std::vector<ActionPolicy> policies);

  const ActionPolicy* find(std::string_view name) const noexcept;
  /// Every policy: those given, in order, then the presets not overridden.
  const std::vector<ActionPolicy>& policies() const noexcept { return policies_; }

 private:
  std::vector<ActionPolicy> policies_;
};

/// Reads the `action_policies` array of a policy document (spec/formats.md §1), given as its exact
/// source text; `start` is where that text begins in its file, so diagnostics carry the file's
/// line and column. Unknown keys are errors; every problem is reported at once.
result<ActionPolicySet> read_action_policies_json(std::string_view array_text,
                                                  const source_location& start,
                                                  const ReadOptions& options = {});

/// The action policies of a policy set (PolicySet::action_policies_json; the presets alone when the
/// document has none), with the set's assignment table checked: every action policy it names,
/// and its default, must exist.
result<ActionPolicySet> read_action_policies(const PolicySet& set, const ReadOptions& options = {});

// ---- selection -----------------------------------------------------------------------------------

struct SelectOptions {
  /// Act with this policy for every client instead of the assigned one (JP1 cscaction -a).
  /// "Initial" is refused (errc::invalid), an unknown name is errc::not_found.
  std::string policy;
  /// Parent of the folders commands' files go to: "<command_folder>/<YYYYMMDDhhmmss><nnn>", the
  /// run time and the command's number in the run ('\\' instead of '/' when the parent is a
  /// Windows path). Empty: the bare folder name.
  std::string command_folder;
  /// Sender of administrator mails; empty leaves it to the host's mail settings.
  std::string mail_from;
};

/// A message for one client's user.
struct UserNotification {
  std::string asset;
  std::string policy;
  Level level = Level::safe;
  std::string title;
  std::string text;
  std::string html;  ///< empty when the policy has no HTML body
};

/// One administrator mail. `to` are blind copies (as JP1/CSC sends them).
struct AdminEmail {
  std::string policy;
  Level level = Level::safe;
  std::vector<std::string> assets;  ///< the clients it reports, in input order
  std::string from;
  std::vector<std::string> to;
  std::string subject;
  std::string body;
};

/// A file a command reads, for the host to write into the command's folder first.
struct PlanFile {
  std::string name;
  std::string content;
};

/// One command run. Execute `argv` directly (argv[0] is the program); never join it into a shell
/// line. When `files` is not empty, create `folder`, write them there, and remove it afterwards.
struct CommandRun {
  std::string policy;
  Level level = Level::safe;
  std::vector<std::string> assets;
  std::string name;
  std::vector<std::string> argv;
  std::string folder;
  std::vector<PlanFile> files;
};

/// What to push to one client.
struct Distribution {
  std::string asset;
  std::string policy;
  Level level = Level::safe;
  std::vector<std::string> updates;  ///< update ids, sorted
  bool antivirus_definitions = false;
};

/// A quarantine transition of one client, with the changes for the NAC connector.
struct NetworkStep {
  std::string asset;
  std::string policy;
  Level level = Level::safe;
  NetworkControl control = NetworkControl::deny;
  QuarantineState from = QuarantineState::unregistered;
  QuarantineState to = QuarantineState::unregistered;
  std::vector<ConnectionChange> changes;
};

/// A monitoring event about one client.
struct MonitoringEvent {
  std::string asset;
  std::string policy;
  Level level = Level::safe;
  EventSeverity severity = EventSeverity::information;
  std::string message;
};

using PlannedAction =
    std::variant<UserNotification, AdminEmail, CommandRun, Distribution, NetworkStep, MonitoringEvent>;
ActionKind action_kind(const PlannedAction& action) noexcept;

/// Whether one configured action was selected for a client, and why (in one sentence).
struct ActionDecision {
  ActionKind kind = ActionKind::notify_user;
  bool selected = false;
  std::string why;
};

/// What was decided for one client.
struct ClientDecision {
  std::string asset;
  std::string policy;           ///< the action policy used; empty when none could be
  std::optional<Level> level;
  std::string note;             ///< why nothing applies to the client at all, when so
  std::vector<ActionDecision> actions;
};

/// Everything to do, in the order to do it: user notifications, monitoring events, administrator
/// mails, commands, distributions, network changes — so that a user hears of a denial before it
/// cuts them off. Within a kind, clients and batches keep input order.
struct ActionPlan {
  Timestamp run_time;  ///< the latest reference time among the judgments acted on
  std::vector<PlannedAction> actions;
  std::vector<ClientDecision> clients;
};

struct Selection {
  ActionPlan plan;
  /// Every client's new state: the states given, in order, then clients first seen in `judgments`.
  std::vector<ClientState> states;
};

/// Selects actions for a run. Each client's judgments are recorded in reference-time order
/// (record_judgment); actions come from its latest one, through its action policy (options.policy,
/// else the judgment's action_policy, else the state's, else "Default"). A judgment older than the
/// one the state last recorded is stale and selects nothing. Per client: execution conditions read
/// the updated counters; the network action moves the quarantine state machine. Per policy and
/// level: one administrator mail and one command for all its clients.
/// Immediate mode calls this with each run's judgments; deferred mode records judgments as they
/// come (record_judgment) and calls this later with the latest ones — both select the same.
/// Errors only for options (see SelectOptions); problems of one client are in its decision.
result<Selection> select_actions(const ActionPolicySet& policies, std::span<const Judgment> judgments,
                                 std::span<const ClientState> states,
                                 const SelectOptions& options = {});

/// The plan as JSON ("posture-action-plan/1"), for a host script to execute.
std::string write_action_plan_json(const ActionPlan& plan, JsonStyle style = JsonStyle::pretty);

}  // namespace posture
