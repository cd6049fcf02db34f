// User-defined condition expressions (spec/judgment.md §4.6): compile once, evaluate per snapshot.
// The language is described in docs/expressions.md.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/judgment.hpp"
#include "posture/level.hpp"
#include "posture/time.hpp"

namespace posture::expr {

/// Limits on an expression's size, checked at compile time (errc::limit).
struct Limits {
  std::size_t max_source_bytes = 64 * 1024;  ///< length of the expression text
  unsigned max_depth = 64;                   ///< nested brackets: ( ), f( ), any c( ), [ ]
  std::size_t max_nodes = 4096;              ///< syntax nodes: literals, names, operators, calls
};

/// A compiled, type-checked expression. Thread safety: immutable.
class Program {
 public:
  struct Impl;
  explicit Program(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  const Impl& impl() const noexcept { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

/// Parses and type-checks `source`. `origin` is where the expression text starts in its document;
/// diagnostics report line and column in that document (an origin without a line positions the
/// expression on its own, from 1:1). Errors: errc::parse for a syntax error (the first one),
/// errc::check for unknown names and type errors (all of them at once), errc::limit, errc::nomem.
/// Thread safety: none needed; compile shares nothing.
result<Program> compile(std::string_view source, const source_location& origin,
                        const Limits& limits = {});

/// As above, for an expression read from a JSON string: `written` is that string as the document
/// has it between its quotes, escapes and all (empty when it has none), so that diagnostics point
/// at the document's bytes (`\"` is two bytes written for one of the expression).
result<Program> compile(std::string_view source, std::string_view written,
                        const source_location& origin, const Limits& limits = {});

/// Three-valued outcome: the condition holds (violation), does not hold, or read an absent field.
enum class Truth : unsigned char { no = 0, yes = 1, missing = 2 };

struct Outcome {
  Truth truth = Truth::no;
  std::vector<Evidence> evidence;  ///< the values the expression read
};

/// Evaluates a compiled expression against a snapshot. Never fails. `evidence` lists, in the order
/// read, each value the evaluation looked at ("os.version" = "10.0.19045.3693", absent values as
/// "(absent)"), and for a `fields` value that did not fit its use, why. Allocates nothing but the
/// evidence. Thread safety: any number of threads may evaluate one Program at once.
Outcome evaluate(const Program& program, const Snapshot& snapshot, Timestamp reference_time);

/// One condition of a JP1/CSC user-defined judgment item: the positional fields of a UserDefJudge
/// row (reference/jp1-csc-judgment.md §5.6, §8.2).
struct Jp1Condition {
  std::string class_name;     ///< class display name: "Hardware information"
  std::string property_name;  ///< property display name: "CPU"
  std::string comparison;     ///< "Match", "Do not match", ">=", … (docs/expressions.md)
  std::string value;          ///< the comparison value as written
  std::string when_unset;     ///< treatment when the property has no value; empty means unknown
};

/// A JP1 user-defined item in the condition language.
struct Jp1Translation {
  /// `fields["<Class>.<Property>"] <op> <value>` per condition, joined with `and`.
  std::string when;
  /// The item's when_missing: the treatment of conditions that read an unset property plainly.
  WhenMissing when_missing = WhenMissing::unknown;
};

/// Translates the conditions of one JP1 user-defined item (the conjunction of its rows, spec/
/// judgment.md §4.6). A condition whose treatment is "level" or "safe" carries it inside the
/// expression (via exists()); "unknown" and "no_item" become the item's when_missing, so the
/// conditions of one item must not mix those two. Errors (errc::check): no conditions, an empty
/// class or property, an unknown comparison or treatment; every problem is reported at once,
/// naming the condition by its 1-based position.
result<Jp1Translation> translate_jp1_conditions(std::span<const Jp1Condition> conditions);

}  // namespace posture::expr
