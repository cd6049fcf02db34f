#include "common.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "posture/io.hpp"

#if defined(_WIN32)
#include <io.h>
#else
#include <sys/ioctl.h>
#include <unistd.h>
#endif

namespace posture::cli {

void print_message(std::string_view text) {
  std::fprintf(stderr, "posture: %.*s\n", static_cast<int>(text.size()), text.data());
}

void print_error(const error& e, std::string_view file) {
  for (diagnostic d : e.diagnostics()) {
    if (d.where.file.empty()) d.where.file = std::string(file);
    const std::string line = d.to_string();
    std::fprintf(stderr, "%s\n", line.c_str());
  }
}

std::string input_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

bool stdin_at_most_once(const std::vector<std::string>& paths) {
  if (std::count(paths.begin(), paths.end(), "-") <= 1) return true;
  print_message("standard input (-) can be read only once");
  return false;
}

result<std::string> read_input(const std::string& path, std::size_t max_bytes) {
  if (path != "-") return read_file(path, max_bytes);
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, stdin);
    if (text.size() + n > max_bytes)
      return error(errc::limit, "input exceeds " + std::to_string(max_bytes) + " bytes",
                   {"<stdin>"});
    text.append(buf, n);
    if (n < sizeof buf) break;
  }
  if (std::ferror(stdin)) return error(errc::io, "cannot read standard input", {"<stdin>"});
  return text;
}

result<InputFile> open_input(const std::string& path) {
  if (path == "-") return InputFile::standard_input();
  return InputFile::open(path);
}

namespace {

std::optional<PolicySet> read_policy_file(const std::string& path) {
  ReadOptions options;
  options.file_name = input_name(path);
  auto text = read_input(path, options.max_document_bytes);
  if (!text) {
    print_error(text.err(), options.file_name);
    return std::nullopt;
  }
  auto set = read_policy_json(*text, options);
  if (!set) {
    print_error(set.err(), options.file_name);
    return std::nullopt;
  }
  return std::move(*set);
}

std::optional<PatchCatalog> read_catalog_file(const std::string& path) {
  ReadOptions options;
  options.file_name = input_name(path);
  auto text = read_input(path, options.max_document_bytes);
  if (!text) {
    print_error(text.err(), options.file_name);
    return std::nullopt;
  }
  auto catalog = read_catalog_json(*text, options);
  if (!catalog) {
    print_error(catalog.err(), options.file_name);
    return std::nullopt;
  }
  return std::move(*catalog);
}

}  // namespace

std::optional<Engine> load_engine(const std::vector<std::string>& policy_files,
                                  const std::string& catalog_file, const EvalOptions& options) {
  bool complete = true;
  PolicySet set;
  for (const auto& path : policy_files) {
    auto more = read_policy_file(path);
    if (!more) {
      complete = false;
      continue;
    }
    auto merged = merge_policies(set, std::move(*more));
    if (!merged) {
      print_error(merged.err(), input_name(path));
      complete = false;
    }
  }
  PatchCatalog catalog;
  if (!catalog_file.empty()) {
    auto read = read_catalog_file(catalog_file);
    if (read)
      catalog = std::move(*read);
    else
      complete = false;
  }
  if (!complete) {
    // The assignment table may name policies of the file that failed; compiling each policy on
    // its own still finds their problems without reporting those names as unknown.
    for (const auto& policy : set.judgment_policies) {
      auto plan = compile(policy, set, &catalog);
      if (!plan) print_error(plan.err(), {});
    }
    return std::nullopt;
  }
  if (set.judgment_policies.empty()) {
    print_message("no judgment policy in the policy files");
    return std::nullopt;
  }
  auto engine = Engine::create(std::move(set), std::move(catalog), options);
  if (!engine) {
    print_error(engine.err(), {});
    return std::nullopt;
  }
  return std::move(*engine);
}

Output::~Output() {
  if (owned_ && file_) std::fclose(file_);
}

bool Output::open(const std::string& path) {
  if (path.empty() || path == "-") {
    file_ = stdout;
    name_ = "standard output";
    return true;
  }
  name_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) {
    print_message("cannot write " + path + ": " + std::strerror(errno));
    return false;
  }
  owned_ = true;
  return true;
}

bool Output::write(std::string_view text) {
  if (failed_ || text.empty()) return !failed_;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail();
  return !failed_;
}

void Output::fail() noexcept {
  if (!failed_) error_number_ = errno;
  failed_ = true;
}

bool Output::close() {
  if (std::fflush(file_) != 0) fail();
  if (owned_) {
    if (std::fclose(file_) != 0) fail();
    file_ = nullptr;
    owned_ = false;
  }
  if (failed_) print_message("cannot write " + name_ + ": " + std::strerror(error_number_));
  return !failed_;
}

bool is_terminal(std::FILE* stream) noexcept {
#if defined(_WIN32)
  return _isatty(_fileno(stream)) != 0;
#else
  return isatty(fileno(stream)) != 0;
#endif
}

std::size_t terminal_columns() noexcept {
  if (!is_terminal(stdout)) return 0;
#if !defined(_WIN32)
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
#endif
  if (const char* cols = std::getenv("COLUMNS")) {
    const long n = std::strtol(cols, nullptr, 10);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  return 80;
}

}  // namespace posture::cli
