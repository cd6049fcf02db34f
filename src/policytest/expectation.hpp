// Expectations of a policy test: what a judgment must look like (docs/policy-tests.md, "Matching").
// Both sides are JSON trees: the judgment as write_judgment_json writes it, so that every face of
// posture (C++, C, Python, the command line) can be held to the same expectations.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "policytest/json_tree.hpp"

namespace posture::policytest {

/// A mistake in an expectation itself (unknown key, wrong type, unknown level name), as opposed to
/// a judgment that does not match it. `offset` is where in the source the mistake is.
struct ExpectationProblem {
  std::size_t offset = 0;
  std::string message;
};

/// Checks the shape of an `expect` object. Empty when it can be matched.
std::vector<ExpectationProblem> check_expectation(const JsonNode& expect);

/// Compares a judgment with an expectation that passed check_expectation. Returns one line per
/// difference ("items.antivirus.level: expected danger, got warning"); empty when it matches.
std::vector<std::string> compare_judgment(const JsonNode& judgment, const JsonNode& expect);

}  // namespace posture::policytest
