#include "expr/checker.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "expr/schema.hpp"
#include "expr/suggest.hpp"
#include "expr/text.hpp"
#include "posture/time.hpp"

namespace posture::expr {
namespace {

using ast::Kind;
using ast::Node;
using ast::Quantifier;
using ast::RefKind;

constexpr std::array<std::string_view, 4> function_names{"lower", "version", "age", "exists"};

std::string_view quantifier_name(Quantifier q) noexcept {
  switch (q) {
    case Quantifier::any: return "any";
    case Quantifier::all: return "all";
    case Quantifier::count: return "count";
  }
  return "any";
}

std::string_view operator_name(const Node& n) noexcept {
  switch (n.kind) {
    case Kind::and_: return "and";
    case Kind::or_: return "or";
    case Kind::not_: return "not";
    case Kind::in: return "in";
    case Kind::matches: return "matches";
    case Kind::contains: return "contains";
    case Kind::starts_with: return "starts_with";
    case Kind::compare:
      switch (n.op) {
        case ast::CompareOp::eq: return "==";
        case ast::CompareOp::ne: return "!=";
        case ast::CompareOp::lt: return "<";
        case ast::CompareOp::le: return "<=";
        case ast::CompareOp::gt: return ">";
        case ast::CompareOp::ge: return ">=";
      }
      break;
    default: break;
  }
  return "?";
}

bool is_condition(Type t) noexcept {
  return t == Type::boolean || t == Type::untyped || t == Type::error;
}
bool is_textual(Type t) noexcept {
  return t == Type::string || t == Type::version || t == Type::untyped || t == Type::error;
}

std::string list_of(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

class Checker {
 public:
  std::vector<Problem> problems;

  Type check(Node& n) {
    n.type = infer(n);
    return n.type;
  }

  // A sub-expression used as a condition: bool, or a fields value that must hold one.
  void condition(Node& n, std::string_view role) {
    Type t = check(n);
    if (!is_condition(t))
      report(n.pos, std::string(role) + " must be bool, not " + std::string(type_name(t)));
  }

 private:
  int collection_ = -1;  // the collection whose predicate is being checked, or -1
  // Suggestions cost an edit-distance search each; a hostile expression full of unknown names
  // gets hints for the first few only, so that compiling it stays fast.
  int hints_left_ = 16;

  void report(std::size_t offset, std::string message) {
    problems.push_back({errc::check, offset, std::move(message)});
  }

  std::string suggest(std::string_view word, std::span<const std::string_view> candidates) {
    if (hints_left_ <= 0) return {};
    --hints_left_;
    return did_you_mean(word, candidates);
  }

  Type infer(Node& n) {
    switch (n.kind) {
      case Kind::boolean: return Type::boolean;
      case Kind::string: return Type::string;
      case Kind::number: return number(n);
      case Kind::version: return version(n);
      case Kind::date: return date(n);
      case Kind::duration: return duration(n);
      case Kind::list: return list(n);
      case Kind::path: return path(n, false);
      case Kind::user_field: return Type::untyped;
      case Kind::call: return call(n);
      case Kind::quantifier: return quantifier(n);
      case Kind::compare: return compare(n);
      case Kind::in: return in(n);
      case Kind::matches:
      case Kind::contains: return literal_text_operator(n);
      case Kind::starts_with: return starts_with(n);
      case Kind::not_:
        condition(n.kids[0], "the operand of \"not\"");
        return Type::boolean;
      case Kind::and_:
      case Kind::or_:
        for (Node& kid : n.kids)
          condition(kid, "an operand of \"" + std::string(operator_name(n)) + "\"");
        return Type::boolean;
    }
    return Type::error;
  }

  // ---- literals ----

  Type number(Node& n) {
    if (!parse_number(n.text)) {
      report(n.pos, "number " + quote(n.text) + " is out of range");
      return Type::error;
    }
    return Type::number;
  }

  Type version(Node& n) {
    if (n.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      report(n.pos, "empty version; write it as v\"10.0.19045\"");
      return Type::error;
    }
    return Type::version;
  }

  Type date(Node& n) {
    if (!parse_date(n.text)) {
      report(n.pos, "invalid date " + quote(n.text) + "; write it as d\"YYYY-MM-DD\"");
      return Type::error;
    }
    return Type::date;
  }

  Type duration(Node& n) {
    if (n.text.find_first_not_of("0123456789") != std::string::npos) {
      report(n.pos,
             "a duration is a whole number of days, hours or minutes, such as 7d, 12h or 30m");
      return Type::error;
    }
    if (!duration_minutes(n.text, n.unit)) {
      report(n.pos, "duration " + n.text + n.unit + " is too large");
      return Type::error;
    }
    return Type::duration;
  }

  Type list(Node& n) {
    n.element_type = Type::error;
    for (Node& kid : n.kids) {
      Type t = check(kid);
      if (t == Type::error) continue;
      if (n.element_type == Type::error)
        n.element_type = t;
      else if (t != n.element_type)
        report(kid.pos, "the elements of a list must have one type: expected " +
                            std::string(type_name(n.element_type)) + ", not " +
                            std::string(type_name(t)));
    }
    return Type::list;
  }

  // ---- names ----

  // Resolves a dotted path: an element field inside a predicate, else a snapshot field, else (for
  // exists) a collection.
  Type path(Node& n, bool allow_collection) {
    if (collection_ >= 0) {
      const CollectionDef& c = collections()[collection_];
      if (int f = find_element_field(c, n.text); f >= 0) {
        n.ref_kind = RefKind::element_field;
        n.ref = static_cast<std::uint16_t>(f);
        return c.fields[f].type;
      }
    }
    if (int f = find_field(n.text); f >= 0) {
      n.ref_kind = RefKind::field;
      n.ref = static_cast<std::uint16_t>(f);
      return snapshot_fields()[f].type;
    }
    if (int c = find_collection(n.text); c >= 0) {
      n.ref_kind = RefKind::collection;
      n.ref = static_cast<std::uint16_t>(c);
      if (!allow_collection)
        report(n.pos, quote(n.text) + " is a collection; use any " + n.text + "(…), all " +
                          n.text + "(…) or count " + n.text + "(…)");
      return Type::error;
    }
    if (n.text == "fields") {
      report(n.pos, "fields needs a key: fields[\"Class.Property\"]");
      return Type::error;
    }
    std::vector<std::string_view> names;
    if (collection_ >= 0)
      for (const auto& f : collections()[collection_].fields) names.push_back(f.name);
    for (const auto& f : snapshot_fields()) names.push_back(f.path);
    for (const auto& c : collections()) names.push_back(c.name);
    report(n.pos, "unknown field " + quote(n.text) + suggest(n.text, names));
    return Type::error;
  }

  // The closed set of values of a field, when `n` reads one that has it.
  std::span<const std::string_view> values_of(const Node& n) const noexcept {
    if (n.kind != Kind::path) return {};
    if (n.ref_kind == RefKind::field) return snapshot_fields()[n.ref].values;
    if (n.ref_kind == RefKind::element_field && collection_ >= 0)
      return collections()[collection_].fields[n.ref].values;
    return {};
  }

  // A misspelt value of a closed set would make a condition silently never hold.
  void check_value(const Node& field, const Node& literal) {
    auto values = values_of(field);
    if (values.empty() || literal.kind != Kind::string) return;
    if (std::find(values.begin(), values.end(), literal.text) != values.end()) return;
    std::string hint = suggest(literal.text, values);
    if (hint.empty()) hint = "; its values are " + list_of(values);
    report(literal.pos, field.text + " is never " + quote(literal.text) + hint);
  }

  // ---- calls and collections ----

  Type call(Node& n) {
    auto it = std::find(function_names.begin(), function_names.end(), n.text);
    if (it == function_names.end()) {
      report(n.pos, "unknown function " + quote(n.text) + suggest(n.text, function_names));
      for (Node& kid : n.kids) check(kid);
      return Type::error;
    }
    auto fn = static_cast<Function>(it - function_names.begin());
    n.ref_kind = RefKind::function;
    n.ref = static_cast<std::uint16_t>(fn);
    if (n.kids.size() != 1) {
      report(n.pos, n.text + "() takes 1 argument, not " + std::to_string(n.kids.size()));
      for (Node& kid : n.kids) check(kid);
      return fn == Function::exists ? Type::boolean : Type::error;
    }
    Node& arg = n.kids[0];
    switch (fn) {
      case Function::lower: return unary(arg, is_textual, "lower() needs a string", Type::string);
      case Function::version:
        return unary(arg, is_textual, "version() needs a string", Type::version);
      case Function::age:
        return unary(
            arg, [](Type t) { return t == Type::date || t == Type::untyped || t == Type::error; },
            "age() needs a date", Type::duration);
      case Function::exists:
        if (arg.kind == Kind::path)
          arg.type = path(arg, true);
        else if (arg.kind == Kind::user_field)
          arg.type = Type::untyped;
        else
          report(arg.pos,
                 "exists() takes a field, such as exists(os.version) or "
                 "exists(fields[\"Class.Property\"])");
        return Type::boolean;
    }
    return Type::error;
  }

  template <class Accepts>
  Type unary(Node& arg, Accepts accepts, std::string_view need, Type result) {
    Type t = check(arg);
    if (!accepts(t)) {
      report(arg.pos, std::string(need) + ", not " + std::string(type_name(t)));
      return Type::error;
    }
    return result;
  }

  Type quantifier(Node& n) {
    const std::string name(quantifier_name(n.quantifier));
    Type result = n.quantifier == Quantifier::count ? Type::number : Type::boolean;
    int c = find_collection(n.text);
    if (c < 0) {
      std::vector<std::string_view> names;
      for (const auto& def : collections()) names.push_back(def.name);
      std::string hint = suggest(n.text, names);
      if (hint.empty()) hint = "; the collections are " + list_of(names);
      report(n.op_pos, "unknown collection " + quote(n.text) + hint);
      return result;
    }
    if (collection_ >= 0) {
      report(n.pos, name + " cannot be used inside the condition of another any, all or count");
      return result;
    }
    n.ref_kind = RefKind::collection;
    n.ref = static_cast<std::uint16_t>(c);
    if (n.kids.empty()) {
      if (n.quantifier == Quantifier::all)
        report(n.pos, "all needs a condition: all " + n.text + "(…)");
      return result;
    }
    collection_ = c;
    condition(n.kids[0], "the condition of " + name);
    collection_ = -1;
    return result;
  }

  // ---- operators ----

  // What to say when two types cannot be compared, with the fix when there is an obvious one.
  static std::string mismatch(Type a, Type b) {
    std::string m = "cannot compare " + std::string(type_name(a)) + " with " +
                    std::string(type_name(b));
    auto either = [&](Type x, Type y) { return (a == x && b == y) || (a == y && b == x); };
    if (either(Type::version, Type::string)) return m + "; write the version as v\"…\"";
    if (either(Type::date, Type::string)) return m + "; write the date as d\"YYYY-MM-DD\"";
    if (either(Type::duration, Type::number)) return m + "; write the duration as 7d, 12h or 30m";
    if (either(Type::version, Type::number)) return m + "; write the version as v\"…\"";
    return m;
  }

  // The type both sides are compared as, or error after reporting why there is none.
  std::optional<Type> common_type(Type l, Type r, std::size_t at) {
    if (l == Type::error || r == Type::error) return std::nullopt;
    if (l == Type::untyped || r == Type::untyped) {
      Type other = l == Type::untyped ? r : l;
      if (other == Type::duration) {
        report(at, "a fields value is never a duration; compare age(fields[\"…\"]) instead");
        return std::nullopt;
      }
      return other;
    }
    if (l != r) {
      report(at, mismatch(l, r));
      return std::nullopt;
    }
    return l;
  }

  Type compare(Node& n) {
    Node& l = n.kids[0];
    Node& r = n.kids[1];
    Type lt = check(l), rt = check(r);
    auto common = common_type(lt, rt, n.op_pos);
    if (!common) return Type::boolean;
    n.element_type = *common;
    bool ordering = n.op != ast::CompareOp::eq && n.op != ast::CompareOp::ne;
    if (ordering && *common == Type::boolean) {
      report(n.op_pos, "bool values have no order; compare them with == or !=");
    } else if (ordering && (!values_of(l).empty() || !values_of(r).empty())) {
      const Node& field = values_of(l).empty() ? r : l;
      report(n.op_pos, field.text + " has no order; compare it with == or in […]");
    } else {
      check_value(l, r);
      check_value(r, l);
    }
    return Type::boolean;
  }

  Type in(Node& n) {
    Node& value = n.kids[0];
    Node& list = n.kids[1];
    Type vt = check(value);
    check(list);
    Type et = list.element_type;
    if (vt == Type::error) return Type::boolean;
    if (et == Type::error) {  // an empty list
      n.element_type = vt;
      return Type::boolean;
    }
    if (vt == Type::untyped && et == Type::duration) {
      report(n.op_pos, "a fields value is never a duration");
      return Type::boolean;
    }
    if (vt != Type::untyped && vt != et) {
      report(n.op_pos, "cannot look for " + std::string(type_name(vt)) + " in a list of " +
                           std::string(type_name(et)));
      return Type::boolean;
    }
    n.element_type = et;
    for (const Node& element : list.kids) check_value(value, element);
    return Type::boolean;
  }

  // matches and contains: a text on the left, a string literal on the right, compiled once.
  Type literal_text_operator(Node& n) {
    const std::string op(operator_name(n));
    Type lt = check(n.kids[0]);
    if (!is_textual(lt))
      report(n.kids[0].pos, op + " needs a string on its left, not " + std::string(type_name(lt)));
    Node& r = n.kids[1];
    check(r);
    if (r.kind != Kind::string)
      report(r.pos, op + " needs a string literal on its right, such as \"TeamViewer*\"");
    return Type::boolean;
  }

  Type starts_with(Node& n) {
    Type lt = check(n.kids[0]);
    Type rt = check(n.kids[1]);
    if (!is_textual(lt))
      report(n.kids[0].pos, "starts_with needs a string on its left, not " +
                                std::string(type_name(lt)));
    if (!is_textual(rt))
      report(n.kids[1].pos, "starts_with needs a string on its right, not " +
                                std::string(type_name(rt)));
    return Type::boolean;
  }
};

}  // namespace

std::vector<Problem> check(ast::Node& root) {
  Checker checker;
  checker.condition(root, "the condition");
  std::stable_sort(checker.problems.begin(), checker.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.offset < b.offset; });
  return std::move(checker.problems);
}

}  // namespace posture::expr
