// The policy document (spec/formats.md §1): judgment policies, update groups, the assignment
// table and defaults. Action policies belong to the actions module; the reader keeps their source
// text and position so that module can read them with exact diagnostics.
#include <array>
#include <unordered_map>

#include "parse/policy_sections.hpp"
#include "parse/policy_values.hpp"
#include "posture/io.hpp"

namespace posture::json {
namespace {

constexpr std::string_view kFormat = "posture-policy/1";
constexpr std::array<std::string_view, 3> kScopes = {"all", "group", "pc"};
constexpr std::array<std::string_view, 2> kMatches = {"prefix", "exact"};
constexpr std::size_t kMaxAsset = 120;
constexpr std::size_t kMaxGroup = 1024;

std::optional<std::string> as_asset(Walker& w, const Node& n, std::string_view name) {
  auto s = w.nonempty_string(n, name);
  if (s && s->size() > kMaxAsset) {
    w.report(errc::parse, n, quote(name) + " must be at most 120 bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> as_group_path(Walker& w, const Node& n, std::string_view name) {
  auto s = w.nonempty_string(n, name);
  if (s && s->size() > kMaxGroup) {
    w.report(errc::parse, n, quote(name) + " must be at most 1024 bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<GroupMatch> as_match(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kMatches);
  if (!i) return std::nullopt;
  return *i == 0 ? GroupMatch::prefix : GroupMatch::exact;
}

// Names must be unique within a document; merge_policies checks across documents.
template <class T>
void check_unique_names(Walker& w, const std::vector<T>& items, std::string_view what) {
  std::unordered_map<std::string_view, const T*> seen;
  for (const auto& item : items) {
    auto [it, fresh] = seen.emplace(item.name, &item);
    if (fresh) continue;
    const auto& first = it->second->where;
    w.report_located(errc::check, item.where,
                     std::string(what) + " " + quote(item.name) +
                         " is defined twice (first at line " + std::to_string(first.line) +
                         ", column " + std::to_string(first.column) + ")");
  }
}

struct Defaults {
  std::string judgment_policy;
  std::string action_policy;
};

std::optional<Defaults> as_defaults(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "defaults");
  if (!o.valid()) return std::nullopt;
  Defaults d;
  o.get("judgment_policy", d.judgment_policy, as_nonempty_string);
  o.get("action_policy", d.action_policy, as_nonempty_string);
  o.reject_unknown();
  return d;
}

result<PolicySet> read_policy(Walker& w, const Node& root, std::string_view window) {
  ObjectReader o(w, root, "", "policy document");
  if (!o.valid()) return w.take_error();
  if (const Node* format = o.required("format")) {
    auto s = w.string(*format, "format");
    if (s && *s != kFormat)
      return error(errc::version,
                   "unsupported format " + quote(*s) + " (expected \"posture-policy/1\")",
                   w.where(*format));
  }
  PolicySet set;
  o.get("judgment_policies", set.judgment_policies, list_of(as_judgment_policy));
  o.get("update_groups", set.update_groups, list_of(as_update_group));
  if (const Node* actions = o.optional("action_policies")) {
    if (actions->kind == Kind::array) {
      set.action_policies_json =
          std::string(window.substr(actions->begin, actions->end - actions->begin));
      set.action_policies_where = w.where(*actions);
    } else {
      w.wrong_type(*actions, "action_policies", "an array");
    }
  }
  o.get("assignments", set.assignments, list_of(as_assignment));
  Defaults defaults;
  if (o.get("defaults", defaults, as_defaults)) {
    set.default_judgment_policy = std::move(defaults.judgment_policy);
    set.default_action_policy = std::move(defaults.action_policy);
  }
  o.reject_unknown();
  check_unique_names(w, set.judgment_policies, "judgment policy");
  check_unique_names(w, set.update_groups, "update group");
  if (w.failed()) return w.take_error();
  return set;
}

}  // namespace

std::optional<JudgmentPolicy> as_judgment_policy(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "judgment policy");
  if (!o.valid()) return std::nullopt;
  JudgmentPolicy p;
  p.where = w.where(n);
  o.need("name", p.name, as_nonempty_string);
  o.get("unknown_level", p.unknown_level, as_level);
  o.get("security_updates", p.security_updates, as_security_updates);
  o.get("antivirus", p.antivirus, as_antivirus);
  o.get("prohibited_software", p.prohibited_software, as_prohibited_software);
  o.get("mandatory_software", p.mandatory_software, as_mandatory_software);
  o.get("pc_security", p.pc_security, as_pc_security);
  o.get("user_defined", p.user_defined, as_user_defined);
  o.reject_unknown();
  return p;
}

std::optional<UpdateGroup> as_update_group(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "update group");
  if (!o.valid()) return std::nullopt;
  UpdateGroup g;
  g.where = w.where(n);
  o.need("name", g.name, as_nonempty_string);
  o.need("updates", g.updates, as_update_ids);
  o.reject_unknown();
  return g;
}

std::optional<Assignment> as_assignment(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "assignment");
  if (!o.valid()) return std::nullopt;
  Assignment a;
  a.where = w.where(n);
  std::optional<std::size_t> scope;
  if (const Node* s = o.required("scope")) scope = w.one_of(*s, "scope", kScopes);
  o.get("judgment_policy", a.judgment_policy, as_string);
  o.get("action_policy", a.action_policy, as_string);
  // The keys that belong to a row depend on its scope; without one they are unknown.
  if (!scope) return std::nullopt;
  a.scope = static_cast<AssignmentScope>(*scope);
  if (a.scope == AssignmentScope::group) {
    o.need("group", a.group, as_group_path);
    o.get("match", a.match, as_match);
  } else if (a.scope == AssignmentScope::pc) {
    o.need("asset", a.asset, as_asset);
  }
  o.describe("assignment with scope \"" + std::string(kScopes[*scope]) + "\"");
  o.reject_unknown();
  return a;
}

}  // namespace posture::json

namespace posture {

result<PolicySet> read_policy_json(std::string_view text, const ReadOptions& options) {
  return json::read_document(text, options, json::read_policy);
}

}  // namespace posture
