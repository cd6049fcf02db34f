// Action policies, selection and the action plan (docs/actions.md). A thin face over
// posture::read_action_policies, select_actions and write_action_plan_json: the plan handle keeps
// the C++ Selection as it is and only adds C views of it.
#include <memory>
#include <type_traits>

#include "handles.hpp"
#include "posture/io.hpp"
#include "posture/name.hpp"

using posture::capi::fail;
using posture::capi::guarded;
using posture::capi::succeed;

namespace posture::capi {

std::optional<posture::JsonStyle> json_style(int style) noexcept {
  if (style == POSTURE_JSON_COMPACT) return posture::JsonStyle::compact;
  if (style == POSTURE_JSON_PRETTY) return posture::JsonStyle::pretty;
  return std::nullopt;
}

std::vector<posture_connection_change> change_views(
    const std::vector<posture::ConnectionChange>& changes) {
  std::vector<posture_connection_change> views;
  views.reserve(changes.size());
  for (const auto& c : changes)
    views.push_back({static_cast<int>(c.op), c.asset.c_str(), c.mac.c_str(), c.ip.c_str(),
                     c.host.c_str()});
  return views;
}

}  // namespace posture::capi

namespace {

using posture::capi::change_views;

std::vector<std::vector<posture_connection_change>> plan_change_views(const posture::ActionPlan& p) {
  std::vector<std::vector<posture_connection_change>> out(p.actions.size());
  for (std::size_t i = 0; i < p.actions.size(); ++i)
    if (const auto* step = std::get_if<posture::NetworkStep>(&p.actions[i]))
      out[i] = change_views(step->changes);
  return out;
}

}  // namespace

posture_action_plan::posture_action_plan(posture::Selection s)
    : selection(std::move(s)), changes(plan_change_views(selection.plan)) {}

namespace {

// An optional C string of the options, copied; fails on invalid UTF-8 so that a name or a folder
// never reaches the C++ side half-decoded.
int option_text(const char* value, const char* what, std::string& out) {
  if (!value) return POSTURE_OK;
  const std::string_view v(value);
  if (!posture::valid_utf8(v))
    return fail(POSTURE_EPARSE, std::string("posture_action_select: ") + what + " is not valid UTF-8");
  out = std::string(v);
  return POSTURE_OK;
}

int select_options(const posture_action_options* options, posture::SelectOptions& out) {
  if (!options) return POSTURE_OK;
  if (options->version == 0 || options->version > POSTURE_ACTION_OPTIONS_VERSION)
    return fail(POSTURE_EVERSION, "posture_action_select: unsupported options version");
  if (int rc = option_text(options->policy, "options->policy", out.policy)) return rc;
  if (int rc = option_text(options->command_folder, "options->command_folder", out.command_folder))
    return rc;
  return option_text(options->mail_from, "options->mail_from", out.mail_from);
}

int select_into(posture_action_plan** out, const posture_action_policies* policies,
                std::span<const posture::Judgment> judgments, const posture_client_states* states,
                const posture::SelectOptions& options) {
  static const std::vector<posture::ClientState> none;
  auto selected =
      posture::select_actions(policies->set, judgments, states ? states->states : none, options);
  if (!selected) return fail(selected.err());
  *out = new posture_action_plan(std::move(*selected));
  return succeed();
}

const posture::PlannedAction* action_at(const posture_action_plan* plan, size_t action) noexcept {
  if (!plan || action >= plan->selection.plan.actions.size()) return nullptr;
  return &plan->selection.plan.actions[action];
}

template <class T>
const T* action_as(const posture_action_plan* plan, size_t action) noexcept {
  const auto* a = action_at(plan, action);
  return a ? std::get_if<T>(a) : nullptr;
}

// Mails and commands report every client of their batch; the other kinds one client.
std::span<const std::string> assets_of(const posture::PlannedAction& a) noexcept {
  return std::visit(
      [](const auto& x) -> std::span<const std::string> {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, posture::AdminEmail> || std::is_same_v<T, posture::CommandRun>)
          return x.assets;
        else
          return {&x.asset, 1};
      },
      a);
}

const char* item(const std::vector<std::string>* list, size_t index) noexcept {
  return list && index < list->size() ? (*list)[index].c_str() : nullptr;
}

const posture::ClientDecision* client_at(const posture_action_plan* plan, size_t client) noexcept {
  if (!plan || client >= plan->selection.plan.clients.size()) return nullptr;
  return &plan->selection.plan.clients[client];
}

const posture::ActionDecision* decision_at(const posture_action_plan* plan, size_t client,
                                           size_t decision) noexcept {
  const auto* c = client_at(plan, client);
  return c && decision < c->actions.size() ? &c->actions[decision] : nullptr;
}

int level_code(const std::optional<posture::Level>& l) noexcept {
  return l ? posture::level_code(*l) : POSTURE_LEVEL_NONE;
}

// A lazily built JSON text of a const handle, behind the exception firewall.
template <class Handle, class Write>
const char* lazy_json(const char* fn, const Handle* h, posture::capi::LazyJson Handle::*cache,
                      int style, size_t* len_out, Write write) {
  if (len_out) *len_out = 0;
  const char* result = nullptr;
  guarded([&]() -> int {
    if (!h) return fail(POSTURE_EINVALID, std::string(fn) + ": handle is NULL");
    const auto s = posture::capi::json_style(style);
    if (!s) return fail(POSTURE_EINVALID, std::string(fn) + ": unknown style");
    const std::string& text = (h->*cache).get(*s, [&](posture::JsonStyle js) { return write(*h, js); });
    result = text.c_str();
    if (len_out) *len_out = text.size();
    return succeed();
  });
  return result;
}

}  // namespace

extern "C" {

const char* posture_action_kind_name(int kind) {
  if (kind < 0 || kind > static_cast<int>(posture::ActionKind::event)) return "";
  return posture::action_kind_name(static_cast<posture::ActionKind>(kind)).data();
}

const char* posture_severity_name(int severity) {
  if (severity < 0 || severity > static_cast<int>(posture::EventSeverity::critical)) return "";
  return posture::event_severity_name(static_cast<posture::EventSeverity>(severity)).data();
}

int posture_action_policies_new(posture_action_policies** out, const posture_engine* engine) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_action_policies_new: out is NULL");
    *out = nullptr;
    if (!engine) return fail(POSTURE_EINVALID, "posture_action_policies_new: engine is NULL");
    auto read = posture::read_action_policies(engine->engine.policies());
    if (!read) return fail(read.err());
    *out = new posture_action_policies{std::move(*read)};
    return succeed();
  });
}

void posture_action_policies_free(posture_action_policies* policies) { delete policies; }

size_t posture_action_policies_count(const posture_action_policies* policies) {
  return policies ? policies->set.policies().size() : 0;
}

const char* posture_action_policies_name(const posture_action_policies* policies, size_t index) {
  if (!policies || index >= policies->set.policies().size()) return nullptr;
  return policies->set.policies()[index].name.c_str();
}

int posture_action_options_init(posture_action_options* opts, unsigned int version) {
  if (!opts) return fail(POSTURE_EINVALID, "posture_action_options_init: opts is NULL");
  if (version == 0 || version > POSTURE_ACTION_OPTIONS_VERSION)
    return fail(POSTURE_EVERSION, "posture_action_options_init: unsupported options version");
  *opts = posture_action_options POSTURE_ACTION_OPTIONS_INIT;
  opts->version = version;
  return succeed();
}

int posture_action_select(posture_action_plan** out, const posture_action_policies* policies,
                          const posture_judgment* const* judgments, size_t judgment_count,
                          const posture_client_states* states,
                          const posture_action_options* options) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_action_select: out is NULL");
    *out = nullptr;
    if (!policies || (!judgments && judgment_count))
      return fail(POSTURE_EINVALID, "posture_action_select: NULL argument");
    posture::SelectOptions opts;
    if (int rc = select_options(options, opts)) return rc;
    std::vector<posture::Judgment> js;
    js.reserve(judgment_count);
    for (size_t i = 0; i < judgment_count; ++i) {
      if (!judgments[i])
        return fail(POSTURE_EINVALID,
                    "posture_action_select: judgment " + std::to_string(i) + " is NULL");
      js.push_back(judgments[i]->judgment);
    }
    return select_into(out, policies, js, states, opts);
  });
}

int posture_action_select_json(posture_action_plan** out, const posture_action_policies* policies,
                               const char* judgments, size_t len,
                               const posture_client_states* states,
                               const posture_action_options* options) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_action_select_json: out is NULL");
    *out = nullptr;
    if (!policies || (!judgments && len))
      return fail(POSTURE_EINVALID, "posture_action_select_json: NULL argument");
    posture::SelectOptions opts;
    if (int rc = select_options(options, opts)) return rc;
    auto js = posture::read_judgments_json(std::string_view(judgments ? judgments : "", len));
    if (!js) return fail(js.err());
    return select_into(out, policies, *js, states, opts);
  });
}

void posture_action_plan_free(posture_action_plan* plan) { delete plan; }

const char* posture_action_plan_json(const posture_action_plan* plan, int style, size_t* len_out) {
  return lazy_json("posture_action_plan_json", plan, &posture_action_plan::json, style, len_out,
                   [](const posture_action_plan& p, posture::JsonStyle s) {
                     return posture::write_action_plan_json(p.selection.plan, s);
                   });
}

const char* posture_action_plan_states_json(const posture_action_plan* plan, int style,
                                            size_t* len_out) {
  return lazy_json("posture_action_plan_states_json", plan, &posture_action_plan::states_json,
                   style, len_out, [](const posture_action_plan& p, posture::JsonStyle s) {
                     return posture::write_client_states_json(p.selection.states, s);
                   });
}

int posture_action_plan_states(posture_client_states** out, const posture_action_plan* plan) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_action_plan_states: out is NULL");
    *out = nullptr;
    if (!plan) return fail(POSTURE_EINVALID, "posture_action_plan_states: plan is NULL");
    auto states = std::make_unique<posture_client_states>();
    states->states = plan->selection.states;
    *out = states.release();
    return succeed();
  });
}

int64_t posture_action_plan_run_time(const posture_action_plan* plan) {
  return plan ? plan->selection.plan.run_time.seconds : 0;
}

size_t posture_action_plan_count(const posture_action_plan* plan) {
  return plan ? plan->selection.plan.actions.size() : 0;
}

int posture_action_plan_kind(const posture_action_plan* plan, size_t action) {
  const auto* a = action_at(plan, action);
  return a ? static_cast<int>(posture::action_kind(*a)) : -1;
}

int posture_action_plan_level(const posture_action_plan* plan, size_t action) {
  const auto* a = action_at(plan, action);
  if (!a) return POSTURE_LEVEL_NONE;
  return std::visit([](const auto& x) { return posture::level_code(x.level); }, *a);
}

const char* posture_action_plan_policy(const posture_action_plan* plan, size_t action) {
  const auto* a = action_at(plan, action);
  if (!a) return nullptr;
  return std::visit([](const auto& x) { return x.policy.c_str(); }, *a);
}

size_t posture_action_plan_asset_count(const posture_action_plan* plan, size_t action) {
  const auto* a = action_at(plan, action);
  return a ? assets_of(*a).size() : 0;
}

const char* posture_action_plan_asset(const posture_action_plan* plan, size_t action, size_t index) {
  const auto* a = action_at(plan, action);
  if (!a) return nullptr;
  const auto assets = assets_of(*a);
  return index < assets.size() ? assets[index].c_str() : nullptr;
}

const char* posture_action_plan_title(const posture_action_plan* plan, size_t action) {
  const auto* n = action_as<posture::UserNotification>(plan, action);
  return n ? n->title.c_str() : nullptr;
}
const char* posture_action_plan_text(const posture_action_plan* plan, size_t action) {
  const auto* n = action_as<posture::UserNotification>(plan, action);
  return n ? n->text.c_str() : nullptr;
}
const char* posture_action_plan_html(const posture_action_plan* plan, size_t action) {
  const auto* n = action_as<posture::UserNotification>(plan, action);
  return n ? n->html.c_str() : nullptr;
}

const char* posture_action_plan_mail_from(const posture_action_plan* plan, size_t action) {
  const auto* m = action_as<posture::AdminEmail>(plan, action);
  return m ? m->from.c_str() : nullptr;
}
size_t posture_action_plan_recipient_count(const posture_action_plan* plan, size_t action) {
  const auto* m = action_as<posture::AdminEmail>(plan, action);
  return m ? m->to.size() : 0;
}
const char* posture_action_plan_recipient(const posture_action_plan* plan, size_t action,
                                          size_t index) {
  const auto* m = action_as<posture::AdminEmail>(plan, action);
  return item(m ? &m->to : nullptr, index);
}
const char* posture_action_plan_subject(const posture_action_plan* plan, size_t action) {
  const auto* m = action_as<posture::AdminEmail>(plan, action);
  return m ? m->subject.c_str() : nullptr;
}
const char* posture_action_plan_body(const posture_action_plan* plan, size_t action) {
  const auto* m = action_as<posture::AdminEmail>(plan, action);
  return m ? m->body.c_str() : nullptr;
}

const char* posture_action_plan_command_name(const posture_action_plan* plan, size_t action) {
  const auto* c = action_as<posture::CommandRun>(plan, action);
  return c ? c->name.c_str() : nullptr;
}
size_t posture_action_plan_argc(const posture_action_plan* plan, size_t action) {
  const auto* c = action_as<posture::CommandRun>(plan, action);
  return c ? c->argv.size() : 0;
}
const char* posture_action_plan_argv(const posture_action_plan* plan, size_t action, size_t index) {
  const auto* c = action_as<posture::CommandRun>(plan, action);
  return item(c ? &c->argv : nullptr, index);
}
const char* posture_action_plan_folder(const posture_action_plan* plan, size_t action) {
  const auto* c = action_as<posture::CommandRun>(plan, action);
  return c ? c->folder.c_str() : nullptr;
}
size_t posture_action_plan_file_count(const posture_action_plan* plan, size_t action) {
  const auto* c = action_as<posture::CommandRun>(plan, action);
  return c ? c->files.size() : 0;
}
const char* posture_action_plan_file_name(const posture_action_plan* plan, size_t action,
                                          size_t index) {
  const auto* c = action_as<posture::CommandRun>(plan, action);
  return c && index < c->files.size() ? c->files[index].name.c_str() : nullptr;
}
const char* posture_action_plan_file_content(const posture_action_plan* plan, size_t action,
                                             size_t index, size_t* len_out) {
  if (len_out) *len_out = 0;
  const auto* c = action_as<posture::CommandRun>(plan, action);
  if (!c || index >= c->files.size()) return nullptr;
  if (len_out) *len_out = c->files[index].content.size();
  return c->files[index].content.c_str();
}

size_t posture_action_plan_update_count(const posture_action_plan* plan, size_t action) {
  const auto* d = action_as<posture::Distribution>(plan, action);
  return d ? d->updates.size() : 0;
}
const char* posture_action_plan_update(const posture_action_plan* plan, size_t action,
                                       size_t index) {
  const auto* d = action_as<posture::Distribution>(plan, action);
  return item(d ? &d->updates : nullptr, index);
}
int posture_action_plan_antivirus_definitions(const posture_action_plan* plan, size_t action) {
  const auto* d = action_as<posture::Distribution>(plan, action);
  return d ? (d->antivirus_definitions ? 1 : 0) : -1;
}

int posture_action_plan_network_control(const posture_action_plan* plan, size_t action) {
  const auto* n = action_as<posture::NetworkStep>(plan, action);
  return n ? static_cast<int>(n->control) : -1;
}
int posture_action_plan_quarantine_from(const posture_action_plan* plan, size_t action) {
  const auto* n = action_as<posture::NetworkStep>(plan, action);
  return n ? static_cast<int>(n->from) : -1;
}
int posture_action_plan_quarantine_to(const posture_action_plan* plan, size_t action) {
  const auto* n = action_as<posture::NetworkStep>(plan, action);
  return n ? static_cast<int>(n->to) : -1;
}
size_t posture_action_plan_change_count(const posture_action_plan* plan, size_t action) {
  return action_as<posture::NetworkStep>(plan, action) ? plan->changes[action].size() : 0;
}
const posture_connection_change* posture_action_plan_change(const posture_action_plan* plan,
                                                            size_t action, size_t index) {
  if (!action_as<posture::NetworkStep>(plan, action) || index >= plan->changes[action].size())
    return nullptr;
  return &plan->changes[action][index];
}

int posture_action_plan_severity(const posture_action_plan* plan, size_t action) {
  const auto* e = action_as<posture::MonitoringEvent>(plan, action);
  return e ? static_cast<int>(e->severity) : -1;
}
const char* posture_action_plan_message(const posture_action_plan* plan, size_t action) {
  const auto* e = action_as<posture::MonitoringEvent>(plan, action);
  return e ? e->message.c_str() : nullptr;
}

size_t posture_action_plan_client_count(const posture_action_plan* plan) {
  return plan ? plan->selection.plan.clients.size() : 0;
}
const char* posture_action_plan_client_asset(const posture_action_plan* plan, size_t client) {
  const auto* c = client_at(plan, client);
  return c ? c->asset.c_str() : nullptr;
}
const char* posture_action_plan_client_policy(const posture_action_plan* plan, size_t client) {
  const auto* c = client_at(plan, client);
  return c ? c->policy.c_str() : nullptr;
}
int posture_action_plan_client_level(const posture_action_plan* plan, size_t client) {
  const auto* c = client_at(plan, client);
  return c ? level_code(c->level) : POSTURE_LEVEL_NONE;
}
const char* posture_action_plan_client_note(const posture_action_plan* plan, size_t client) {
  const auto* c = client_at(plan, client);
  return c ? c->note.c_str() : nullptr;
}
size_t posture_action_plan_decision_count(const posture_action_plan* plan, size_t client) {
  const auto* c = client_at(plan, client);
  return c ? c->actions.size() : 0;
}
int posture_action_plan_decision_kind(const posture_action_plan* plan, size_t client,
                                      size_t decision) {
  const auto* d = decision_at(plan, client, decision);
  return d ? static_cast<int>(d->kind) : -1;
}
int posture_action_plan_decision_selected(const posture_action_plan* plan, size_t client,
                                          size_t decision) {
  const auto* d = decision_at(plan, client, decision);
  return d ? (d->selected ? 1 : 0) : -1;
}
const char* posture_action_plan_decision_why(const posture_action_plan* plan, size_t client,
                                             size_t decision) {
  const auto* d = decision_at(plan, client, decision);
  return d ? d->why.c_str() : nullptr;
}

const char* posture_network_changes_json(const posture_network_changes* changes, int style,
                                         size_t* len_out) {
  return lazy_json("posture_network_changes_json", changes, &posture_network_changes::json, style,
                   len_out, [](const posture_network_changes& c, posture::JsonStyle s) {
                     return posture::write_connection_changes_json(c.changes, s);
                   });
}

}  // extern "C"
