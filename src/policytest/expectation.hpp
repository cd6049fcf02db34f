// Expectations of a policy test: what a judgment must look like (docs/policy-tests.md, "Matching").
// Both sides are located JSON trees, the judgment as write_judgment_json writes it, so that every
// face of posture (C++, C, Python, the command line) can be held to the same expectations.
#pragma once

#include <string>
#include <vector>

#include "parse/json_tree.hpp"
#include "parse/json_walker.hpp"

namespace posture::policytest {

/// Checks the shape of an `expect` object (known keys, value types, level, status and category
/// names) and reports every mistake to `w`, as the readers report theirs.
void check_expectation(json::Walker& w, const json::Node& expect);

/// Compares a judgment with an expectation that passed check_expectation. Returns one line per
/// difference ("items.antivirus.level: expected danger, got warning"); empty when it matches.
std::vector<std::string> compare_judgment(const json::Tree& judgment, const json::Tree& expect_tree,
                                          const json::Node& expect);

}  // namespace posture::policytest
