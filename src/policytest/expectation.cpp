#include "policytest/expectation.hpp"

#include <initializer_list>
#include <string_view>

#include "posture/level.hpp"
#include "posture/testcase.hpp"

namespace posture::policytest {
namespace {

using Kind = JsonNode::Kind;

bool absent(const JsonNode* n) noexcept { return n == nullptr || n->is(Kind::null); }

// ---- shape of an expectation ---------------------------------------------------------------------

class Checker {
 public:
  std::vector<ExpectationProblem> problems;

  void top(const JsonNode& e) {
    if (!object(e, "expect")) return;
    keys(e,
         {"asset", "policy", "action_policy", "reference_time", "status", "level", "points", "items",
          "distribute"},
         "expect");
    for (const auto& m : e.children) {
      if (m.key == "asset" || m.key == "policy" || m.key == "reference_time") {
        kind(m, Kind::string, "a string");
      } else if (m.key == "action_policy") {
        if (!m.is(Kind::null)) kind(m, Kind::string, "a string or null");
      } else if (m.key == "status") {
        status(m);
      } else if (m.key == "level") {
        level(m);
      } else if (m.key == "points") {
        points(m);
      } else if (m.key == "items") {
        items(m);
      } else if (m.key == "distribute") {
        strings(m);
      }
    }
  }

 private:
  void problem(std::size_t offset, std::string message) {
    problems.push_back({offset, std::move(message)});
  }

  bool object(const JsonNode& n, std::string_view what) {
    if (n.is(Kind::object)) return true;
    problem(n.begin, std::string(what) + " must be an object, not " +
                         std::string(kind_phrase(n.kind)));
    return false;
  }

  bool kind(const JsonNode& n, Kind k, std::string_view wanted) {
    if (n.is(k)) return true;
    problem(n.begin, in_quotes(n.key) + " must be " + std::string(wanted) + ", not " +
                         std::string(kind_phrase(n.kind)));
    return false;
  }

  // Unknown keys are mistakes: a misspelt "levle" must not turn an assertion off silently.
  void keys(const JsonNode& obj, std::initializer_list<std::string_view> known,
            std::string_view where) {
    for (const auto& m : obj.children) {
      bool ok = false;
      for (auto k : known) ok = ok || m.key == k;
      if (!ok) problem(m.key_offset, "unknown key " + in_quotes(m.key) + " in " + std::string(where));
    }
    duplicates(obj, where);
  }

  // A second "antivirus" or a second condition of the same name would make one of the two
  // assertions dead.
  void duplicates(const JsonNode& obj, std::string_view where) {
    for (std::size_t i = 0; i < obj.children.size(); ++i)
      if (repeats_earlier_key(obj, i))
        problem(obj.children[i].key_offset,
                "duplicate key " + in_quotes(obj.children[i].key) + " in " + std::string(where));
  }

  void status(const JsonNode& n) {
    if (!kind(n, Kind::string, "a status name")) return;
    if (!parse_status(n.text))
      problem(n.begin, "unknown status " + in_quotes(n.text) +
                           " (expected judged, unknown, no_item, not_target or not_judged)");
  }

  void level(const JsonNode& n) {
    if (n.is(Kind::null)) return;
    if (!kind(n, Kind::string, "a level name or null")) return;
    const auto l = parse_level(n.text);
    if (!l || level_name(*l) != n.text)
      problem(n.begin,
              "unknown level " + in_quotes(n.text) + " (expected safe, caution, warning or danger)");
  }

  void points(const JsonNode& n) {
    if (n.is(Kind::null)) return;
    if (!n.is(Kind::number) || !n.integral || n.integer < 0 || n.integer > 100)
      problem(n.begin, "\"points\" must be an integer from 0 to 100 or null");
  }

  void strings(const JsonNode& n) {
    if (!kind(n, Kind::array, "an array of strings")) return;
    for (const auto& s : n.children)
      if (!s.is(Kind::string))
        problem(s.begin, in_quotes(n.key) + " must hold strings, not " +
                             std::string(kind_phrase(s.kind)));
  }

  void items(const JsonNode& n) {
    if (!kind(n, Kind::object, "an object keyed by category")) return;
    for (const auto& item : n.children) {
      if (!parse_category(item.key))
        problem(item.key_offset, "unknown category " + in_quotes(item.key));
      if (item.is(Kind::null)) continue;
      if (!object(item, "items." + item.key)) continue;
      keys(item, {"status", "level", "unknown_as_level", "conditions", "condition_names"},
           "items." + item.key);
      for (const auto& m : item.children) {
        if (m.key == "status") status(m);
        else if (m.key == "level") level(m);
        else if (m.key == "unknown_as_level") kind(m, Kind::boolean, "a boolean");
        else if (m.key == "conditions") conditions(m);
        else if (m.key == "condition_names") strings(m);
      }
    }
    duplicates(n, "items");
  }

  void conditions(const JsonNode& n) {
    if (!kind(n, Kind::object, "an object keyed by condition name")) return;
    duplicates(n, "conditions");
    for (const auto& c : n.children) {
      if (c.is(Kind::null)) continue;
      if (!object(c, "condition " + in_quotes(c.key))) continue;
      keys(c, {"status", "level", "evidence"}, "condition " + in_quotes(c.key));
      for (const auto& m : c.children) {
        if (m.key == "status") status(m);
        else if (m.key == "level") level(m);
        else if (m.key == "evidence") evidence(m);
      }
    }
  }

  void evidence(const JsonNode& n) {
    if (!kind(n, Kind::object, "an object of strings")) return;
    duplicates(n, "evidence");
    for (const auto& v : n.children)
      if (!v.is(Kind::string) && !v.is(Kind::null))
        problem(v.begin, "evidence " + in_quotes(v.key) + " must be a string or null, not " +
                             std::string(kind_phrase(v.kind)));
  }
};

// ---- comparison ----------------------------------------------------------------------------------

// How an actual value reads in a failure message.
std::string shown(const JsonNode* n) {
  if (absent(n)) return "nothing";
  switch (n->kind) {
    case Kind::string: return n->text;
    case Kind::boolean: return n->boolean ? "true" : "false";
    case Kind::number: return n->integral ? std::to_string(n->integer) : std::to_string(n->number);
    default: return std::string(kind_phrase(n->kind));
  }
}

// Levels are written as {"name": "danger", "code": 400}; a bare name is read the same way.
const JsonNode* level_name_node(const JsonNode* n) {
  if (n != nullptr && n->is(Kind::object)) return n->member("name");
  return n;
}

std::string string_list(const JsonNode* n) {
  std::string out = "[";
  if (n != nullptr)
    for (const auto& s : n->children) {
      if (out.size() > 1) out += ", ";
      out += s.is(Kind::string) ? in_quotes(s.text) : std::string(kind_phrase(s.kind));
    }
  return out + "]";
}

bool same_strings(const JsonNode& expected, const JsonNode* actual) {
  const std::size_t n = actual != nullptr && actual->is(Kind::array) ? actual->children.size() : 0;
  if (expected.children.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& a = actual->children[i];
    if (!a.is(Kind::string) || a.text != expected.children[i].text) return false;
  }
  return true;
}

class Comparer {
 public:
  std::vector<std::string> failures;

  void top(const JsonNode& judgment, const JsonNode& e) {
    for (const auto& m : e.children) {
      const JsonNode* actual = judgment.member(m.key);
      if (m.key == "level") {
        scalar(m.key, m, level_name_node(actual));
      } else if (m.key == "items") {
        items(judgment.member("items"), m);
      } else if (m.key == "distribute") {
        list(m.key, m, actual);
      } else {
        scalar(m.key, m, actual);
      }
    }
  }

 private:
  void fail(const std::string& path, const std::string& what) { failures.push_back(path + ": " + what); }

  // Strings, numbers and null compare exactly; null expects the value to be absent.
  void scalar(const std::string& path, const JsonNode& expected, const JsonNode* actual) {
    bool same = false;
    if (expected.is(Kind::null)) {
      same = absent(actual);
    } else if (actual != nullptr && actual->kind == expected.kind) {
      switch (expected.kind) {
        case Kind::string: same = actual->text == expected.text; break;
        case Kind::boolean: same = actual->boolean == expected.boolean; break;
        case Kind::number: same = actual->number == expected.number; break;
        default: break;
      }
    }
    if (!same) fail(path, "expected " + shown(&expected) + ", got " + shown(actual));
  }

  void list(const std::string& path, const JsonNode& expected, const JsonNode* actual) {
    if (!same_strings(expected, actual))
      fail(path, "expected " + string_list(&expected) + ", got " + string_list(actual));
  }

  static const JsonNode* find(const JsonNode* array, std::string_view key, std::string_view value) {
    if (array == nullptr || !array->is(Kind::array)) return nullptr;
    for (const auto& element : array->children) {
      const JsonNode* k = element.member(key);
      if (k != nullptr && k->is(Kind::string) && k->text == value) return &element;
    }
    return nullptr;
  }

  static std::string names_of(const JsonNode* array, std::string_view key) {
    std::string out;
    if (array != nullptr)
      for (const auto& element : array->children) {
        const JsonNode* k = element.member(key);
        if (!out.empty()) out += ", ";
        out += in_quotes(shown(k));
      }
    return out.empty() ? "none" : out;
  }

  void items(const JsonNode* actual_items, const JsonNode& expected) {
    for (const auto& e : expected.children) {
      const std::string path = "items." + e.key;
      const JsonNode* actual = find(actual_items, "category", e.key);
      if (e.is(Kind::null)) {
        if (actual != nullptr) fail(path, "expected no such item, got one");
        continue;
      }
      if (actual == nullptr) {
        fail(path, "missing (items: " + names_of(actual_items, "category") + ")");
        continue;
      }
      item(path, *actual, e);
    }
  }

  void item(const std::string& path, const JsonNode& actual, const JsonNode& e) {
    for (const auto& m : e.children) {
      const std::string sub = path + "." + m.key;
      if (m.key == "level") {
        scalar(sub, m, level_name_node(actual.member("level")));
      } else if (m.key == "unknown_as_level") {
        // Writers leave the flag out when it is false.
        const JsonNode* flag = actual.member("unknown_as_level");
        const bool set = flag != nullptr && flag->is(Kind::boolean) && flag->boolean;
        if (set != m.boolean)
          fail(sub, std::string("expected ") + (m.boolean ? "true" : "false") + ", got " +
                        (set ? "true" : "false"));
      } else if (m.key == "conditions") {
        conditions(path, actual.member("conditions"), m);
      } else if (m.key == "condition_names") {
        names(sub, actual.member("conditions"), m);
      } else {
        scalar(sub, m, actual.member(m.key));
      }
    }
  }

  void names(const std::string& path, const JsonNode* actual_conditions, const JsonNode& e) {
    JsonNode actual;
    actual.kind = Kind::array;
    if (actual_conditions != nullptr)
      for (const auto& c : actual_conditions->children) {
        const JsonNode* name = c.member("name");
        if (name != nullptr) actual.children.push_back(*name);
      }
    list(path, e, &actual);
  }

  void conditions(const std::string& path, const JsonNode* actual_conditions, const JsonNode& e) {
    for (const auto& c : e.children) {
      const std::string sub = path + ".conditions[" + in_quotes(c.key) + "]";
      const JsonNode* actual = find(actual_conditions, "name", c.key);
      if (c.is(Kind::null)) {
        if (actual != nullptr) fail(sub, "expected no such condition, got one");
        continue;
      }
      if (actual == nullptr) {
        fail(sub, "missing (conditions: " + names_of(actual_conditions, "name") + ")");
        continue;
      }
      for (const auto& m : c.children) {
        if (m.key == "level")
          scalar(sub + ".level", m, level_name_node(actual->member("level")));
        else if (m.key == "evidence")
          evidence(sub + ".evidence", actual->member("evidence"), m);
        else
          scalar(sub + "." + m.key, m, actual->member(m.key));
      }
    }
  }

  // Evidence texts carry details after a verdict ("risk: 52 days > 7"); an expectation names as
  // much of the text as matters, so it matches as a prefix.
  void evidence(const std::string& path, const JsonNode* actual_evidence, const JsonNode& e) {
    for (const auto& v : e.children) {
      const std::string sub = path + "." + v.key;
      const JsonNode* actual = actual_evidence != nullptr ? actual_evidence->member(v.key) : nullptr;
      if (v.is(Kind::null)) {
        if (!absent(actual)) fail(sub, "expected nothing, got " + in_quotes(shown(actual)));
        continue;
      }
      if (absent(actual) || !actual->is(Kind::string)) {
        fail(sub, "expected a value starting with " + in_quotes(v.text) + ", got " + shown(actual));
        continue;
      }
      if (actual->text.compare(0, v.text.size(), v.text) != 0)
        fail(sub, "expected a value starting with " + in_quotes(v.text) + ", got " +
                      in_quotes(actual->text));
    }
  }
};

}  // namespace

std::vector<ExpectationProblem> check_expectation(const JsonNode& expect) {
  Checker checker;
  checker.top(expect);
  return std::move(checker.problems);
}

std::vector<std::string> compare_judgment(const JsonNode& judgment, const JsonNode& expect) {
  Comparer comparer;
  comparer.top(judgment, expect);
  return std::move(comparer.failures);
}

}  // namespace posture::policytest

namespace posture {

std::vector<std::string> match_expectation(std::string_view judgment_json,
                                           std::string_view expect_json) {
  using namespace policytest;
  ReadOptions judgment_options;
  judgment_options.file_name = "judgment";
  auto judgment = parse_json_tree(judgment_json, judgment_options);
  if (!judgment) return {judgment.err().to_string()};
  ReadOptions expect_options;
  expect_options.file_name = "expect";
  auto expect = parse_json_tree(expect_json, expect_options);
  if (!expect) return {expect.err().to_string()};
  std::vector<std::string> problems;
  for (const auto& p : check_expectation(*expect))
    problems.push_back(
        diagnostic{errc::check, p.message, locate(expect_json, p.offset, "expect")}.to_string());
  if (!problems.empty()) return problems;
  return compare_judgment(*judgment, *expect);
}

}  // namespace posture
