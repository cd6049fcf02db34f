// Action selection (spec/actions.md §1–§4): records each client's judgments, decides per client
// which configured actions fire, groups the batched ones (administrator mail, command) per policy
// and level, and renders every text once the clients' states are final.
#include <algorithm>
#include <unordered_map>

#include "action/check.hpp"
#include "action/command_files.hpp"
#include "action/limits.hpp"
#include "action/render.hpp"
#include "posture/action.hpp"

namespace posture {
namespace {

using action::ClientView;
using action::RenderScope;
using action::TextKind;

// One client acted on in this run; its ClientView has the same index.
struct Work {
  std::size_t state = 0;  // index into Selection::states
  const Judgment* judgment = nullptr;
  const ActionPolicy* policy = nullptr;
  Level level = Level::safe;
};

// Clients sharing one batched action: a policy × level × kind.
struct Batch {
  const ActionPolicy* policy = nullptr;
  Level level = Level::safe;
  std::vector<std::size_t> works;
};

struct PerClient {
  std::size_t work = 0;
  const LevelActions* block = nullptr;
};

std::string condition_text(const ExecutionCondition& c, Level level) {
  const bool days = c.kind == ExecutionCondition::Kind::consecutive_days;
  return std::to_string(c.count) + (days ? " consecutive days" : " consecutive judgments") +
         " at " + std::string(level_title(level));
}

// Whether an action's execution condition holds, and the sentence saying so.
bool condition_met(const std::optional<ExecutionCondition>& own,
                   const std::optional<ExecutionCondition>& block, const ClientState& s,
                   Level level, std::string& why) {
  const std::optional<ExecutionCondition>& c = own ? own : block;
  if (!c) {
    why = "configured for " + std::string(level_title(level));
    return true;
  }
  const bool days = c->kind == ExecutionCondition::Kind::consecutive_days;
  const std::uint32_t have = days ? s.consecutive_days() : s.consecutive_times;
  if (have >= c->count) {
    why = condition_text(*c, level) + " reached (" + std::to_string(have) + ")";
    return true;
  }
  why = "needs " + condition_text(*c, level) + ", has " + std::to_string(have);
  return false;
}

// "YYYYMMDDhhmmss" of a timestamp.
std::string compact_time(Timestamp t) {
  std::string out;
  for (char c : format_timestamp(t))
    if (c >= '0' && c <= '9') out += c;
  return out;
}

std::string three_digits(std::size_t n) {
  std::string s = std::to_string(n);
  return s.size() < 3 ? std::string(3 - s.size(), '0') + s : s;
}

class Selector {
 public:
  Selector(const ActionPolicySet& policies, const SelectOptions& options,
           const ActionPolicy* forced)
      : policies_(policies), options_(options), forced_(forced) {}

  void client(std::vector<ClientState>& states, std::size_t si, std::vector<const Judgment*> js) {
    std::stable_sort(js.begin(), js.end(), [](const Judgment* a, const Judgment* b) {
      return a->reference_time < b->reference_time;
    });
    const std::optional<Timestamp> before = states[si].judged_at;
    for (const Judgment* j : js) states[si] = record_judgment(std::move(states[si]), *j);
    const Judgment& latest = *js.back();
    ClientState& s = states[si];

    ClientDecision d;
    d.asset = s.asset;
    d.level = latest.level;
    if (before && latest.reference_time < *before) {
      d.note = "the judgment of " + format_timestamp(latest.reference_time) +
               " is older than the last one recorded (" + format_timestamp(*before) +
               "): nothing selected";
      decisions_.push_back(std::move(d));
      return;
    }
    if (!latest.level) {
      d.note = "no level (status " + std::string(status_name(latest.status)) +
               "): no policy action applies";
      decisions_.push_back(std::move(d));
      return;
    }
    const ActionPolicy* policy = resolve(latest, s);
    if (policy == nullptr) {
      d.note = "action policy \"" + wanted(latest, s) + "\" does not exist: nothing selected";
      decisions_.push_back(std::move(d));
      return;
    }
    d.policy = policy->name;
    const Level level = *latest.level;
    const LevelActions* block = policy->at(level);
    if (block == nullptr || block->empty()) {
      d.note = "policy \"" + policy->name + "\" has no actions at " + std::string(level_title(level));
      decisions_.push_back(std::move(d));
      return;
    }

    const std::size_t w = works_.size();
    works_.push_back({si, &latest, policy, level});
    auto decide = [&](ActionKind kind, const std::optional<ExecutionCondition>& own) {
      ActionDecision a;
      a.kind = kind;
      a.selected = condition_met(own, block->condition, s, level, a.why);
      d.actions.push_back(std::move(a));
      return d.actions.back().selected;
    };

    if (block->notify_user && decide(ActionKind::notify_user, block->notify_user->condition))
      notifications_.push_back({w, block});
    if (block->email_admin && decide(ActionKind::email_admin, block->email_admin->condition))
      batch(mails_, policy, level, w);
    if (block->network && decide(ActionKind::network, block->network->condition))
      network(s, *block->network, w, d.actions.back());
    if (block->command && decide(ActionKind::command, block->command->condition))
      batch(commands_, policy, level, w);
    if (block->distribute && decide(ActionKind::distribute, block->distribute->condition))
      distribute(latest, *block->distribute, w, d.actions.back());
    if (block->event && decide(ActionKind::event, block->event->condition))
      events_.push_back({w, block});
    decisions_.push_back(std::move(d));
  }

  ActionPlan finish(const std::vector<ClientState>& states) {
    ActionPlan plan;
    for (const Work& w : works_)
      plan.run_time = std::max(plan.run_time, w.judgment->reference_time);
    views_.reserve(works_.size());
    for (const Work& w : works_)
      views_.push_back({&states[w.state], w.judgment, action::violation_lines(*w.judgment)});

    for (const PerClient& p : notifications_) plan.actions.emplace_back(notification(p));
    for (const PerClient& p : events_) plan.actions.emplace_back(event(p));
    for (const Batch& b : mails_) plan.actions.emplace_back(mail(b));
    for (std::size_t i = 0; i < commands_.size(); ++i)
      plan.actions.emplace_back(command(commands_[i], plan.run_time, i));
    for (Distribution& d : distributions_) plan.actions.emplace_back(std::move(d));
    for (NetworkStep& n : network_) plan.actions.emplace_back(std::move(n));
    plan.clients = std::move(decisions_);
    return plan;
  }

 private:
  std::string wanted(const Judgment& j, const ClientState& s) const {
    if (forced_ != nullptr) return forced_->name;
    if (!j.action_policy.empty()) return j.action_policy;
    if (!s.action_policy.empty()) return s.action_policy;
    return std::string(default_action_policy_name);
  }

  const ActionPolicy* resolve(const Judgment& j, const ClientState& s) const {
    return forced_ != nullptr ? forced_ : policies_.find(wanted(j, s));
  }

  static void batch(std::vector<Batch>& batches, const ActionPolicy* policy, Level level,
                    std::size_t w) {
    for (Batch& b : batches) {
      if (b.policy == policy && b.level == level) {
        b.works.push_back(w);
        return;
      }
    }
    batches.push_back({policy, level, {w}});
  }

  void network(ClientState& s, const NetworkAction& action, std::size_t w, ActionDecision& d) {
    QuarantineEvent e;
    e.kind = QuarantineEventKind::judged;
    e.control = action.control;
    const QuarantineState from = s.quarantine;
    NetworkOutcome o = apply_network_event(s, e);
    if (o.state.quarantine == from && o.changes.empty()) {
      d.selected = false;
      d.why = std::string(network_control_name(action.control)) + ": " + std::string(o.why);
      return;
    }
    d.why += "; " + std::string(quarantine_state_name(from)) + " → " +
             std::string(quarantine_state_name(o.state.quarantine)) + ": " + std::string(o.why);
    NetworkStep step;
    step.asset = s.asset;
    step.policy = works_[w].policy->name;
    step.level = works_[w].level;
    step.control = action.control;
    step.from = from;
    step.to = o.state.quarantine;
    step.changes = std::move(o.changes);
    s = std::move(o.state);
    network_.push_back(std::move(step));
  }

  void distribute(const Judgment& j, const DistributeAction& action, std::size_t w,
                  ActionDecision& d) {
    Distribution out;
    out.asset = j.asset;
    out.policy = works_[w].policy->name;
    out.level = works_[w].level;
    if (action.updates) out.updates = j.distribute;
    if (action.antivirus_definitions) {
      const ItemResult* av = j.item(Category::antivirus);
      out.antivirus_definitions =
          av != nullptr && (av->status == Status::unknown ||
                            (av->status == Status::judged && av->level && *av->level != Level::safe));
    }
    if (out.updates.empty() && !out.antivirus_definitions) {
      d.selected = false;
      d.why = "nothing to distribute: no distributable missing update" +
              std::string(action.antivirus_definitions ? " and the anti-virus item is Safe" : "");
      return;
    }
    std::sort(out.updates.begin(), out.updates.end());
    out.updates.erase(std::unique(out.updates.begin(), out.updates.end()), out.updates.end());
    distributions_.push_back(std::move(out));
  }

  RenderScope one(const PerClient& p) const {
    const Work& w = works_[p.work];
    return {w.policy->name, w.level, w.judgment->reference_time, {&views_[p.work], 1}};
  }

  UserNotification notification(const PerClient& p) const {
    const Work& w = works_[p.work];
    const NotifyUserAction& a = *p.block->notify_user;
    const RenderScope scope = one(p);
    UserNotification n;
    n.asset = views_[p.work].state->asset;
    n.policy = w.policy->name;
    n.level = w.level;
    n.title = action::render_text(a.title, TextKind::line, action::max_title_bytes, scope);
    n.text = action::render_text(a.text, TextKind::text, action::max_text_bytes, scope);
    if (a.html) n.html = action::render_text(*a.html, TextKind::html, action::max_html_bytes, scope);
    return n;
  }

  MonitoringEvent event(const PerClient& p) const {
    const Work& w = works_[p.work];
    const EventAction& a = *p.block->event;
    MonitoringEvent e;
    e.asset = views_[p.work].state->asset;
    e.policy = w.policy->name;
    e.level = w.level;
    e.severity = a.severity.value_or(default_event_severity(w.level));
    e.message = action::render_text(a.message, TextKind::line, action::max_event_bytes, one(p));
    return e;
  }

  // The clients of a batch, and the latest of their judgment times.
  std::vector<ClientView> members(const Batch& b, Timestamp& latest) const {
    std::vector<ClientView> out;
    for (std::size_t w : b.works) {
      out.push_back(views_[w]);
      latest = std::max(latest, works_[w].judgment->reference_time);
    }
    return out;
  }

  AdminEmail mail(const Batch& b) const {
    const EmailAdminAction& a = *b.policy->at(b.level)->email_admin;
    Timestamp latest;
    const std::vector<ClientView> clients = members(b, latest);
    const RenderScope scope{b.policy->name, b.level, latest, clients};
    AdminEmail m;
    m.policy = b.policy->name;
    m.level = b.level;
    for (const ClientView& c : clients) m.assets.push_back(c.state->asset);
    m.from = options_.mail_from;
    m.to = a.to;
    m.subject = action::render_text(a.subject, TextKind::line, action::max_subject_bytes, scope);
    m.body = action::render_text(a.body, TextKind::text, action::max_body_bytes, scope);
    return m;
  }

  CommandRun command(const Batch& b, Timestamp run_time, std::size_t number) const {
    const CommandAction& a = *b.policy->at(b.level)->command;
    Timestamp latest;
    const std::vector<ClientView> clients = members(b, latest);
    const RenderScope scope{b.policy->name, b.level, latest, clients};
    CommandRun run;
    run.policy = b.policy->name;
    run.level = b.level;
    for (const ClientView& c : clients) run.assets.push_back(c.state->asset);
    run.name = a.name;
    run.argv.push_back(a.program);
    if (!a.jp1_preset) {
      for (const Template& arg : a.args)
        for (std::string& v : action::render_argument(arg, action::max_argument_bytes, scope))
          run.argv.push_back(std::move(v));
      return run;
    }
    run.argv.push_back("-CSC_polname:" + action::one_line(b.policy->name, action::max_argument_bytes));
    run.argv.push_back("-CSC_level:" + std::string(level_title(b.level)));
    if (!a.pass_asset && a.pass_results == ResultDetail::none) return run;
    run.folder = compact_time(run_time) + three_digits(number);
    if (!options_.command_folder.empty()) {
      // A Windows path gets a Windows separator, as JP1/CSC - Manager's own folders do.
      const std::string& parent = options_.command_folder;
      const bool windows = parent.find('\\') != std::string::npos && parent.find('/') == std::string::npos;
      const char separator = windows ? '\\' : '/';
      run.folder = parent + (parent.back() == separator ? "" : std::string(1, separator)) + run.folder;
    }
    run.argv.push_back("-CSC_folder:" + run.folder);
    if (a.pass_asset) run.files.push_back(action::asset_information_file(clients));
    if (a.pass_results != ResultDetail::none) {
      run.argv.push_back("-CSC_result:" + std::string(result_detail_name(a.pass_results)));
      run.files.push_back(action::result_summary_file(clients));
      if (a.pass_results == ResultDetail::details)
        run.files.push_back(action::judgment_details_file(clients));
    }
    return run;
  }

  const ActionPolicySet& policies_;
  const SelectOptions& options_;
  const ActionPolicy* forced_;

  std::vector<Work> works_;
  std::vector<ClientView> views_;
  std::vector<ClientDecision> decisions_;
  std::vector<PerClient> notifications_;
  std::vector<PerClient> events_;
  std::vector<Batch> mails_;
  std::vector<Batch> commands_;
  std::vector<Distribution> distributions_;
  std::vector<NetworkStep> network_;
};

}  // namespace

result<Selection> select_actions(const ActionPolicySet& policies, std::span<const Judgment> judgments,
                                 std::span<const ClientState> states, const SelectOptions& options) {
  const ActionPolicy* forced = nullptr;
  if (!options.policy.empty()) {
    if (options.policy == initial_action_policy_name)
      return error(errc::invalid, "the Initial policy is a read-only template and cannot be used "
                                  "to act; copy it to a policy of your own");
    forced = policies.find(options.policy);
    if (forced == nullptr)
      return error(errc::not_found, "no action policy named \"" + options.policy + "\"");
  }
  if (!options.mail_from.empty() && !action::valid_mail_address(options.mail_from))
    return error(errc::invalid, "mail_from is not a mail address of at most 64 bytes");
  if (!options.command_folder.empty() &&
      std::any_of(options.command_folder.begin(), options.command_folder.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return error(errc::invalid, "command_folder contains control characters");

  Selection out;
  out.states.assign(states.begin(), states.end());
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < out.states.size(); ++i)
    if (!index.emplace(out.states[i].asset, i).second)
      return error(errc::invalid, "client \"" + out.states[i].asset + "\" has two states");

  // Group the judgments by client, in order of first appearance; new clients get a fresh state.
  std::vector<std::vector<const Judgment*>> per_state(out.states.size());
  std::vector<std::size_t> order;
  for (const Judgment& j : judgments) {
    auto it = index.find(j.asset);
    std::size_t si = 0;
    if (it == index.end()) {
      si = out.states.size();
      ClientState fresh;
      fresh.asset = j.asset;
      out.states.push_back(std::move(fresh));
      per_state.emplace_back();
      index.emplace(j.asset, si);
    } else {
      si = it->second;
    }
    if (per_state[si].empty()) order.push_back(si);
    per_state[si].push_back(&j);
  }

  Selector selector(policies, options, forced);
  for (std::size_t si : order) selector.client(out.states, si, std::move(per_state[si]));
  out.plan = selector.finish(out.states);
  return out;
}

}  // namespace posture
