// ingest_fleet(): JSON Lines into a Fleet, record by record, with read_fleet()'s semantics.
//
// Records are found as read_fleet() finds them: a record starts at the first non-blank byte of a
// line. The fast path (RecordReader) reads a record that sits on one line; a record it gives up on
// is read by read_fleet() itself, so that errors, their locations and every odd case come from
// the one reference reader. A record that does not close on its line (a pretty-printed snapshot,
// or a broken line that read_fleet() would continue into the next ones) hands the rest of the
// input to read_fleet(), which then decides where each further record begins.
//
// A call may stop after IngestOptions::max_records records, at the start of the line the next
// record begins on, and a later call go on from there (IngestOptions::start): both go through the
// same steps from that line on as one call over the whole input, and locate everything in the
// whole input, so the pieces say what that call says.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "batch/client_row.hpp"
#include "batch/record_reader.hpp"
#include "posture/io.hpp"

namespace posture {
namespace {

using batch::ClientRow;
using batch::ReadOutcome;
using batch::StoreMode;

bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether the value starting at `line`'s first byte closes on that line: brackets counted outside
// strings. JSON strings cannot hold a raw line break, so the string state within one line is
// exact; a line read_fleet() would reject before its end is treated as closed, which is right,
// as read_fleet() then resumes on the next line.
bool closes_on_line(std::string_view line) noexcept {
  if (line.empty() || (line[0] != '{' && line[0] != '[')) return true;
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return true;
    }
  }
  return false;
}

// A message that names another place by line ("duplicate key "a" (first at line 3, column 2)")
// gets that line moved too.
std::string relocate_message(std::string message, std::size_t lines) {
  static constexpr std::string_view marker = "(first at line ";
  std::size_t at = message.find(marker);
  if (at == std::string::npos) return message;
  std::size_t begin = at + marker.size(), end = begin;
  std::size_t line = 0;
  while (end < message.size() && message[end] >= '0' && message[end] <= '9')
    line = line * 10 + static_cast<std::size_t>(message[end++] - '0');
  if (end == begin) return message;
  return message.replace(begin, end - begin, std::to_string(line + lines));
}

// The reference reader's diagnostics were located in a slice of the input; move them to where
// the slice lies in the whole input.
error relocate(const error& e, std::size_t first_line, std::size_t offset) {
  std::vector<diagnostic> all = e.diagnostics();
  for (auto& d : all) {
    if (d.where.line != 0) d.where.line += static_cast<std::uint32_t>(first_line - 1);
    if (d.where.offset != static_cast<std::size_t>(-1)) d.where.offset += offset;
    if (first_line > 1) d.message = relocate_message(std::move(d.message), first_line - 1);
  }
  return error(std::move(all));
}

class Ingest {
 public:
  Ingest(Fleet& fleet, const IngestOptions& options, std::vector<error>& bad,
         const RecordSink& on_record)
      : f_(fleet.impl()), options_(options), bad_(bad), on_record_(on_record),
        reader_(*f_.dict, options.read),
        max_line_(std::min<std::size_t>(options.read.max_line_bytes, UINT32_MAX - 1)) {}

  result<IngestStats> run(std::string_view text) {
    // A piece after the first is JSON Lines (the first decided that) and has no byte-order mark.
    const bool piece = options_.start.offset > 0;
    const std::size_t bom = !piece && text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const std::size_t base = options_.start.offset + bom;
    std::string_view doc = text.substr(bom);
    std::size_t pos = 0, line = options_.start.line;
    skip_blank(doc, pos, line);
    if (pos == doc.size()) return consumed(text.size(), line);
    if ((!piece && doc[pos] != '{') || !reader_.usable()) {
      if (options_.stop_before_whole_rest) return whole_rest(0, options_.start.line);
      if (auto r = reference(text, options_.start.line, options_.start.offset, piece); !r)
        return std::move(r).err();
      return consumed(text.size(), options_.start.line + count_lines(text));
    }
    while (pos < doc.size()) {
      const char* nl = static_cast<const char*>(std::memchr(doc.data() + pos, '\n', doc.size() - pos));
      std::size_t end = nl ? static_cast<std::size_t>(nl - doc.data()) : doc.size();
      std::string_view record = doc.substr(pos, end - pos);
      std::size_t line_start = pos;
      while (line_start > 0 && doc[line_start - 1] != '\n') --line_start;
      ++stats_.records;

      if (record.size() > max_line_) {
        if (auto r = fallback(doc, line_start, end, line, base); !r) return std::move(r).err();
      } else if (auto r = fast(doc, pos, record, line); !r) {
        return std::move(r).err();
      } else if (!*r) {
        if (!closes_on_line(record)) {
          --stats_.records;  // read_fleet() counts from here on
          if (options_.stop_before_whole_rest) return whole_rest(bom + line_start, line);
          std::string_view rest = doc.substr(line_start);
          if (auto read = reference(rest, line, base + line_start, true); !read)
            return std::move(read).err();
          return consumed(text.size(), line + count_lines(rest));
        }
        if (auto f = fallback(doc, line_start, end, line, base); !f) return std::move(f).err();
      }
      pos = end;
      skip_blank(doc, pos, line);
      if (options_.max_records != 0 && stats_.records >= options_.max_records && pos < doc.size()) {
        // The next piece starts with the next record's line, blanks before the record included,
        // so that its columns and the slices given to read_fleet() are those of the whole input.
        while (doc[pos - 1] != '\n') --pos;
        return consumed(bom + pos, line);
      }
    }
    return consumed(text.size(), line);
  }

 private:
  static void skip_blank(std::string_view t, std::size_t& pos, std::size_t& line) noexcept {
    for (; pos < t.size() && is_blank(t[pos]); ++pos)
      if (t[pos] == '\n') ++line;
  }

  static std::size_t count_lines(std::string_view t) noexcept {
    return static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n'));
  }

  // The stats of a call that read `bytes` of its text and ends before line `next_line`.
  IngestStats consumed(std::size_t bytes, std::size_t next_line) {
    stats_.bytes = bytes;
    stats_.lines = next_line - options_.start.line;
    return stats_;
  }

  // The stats of a call that stops before the rest it would read whole (the record that starts at
  // `bytes`, on line `next_line`).
  IngestStats whole_rest(std::size_t bytes, std::size_t next_line) {
    stats_.whole_rest = true;
    return consumed(bytes, next_line);
  }

  // The fast path for one record. False when the record needs the reference reader.
  result<bool> fast(std::string_view doc, std::size_t pos, std::string_view record,
                    std::size_t line) {
    SnapshotDigest digest = digest_of(record);
    if (options_.mode == IngestMode::upsert && options_.skip_unchanged)
      if (auto c = unchanged(digest)) {
        ++stats_.unchanged;
        if (on_record_) on_record_(line, *c);
        return true;
      }
    ReadOutcome outcome;
    const std::size_t readable = doc.size() - pos;
    if (readable >= record.size() + batch::RecordReader::padding()) {
      outcome = reader_.read(record.data(), record.size(), readable, row_);
    } else {
      // Near the end of the input the parser's read-ahead would leave the caller's buffer.
      padded_.assign(record);
      padded_.resize(record.size() + batch::RecordReader::padding(), ' ');
      outcome = reader_.read(padded_.data(), record.size(), padded_.size(), row_);
    }
    if (outcome == ReadOutcome::full)
      return error(errc::limit, "fleet: a dictionary is full (limit 2^32 entries)");
    if (outcome == ReadOutcome::fallback) return false;
    row_.digest = digest;
    if (auto stored = store(line); !stored) return std::move(stored).err();
    return true;
  }

  // The client whose record had exactly this text, when it is still the one its asset number
  // addresses (a twin appended later would be the one an upsert replaces).
  std::optional<std::size_t> unchanged(const SnapshotDigest& digest) const {
    if (digest == SnapshotDigest{}) return std::nullopt;
    auto c = f_.by_digest.find(digest.low, [&](std::uint32_t k) { return f_.digest[k] == digest; });
    if (!c) return std::nullopt;
    auto current = f_.find_asset(f_.asset(*c));
    if (!current || *current != *c) return std::nullopt;
    return std::size_t{*c};
  }

  result<void> store(std::size_t line) {
    const std::size_t before = f_.size();
    auto c = batch::store(
        f_, row_, options_.mode == IngestMode::upsert ? StoreMode::upsert : StoreMode::append);
    if (!c) return std::move(c).err();
    ++(f_.size() > before ? stats_.added : stats_.replaced);
    if (on_record_) on_record_(line, *c);
    return {};
  }

  // One line read by read_fleet(): the line closes its record, so read_fleet() sees exactly the
  // record it would see in the whole input. The line break goes with it: a string left open on
  // the line fails at that byte, and the parser must see it to say what the whole input says.
  // `base`: the offset of `doc` in the whole input.
  result<void> fallback(std::string_view doc, std::size_t line_start, std::size_t end,
                        std::size_t line, std::size_t base) {
    --stats_.records;  // reference() counts it
    const std::size_t with_break = end < doc.size() ? end + 1 : end;
    return reference(doc.substr(line_start, with_break - line_start), line, base + line_start, true);
  }

  // Reads `text` with read_fleet(); its lines start at `first_line` and its bytes at `offset` of
  // the whole input. A slice of JSON Lines must be read as JSON Lines even when its first record
  // is not an object (read_fleet() would take a leading '[' for an array of snapshots): such a
  // slice is read behind a placeholder record, which is then left out.
  result<void> reference(std::string_view text, std::size_t first_line, std::size_t offset,
                         bool lines) {
    static constexpr std::string_view placeholder = "{\"asset\":\"-\"}\n";
    std::string joined;
    bool behind = false;
    if (lines) {
      std::size_t first = 0;
      while (first < text.size() && is_blank(text[first])) ++first;
      if (first < text.size() && text[first] != '{') {
        joined.reserve(placeholder.size() + text.size());
        joined.append(placeholder).append(text);
        text = joined;
        behind = true;
        --first_line;
        offset -= placeholder.size();  // wraps around and back: every located byte lies behind
      }
    }
    std::vector<error> bad;
    std::size_t reported = 0;
    std::optional<error> failure;
    auto report_bad = [&] {
      for (; reported < bad.size(); ++reported) {
        // The placeholder itself may break the caller's limits (a string limit of 0 bytes, say);
        // its line is not part of the input, and neither is what is said of it.
        if (behind && bad[reported].where().line == 1) continue;
        bad_.push_back(relocate(bad[reported], first_line, offset));
        ++stats_.records;
        ++stats_.slow;
        ++stats_.bad;
        if (on_record_) on_record_(bad_.back().where().line, std::nullopt);
      }
    };
    SnapshotSink sink = [&](Snapshot&& snapshot, std::size_t line) {
      if (behind && line == 1) return true;
      report_bad();
      ++stats_.records;
      ++stats_.slow;
      const std::size_t at = line + first_line - 1;
      if (!batch::encode(snapshot, *f_.dict, row_)) {
        failure = error(errc::limit, "fleet: a dictionary is full (limit 2^32 entries)");
        return false;
      }
      if (auto stored = store(at); !stored) {
        failure = std::move(stored).err();
        return false;
      }
      return true;
    };
    auto read = read_fleet(text, options_.read, sink, bad);
    report_bad();
    if (failure) return std::move(*failure);
    if (!read) return relocate(read.err(), first_line, offset);
    return {};
  }

  Fleet::Impl& f_;
  const IngestOptions& options_;
  std::vector<error>& bad_;
  const RecordSink& on_record_;
  batch::RecordReader reader_;
  // read_fleet() reads a record in a window of at most 2^32 − 2 bytes, whatever the options say.
  std::size_t max_line_;
  ClientRow row_;
  std::string padded_;
  IngestStats stats_;
};

}  // namespace

result<IngestStats> ingest_fleet(Fleet& fleet, std::string_view text, const IngestOptions& options,
                                 std::vector<error>& bad_records, const RecordSink& on_record) {
  Ingest ingest(fleet, options, bad_records, on_record);
  return ingest.run(text);
}

}  // namespace posture
