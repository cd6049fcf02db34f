// The C++ half of the C action conformance test (action_corpus.h): reads posture-action-test/1
// files with RapidJSON, runs their steps through the C++ API as the unit suite's golden runner
// does, and matches expectations with the same rules (docs/actions.md §8).
#include "action_corpus.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "posture/action.hpp"
#include "posture/io.hpp"

namespace fs = std::filesystem;

namespace {

struct Order {
  std::string asset, mac, ip, host;
  posture_network_order c{};
};

struct Step {
  std::string name;
  std::vector<std::unique_ptr<Order>> orders;  // stable addresses: C holds pointers into them
  bool has_judgments = false;
  std::string judgments;
  std::string policy, command_folder, mail_from;
  posture_action_options options{};
  std::string expect;
  std::vector<std::string> cpp_changes;
  std::array<std::string, 2> cpp_plan;
  std::string cpp_states, cpp_dump;
};

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

const rapidjson::Value* member(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(key);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

std::string string_member(const rapidjson::Value& obj, const char* key) {
  const auto* v = member(obj, key);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

int code(posture::Level l) { return posture::level_code(l); }

// The dump of action_corpus.h, from the C++ plan.
struct Dumper {
  std::string& out;

  void head(const char* kind, posture::Level level, const std::string& policy) {
    out += std::string("action ") + kind + "|" + std::to_string(code(level)) + "|" + policy + "\n";
  }
  void assets(const std::vector<std::string>& assets) {
    for (const auto& a : assets) out += "asset " + a + "\n";
  }
  void operator()(const posture::UserNotification& n) {
    head("0", n.level, n.policy);
    assets({n.asset});
    out += "notify " + n.title + "|" + n.text + "|" + n.html + "\n";
  }
  void operator()(const posture::AdminEmail& m) {
    head("1", m.level, m.policy);
    assets(m.assets);
    out += "mail " + m.from + "|" + m.subject + "|" + m.body + "\n";
    for (const auto& t : m.to) out += "to " + t + "\n";
  }
  void operator()(const posture::NetworkStep& n) {
    head("2", n.level, n.policy);
    assets({n.asset});
    out += "network " + std::to_string(static_cast<int>(n.control)) + "|" +
           std::to_string(static_cast<int>(n.from)) + "|" + std::to_string(static_cast<int>(n.to)) +
           "\n";
    for (const auto& c : n.changes)
      out += "change " + std::to_string(static_cast<int>(c.op)) + "|" + c.asset + "|" + c.mac + "|" +
             c.ip + "|" + c.host + "\n";
  }
  void operator()(const posture::CommandRun& c) {
    head("3", c.level, c.policy);
    assets(c.assets);
    out += "command " + c.name + "|" + c.folder + "\n";
    for (const auto& a : c.argv) out += "arg " + a + "\n";
    for (const auto& f : c.files) out += "file " + f.name + "|" + f.content + "\n";
  }
  void operator()(const posture::Distribution& d) {
    head("4", d.level, d.policy);
    assets({d.asset});
    out += std::string("distribute ") + (d.antivirus_definitions ? "1" : "0") + "\n";
    for (const auto& u : d.updates) out += "update " + u + "\n";
  }
  void operator()(const posture::MonitoringEvent& e) {
    head("5", e.level, e.policy);
    assets({e.asset});
    out += "event " + std::to_string(static_cast<int>(e.severity)) + "|" + e.message + "\n";
  }
};

std::string dump(const posture::ActionPlan& plan) {
  std::string out = "run_time " + std::to_string(plan.run_time.seconds) + "\n";
  Dumper d{out};
  for (const auto& a : plan.actions) std::visit(d, a);
  for (const auto& c : plan.clients) {
    out += "client " + c.asset + "|" + c.policy + "|" + std::to_string(c.level ? code(*c.level) : 0) +
           "|" + c.note + "\n";
    for (const auto& a : c.actions)
      out += "decision " + std::to_string(static_cast<int>(a.kind)) + "|" + (a.selected ? "1" : "0") +
             "|" + a.why + "\n";
  }
  return out;
}

// Every member of `want` must be in `got` with a matching value; arrays match element by element
// and must have the same length; scalars must be equal (the golden runner's rules).
void match(const rapidjson::Value& want, const rapidjson::Value& got, const std::string& path,
           std::string& out) {
  if (want.IsObject()) {
    if (!got.IsObject()) {
      out += path + ": expected an object, got " + compact(got) + "\n";
      return;
    }
    for (const auto& m : want.GetObject()) {
      const std::string key(m.name.GetString(), m.name.GetStringLength());
      const auto* g = member(got, key.c_str());
      if (g == nullptr)
        out += path + "." + key + ": missing\n";
      else
        match(m.value, *g, path + "." + key, out);
    }
    return;
  }
  if (want.IsArray()) {
    if (!got.IsArray() || got.Size() != want.Size()) {
      out += path + ": expected " + std::to_string(want.Size()) + " elements, got " + compact(got) + "\n";
      return;
    }
    for (rapidjson::SizeType i = 0; i < want.Size(); ++i)
      match(want[i], got[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  bool same;
  if (want.IsNumber() && got.IsNumber())
    same = want.GetDouble() == got.GetDouble();
  else
    same = want == got;
  if (!same) out += path + ": expected " + compact(want) + ", got " + compact(got) + "\n";
}

thread_local std::string open_error;

void fail_open(const std::string& message) { throw std::runtime_error(message); }

}  // namespace

struct action_case {
  std::string path;
  std::string policy_text;
  posture_document policy{};
  bool has_states = false;
  std::string states;
  std::vector<Step> steps;
  std::string mismatch;

  void read(const rapidjson::Value& root);
  void run_in_cpp();
};

void action_case::read(const rapidjson::Value& root) {
  if (string_member(root, "format") != "posture-action-test/1") fail_open(path + ": not an action case");
  const auto* policies = member(root, "action_policies");
  policy_text = std::string("{\"format\":\"posture-policy/1\",\"action_policies\":") +
                (policies ? compact(*policies) : "[]") + "}";
  policy = posture_document{policy_text.c_str(), policy_text.size(), path.c_str()};
  if (const auto* s = member(root, "states")) {
    has_states = true;
    states = "{\"format\":\"posture-client-states/1\",\"clients\":" + compact(*s) + "}";
  }
  const auto* steps_value = member(root, "steps");
  if (!steps_value || !steps_value->IsArray()) fail_open(path + ": no steps");
  for (const auto& s : steps_value->GetArray()) {
    Step step;
    step.name = string_member(s, "name");
    if (const auto* orders = member(s, "orders")) {
      for (const auto& o : orders->GetArray()) {
        auto order = std::make_unique<Order>();
        order->asset = string_member(o, "asset");
        order->mac = string_member(o, "mac");
        order->ip = string_member(o, "ip");
        order->host = string_member(o, "host");
        const auto kind = posture::parse_quarantine_event(string_member(o, "event"));
        if (!kind) fail_open(path + ": unknown event in " + compact(o));
        posture_network_order_init(&order->c, POSTURE_NETWORK_ORDER_VERSION);
        order->c.event = static_cast<int>(*kind);
        if (auto control = posture::parse_network_control(string_member(o, "control")))
          order->c.control = static_cast<int>(*control);
        if (const auto* r = member(o, "auto_refuse"); r && r->IsBool()) order->c.auto_refuse = r->GetBool();
        order->c.asset = order->asset.c_str();
        order->c.mac = order->mac.c_str();
        order->c.ip = order->ip.c_str();
        order->c.host = order->host.c_str();
        step.orders.push_back(std::move(order));
      }
    }
    if (const auto* j = member(s, "judgments")) {
      step.has_judgments = true;
      step.judgments = compact(*j);
    }
    if (const auto* o = member(s, "options")) {
      step.policy = string_member(*o, "policy");
      step.command_folder = string_member(*o, "command_folder");
      step.mail_from = string_member(*o, "mail_from");
    }
    const auto* expect = member(s, "expect");
    if (!expect) fail_open(path + ": step \"" + step.name + "\" expects nothing");
    step.expect = compact(*expect);
    steps.push_back(std::move(step));
  }
  // The options point into the steps' strings, which stay where they are once `steps` is built.
  for (auto& step : steps) {
    posture_action_options_init(&step.options, POSTURE_ACTION_OPTIONS_VERSION);
    step.options.policy = step.policy.c_str();
    step.options.command_folder = step.command_folder.c_str();
    step.options.mail_from = step.mail_from.c_str();
  }
}

// The reference: the steps through the C++ API, as tests/unit/action/golden_test.cpp runs them.
void action_case::run_in_cpp() {
  const std::string array = policy_text.substr(
      std::strlen("{\"format\":\"posture-policy/1\",\"action_policies\":"),
      policy_text.size() - std::strlen("{\"format\":\"posture-policy/1\",\"action_policies\":") - 1);
  auto policies = posture::read_action_policies_json(array, posture::source_location{path});
  if (!policies) fail_open(path + ": C++ could not read the action policies: " + policies.err().to_string());
  std::vector<posture::ClientState> current;
  if (has_states) {
    auto read = posture::read_client_states_json(states);
    if (!read) fail_open(path + ": C++ could not read the states: " + read.err().to_string());
    current = std::move(*read);
  }
  for (auto& step : steps) {
    for (const auto& order : step.orders) {
      const posture::ClientKey key{order->mac, order->ip, order->host, order->asset};
      posture::QuarantineEvent event;
      event.kind = static_cast<posture::QuarantineEventKind>(order->c.event);
      event.control = static_cast<posture::NetworkControl>(order->c.control);
      event.auto_refuse = order->c.auto_refuse != 0;
      auto done = posture::apply_orders(std::move(current), {&key, 1}, event);
      if (!done.unmatched.empty()) fail_open(path + ": step \"" + step.name + "\": an order names no client");
      current = std::move(done.clients);
      step.cpp_changes.push_back(posture::write_connection_changes_json(done.changes));
    }
    std::vector<posture::Judgment> judgments;
    if (step.has_judgments) {
      auto read = posture::read_judgments_json(step.judgments);
      if (!read) fail_open(path + ": C++ could not read the judgments: " + read.err().to_string());
      judgments = std::move(*read);
    }
    posture::SelectOptions options;
    options.policy = step.policy;
    options.command_folder = step.command_folder;
    options.mail_from = step.mail_from;
    auto selected = posture::select_actions(*policies, judgments, current, options);
    if (!selected) fail_open(path + ": C++ could not select: " + selected.err().to_string());
    current = selected->states;
    step.cpp_plan[POSTURE_JSON_COMPACT] =
        posture::write_action_plan_json(selected->plan, posture::JsonStyle::compact);
    step.cpp_plan[POSTURE_JSON_PRETTY] =
        posture::write_action_plan_json(selected->plan, posture::JsonStyle::pretty);
    step.cpp_states = posture::write_client_states_json(current);
    step.cpp_dump = dump(selected->plan);
  }
}

extern "C" {

char** action_case_list(const char* dir, size_t* count) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".json") paths.push_back(it->path().string());
  if (ec) return nullptr;
  std::sort(paths.begin(), paths.end());
  auto** list = static_cast<char**>(std::calloc(paths.size() + 1, sizeof(char*)));
  if (!list) return nullptr;
  for (size_t i = 0; i < paths.size(); ++i) {
    list[i] = static_cast<char*>(std::malloc(paths[i].size() + 1));
    if (!list[i]) std::abort();
    std::memcpy(list[i], paths[i].c_str(), paths[i].size() + 1);
  }
  *count = paths.size();
  return list;
}

void action_case_list_free(char** list, size_t count) {
  if (!list) return;
  for (size_t i = 0; i < count; ++i) std::free(list[i]);
  std::free(list);
}

action_case* action_case_open(const char* path, const char** error) {
  try {
    auto text = posture::read_file(path);
    if (!text) fail_open(text.err().to_string());
    rapidjson::Document root;
    root.Parse(text->c_str(), text->size());
    if (root.HasParseError() || !root.IsObject())
      fail_open(std::string(path) + ": not a JSON object: " + rapidjson::GetParseError_En(root.GetParseError()));
    auto c = std::make_unique<action_case>();
    c->path = fs::path(path).filename().string();
    c->read(root);
    c->run_in_cpp();
    *error = nullptr;
    return c.release();
  } catch (const std::exception& e) {
    open_error = e.what();
  }
  *error = open_error.c_str();
  return nullptr;
}

void action_case_free(action_case* c) { delete c; }

const posture_document* action_case_policy(const action_case* c) { return &c->policy; }
const char* action_case_states(const action_case* c, size_t* len) {
  *len = c->has_states ? c->states.size() : 0;
  return c->has_states ? c->states.c_str() : nullptr;
}

size_t action_case_step_count(const action_case* c) { return c->steps.size(); }
const char* action_case_step_name(const action_case* c, size_t step) {
  return c->steps[step].name.c_str();
}
size_t action_case_order_count(const action_case* c, size_t step) {
  return c->steps[step].orders.size();
}
const posture_network_order* action_case_order(const action_case* c, size_t step, size_t order) {
  return &c->steps[step].orders[order]->c;
}
const char* action_case_judgments(const action_case* c, size_t step, size_t* len) {
  const Step& s = c->steps[step];
  *len = s.has_judgments ? s.judgments.size() : 0;
  return s.has_judgments ? s.judgments.c_str() : nullptr;
}
const posture_action_options* action_case_options(const action_case* c, size_t step) {
  return &c->steps[step].options;
}

const char* action_case_cpp_changes(const action_case* c, size_t step, size_t order) {
  return c->steps[step].cpp_changes[order].c_str();
}
const char* action_case_cpp_plan(const action_case* c, size_t step, int style) {
  return c->steps[step].cpp_plan[style == POSTURE_JSON_PRETTY ? 1 : 0].c_str();
}
const char* action_case_cpp_states(const action_case* c, size_t step) {
  return c->steps[step].cpp_states.c_str();
}
const char* action_case_cpp_dump(const action_case* c, size_t step) {
  return c->steps[step].cpp_dump.c_str();
}

const char* action_case_mismatch(action_case* c, size_t step, const char* plan_json,
                                 const char* const* changes, const char* states_json) {
  const Step& s = c->steps[step];
  std::string& out = c->mismatch;
  out.clear();
  rapidjson::Document expect, plan, states, all_changes;
  expect.Parse(s.expect.c_str());
  plan.Parse(plan_json);
  states.Parse(states_json);
  if (plan.HasParseError() || states.HasParseError()) return (out = "the plan or the states are not JSON\n").c_str();
  for (const char* part : {"actions", "clients"})
    if (const auto* want = member(expect, part)) {
      const auto* got = member(plan, part);
      if (!got)
        out += std::string(part) + ": missing from the plan\n";
      else
        match(*want, *got, part, out);
    }
  if (const auto* want = member(expect, "changes")) {
    all_changes.SetArray();
    for (size_t o = 0; changes && o < s.orders.size(); ++o) {
      rapidjson::Document one(&all_changes.GetAllocator());
      one.Parse(changes[o]);
      if (one.HasParseError() || !member(one, "changes")) return (out = "changes are not JSON\n").c_str();
      for (auto& ch : (*member(one, "changes")).GetArray())
        all_changes.PushBack(rapidjson::Value(ch, all_changes.GetAllocator()), all_changes.GetAllocator());
    }
    match(*want, all_changes, "changes", out);
  }
  if (const auto* want = member(expect, "states")) {
    const auto* clients = member(states, "clients");
    for (const auto& w : want->GetArray()) {
      const std::string asset = string_member(w, "asset");
      const rapidjson::Value* g = nullptr;
      for (const auto& candidate : clients->GetArray())
        if (string_member(candidate, "asset") == asset) g = &candidate;
      if (!g)
        out += "states." + asset + ": no such client\n";
      else
        match(w, *g, "states." + asset, out);
    }
  }
  return out.empty() ? nullptr : out.c_str();
}

}  // extern "C"
