// User-defined condition expressions (spec/judgment.md §4.6): compile once, evaluate per snapshot.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/judgment.hpp"
#include "posture/time.hpp"

namespace posture::expr {

/// Limits on an expression's size, checked at compile time.
struct Limits {
  std::size_t max_source_bytes = 64 * 1024;
  unsigned max_depth = 64;
  std::size_t max_nodes = 4096;
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
/// diagnostics report line and column in that document. All problems are reported at once.
result<Program> compile(std::string_view source, const source_location& origin,
                        const Limits& limits = {});

/// Three-valued outcome: the condition holds (violation), does not hold, or read an absent field.
enum class Truth : unsigned char { no = 0, yes = 1, missing = 2 };

struct Outcome {
  Truth truth = Truth::no;
  std::vector<Evidence> evidence;  ///< the values the expression read
};

/// Evaluates a compiled expression against a snapshot. Never fails.
Outcome evaluate(const Program& program, const Snapshot& snapshot, Timestamp reference_time);

}  // namespace posture::expr
