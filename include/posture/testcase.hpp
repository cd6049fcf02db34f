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

/// Runs every test of a test file ("posture-test/1"), in file order. Paths inside the file
/// (policy_file, catalog_file, snapshot_file) are resolved relative to `file_path`'s directory.
/// Errors: errc::io when a file cannot be read; errc::parse, errc::check, errc::version or
/// errc::limit when the test file or a document in it is malformed, and the compiler's errors when
/// its policy does not compile. Every problem is reported at once, each with file, line and
/// column. A wrong judgment is not an error but a failed outcome.
/// Thread safety: reentrant; shares nothing between calls.
result<std::vector<TestOutcome>> run_test_file(const std::string& file_path);

/// The same, for a test document already in memory. `base_dir` resolves relative paths (empty:
/// the working directory); `options.file_name` names the document in diagnostics and outcomes,
/// and its limits apply to the document and to every file it references.
result<std::vector<TestOutcome>> run_test_document(std::string_view text, const std::string& base_dir,
                                                   const ReadOptions& options = {});

/// Compares a judgment (as JSON, as write_judgment_json produces it) with an expectation object
/// (the `expect` member of a test; matching rules in docs/policy-tests.md). Returns the
/// differences, one per line; empty when it matches. A malformed judgment or expectation is
/// reported as a difference naming the problem and its line and column, never as a match.
std::vector<std::string> match_expectation(std::string_view judgment_json,
                                           std::string_view expect_json);

}  // namespace posture
