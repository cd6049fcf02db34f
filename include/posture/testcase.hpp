// Policy unit tests: a policy, snapshots, a reference time and the expected judgments, run like a
// test runner ("N passed, N failed"). Administrators test their policies before rollout; the
// project's golden corpus (tests/data) is written in the same format. docs/policy-tests.md
// describes the file format and the matching rules.
#pragma once

#include <string>
#include <vector>

#include "posture/error.hpp"
#include "posture/io.hpp"

namespace posture {

/// The outcome of one test (one snapshot and its expectation).
struct TestOutcome {
  std::string file;
  std::string name;
  bool passed = false;
  /// What differed: "items.antivirus.level: expected danger, got warning". Empty when passed.
  std::vector<std::string> failures;
  /// The judgment produced, as compact JSON (for reports and debugging).
  std::string actual_json;
};

/// Runs every test of a test file ("posture-test/1"). Paths inside the file (policy_file,
/// catalog_file, snapshot_file) are resolved relative to `file_path`. A file that cannot be read or
/// whose policy does not compile is an error; a wrong judgment is a failed outcome.
result<std::vector<TestOutcome>> run_test_file(const std::string& file_path);

/// The same, for a test document already in memory; `base_dir` resolves relative paths.
result<std::vector<TestOutcome>> run_test_document(std::string_view text, const std::string& base_dir,
                                                   const ReadOptions& options = {});

/// Compares a judgment (as JSON, as write_judgment_json produces it) with an expectation object
/// (the `expect` member of a test). Returns the differences; empty when it matches.
std::vector<std::string> match_expectation(std::string_view judgment_json,
                                           std::string_view expect_json);

}  // namespace posture
