#include "policytest/expectation.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <unordered_map>

#include "parse/json_locator.hpp"
#include "posture/testcase.hpp"

namespace posture::policytest {
namespace {

using json::Kind;
using json::Node;
using json::Tree;

constexpr std::array<std::string_view, 4> kLevels = {"safe", "caution", "warning", "danger"};
constexpr std::array<std::string_view, 5> kStatuses = {"judged", "unknown", "no_item", "not_target",
                                                       "not_judged"};
constexpr std::array<std::string_view, 6> kCategories = {
    "security_updates",   "antivirus",   "prohibited_software",
    "mandatory_software", "pc_security", "user_defined"};
constexpr std::array<std::string_view, 9> kExpectKeys = {
    "asset", "policy", "action_policy", "reference_time", "status",
    "level", "points", "items",         "distribute"};
constexpr std::array<std::string_view, 5> kItemKeys = {"status", "level", "unknown_as_level",
                                                       "conditions", "condition_names"};
constexpr std::array<std::string_view, 3> kConditionKeys = {"status", "level", "evidence"};
// Enough names to recognise the list in a failure message, without echoing a huge judgment.
constexpr std::size_t kNamesShown = 8;

template <class F>
void for_each_member(const Tree& t, const Node& object, F&& f) {
  auto m = t.members(object);
  for (std::size_t i = 0; i + 1 < m.size(); i += 2) f(t.text(t.at(m[i])), t.at(m[i]), t.at(m[i + 1]));
}

// The first member named `key`, or null.
const Node* member(const Tree& t, const Node& object, std::string_view key) {
  auto m = t.members(object);
  for (std::size_t i = 0; i + 1 < m.size(); i += 2)
    if (t.text(t.at(m[i])) == key) return &t.at(m[i + 1]);
  return nullptr;
}

bool absent(const Node* n) noexcept { return n == nullptr || n->kind == Kind::null; }

bool known(std::span<const std::string_view> words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// ---- shape of an expectation ---------------------------------------------------------------------

class Checker {
 public:
  explicit Checker(json::Walker& w) : w_(w), t_(w.tree()) {}

  void top(const Node& e) {
    if (!object(e, "expect")) return;
    for_each_member(t_, e, [&](std::string_view key, const Node& key_node, const Node& v) {
      if (key == "asset" || key == "policy" || key == "reference_time") {
        w_.string(v, key);
      } else if (key == "action_policy") {
        if (v.kind != Kind::null) w_.string(v, key);
      } else if (key == "status") {
        w_.one_of(v, key, kStatuses);
      } else if (key == "level") {
        level(v, key);
      } else if (key == "points") {
        if (v.kind != Kind::null) w_.integer(v, key, 0, 100);
      } else if (key == "items") {
        items(v);
      } else if (key == "distribute") {
        w_.strings(v, key);
      } else {
        unknown(key_node, key, kExpectKeys, "expect", "key");
      }
    });
  }

 private:
  bool object(const Node& n, std::string_view name) {
    if (n.kind == Kind::object) return true;
    w_.wrong_type(n, name, "an object");
    return false;
  }

  void level(const Node& v, std::string_view name) {
    if (v.kind != Kind::null) w_.one_of(v, name, kLevels);
  }

  // Unknown keys are mistakes: a misspelt "levle" must not turn an assertion off silently.
  void unknown(const Node& key_node, std::string_view key, std::span<const std::string_view> words,
               std::string_view where, std::string_view what) {
    std::string msg = "unknown " + std::string(what) + " " + json::quote(key) + " in " +
                      std::string(where) + " (expected one of: " + json::join(words) + ")";
    if (auto guess = json::closest(key, words)) msg += "; did you mean " + json::quote(*guess) + "?";
    w_.report(errc::check, key_node, std::move(msg));
  }

  void items(const Node& n) {
    if (!object(n, "items")) return;
    for_each_member(t_, n, [&](std::string_view category, const Node& key_node, const Node& item) {
      if (!known(kCategories, category))
        unknown(key_node, category, kCategories, "items", "category");
      const std::string path = "items." + std::string(category);
      if (item.kind == Kind::null || !object(item, path)) return;
      for_each_member(t_, item, [&](std::string_view key, const Node& k, const Node& v) {
        const std::string name = path + "." + std::string(key);
        if (key == "status") w_.one_of(v, name, kStatuses);
        else if (key == "level") level(v, name);
        else if (key == "unknown_as_level") w_.boolean(v, name);
        else if (key == "conditions") conditions(v, name);
        else if (key == "condition_names") w_.strings(v, name);
        else unknown(k, key, kItemKeys, path, "key");
      });
    });
  }

  void conditions(const Node& n, const std::string& path) {
    if (!object(n, path)) return;
    for_each_member(t_, n, [&](std::string_view condition, const Node&, const Node& c) {
      const std::string cpath = path + "." + std::string(condition);
      if (c.kind == Kind::null || !object(c, cpath)) return;
      for_each_member(t_, c, [&](std::string_view key, const Node& k, const Node& v) {
        const std::string name = cpath + "." + std::string(key);
        if (key == "status") w_.one_of(v, name, kStatuses);
        else if (key == "level") level(v, name);
        else if (key == "evidence") evidence(v, name);
        else unknown(k, key, kConditionKeys, "condition " + json::quote(condition), "key");
      });
    });
  }

  void evidence(const Node& n, const std::string& path) {
    if (!object(n, path)) return;
    for_each_member(t_, n, [&](std::string_view key, const Node&, const Node& v) {
      if (v.kind != Kind::string && v.kind != Kind::null)
        w_.wrong_type(v, path + "." + std::string(key), "a string or null");
    });
  }

  json::Walker& w_;
  const Tree& t_;
};

// ---- comparison ----------------------------------------------------------------------------------

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

// How a value reads in a failure message.
std::string shown(const Tree& t, const Node* n) {
  if (absent(n)) return "nothing";
  switch (n->kind) {
    case Kind::string: return std::string(t.text(*n));
    case Kind::boolean: return n->boolean ? "true" : "false";
    case Kind::integer: return std::to_string(t.integer(*n));
    case Kind::number: return std::to_string(t.number(*n));
    default: return std::string(json::kind_name(n->kind));
  }
}

std::string string_list(const Tree& t, const Node* n) {
  std::string out = "[";
  if (n != nullptr)
    for (json::NodeId id : t.elements(*n)) {
      if (out.size() > 1) out += ", ";
      const Node& s = t.at(id);
      out += s.kind == Kind::string ? quoted(t.text(s)) : std::string(json::kind_name(s.kind));
    }
  return out + "]";
}

class Comparer {
 public:
  Comparer(const Tree& judgment, const Tree& expect) : j_(judgment), e_(expect) {}

  std::vector<std::string> failures;

  void top(const Node& actual_root, const Node& expect) {
    for_each_member(e_, expect, [&](std::string_view key, const Node&, const Node& v) {
      const std::string path(key);
      const Node* actual = member(j_, actual_root, key);
      if (key == "level") scalar(path, v, level_name(actual));
      else if (key == "items") items(actual, v);
      else if (key == "distribute") list(path, v, actual);
      else scalar(path, v, actual);
    });
  }

 private:
  void fail(const std::string& path, const std::string& what) {
    failures.push_back(path + ": " + what);
  }

  // Levels are written as {"name": "danger", "code": 400}.
  const Node* level_name(const Node* n) const {
    if (n != nullptr && n->kind == Kind::object) return member(j_, *n, "name");
    return n;
  }

  // Strings, numbers and booleans compare exactly; null expects the value to be absent.
  void scalar(const std::string& path, const Node& expected, const Node* actual) {
    bool same = false;
    if (expected.kind == Kind::null) {
      same = absent(actual);
    } else if (actual != nullptr) {
      switch (expected.kind) {
        case Kind::string:
          same = actual->kind == Kind::string && j_.text(*actual) == e_.text(expected);
          break;
        case Kind::boolean:
          same = actual->kind == Kind::boolean && actual->boolean == expected.boolean;
          break;
        case Kind::integer:
        case Kind::number:
          same = (actual->kind == Kind::integer || actual->kind == Kind::number) &&
                 j_.number(*actual) == e_.number(expected);
          break;
        default: break;
      }
    }
    if (!same) fail(path, "expected " + shown(e_, &expected) + ", got " + shown(j_, actual));
  }

  // A writer that leaves out an empty list means the same as writing [].
  void list(const std::string& path, const Node& expected, const Node* actual) {
    auto want = e_.elements(expected);
    auto got = actual != nullptr ? j_.elements(*actual) : std::span<const json::NodeId>{};
    bool same = want.size() == got.size();
    for (std::size_t i = 0; same && i < want.size(); ++i) {
      const Node& g = j_.at(got[i]);
      same = g.kind == Kind::string && j_.text(g) == e_.text(e_.at(want[i]));
    }
    if (!same)
      fail(path, "expected " + string_list(e_, &expected) + ", got " + string_list(j_, actual));
  }

  std::string names_of(const Node* array, std::string_view key) const {
    std::string out;
    std::size_t n = 0;
    if (array != nullptr)
      for (json::NodeId id : j_.elements(*array)) {
        if (n++ == kNamesShown) {
          out += ", \xE2\x80\xA6";  // …
          break;
        }
        if (!out.empty()) out += ", ";
        out += quoted(shown(j_, member(j_, j_.at(id), key)));
      }
    return out.empty() ? "none" : out;
  }

  void items(const Node* actual_items, const Node& expected) {
    for_each_member(e_, expected, [&](std::string_view category, const Node&, const Node& e) {
      const std::string path = "items." + std::string(category);
      const Node* actual = nullptr;
      if (actual_items != nullptr)
        for (json::NodeId id : j_.elements(*actual_items)) {
          const Node* c = member(j_, j_.at(id), "category");
          if (c != nullptr && c->kind == Kind::string && j_.text(*c) == category) {
            actual = &j_.at(id);
            break;
          }
        }
      if (e.kind == Kind::null) {
        if (actual != nullptr) fail(path, "expected no such item, got one");
      } else if (actual == nullptr) {
        fail(path, "missing (items: " + names_of(actual_items, "category") + ")");
      } else {
        item(path, *actual, e);
      }
    });
  }

  void item(const std::string& path, const Node& actual, const Node& expected) {
    for_each_member(e_, expected, [&](std::string_view key, const Node&, const Node& e) {
      const std::string sub = path + "." + std::string(key);
      if (key == "level") {
        scalar(sub, e, level_name(member(j_, actual, "level")));
      } else if (key == "unknown_as_level") {
        // Writers leave the flag out when it is false.
        const Node* flag = member(j_, actual, "unknown_as_level");
        const bool set = flag != nullptr && flag->kind == Kind::boolean && flag->boolean;
        if (set != e.boolean)
          fail(sub, std::string("expected ") + (e.boolean ? "true" : "false") + ", got " +
                        (set ? "true" : "false"));
      } else if (key == "conditions") {
        conditions(path, member(j_, actual, "conditions"), e);
      } else if (key == "condition_names") {
        names(sub, member(j_, actual, "conditions"), e);
      } else {
        scalar(sub, e, member(j_, actual, key));
      }
    });
  }

  void names(const std::string& path, const Node* actual_conditions, const Node& expected) {
    auto want = e_.elements(expected);
    std::vector<std::string_view> got;
    if (actual_conditions != nullptr)
      for (json::NodeId id : j_.elements(*actual_conditions)) {
        const Node* name = member(j_, j_.at(id), "name");
        got.push_back(name != nullptr && name->kind == Kind::string ? j_.text(*name) : "");
      }
    bool same = want.size() == got.size();
    for (std::size_t i = 0; same && i < want.size(); ++i) same = e_.text(e_.at(want[i])) == got[i];
    if (same) return;
    std::string shown_got = "[";
    for (auto g : got) shown_got += (shown_got.size() > 1 ? ", " : "") + quoted(g);
    fail(path, "expected " + string_list(e_, &expected) + ", got " + shown_got + "]");
  }

  void conditions(const std::string& path, const Node* actual_conditions, const Node& expected) {
    // Indexed by name so that a long expectation against a long judgment stays linear.
    std::unordered_map<std::string_view, const Node*> by_name;
    if (actual_conditions != nullptr)
      for (json::NodeId id : j_.elements(*actual_conditions)) {
        const Node* name = member(j_, j_.at(id), "name");
        if (name != nullptr && name->kind == Kind::string) by_name.try_emplace(j_.text(*name), &j_.at(id));
      }
    for_each_member(e_, expected, [&](std::string_view name, const Node&, const Node& e) {
      const std::string sub = path + ".conditions[" + quoted(name) + "]";
      auto found = by_name.find(name);
      const Node* actual = found == by_name.end() ? nullptr : found->second;
      if (e.kind == Kind::null) {
        if (actual != nullptr) fail(sub, "expected no such condition, got one");
        return;
      }
      if (actual == nullptr) {
        fail(sub, "missing (conditions: " + names_of(actual_conditions, "name") + ")");
        return;
      }
      for_each_member(e_, e, [&](std::string_view key, const Node&, const Node& v) {
        const std::string field = sub + "." + std::string(key);
        if (key == "level") scalar(field, v, level_name(member(j_, *actual, "level")));
        else if (key == "evidence") evidence(field, member(j_, *actual, "evidence"), v);
        else scalar(field, v, member(j_, *actual, key));
      });
    });
  }

  // Evidence texts carry details after a verdict ("risk: 52 days > 7"); an expectation names as
  // much of the text as matters, so it matches as a prefix.
  void evidence(const std::string& path, const Node* actual_evidence, const Node& expected) {
    for_each_member(e_, expected, [&](std::string_view key, const Node&, const Node& v) {
      const std::string sub = path + "." + std::string(key);
      const Node* actual = actual_evidence != nullptr ? member(j_, *actual_evidence, key) : nullptr;
      if (v.kind == Kind::null) {
        if (!absent(actual)) fail(sub, "expected nothing, got " + quoted(shown(j_, actual)));
        return;
      }
      const std::string_view want = e_.text(v);
      if (absent(actual) || actual->kind != Kind::string) {
        fail(sub, "expected a value starting with " + quoted(want) + ", got " + shown(j_, actual));
      } else if (!j_.text(*actual).starts_with(want)) {
        fail(sub, "expected a value starting with " + quoted(want) + ", got " +
                      quoted(j_.text(*actual)));
      }
    });
  }

  const Tree& j_;
  const Tree& e_;
};

}  // namespace

void check_expectation(json::Walker& w, const json::Node& expect) {
  Checker(w).top(expect);
}

std::vector<std::string> compare_judgment(const json::Tree& judgment, const json::Tree& expect_tree,
                                          const json::Node& expect) {
  Comparer comparer(judgment, expect_tree);
  comparer.top(judgment.root(), expect);
  return std::move(comparer.failures);
}

}  // namespace posture::policytest

namespace posture {

std::vector<std::string> match_expectation(std::string_view judgment_json,
                                           std::string_view expect_json) {
  const auto limits = json::Limits::for_document(ReadOptions{});
  auto judgment = json::parse_value(judgment_json, limits);
  if (judgment.failure)
    return {json::to_error(*judgment.failure, json::Locator(judgment_json, "judgment")).to_string()};
  auto expect = json::parse_value(expect_json, limits);
  const json::Locator locator(expect_json, "expect");
  if (expect.failure) return {json::to_error(*expect.failure, locator).to_string()};
  json::Walker walker(expect.tree, locator);
  policytest::check_expectation(walker, expect.tree.root());
  if (walker.failed()) {
    const error mistakes = walker.take_error();
    std::vector<std::string> problems;
    for (const auto& d : mistakes.diagnostics()) problems.push_back(d.to_string());
    return problems;
  }
  return policytest::compare_judgment(judgment.tree, expect.tree, expect.tree.root());
}

}  // namespace posture
