// The scalar evaluator: runs a compiled program against one snapshot. It allocates nothing except
// the evidence it returns; the value stack is a fixed array sized by the compiler's bound.
#include <cmath>
#include <limits>

#include "expr/program.hpp"
#include "expr/schema.hpp"
#include "posture/version.hpp"

namespace posture::expr {
namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

bool holds(int c, ast::CompareOp op) noexcept {
  switch (op) {
    case ast::CompareOp::eq: return c == 0;
    case ast::CompareOp::ne: return c != 0;
    case ast::CompareOp::lt: return c < 0;
    case ast::CompareOp::le: return c <= 0;
    case ast::CompareOp::gt: return c > 0;
    case ast::CompareOp::ge: return c >= 0;
  }
  return false;
}

template <class T>
int order(T a, T b) noexcept {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::string_view kind_name(ValueKind k) noexcept {
  switch (k) {
    case ValueKind::boolean: return "bool";
    case ValueKind::number: return "number";
    case ValueKind::text: return "string";
    case ValueKind::date: return "date";
    case ValueKind::duration: return "duration";
    case ValueKind::json: return "object or array";
    case ValueKind::missing: break;
  }
  return "absent";
}

std::string_view want_name(Want w) noexcept {
  switch (w) {
    case Want::boolean: return "bool";
    case Want::number: return "number";
    case Want::text: return "string";
    case Want::date: return "date";
    case Want::any: break;
  }
  return "value";
}

// Adds a value read to the evidence. Keys are unique; a key read again with another value (a scalar
// read inside a loop, two loops over one collection) collects its distinct values, ';'-joined.
void record(std::vector<Evidence>& evidence, std::string_view key, std::string value) {
  for (Evidence& e : evidence) {
    if (e.key != key) continue;
    std::string_view have = e.value;
    for (std::size_t start = 0;;) {
      std::size_t end = have.find(';', start);
      if (have.substr(start, end - start) == value) return;
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    e.value += ';';
    e.value += value;
    return;
  }
  evidence.push_back({std::string(key), std::move(value)});
}

// A fields value as the typed operand it meets; empty on a mismatch.
std::optional<Value> convert(const FieldValue& f, Want want) noexcept {
  switch (f.kind) {
    case FieldValue::Kind::null: return Value::missing();
    case FieldValue::Kind::boolean:
      if (want == Want::any || want == Want::boolean) return Value::of_bool(f.boolean);
      return std::nullopt;
    case FieldValue::Kind::number:
      // NaN would compare equal to everything; no reader should produce one, but none may break us.
      if ((want == Want::any || want == Want::number) && std::isfinite(f.number))
        return Value::of_number(f.number);
      return std::nullopt;
    case FieldValue::Kind::json:
      if (want == Want::any) return Value::of_text(f.text, ValueKind::json);
      return std::nullopt;
    case FieldValue::Kind::string: break;
  }
  switch (want) {
    case Want::any:
    case Want::text: return Value::of_text(f.text);
    case Want::number:
      if (auto n = parse_number(f.text)) return Value::of_number(*n);
      return std::nullopt;
    case Want::boolean:
      if (f.text == "true" || f.text == "false") return Value::of_bool(f.text == "true");
      return std::nullopt;
    case Want::date:
      if (auto d = parse_date(f.text)) return Value::of_date(*d);
      return std::nullopt;
  }
  return std::nullopt;
}

std::string show(const FieldValue& f) {
  switch (f.kind) {
    case FieldValue::Kind::null: return "(null)";
    case FieldValue::Kind::boolean: return f.boolean ? "true" : "false";
    case FieldValue::Kind::number: return format_value(Value::of_number(f.number));
    case FieldValue::Kind::string:
    case FieldValue::Kind::json: return f.text;
  }
  return {};
}

class Machine {
 public:
  Machine(const Program::Impl& p, const Snapshot& s, Date today, std::vector<Evidence>& evidence)
      : p_(p), s_(s), today_(today), evidence_(evidence) {}

  Truth run() {
    const Instr* code = p_.code.data();
    const std::size_t size = p_.code.size();
    for (std::size_t pc = 0; pc < size;) {
      const Instr& in = code[pc++];
      switch (in.op) {
        case Op::push: push(p_.constants[in.c]); break;
        case Op::load: {
          Value v = fields_[in.a].read(s_);
          record(evidence_, p_.reads[in.c].key, format_value(v));
          push(v);
          break;
        }
        case Op::load_user: push(load_user(p_.reads[in.c], static_cast<Want>(in.a))); break;
        case Op::load_element: push(element(in.a)); break;
        case Op::exists:
          found(in.c, fields_[in.a].read(s_).kind != ValueKind::missing);
          break;
        case Op::exists_user: {
          const FieldValue* f = s_.field(p_.reads[in.c].name);
          bool present = f && f->kind != FieldValue::Kind::null;
          record(evidence_, p_.reads[in.c].key, present ? "true" : "false");
          push(Value::of_bool(present));
          break;
        }
        case Op::exists_element:
          push(Value::of_bool(element(in.a).kind != ValueKind::missing));
          break;
        case Op::exists_collection: found(in.c, collections()[in.a].items(s_).present); break;
        case Op::fold: top().folded = true; break;
        case Op::age: age(in.c); break;
        case Op::compare: {
          Value r = pop();
          Value& l = top();
          l = compare(l, r, static_cast<ast::CompareOp>(in.a), static_cast<Operand>(in.b), in.c);
          break;
        }
        case Op::in: top() = member(top(), p_.sets[in.c], static_cast<Operand>(in.a)); break;
        case Op::matches:
          if (top().kind != ValueKind::missing)
            top() = Value::of_bool(p_.patterns[in.c].matches(top().text()));
          break;
        case Op::contains:
          if (top().kind != ValueKind::missing)
            top() = Value::of_bool(p_.needles[in.c].found_in(top()));
          break;
        case Op::starts_with: {
          Value prefix = pop();
          Value& text = top();
          text = text.kind == ValueKind::missing || prefix.kind == ValueKind::missing
                     ? Value::missing()
                     : Value::of_bool(text_starts_with(text, prefix));
          break;
        }
        case Op::negate:
          if (top().kind == ValueKind::boolean) top().boolean = !top().boolean;
          break;
        case Op::and_:
        case Op::or_: {
          // The decisive value is false for and, true for or; missing only weakens the result.
          bool decisive = in.op == Op::or_;
          Value v = pop();
          if (v.kind == ValueKind::boolean && v.boolean == decisive) {
            top() = v;
            pc = in.c;
          } else if (v.kind == ValueKind::missing) {
            top() = v;
          }
          break;
        }
        case Op::loop_begin:
          if (!begin_loop(in.c)) pc = p_.loops[in.c].end;
          break;
        case Op::loop_next:  // the index starts at `none`, which steps to 0
          if (++loop_.index >= loop_.items.size) pc = in.c;
          break;
        case Op::loop_step:
          if (step_loop(pop())) pc = in.c;
          break;
        case Op::loop_end: end_loop(); break;
        case Op::jump: pc = in.c; break;
      }
    }
    const Value& result = stack_[0];
    if (result.kind != ValueKind::boolean) return Truth::missing;
    return result.boolean ? Truth::yes : Truth::no;
  }

 private:
  struct LoopState {
    const Loop* loop = nullptr;
    const CollectionDef* collection = nullptr;
    Items items;
    std::size_t index = none;
    std::size_t decided = none;  // the element that decided any (true) or all (false)
    std::size_t unknown = none;  // the first element whose predicate was missing
  };

  const Program::Impl& p_;
  const Snapshot& s_;
  const FieldDef* const fields_ = snapshot_fields().data();
  Date today_;
  std::vector<Evidence>& evidence_;
  LoopState loop_;
  std::size_t sp_ = 0;
  Value stack_[max_stack];

  void push(const Value& v) noexcept { stack_[sp_++] = v; }
  Value pop() noexcept { return stack_[--sp_]; }
  Value& top() noexcept { return stack_[sp_ - 1]; }

  void found(std::uint32_t key, bool present) {
    record(evidence_, p_.keys[key], present ? "true" : "false");
    push(Value::of_bool(present));
  }

  Value element(std::uint8_t field) const noexcept {
    return loop_.collection->fields[field].read(loop_.items.data, loop_.index);
  }

  Value load_user(const Read& read, Want want) {
    const FieldValue* f = s_.field(read.name);
    if (!f) {
      record(evidence_, read.key, "(absent)");
      return Value::missing();
    }
    std::optional<Value> v = convert(*f, want);
    if (!v) {
      record(evidence_, read.key, show(*f) + " (not a " + std::string(want_name(want)) + ")");
      return Value::missing();
    }
    record(evidence_, read.key, show(*f));
    return *v;
  }

  void age(std::uint32_t key) {
    Value& v = top();
    if (v.kind != ValueKind::date) return;
    std::int64_t days = days_between(Date{static_cast<std::int32_t>(v.integer)}, today_);
    v = Value::of_duration(days * 24 * 60);
    if (key != no_key) record(evidence_, p_.keys[key], format_value(v));
  }

  Value compare(const Value& l, const Value& r, ast::CompareOp op, Operand operand,
                std::uint32_t mismatch_key) {
    if (l.kind == ValueKind::missing || r.kind == ValueKind::missing) return Value::missing();
    if (operand == Operand::dynamic) {
      // Two fields values: only the same kinds compare, and bools only for equality.
      bool ordering = op != ast::CompareOp::eq && op != ast::CompareOp::ne;
      if (l.kind != r.kind || l.kind == ValueKind::json ||
          (ordering && l.kind == ValueKind::boolean)) {
        record(evidence_, p_.keys[mismatch_key],
               "cannot compare " + std::string(kind_name(l.kind)) + " with " +
                   std::string(kind_name(r.kind)));
        return Value::missing();
      }
      operand = operand_for(l.kind);
    }
    return Value::of_bool(holds(order_of(l, r, operand), op));
  }

  static Operand operand_for(ValueKind kind) noexcept {
    return kind == ValueKind::boolean ? Operand::boolean
           : kind == ValueKind::number ? Operand::number
                                       : Operand::text;
  }

  static int order_of(const Value& l, const Value& r, Operand operand) noexcept {
    switch (operand) {
      case Operand::boolean: return order(l.boolean, r.boolean);
      case Operand::number: return order(l.number, r.number);
      case Operand::text: return compare_text(l, r);
      case Operand::version: return compare_versions(l.text(), r.text());
      case Operand::date:
      case Operand::duration: return order(l.integer, r.integer);
      case Operand::dynamic: break;
    }
    return 1;
  }

  Value member(const Value& v, Range set, Operand operand) const noexcept {
    if (v.kind == ValueKind::missing) return v;
    for (std::uint32_t i = 0; i < set.count; ++i) {
      const Value& candidate = p_.constants[set.first + i];
      if (operand == Operand::dynamic && candidate.kind != v.kind) continue;
      Operand as = operand == Operand::dynamic ? operand_for(v.kind) : operand;
      if (order_of(v, candidate, as) == 0) return Value::of_bool(true);
    }
    return Value::of_bool(false);
  }

  bool begin_loop(std::uint32_t index) {
    const Loop& loop = p_.loops[index];
    loop_ = LoopState{};
    loop_.loop = &loop;
    loop_.collection = &collections()[loop.collection];
    loop_.items = loop_.collection->items(s_);
    if (!loop_.items.present) {
      record(evidence_, loop_.collection->name, "(absent)");
      push(Value::missing());
      return false;
    }
    switch (loop.quantifier) {
      case ast::Quantifier::any: push(Value::of_bool(false)); break;
      case ast::Quantifier::all: push(Value::of_bool(true)); break;
      case ast::Quantifier::count: push(Value::of_number(0)); break;
    }
    return true;
  }

  // Folds one element's predicate into the accumulator; true when the loop is decided.
  bool step_loop(const Value& v) {
    if (v.kind == ValueKind::missing) {
      if (loop_.unknown == none) loop_.unknown = loop_.index;
      return false;
    }
    switch (loop_.loop->quantifier) {
      case ast::Quantifier::count:
        if (v.boolean) top().number += 1;
        return false;
      case ast::Quantifier::any:
      case ast::Quantifier::all:
        if (v.boolean != (loop_.loop->quantifier == ast::Quantifier::any)) return false;
        top() = v;
        loop_.decided = loop_.index;
        return true;
    }
    return false;
  }

  void end_loop() {
    const std::size_t n = loop_.items.size;
    const auto q = loop_.loop->quantifier;
    auto of_n = [&](std::size_t i) {
      return "item " + std::to_string(i + 1) + " of " + std::to_string(n);
    };
    std::string summary;
    std::size_t shown = none;
    if (loop_.decided != none) {
      shown = loop_.decided;
      summary = of_n(shown) + (q == ast::Quantifier::any ? " matches" : " does not match");
    } else if (loop_.unknown != none) {
      shown = loop_.unknown;
      summary = of_n(shown) + " is unknown";
      top() = Value::missing();
    } else if (q == ast::Quantifier::any) {
      summary = "none of " + std::to_string(n) + " match";
    } else if (q == ast::Quantifier::all) {
      summary = "all " + std::to_string(n) + " match";
    } else {
      summary = format_value(top()) + " of " + std::to_string(n) + " match";
    }
    record(evidence_, loop_.collection->name, std::move(summary));
    if (shown == none) return;
    loop_.index = shown;
    for (const auto& [field, key] : loop_.loop->fields)
      record(evidence_, key, format_value(element(field)));
  }
};

}  // namespace

Outcome evaluate(const Program& program, const Snapshot& snapshot, Timestamp reference_time) {
  Outcome out;
  out.evidence.reserve(program.impl().evidence_keys);
  Machine machine(program.impl(), snapshot, date_of(reference_time), out.evidence);
  out.truth = machine.run();
  return out;
}

}  // namespace posture::expr
