// Reading a "posture-test/1" document into the policy set, catalog and test cases it describes
// (docs/policy-tests.md, "File format").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parse/json_tree.hpp"
#include "posture/catalog.hpp"
#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/io.hpp"
#include "posture/plan.hpp"
#include "posture/policy.hpp"
#include "posture/time.hpp"

namespace posture::policytest {

/// One test: a snapshot judged at a reference time, and what the judgment must look like.
struct TestCase {
  std::string name;
  Snapshot snapshot;
  Timestamp at;
  json::NodeId expect = 0;  ///< the `expect` object in TestDocument::tree, already checked
};

struct TestDocument {
  json::Tree tree;  ///< the test document itself, holding the expectations
  std::string name;
  PolicySet policies;
  PatchCatalog catalog;
  EvalOptions options;
  std::vector<TestCase> tests;
};

/// Reads a test document. Embedded and referenced policy, catalog and inventory documents go
/// through the ordinary readers; `base_dir` resolves the *_file paths. Every problem found is
/// reported at once, each with its file, line and column.
result<TestDocument> read_test_document(std::string_view text, const std::string& base_dir,
                                        const ReadOptions& options);

}  // namespace posture::policytest
