// posture test: runs policy test files (posture-test/1) like a test runner.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "posture/testcase.hpp"

namespace posture::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view test_suffix = ".test.json";

struct TestOptions {
  std::vector<std::string> paths;
  bool verbose = false;
};

// The test files a path names: the file itself, or every *.test.json below a directory, sorted so
// that runs are comparable. Prints why and returns false when the path cannot be listed.
bool collect(const std::string& path, std::vector<std::string>& files) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    print_message("cannot read " + path + ": " + (ec ? ec.message() : "no such file or directory"));
    return false;
  }
  if (!fs::is_directory(status)) {
    files.push_back(path);
    return true;
  }
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (name.size() > test_suffix.size() && name.ends_with(test_suffix) &&
        it->is_regular_file(type_ec))
      found.push_back(it->path().string());
  }
  if (ec) {
    print_message("cannot list " + path + ": " + ec.message());
    return false;
  }
  if (found.empty()) {
    // A directory without tests is a mistake in the command line, not a passing suite.
    print_message("no test files (*" + std::string(test_suffix) + ") below " + path);
    return false;
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

// One line per test: its name and, when it failed, what differed. Newlines inside a failure text
// would break the one-line promise that scripts rely on.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

int run_test(const TestOptions& o) {
  std::vector<std::string> files;
  bool unreadable = false;
  for (const auto& path : o.paths) unreadable = !collect(path, files) || unreadable;

  std::size_t passed = 0, failed = 0;
  for (const auto& file : files) {
    const auto outcomes = run_test_file(file);
    if (!outcomes) {
      print_error(outcomes.err(), file);
      unreadable = true;
      continue;
    }
    for (const auto& t : *outcomes) {
      const std::string where = one_line((t.file.empty() ? file : t.file) + ": " + t.name);
      if (t.passed) {
        ++passed;
        if (o.verbose) std::printf("PASS %s\n", where.c_str());
        continue;
      }
      ++failed;
      std::string why;
      for (const auto& f : t.failures) {
        if (!why.empty()) why += "; ";
        why += f;
      }
      std::printf("FAIL %s: %s\n", where.c_str(), one_line(why).c_str());
    }
  }
  std::printf("%zu passed, %zu failed\n", passed, failed);
  if (unreadable) return exit_error;
  return failed > 0 ? exit_failed : exit_ok;
}

}  // namespace

void add_test_command(CLI::App& app, int& status) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* cmd = app.add_subcommand("test", "Run policy test files (posture-test/1)");
  cmd->footer(
      "A directory means every *.test.json file below it, in sorted order. Prints one line per "
      "failing test (\"FAIL file: test: what differed\"), with -v one per passing test too, then "
      "\"N passed, N failed\" as the last line.\n\n"
      "Exit status: 0 when every test passed, 1 when a test failed, 2 when a test file could not "
      "be "
      "read or its policy does not compile.");
  cmd->add_option("paths", o->paths, "Test files or directories")->required()->type_name("PATH...");
  cmd->add_flag("-v,--verbose", o->verbose, "Also list the tests that passed");
  cmd->callback([o, &status] { status = run_test(*o); });
}

}  // namespace posture::cli
