// The fast path of ingest_fleet(): one JSON Lines record straight into a ClientRow, with no tree.
//
// It reads the common shape of an inventory record and nothing else. Whatever lies outside it —
// a syntax error, a wrong type, a bad date, an unusual spelling of an enumerated value, a duplicate
// key, a nested value in `fields`, a string beyond the limits — makes it give the record up, and
// ingest_fleet() reads that record with read_fleet() instead. So the reference reader alone
// decides every error and every odd case, and the fast path only has to agree with it on the
// records it accepts, which the batch property tests check.
//
// Program, update and anti-virus objects repeat across a fleet byte for byte. Each distinct object
// text is parsed once; later occurrences are recognised by a keyed hash of their bytes
// (known_texts.hpp; simdjson skips over them without visiting their contents) and take the record
// id remembered for that text. A text is remembered only after it was read in full, so
// recognising one never accepts what the first reading would have refused.
#pragma once

#include <cstddef>
#include <memory>

#include "batch/client_row.hpp"
#include "posture/io.hpp"

namespace posture::batch {

enum class ReadOutcome : unsigned char {
  ok,        ///< `row` holds the record
  fallback,  ///< outside the fast path: read the record with read_fleet()
  full,      ///< a dictionary is full
};

class RecordReader {
 public:
  struct State;

  RecordReader(Dictionaries& dict, const ReadOptions& options);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  /// Whether the options leave room for the fast path (nesting deep enough for the inventory
  /// format); otherwise every record goes to read_fleet().
  bool usable() const noexcept;

  /// Reads the record `data[0, size)`; the `capacity` bytes from `data` must be readable (the
  /// parser reads up to a padding's length past the end, whatever those bytes hold).
  ReadOutcome read(const char* data, std::size_t size, std::size_t capacity, ClientRow& row);

  /// The number of bytes past a record's end that read() may read.
  static std::size_t padding() noexcept;

 private:
  std::unique_ptr<State> s_;
};

}  // namespace posture::batch
