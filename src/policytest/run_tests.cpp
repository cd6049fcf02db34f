#include <filesystem>
#include <utility>

#include "parse/json_locator.hpp"
#include "parse/json_tree.hpp"
#include "policytest/expectation.hpp"
#include "policytest/test_document.hpp"
#include "posture/engine.hpp"
#include "posture/testcase.hpp"

namespace posture {

result<std::vector<TestOutcome>> run_test_document(std::string_view text,
                                                   const std::string& base_dir,
                                                   const ReadOptions& options) {
  auto doc = policytest::read_test_document(text, base_dir, options);
  if (!doc) return std::move(doc).err();
  auto engine = Engine::create(std::move(doc->policies), std::move(doc->catalog), doc->options);
  if (!engine) return std::move(engine).err();

  const auto limits = json::Limits::for_document(options);
  std::vector<TestOutcome> outcomes;
  outcomes.reserve(doc->tests.size());
  for (const auto& test : doc->tests) {
    TestOutcome outcome;
    outcome.file = options.file_name;
    outcome.name = test.name;
    // Matching reads the judgment as JSON, as the C ABI and Python suites see it, so that one
    // expectation holds every face of posture to the same result.
    outcome.actual_json = write_judgment_json(engine->judge(test.snapshot, test.at));
    auto judgment = json::parse_value(outcome.actual_json, limits);
    if (judgment.failure)
      outcome.failures.push_back(
          "the judgment is not readable JSON: " +
          json::to_error(*judgment.failure, json::Locator(outcome.actual_json, "judgment"))
              .to_string());
    else
      outcome.failures =
          policytest::compare_judgment(judgment.tree, doc->tree, doc->tree.at(test.expect));
    outcome.passed = outcome.failures.empty();
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

result<std::vector<TestOutcome>> run_test_file(const std::string& file_path) {
  ReadOptions options;
  options.file_name = file_path;
  auto text = read_file(file_path, options.max_document_bytes);
  if (!text) return std::move(text).err();
  return run_test_document(*text, std::filesystem::path(file_path).parent_path().string(), options);
}

}  // namespace posture
