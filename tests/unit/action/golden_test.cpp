// Runs the action golden cases of tests/data/actions ("posture-action-test/1"; docs/actions.md,
// "Golden cases"): each step's orders and judgments go through the public API, and the plan, the
// changes and the states, written as JSON, must contain what the step expects.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "parse/json_tree.hpp"
#include "posture/action.hpp"
#include "posture/io.hpp"

using namespace posture;
namespace fs = std::filesystem;

namespace {

struct Doc {
  std::string text;
  json::Tree tree;

  const json::Node* member(const json::Node& object, std::string_view key) const {
    if (object.kind != json::Kind::object) return nullptr;
    auto m = tree.members(object);
    for (std::size_t i = 0; i + 1 < m.size(); i += 2)
      if (tree.text(tree.at(m[i])) == key) return &tree.at(m[i + 1]);
    return nullptr;
  }
  std::string_view source(const json::Node& n) const {
    return std::string_view(text).substr(n.begin, n.end - n.begin);
  }
  std::string string(const json::Node& object, std::string_view key) const {
    const json::Node* n = member(object, key);
    return n && n->kind == json::Kind::string ? std::string(tree.text(*n)) : std::string();
  }
};

bool parse(Doc& doc) {
  auto parsed = json::parse_value(doc.text, json::Limits::for_document(ReadOptions{}));
  if (parsed.failure) return false;
  doc.tree = std::move(parsed.tree);
  return true;
}

std::string shown(const Doc& d, const json::Node& n) {
  std::string s(d.source(n));
  return s.size() > 200 ? s.substr(0, 200) + "…" : s;
}

// Every member of `want` must be in `got` with a matching value; arrays match element by element
// and must have the same length; scalars must be equal.
void match(const Doc& want_doc, const json::Node& want, const Doc& got_doc, const json::Node& got,
           const std::string& path, std::vector<std::string>& out) {
  if (want.kind == json::Kind::object) {
    if (got.kind != json::Kind::object) {
      out.push_back(path + ": expected an object, got " + shown(got_doc, got));
      return;
    }
    auto m = want_doc.tree.members(want);
    for (std::size_t i = 0; i + 1 < m.size(); i += 2) {
      const std::string key(want_doc.tree.text(want_doc.tree.at(m[i])));
      const json::Node* g = got_doc.member(got, key);
      if (g == nullptr) {
        out.push_back(path + "." + key + ": missing");
        continue;
      }
      match(want_doc, want_doc.tree.at(m[i + 1]), got_doc, *g, path + "." + key, out);
    }
    return;
  }
  if (want.kind == json::Kind::array) {
    auto w = want_doc.tree.elements(want);
    if (got.kind != json::Kind::array || got_doc.tree.elements(got).size() != w.size()) {
      out.push_back(path + ": expected " + std::to_string(w.size()) + " elements, got " +
                    shown(got_doc, got));
      return;
    }
    auto g = got_doc.tree.elements(got);
    for (std::size_t i = 0; i < w.size(); ++i)
      match(want_doc, want_doc.tree.at(w[i]), got_doc, got_doc.tree.at(g[i]),
            path + "[" + std::to_string(i) + "]", out);
    return;
  }
  bool same = want.kind == got.kind || (want.kind == json::Kind::integer && got.kind == json::Kind::number);
  if (same) {
    switch (want.kind) {
      case json::Kind::string: same = want_doc.tree.text(want) == got_doc.tree.text(got); break;
      case json::Kind::boolean: same = want.boolean == got.boolean; break;
      case json::Kind::integer:
      case json::Kind::number: same = want_doc.tree.number(want) == got_doc.tree.number(got); break;
      default: break;
    }
  }
  if (!same) out.push_back(path + ": expected " + shown(want_doc, want) + ", got " + shown(got_doc, got));
}

QuarantineEvent order_event(const Doc& d, const json::Node& order) {
  QuarantineEvent e;
  auto kind = parse_quarantine_event(d.string(order, "event"));
  REQUIRE_MESSAGE(kind.has_value(), "unknown event in " << shown(d, order));
  e.kind = *kind;
  if (auto control = parse_network_control(d.string(order, "control"))) e.control = *control;
  if (const json::Node* r = d.member(order, "auto_refuse")) e.auto_refuse = r->boolean;
  return e;
}

// Runs one case file; returns the differences, each prefixed with its step.
std::vector<std::string> run_case(const fs::path& file) {
  auto text = read_file(file.string());
  REQUIRE(text.ok());
  Doc doc{std::move(text).value(), {}};
  REQUIRE_MESSAGE(parse(doc), file.string() << " is not JSON");
  const json::Node& root = doc.tree.root();
  REQUIRE(doc.string(root, "format") == "posture-action-test/1");

  ActionPolicySet policies;
  if (const json::Node* p = doc.member(root, "action_policies")) {
    source_location start;
    start.file = file.filename().string();
    start.offset = p->begin;
    auto read = read_action_policies_json(doc.source(*p), start);
    REQUIRE_MESSAGE(read.ok(), (read.ok() ? std::string() : read.err().to_string()));
    policies = std::move(read).value();
  }
  std::vector<ClientState> states;
  if (const json::Node* s = doc.member(root, "states")) {
    auto read = read_client_states_json("{\"format\":\"posture-client-states/1\",\"clients\":" +
                                        std::string(doc.source(*s)) + "}");
    REQUIRE_MESSAGE(read.ok(), (read.ok() ? std::string() : read.err().to_string()));
    states = std::move(read).value();
  }

  std::vector<std::string> out;
  const json::Node* steps = doc.member(root, "steps");
  REQUIRE(steps != nullptr);
  for (json::NodeId id : doc.tree.elements(*steps)) {
    const json::Node& step = doc.tree.at(id);
    const std::string name = doc.string(step, "name");
    std::vector<std::string> diffs;

    std::vector<ConnectionChange> changes;
    if (const json::Node* orders = doc.member(step, "orders")) {
      for (json::NodeId oid : doc.tree.elements(*orders)) {
        const json::Node& order = doc.tree.at(oid);
        const ClientKey key{doc.string(order, "mac"), doc.string(order, "ip"),
                            doc.string(order, "host"), doc.string(order, "asset")};
        OrderResult done = apply_orders(std::move(states), {&key, 1}, order_event(doc, order));
        REQUIRE_MESSAGE(done.unmatched.empty(),
                        "step \"" << name << "\": no client for " << shown(doc, order));
        states = std::move(done.clients);
        changes.insert(changes.end(), done.changes.begin(), done.changes.end());
      }
    }

    std::vector<Judgment> judgments;
    if (const json::Node* j = doc.member(step, "judgments")) {
      auto read = read_judgments_json(doc.source(*j));
      REQUIRE_MESSAGE(read.ok(), (read.ok() ? std::string() : read.err().to_string()));
      judgments = std::move(read).value();
    }
    SelectOptions options;
    if (const json::Node* o = doc.member(step, "options")) {
      options.policy = doc.string(*o, "policy");
      options.command_folder = doc.string(*o, "command_folder");
      options.mail_from = doc.string(*o, "mail_from");
    }
    auto selected = select_actions(policies, judgments, states, options);
    REQUIRE_MESSAGE(selected.ok(), (selected.ok() ? std::string() : selected.err().to_string()));
    states = selected->states;

    const json::Node* expect = doc.member(step, "expect");
    REQUIRE_MESSAGE(expect != nullptr, "step \"" << name << "\" expects nothing");
    Doc plan{write_action_plan_json(selected->plan), {}};
    REQUIRE(parse(plan));
    for (std::string_view part : {"actions", "clients"})
      if (const json::Node* want = doc.member(*expect, part))
        match(doc, *want, plan, *plan.member(plan.tree.root(), part), std::string(part), diffs);
    if (const json::Node* want = doc.member(*expect, "changes")) {
      Doc got{write_connection_changes_json(changes), {}};
      REQUIRE(parse(got));
      match(doc, *want, got, *got.member(got.tree.root(), "changes"), "changes", diffs);
    }
    if (const json::Node* want = doc.member(*expect, "states")) {
      Doc got{write_client_states_json(states), {}};
      REQUIRE(parse(got));
      const json::Node& clients = *got.member(got.tree.root(), "clients");
      for (json::NodeId wid : doc.tree.elements(*want)) {
        const json::Node& w = doc.tree.at(wid);
        const std::string asset = doc.string(w, "asset");
        const json::Node* g = nullptr;
        for (json::NodeId gid : got.tree.elements(clients))
          if (got.string(got.tree.at(gid), "asset") == asset) g = &got.tree.at(gid);
        if (g == nullptr)
          diffs.push_back("states." + asset + ": no such client");
        else
          match(doc, w, got, *g, "states." + asset, diffs);
      }
    }
    for (std::string& d : diffs) out.push_back("step \"" + name + "\": " + d);
  }
  return out;
}

}  // namespace

TEST_CASE("action: golden cases") {
  const fs::path dir = fs::path(POSTURE_TEST_DATA_DIR) / "actions";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const fs::path& f : files) {
    CAPTURE(f.filename().string());
    const std::vector<std::string> diffs = run_case(f);
    std::string all;
    for (const std::string& d : diffs) all += d + "\n";
    CHECK_MESSAGE(diffs.empty(), all);
  }
}
