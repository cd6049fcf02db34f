// The compiled form of an expression: a flat list of typed instructions for a small stack machine,
// with every name resolved to an accessor and every pattern, needle and literal prepared. The
// scalar evaluator (vm.cpp) runs it per snapshot; a columnar evaluator can run the same code over
// columns, since no instruction refers to the syntax tree.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "expr/ast.hpp"
#include "expr/text.hpp"
#include "expr/value.hpp"
#include "posture/expr.hpp"
#include "posture/name.hpp"

namespace posture::expr {

enum class Op : std::uint8_t {
  push,               ///< push constants[c]
  load,               ///< push snapshot field a; evidence reads[c]
  load_user,          ///< push fields[reads[c].name] converted to Want a; evidence reads[c]
  load_element,       ///< push field a of the current element
  exists,             ///< push whether snapshot field a is present; evidence keys[c]
  exists_user,        ///< push whether fields[reads[c].name] is present and not null
  exists_element,     ///< push whether field a of the current element is present
  exists_collection,  ///< push whether collection a was collected; evidence keys[c]
  fold,               ///< lower(): mark the text on top as compared lower-cased
  age,                ///< date on top → days before the reference date; evidence keys[c] if set
  compare,            ///< pop 2, push the CompareOp a between them as Operand b; keys[c] if dynamic
  in,                 ///< pop 1, push whether it equals one of sets[c] (as Operand a)
  matches,            ///< pop 1, push patterns[c].matches
  contains,           ///< pop 1, push needles[c].found_in
  starts_with,        ///< pop 2, push whether the first starts with the second
  negate,             ///< not
  and_,               ///< pop v; top = top and v; jump to c when that is false
  or_,                ///< pop v; top = top or v; jump to c when that is true
  loop_begin,         ///< start loops[c]: push its accumulator; skip the loop if not collected
  loop_next,          ///< advance to the next element; jump to c when there is none
  loop_step,          ///< pop the predicate into the accumulator; jump to c when decided
  loop_end,           ///< finish loops[c] and record its evidence
  jump,               ///< continue at c
};

/// How two operands are compared.
enum class Operand : std::uint8_t { boolean, number, text, version, date, duration, dynamic };

/// What a `fields` value is converted to where it meets a typed operand.
enum class Want : std::uint8_t { any, boolean, number, text, date };

struct Instr {
  Op op;
  std::uint8_t a = 0;
  std::uint8_t b = 0;
  std::uint32_t c = 0;
};

inline constexpr std::uint32_t no_key = 0xFFFFFFFFu;

/// One place where the expression reads a named value.
struct Read {
  std::string key;   ///< evidence key: "os.version", "fields[\"Registry.AutoAdminLogon\"]"
  std::string name;  ///< for fields: the key looked up in Snapshot::fields
};

/// One any/all/count.
struct Loop {
  std::uint8_t collection = 0;
  ast::Quantifier quantifier = ast::Quantifier::any;
  std::uint32_t end = 0;  ///< the instruction after loop_end, where an absent collection goes
  /// The element fields the predicate reads, with their evidence keys ("software.version").
  std::vector<std::pair<std::uint8_t, std::string>> fields;
};

struct Range {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

/// Evaluation needs at most this many stack slots; deeper programs are refused at compile time so
/// that the evaluator can keep its stack in a fixed array.
inline constexpr std::size_t max_stack = 256;

struct Program::Impl {
  std::vector<Instr> code;
  std::vector<Value> constants;  ///< text constants point into `texts`
  std::deque<std::string> texts;  ///< a deque: elements never move, so pointers stay valid
  std::vector<Read> reads;
  std::vector<std::string> keys;
  std::vector<Range> sets;  ///< `in` lists, as ranges of `constants`
  std::vector<NamePattern> patterns;
  std::vector<Needle> needles;
  std::vector<Loop> loops;
  std::size_t stack_size = 0;
  std::size_t evidence_keys = 0;  ///< at most this many evidence keys: reserved once per evaluation
};

}  // namespace posture::expr
