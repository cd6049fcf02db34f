// Readers and writers for posture's JSON documents (spec/formats.md §1–§4).
//
// Every reader reports a bad document as an error naming file, line, column and what was expected,
// and never loads part of a document silently. Unknown keys are errors in policies and catalogs (a
// typo must not switch a check off) and are kept as `fields` in inventories.
//
// Errors of every reader: errc::parse (not JSON, invalid UTF-8, a value of the wrong type or form),
// errc::check (a missing, unknown or repeated key), errc::version (another "format"), errc::limit
// (a ReadOptions limit). All problems of a document are reported at once, in input order, up to a
// hundred. Positions: line and column are 1-based, the column counts bytes, a UTF-8 byte order
// mark is skipped and not counted. JSON null for an optional value means absent.
// Thread safety: readers and writers share no state and may run on any number of threads.
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "posture/catalog.hpp"
#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/judgment.hpp"
#include "posture/policy.hpp"

namespace posture {

/// Limits and naming for readers. Inputs beyond a limit fail with errc::limit.
struct ReadOptions {
  std::string file_name;                        ///< used in diagnostics ("-" for stdin)
  std::size_t max_document_bytes = 256u << 20;  ///< whole input
  std::size_t max_line_bytes = 16u << 20;       ///< one JSON Lines record
  unsigned max_depth = 64;                      ///< nesting of arrays/objects
  std::size_t max_string_bytes = 1u << 20;      ///< one string value
};

/// Reads a whole file. Errors: errc::io (with the OS reason), errc::limit.
result<std::string> read_file(const std::string& path, std::size_t max_bytes = 1u << 30);

/// A file, or standard input, read a part at a time: what a ByteSource reads for
/// judge_in_chunks() (posture/batch.hpp), so that an input of any size is never held whole.
/// Thread safety: one thread at a time.
class InputFile {
 public:
  /// Opens the file at `path`. Errors: errc::io with the OS reason (a directory fails here, not
  /// at the first read).
  static result<InputFile> open(const std::string& path);
  /// Standard input ("<stdin>" in messages).
  static InputFile standard_input();

  /// Reads up to `size` bytes into `buffer`: how many, 0 at the end. Errors: errc::io.
  result<std::size_t> read(char* buffer, std::size_t size);
  /// The file's size when known at open (0 for a pipe or a terminal): for progress only, as a file
  /// may grow while read.
  std::size_t size() const noexcept { return size_; }
  /// Bytes read so far.
  std::size_t delivered() const noexcept { return delivered_; }

 private:
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned_{nullptr, &std::fclose};
  std::FILE* file_ = nullptr;
  std::string name_;  // as messages show it
  std::size_t size_ = 0;
  std::size_t delivered_ = 0;
};

/// Reads a policy document ("posture-policy/1").
result<PolicySet> read_policy_json(std::string_view text, const ReadOptions& options = {});

/// Reads one inventory snapshot ("posture-inventory/1"; `format` may be omitted). Inventories come
/// from many scanner and agent versions, so only what could change a judgment is strict: known
/// keys must hold values of the right type and form, unknown keys inside known sections are
/// ignored, and unknown top-level keys are kept in `fields` in document order. Enumerated values
/// (severity, state, automatic-update mode) match ASCII case-insensitively.
result<Snapshot> read_snapshot_json(std::string_view text, const ReadOptions& options = {});

/// Called for each snapshot of a fleet, in input order. `line` is the 1-based line it started on.
/// Return false to stop reading.
using SnapshotSink = std::function<bool(Snapshot&& snapshot, std::size_t line)>;

/// Reads a fleet: JSON Lines (one snapshot per line, blank lines ignored), a JSON array of
/// snapshots, or a single snapshot object. A bad record does not stop the others: its error is
/// appended to `bad_records` (with its line) and reading goes on; the result fails only when the
/// input as a whole cannot be read (limit exceeded, not JSON at all).
///
/// The input is streamed, never held as one tree, so max_document_bytes does not apply; each
/// record (line, or array element) is limited by max_line_bytes, max_depth and max_string_bytes.
/// A JSON Lines record may span lines (a single pretty-printed snapshot is one record); after a
/// broken record reading resumes on the line after the one it started on. In an array, a syntax
/// error or an exceeded limit ends the read with an error, after the records before it were
/// delivered. Returns the number of snapshots passed to `sink`.
result<std::size_t> read_fleet(std::string_view text, const ReadOptions& options,
                               const SnapshotSink& sink, std::vector<error>& bad_records);

/// Reads a patch catalog ("posture-catalog/1").
result<PatchCatalog> read_catalog_json(std::string_view text, const ReadOptions& options = {});

/// JSON output style.
enum class JsonStyle { compact, pretty };

/// Writes a snapshot in the inventory format (round-trips through read_snapshot_json).
std::string write_snapshot_json(const Snapshot& snapshot, JsonStyle style = JsonStyle::compact);

/// Writes a judgment (spec/formats.md §3). Compact output is one line: a JSON Lines record.
std::string write_judgment_json(const Judgment& judgment, JsonStyle style = JsonStyle::compact);

/// Reads judgments back, as write_judgment_json and `posture judge` write them: JSON Lines (one
/// judgment per line, blank lines ignored), a JSON array, a {"format":"posture-judgments/1",
/// "judgments":[…]} document, or one judgment. A level may also be a bare name ("danger"). Unknown
/// keys are errors; every problem of every line is reported at once.
result<std::vector<Judgment>> read_judgments_json(std::string_view text,
                                                  const ReadOptions& options = {});

}  // namespace posture
