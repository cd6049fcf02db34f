// The `action_policies` array of a policy document (spec/formats.md §1; docs/actions.md). The
// policy reader keeps the array's exact source text and position; this reader parses it with the
// same located tree and walker, so every diagnostic names the line and column in the policy file —
// inside a template string too, escapes accounted for.
#include <array>

#include "model/written_text.hpp"
#include "parse/json_walker.hpp"
#include "posture/action.hpp"

namespace posture::json {
namespace {

constexpr std::array<std::string_view, 4> kLevels = {"safe", "caution", "warning", "danger"};
constexpr std::array<std::string_view, 2> kControls = {"permit", "deny"};
constexpr std::array<std::string_view, 1> kPresets = {"jp1"};
constexpr std::array<std::string_view, 3> kDetails = {"none", "summary", "details"};
constexpr std::array<std::string_view, 5> kSeverities = {"information", "notice", "warning",
                                                         "error", "critical"};
constexpr std::string_view kDefaultEventMessage = "Security level %level% on %host% (asset %asset%)";

// An object some of whose required values could not be read is left out, so that the checks run
// afterwards do not report it again as empty.
template <class T>
std::optional<T> complete(bool whole, T value) {
  if (!whole) return std::nullopt;
  return value;
}

// Reads an optional key; false only when it is present and bad.
template <class T, class Convert>
bool optional_key(ObjectReader& o, std::string_view key, T& out, Convert&& convert) {
  return o.optional(key) == nullptr || o.get(key, out, std::forward<Convert>(convert));
}

class ActionReader {
 public:
  explicit ActionReader(Walker& w) : w_(w) {}

 private:
  // The reader's member functions as ObjectReader converters (defined first: its return type is
  // deduced).
  template <class T>
  auto bind(std::optional<T> (ActionReader::*method)(const Node&, std::string_view)) {
    return [this, method](Walker&, const Node& n, std::string_view name) {
      return (this->*method)(n, name);
    };
  }

 public:
  std::optional<Template> text(const Node& n, std::string_view name) {
    auto s = w_.string(n, name);
    if (!s) return std::nullopt;
    const source_location at = w_.where(n);
    auto t = Template::compile(*s, at);
    if (!t) {
      for (const diagnostic& d : t.err().diagnostics())
        w_.report_at(errc::parse,
                     n.begin + 1 + written_offset(w_.written(n), d.where.offset - at.offset),
                     d.message);
      return std::nullopt;
    }
    return std::move(t).value();
  }

  std::optional<ExecutionCondition> condition(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "execution condition");
    if (!o.valid()) return std::nullopt;
    const Node* times = o.optional("consecutive_times");
    const Node* days = o.optional("consecutive_days");
    o.reject_unknown();
    if ((times == nullptr) == (days == nullptr)) {
      w_.report(errc::parse, n,
                "an execution condition has exactly one of consecutive_times and consecutive_days");
      return std::nullopt;
    }
    ExecutionCondition c;
    c.kind = times ? ExecutionCondition::Kind::consecutive_times
                   : ExecutionCondition::Kind::consecutive_days;
    const Node& count = times ? *times : *days;
    auto v = w_.integer(count, times ? "consecutive_times" : "consecutive_days", 1, 9999);
    if (!v) return std::nullopt;
    c.count = static_cast<std::uint32_t>(*v);
    return c;
  }

  std::optional<NotifyUserAction> notify_user(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "notify_user action");
    if (!o.valid()) return std::nullopt;
    NotifyUserAction a;
    a.where = w_.where(n);
    bool whole = o.need("title", a.title, bind(&ActionReader::text));
    whole &= o.need("text", a.text, bind(&ActionReader::text));
    o.get("html", a.html, bind(&ActionReader::text));
    o.get("condition", a.condition, bind(&ActionReader::condition));
    o.reject_unknown();
    return complete(whole, std::move(a));
  }

  std::optional<EmailAdminAction> email_admin(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "email_admin action");
    if (!o.valid()) return std::nullopt;
    EmailAdminAction a;
    a.where = w_.where(n);
    bool whole = o.need("to", a.to, as_strings);
    whole &= o.need("subject", a.subject, bind(&ActionReader::text));
    whole &= o.need("body", a.body, bind(&ActionReader::text));
    o.get("condition", a.condition, bind(&ActionReader::condition));
    o.reject_unknown();
    return complete(whole, std::move(a));
  }

  // "deny", or {"control": "deny", "condition": {…}} when the action has its own condition.
  std::optional<NetworkAction> network(const Node& n, std::string_view name) {
    NetworkAction a;
    a.where = w_.where(n);
    if (n.kind == Kind::string) {
      auto i = w_.one_of(n, name, kControls);
      if (!i) return std::nullopt;
      a.control = static_cast<NetworkControl>(*i);
      return a;
    }
    if (n.kind != Kind::object) {
      w_.wrong_type(n, name, "\"permit\", \"deny\" or an object");
      return std::nullopt;
    }
    ObjectReader o(w_, n, name, "network action");
    std::optional<std::size_t> control;
    if (const Node* c = o.required("control")) control = w_.one_of(*c, "control", kControls);
    o.get("condition", a.condition, bind(&ActionReader::condition));
    o.reject_unknown();
    if (!control) return std::nullopt;
    a.control = static_cast<NetworkControl>(*control);
    return a;
  }

  std::optional<CommandAction> command(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "command action");
    if (!o.valid()) return std::nullopt;
    CommandAction a;
    a.where = w_.where(n);
    bool whole = o.need("program", a.program, as_nonempty_string);
    whole &= optional_key(o, "name", a.name, as_string);
    whole &= optional_key(o, "args", a.args, list_of(bind(&ActionReader::text)));
    if (const Node* p = o.optional("preset")) {
      a.jp1_preset = w_.one_of(*p, "preset", kPresets).has_value();
      whole &= a.jp1_preset;
    }
    whole &= optional_key(o, "pass_asset", a.pass_asset, as_bool);
    if (const Node* r = o.optional("pass_results")) {
      auto i = w_.one_of(*r, "pass_results", kDetails);
      if (i) a.pass_results = static_cast<ResultDetail>(*i);
      whole &= i.has_value();
    }
    o.get("condition", a.condition, bind(&ActionReader::condition));
    o.reject_unknown();
    return complete(whole, std::move(a));
  }

  std::optional<DistributeAction> distribute(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "distribute action");
    if (!o.valid()) return std::nullopt;
    DistributeAction a;
    a.where = w_.where(n);
    bool whole = optional_key(o, "updates", a.updates, as_bool);
    whole &= optional_key(o, "antivirus_definitions", a.antivirus_definitions, as_bool);
    o.get("condition", a.condition, bind(&ActionReader::condition));
    o.reject_unknown();
    return complete(whole, std::move(a));
  }

  std::optional<EventAction> event(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "event action");
    if (!o.valid()) return std::nullopt;
    EventAction a;
    a.where = w_.where(n);
    if (!o.get("message", a.message, bind(&ActionReader::text))) {
      auto t = Template::compile(kDefaultEventMessage, a.where);
      if (t) a.message = std::move(t).value();
    }
    if (const Node* s = o.optional("severity"))
      if (auto i = w_.one_of(*s, "severity", kSeverities)) a.severity = static_cast<EventSeverity>(*i);
    o.get("condition", a.condition, bind(&ActionReader::condition));
    o.reject_unknown();
    return a;
  }

  std::optional<LevelActions> block(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "level block");
    if (!o.valid()) return std::nullopt;
    LevelActions b;
    b.where = w_.where(n);
    o.get("notify_user", b.notify_user, bind(&ActionReader::notify_user));
    o.get("email_admin", b.email_admin, bind(&ActionReader::email_admin));
    o.get("network", b.network, bind(&ActionReader::network));
    o.get("command", b.command, bind(&ActionReader::command));
    o.get("distribute", b.distribute, bind(&ActionReader::distribute));
    o.get("event", b.event, bind(&ActionReader::event));
    o.get("condition", b.condition, bind(&ActionReader::condition));
    o.reject_unknown();
    return b;
  }

  std::optional<ActionPolicy> policy(const Node& n, std::string_view name) {
    ObjectReader o(w_, n, name, "action policy");
    if (!o.valid()) return std::nullopt;
    ActionPolicy p;
    p.where = w_.where(n);
    bool whole = o.need("name", p.name, as_nonempty_string);
    if (const Node* levels = o.required("levels")) {
      ObjectReader lv(w_, *levels, "levels", "levels");
      for (std::size_t i = 0; i < kLevels.size(); ++i)
        lv.get(kLevels[i], p.levels[i], bind(&ActionReader::block));
      lv.reject_unknown();
    } else {
      whole = false;
    }
    o.reject_unknown();
    return complete(whole, std::move(p));
  }

 private:
  Walker& w_;
};

result<ActionPolicySet> read_policies(Walker& w, const Node& root) {
  ActionReader reader(w);
  std::vector<ActionPolicy> policies;
  auto elements = w.array(root, "action_policies");
  for (std::size_t i = 0; i < elements.size(); ++i)
    if (auto p = reader.policy(w.tree().at(elements[i]), element_name("action_policies", i)))
      policies.push_back(std::move(*p));
  auto checked = ActionPolicySet::create(std::move(policies));
  if (!w.failed()) return checked;
  if (!checked)
    for (const diagnostic& d : checked.err().diagnostics()) w.report_located(d.code, d.where, d.message);
  return w.take_error();
}

}  // namespace
}  // namespace posture::json

namespace posture {

result<ActionPolicySet> read_action_policies_json(std::string_view array_text,
                                                  const source_location& start,
                                                  const ReadOptions& options) {
  const std::string file = start.file.empty() ? options.file_name : start.file;
  json::Locator locator(array_text, file,
                        json::WindowStart{start.offset, start.line ? start.line : 1,
                                          start.column ? start.column : 1});
  auto parsed = json::parse_value(array_text, json::Limits::for_document(options));
  if (parsed.failure) return json::to_error(*parsed.failure, locator);
  json::Walker walker(parsed.tree, locator);
  return json::read_policies(walker, parsed.tree.root());
}

result<ActionPolicySet> read_action_policies(const PolicySet& set, const ReadOptions& options) {
  auto read = set.action_policies_json.empty()
                  ? result<ActionPolicySet>(ActionPolicySet())
                  : read_action_policies_json(set.action_policies_json, set.action_policies_where,
                                              options);
  if (!read) return read;
  std::vector<diagnostic> problems;
  auto known = [&](const std::string& name) { return name.empty() || read->find(name) != nullptr; };
  for (const Assignment& a : set.assignments)
    if (!known(a.action_policy))
      problems.push_back({errc::check, "the assignment names action policy \"" + a.action_policy +
                                           "\", which is not defined",
                          a.where});
  if (!known(set.default_action_policy))
    problems.push_back({errc::check, "the default action policy \"" + set.default_action_policy +
                                         "\" is not defined",
                        set.action_policies_where});
  if (!problems.empty()) return error(std::move(problems));
  return read;
}

}  // namespace posture
