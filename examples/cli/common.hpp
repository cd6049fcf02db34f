// What the posture commands share: exit statuses, diagnostics on stderr, reading inputs (a file or
// standard input), loading policies into an engine, and the output file.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "posture/engine.hpp"
#include "posture/error.hpp"
#include "posture/io.hpp"
#include "posture/plan.hpp"

namespace posture::cli {

/// Exit statuses of every command.
enum exit_status : int {
  exit_ok = 0,
  exit_failed = 1,  ///< judge: a client reached --fail-on; test: a test failed
  exit_error = 2,   ///< bad input, unreadable file, bad usage
};

/// "posture: <text>" on stderr.
void print_message(std::string_view text);

/// Every diagnostic of `e` on stderr, one per line, as "file:line:column: message". A diagnostic
/// that names no file is attributed to `file`.
void print_error(const error& e, std::string_view file);

/// The name diagnostics use for an input path: "<stdin>" for "-".
std::string input_name(const std::string& path);

/// False, after saying so, when more than one of `paths` is "-": standard input can be read once.
bool stdin_at_most_once(const std::vector<std::string>& paths);

/// A whole input: the file at `path`, or standard input when `path` is "-".
result<std::string> read_input(const std::string& path, std::size_t max_bytes);

/// The file at `path`, or standard input when `path` is "-", to read a part at a time.
result<InputFile> open_input(const std::string& path);

/// Reads and merges the policy files, reads the catalog (when `catalog_file` is not empty) and
/// compiles everything into an engine. Every problem found is printed with its location; when a
/// file cannot be read, the policies of the others are still compiled, so that one run lists as
/// many problems as possible. Returns the engine, or nothing after printing the problems.
std::optional<Engine> load_engine(const std::vector<std::string>& policy_files,
                                  const std::string& catalog_file, const EvalOptions& options);

/// Where a command writes its report: a file, or standard output for "" or "-".
class Output {
 public:
  Output() = default;
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output();

  /// Opens (creates or truncates) the file. Prints the reason and returns false when it cannot.
  bool open(const std::string& path);
  /// Writes all of `text`; false once any write has failed.
  bool write(std::string_view text);
  /// Flushes and closes. Prints the reason and returns false when any write failed.
  bool close();

 private:
  void fail() noexcept;  // remembers the first failure's errno, for the message at close()

  std::FILE* file_ = nullptr;
  std::string name_;
  bool owned_ = false;
  bool failed_ = false;
  int error_number_ = 0;
};

/// True when the stream is a terminal.
bool is_terminal(std::FILE* stream) noexcept;

/// Columns of the terminal on standard output; 0 when it is not a terminal.
std::size_t terminal_columns() noexcept;

}  // namespace posture::cli
