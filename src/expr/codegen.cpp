#include "expr/codegen.hpp"

#include <algorithm>

#include "expr/checker.hpp"
#include "expr/schema.hpp"
#include "posture/time.hpp"

namespace posture::expr {
namespace {

using ast::Kind;
using ast::Node;
using ast::RefKind;

Want want_of(Type t) noexcept {
  switch (t) {
    case Type::boolean: return Want::boolean;
    case Type::number: return Want::number;
    case Type::string:
    case Type::version: return Want::text;
    case Type::date: return Want::date;
    default: return Want::any;
  }
}

Operand operand_of(Type t) noexcept {
  switch (t) {
    case Type::boolean: return Operand::boolean;
    case Type::number: return Operand::number;
    case Type::string: return Operand::text;
    case Type::version: return Operand::version;
    case Type::date: return Operand::date;
    case Type::duration: return Operand::duration;
    default: return Operand::dynamic;
  }
}

std::string_view compare_symbol(ast::CompareOp op) noexcept {
  switch (op) {
    case ast::CompareOp::eq: return "==";
    case ast::CompareOp::ne: return "!=";
    case ast::CompareOp::lt: return "<";
    case ast::CompareOp::le: return "<=";
    case ast::CompareOp::gt: return ">";
    case ast::CompareOp::ge: return ">=";
  }
  return "==";
}

// How an operand is named in evidence keys: the way it was written, for the forms that read data.
std::string describe(const Node& n) {
  switch (n.kind) {
    case Kind::path: return n.text;
    case Kind::user_field: return "fields[" + string_literal(n.text) + "]";
    case Kind::call: return n.text + "(" + (n.kids.empty() ? "" : describe(n.kids[0])) + ")";
    case Kind::string: return string_literal(n.text);
    case Kind::version: return "v" + string_literal(n.text);
    case Kind::date: return "d" + string_literal(n.text);
    case Kind::duration: return n.text + n.unit;
    case Kind::number:
    case Kind::boolean: return n.text;
    default: return "(…)";
  }
}

class Generator {
 public:
  explicit Generator(Program::Impl& p) : p_(p) {}

  // Emits code that leaves the value of `n` on the stack; a fields value is converted to `want`.
  void value(const Node& n, Type want) {
    switch (n.kind) {
      case Kind::boolean:
      case Kind::number:
      case Kind::string:
      case Kind::version:
      case Kind::date:
      case Kind::duration: return push_constant(constant(n));
      case Kind::path: return path(n);
      case Kind::user_field:
        return emit({Op::load_user, static_cast<std::uint8_t>(want_of(want)), 0,
                     read(describe(n), n.text)},
                    1);
      case Kind::call: return call(n);
      case Kind::quantifier: return loop(n);
      case Kind::compare: return compare(n);
      case Kind::in: return in(n);
      case Kind::matches:
        value(n.kids[0], Type::string);
        p_.patterns.emplace_back(n.kids[1].text);
        return emit({Op::matches, 0, 0, index(p_.patterns)}, 0);
      case Kind::contains:
        value(n.kids[0], Type::string);
        p_.needles.emplace_back(n.kids[1].text);
        return emit({Op::contains, 0, 0, index(p_.needles)}, 0);
      case Kind::starts_with:
        value(n.kids[0], Type::string);
        value(n.kids[1], Type::string);
        return emit({Op::starts_with}, -1);
      case Kind::not_:
        value(n.kids[0], Type::boolean);
        if (!n.identity) emit({Op::negate}, 0);
        return;
      case Kind::and_:
      case Kind::or_: return logic(n);
      case Kind::list: break;  // only ever the right side of `in`
    }
  }

  std::size_t max_depth() const noexcept { return max_depth_; }

 private:
  Program::Impl& p_;
  std::size_t depth_ = 0;
  std::size_t max_depth_ = 0;
  int loop_ = -1;  // the loop whose predicate is being generated

  void emit(Instr instr, int stack_change) {
    p_.code.push_back(instr);
    depth_ = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(depth_) + stack_change);
    max_depth_ = std::max(max_depth_, depth_);
  }

  std::uint32_t here() const noexcept { return static_cast<std::uint32_t>(p_.code.size()); }

  template <class Container>
  static std::uint32_t index(const Container& c) noexcept {
    return static_cast<std::uint32_t>(c.size() - 1);
  }

  std::uint32_t key(std::string text) {
    p_.keys.push_back(std::move(text));
    return index(p_.keys);
  }

  std::uint32_t read(std::string evidence_key, std::string name) {
    p_.reads.push_back({std::move(evidence_key), std::move(name)});
    return index(p_.reads);
  }

  Value constant(const Node& n) {
    switch (n.kind) {
      case Kind::boolean: return Value::of_bool(n.text == "true");
      case Kind::number: return Value::of_number(parse_number(n.text).value_or(0));
      case Kind::date: return Value::of_date(parse_date(n.text).value_or(Date{}));
      case Kind::duration: return Value::of_duration(duration_minutes(n.text, n.unit).value_or(0));
      default: p_.texts.push_back(n.text); return Value::of_text(p_.texts.back());
    }
  }

  void push_constant(Value v) {
    p_.constants.push_back(v);
    emit({Op::push, 0, 0, index(p_.constants)}, 1);
  }

  void note_element_field(std::uint16_t field) {
    Loop& loop = p_.loops[static_cast<std::size_t>(loop_)];
    for (const auto& f : loop.fields)
      if (f.first == field) return;
    const CollectionDef& c = collections()[loop.collection];
    loop.fields.emplace_back(static_cast<std::uint8_t>(field),
                             std::string(c.name) + "." + std::string(c.fields[field].name));
  }

  void path(const Node& n) {
    if (n.ref_kind == RefKind::element_field) {
      note_element_field(n.ref);
      return emit({Op::load_element, static_cast<std::uint8_t>(n.ref)}, 1);
    }
    emit({Op::load, static_cast<std::uint8_t>(n.ref), 0, read(n.text, {})}, 1);
  }

  void call(const Node& n) {
    const Node& arg = n.kids[0];
    switch (static_cast<Function>(n.ref)) {
      case Function::lower:
        value(arg, Type::string);
        return emit({Op::fold}, 0);
      case Function::version: return value(arg, Type::version);
      case Function::age: {
        value(arg, Type::date);
        // An element's age would be recorded once per element; the loop reports the deciding
        // element's date instead.
        bool recorded = (arg.kind == Kind::path && arg.ref_kind == RefKind::field) ||
                        arg.kind == Kind::user_field;
        return emit({Op::age, 0, 0, recorded ? key(describe(n)) : no_key}, 0);
      }
      case Function::exists: return exists(n, arg);
    }
  }

  void exists(const Node& call, const Node& arg) {
    if (arg.kind == Kind::user_field)
      return emit({Op::exists_user, 0, 0, read(describe(call), arg.text)}, 1);
    auto ref = static_cast<std::uint8_t>(arg.ref);
    switch (arg.ref_kind) {
      case RefKind::element_field:
        note_element_field(arg.ref);
        return emit({Op::exists_element, ref}, 1);
      case RefKind::collection:
        return emit({Op::exists_collection, ref, 0, key(describe(call))}, 1);
      default: return emit({Op::exists, ref, 0, key(describe(call))}, 1);
    }
  }

  void loop(const Node& n) {
    auto index_of_loop = static_cast<std::uint32_t>(p_.loops.size());
    p_.loops.push_back({static_cast<std::uint8_t>(n.ref), n.quantifier, 0, {}});
    emit({Op::loop_begin, 0, 0, index_of_loop}, 1);
    std::uint32_t next = here();
    emit({Op::loop_next}, 0);
    loop_ = static_cast<int>(index_of_loop);
    if (n.kids.empty())
      push_constant(Value::of_bool(true));
    else
      value(n.kids[0], Type::boolean);
    loop_ = -1;
    std::uint32_t step = here();
    emit({Op::loop_step}, -1);
    emit({Op::jump, 0, 0, next}, 0);
    std::uint32_t finish = here();
    emit({Op::loop_end, 0, 0, index_of_loop}, 0);
    p_.code[next].c = finish;
    p_.code[step].c = finish;
    p_.loops[index_of_loop].end = here();
  }

  void compare(const Node& n) {
    Type t = n.element_type;
    value(n.kids[0], t);
    value(n.kids[1], t);
    Operand operand = operand_of(t);
    std::uint32_t mismatch_key = no_key;
    if (operand == Operand::dynamic)
      mismatch_key = key(describe(n.kids[0]) + " " + std::string(compare_symbol(n.op)) + " " +
                         describe(n.kids[1]));
    emit({Op::compare, static_cast<std::uint8_t>(n.op), static_cast<std::uint8_t>(operand),
          mismatch_key},
         -1);
  }

  void in(const Node& n) {
    Type t = n.element_type;
    value(n.kids[0], t);
    Range set{static_cast<std::uint32_t>(p_.constants.size()), 0};
    for (const Node& element : n.kids[1].kids) {
      p_.constants.push_back(constant(element));
      ++set.count;
    }
    p_.sets.push_back(set);
    emit({Op::in, static_cast<std::uint8_t>(operand_of(t)), 0, index(p_.sets)}, 0);
  }

  // Kleene logic with short-circuit: the accumulator starts at the neutral value, each operand is
  // folded in, and the first deciding operand (false for and, true for or) jumps to the end.
  void logic(const Node& n) {
    bool is_and = n.kind == Kind::and_;
    push_constant(Value::of_bool(is_and));
    std::vector<std::uint32_t> exits;
    for (const Node& kid : n.kids) {
      value(kid, Type::boolean);
      exits.push_back(here());
      emit({is_and ? Op::and_ : Op::or_}, -1);
    }
    for (std::uint32_t at : exits) p_.code[at].c = here();
  }
};

}  // namespace

std::optional<Problem> generate(const ast::Node& root, Program::Impl& out) {
  Generator g(out);
  g.value(root, Type::boolean);
  out.stack_size = g.max_depth();
  out.evidence_keys = out.reads.size() + out.keys.size();
  for (const Loop& loop : out.loops) out.evidence_keys += 1 + loop.fields.size();
  if (out.stack_size > max_stack)
    return Problem{errc::limit, 0,
                   "the expression needs more than " + std::to_string(max_stack) +
                       " evaluation slots; split it into simpler items"};
  return std::nullopt;
}

}  // namespace posture::expr
