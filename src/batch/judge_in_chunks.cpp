// judge_in_chunks(): reading a fleet document and judging it, overlapped on two threads.
//
// The calling thread reads chunk k+1 into one fleet while a second thread judges and reports
// chunk k from the other; the two meet once per chunk, when the reader has finished a chunk and
// waits for the report of the one before. The reader is at most one chunk ahead, so the report
// comes out in input order and memory holds two chunks. Each fleet keeps its own judge:
// Fleet::clear() keeps the dictionaries, so the judge's per-entry tables stay valid from chunk to
// chunk, and a judge never sees the other fleet.
#include <algorithm>
#include <exception>
#include <memory>
#include <string>
#include <thread>

#include "posture/batch.hpp"

namespace posture {
namespace {

struct Chunk {
  explicit Chunk(const Engine& engine) : judge(engine) {}
  Fleet fleet;
  FleetJudge judge;
  FleetVerdicts verdicts;
};

// The loop both inputs share. `read_chunk(fleet, piece, last)` reads the next chunk into `fleet`
// as ingest_fleet() with `piece` would, and sets `last` when nothing follows it.
template <class ReadChunk>
result<IngestStats> run_chunks(const Engine& engine, Timestamp reference_time,
                               const IngestOptions& options, const ChunkSink& sink,
                               const ChunkOptions& chunks, ReadChunk&& read_chunk) {
  Chunk buffers[2] = {Chunk(engine), Chunk(engine)};
  // Judges and reports a chunk; false when the sink asked to stop. The report builds its
  // judgments on every core even beside the reader: for JSON output they take several times as
  // long as reading, and the reader then mostly waits for them.
  auto report = [&](Chunk& chunk, const BatchOptions& judging) {
    chunk.judge.judge(chunk.fleet, reference_time, chunk.verdicts, judging);
    bool go_on = true;
    chunk.judge.report(
        chunk.fleet, chunk.verdicts, reference_time,
        [&](std::size_t client, Judgment&& judgment) {
          return go_on = sink(chunk.fleet, client, std::move(judgment));
        },
        chunks.full);
    return go_on;
  };

  IngestOptions piece = options;
  piece.mode = IngestMode::append;  // a client of an earlier chunk is no longer there to replace
  piece.max_records = std::max<std::size_t>(1, chunks.records);
  IngestStats total;
  // Written by the second thread, read by this one after joining it.
  bool stopped = false;
  std::exception_ptr failure;
  std::jthread worker;  // last, so that it is joined before anything it uses is destroyed
  for (std::size_t k = 0;; ++k) {
    Chunk& chunk = buffers[k % 2];
    chunk.fleet.clear();
    bool last = false;
    auto read = read_chunk(chunk.fleet, piece, last);
    if (read) total += *read;
    last = last || !read;
    if (worker.joinable()) worker.join();
    if (failure) std::rethrow_exception(failure);
    if (stopped) return total;
    if (last) {
      // Nothing left to overlap with: the last chunk has every thread.
      report(chunk, {});
      if (!read) return std::move(read).err();
      return total;
    }
    // Judging a chunk takes milliseconds: one thread, beside the reader.
    worker = std::jthread([&report, &stopped, &failure, current = &chunk] {
      try {
        stopped = !report(*current, BatchOptions{.threads = 1});
      } catch (...) {
        failure = std::current_exception();
      }
    });
    piece.start = next_start(options.start, total);
  }
}

// The part of an input a ByteSource has delivered and ingest_fleet() has not yet read.
class Window {
 public:
  Window(const ByteSource& source, std::size_t limit) : source_(source), limit_(limit) {}

  // Reads on until the unread part holds `lines` line breaks or the input has ended; or, once it
  // holds `limit` bytes, at least one line break (a chunk of fewer, longer records).
  result<void> fill(std::size_t lines) {
    while (!ended_ && breaks_ < lines) {
      if (size_ - begin_ >= limit_) {
        if (breaks_ > 0) break;
        return too_long("a line");
      }
      if (auto more = read_some(); !more) return more;
    }
    return {};
  }
  // Reads the rest of the input.
  result<void> fill_all() {
    while (!ended_) {
      if (size_ - begin_ >= limit_) return too_long("the part of the input that is read whole");
      if (auto more = read_some(); !more) return more;
    }
    return {};
  }

  bool ended() const noexcept { return ended_; }
  // What ingest_fleet() may read: the whole lines of the unread part, or all of it at the end.
  std::string_view lines() const noexcept {
    const std::string_view rest(buffer_.get() + begin_, size_ - begin_);
    return ended_ ? rest : rest.substr(0, rest.rfind('\n') + 1);
  }
  bool all_read() const noexcept { return ended_ && begin_ == size_; }
  // The first `bytes` of the unread part, holding `lines` line breaks, have been read.
  void consume(std::size_t bytes, std::size_t lines) noexcept {
    begin_ += bytes;
    breaks_ -= lines;
  }

 private:
  static constexpr std::size_t kRead = 1 << 20;  // asked of the source at a time, at most

  error too_long(std::string_view what) const {
    return error(errc::limit, std::string(what) + " exceeds " + std::to_string(limit_) +
                                  " bytes (max_document_bytes)");
  }

  result<void> read_some() {
    if (capacity_ - size_ < kRead) make_room();
    auto n = source_(buffer_.get() + size_, kRead);
    if (!n) return std::move(n).err();
    // A count beyond the space given would have the reader read past the buffer.
    if (*n > kRead)
      return error(errc::invalid, "a ByteSource returned " + std::to_string(*n) + " bytes where " +
                                      std::to_string(kRead) + " were asked");
    ended_ = *n == 0;
    const char* from = buffer_.get() + size_;
    breaks_ += static_cast<std::size_t>(std::count(from, from + *n, '\n'));
    size_ += *n;
    return {};
  }

  // Moves the unread part to the front, and grows the buffer when it is still more than half full:
  // about twice the unread part, whatever the source delivers at a time.
  void make_room() {
    const std::size_t unread = size_ - begin_;
    const std::size_t capacity = std::max(capacity_, 2 * (unread + kRead));
    if (capacity != capacity_) {
      auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
      std::copy_n(buffer_.get() + begin_, unread, bigger.get());
      buffer_ = std::move(bigger);
      capacity_ = capacity;
    } else {
      std::copy_n(buffer_.get() + begin_, unread, buffer_.get());
    }
    begin_ = 0;
    size_ = unread;
  }

  const ByteSource& source_;
  const std::size_t limit_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0, size_ = 0;
  std::size_t begin_ = 0;   // where the unread part starts
  std::size_t breaks_ = 0;  // line breaks in it
  bool ended_ = false;
};

}  // namespace

result<IngestStats> judge_in_chunks(const Engine& engine, std::string_view text,
                                    Timestamp reference_time, const IngestOptions& options,
                                    std::vector<error>& bad_records, const RecordSink& on_record,
                                    const ChunkSink& sink, const ChunkOptions& chunks) {
  std::size_t read_so_far = 0;
  return run_chunks(engine, reference_time, options, sink, chunks,
                    [&](Fleet& fleet, const IngestOptions& piece, bool& last) {
                      auto read = ingest_fleet(fleet, text.substr(read_so_far), piece, bad_records,
                                               on_record);
                      if (read) read_so_far += read->bytes;
                      last = read_so_far == text.size();
                      return read;
                    });
}

result<IngestStats> judge_in_chunks(const Engine& engine, const ByteSource& source,
                                    Timestamp reference_time, const IngestOptions& options,
                                    std::vector<error>& bad_records, const RecordSink& on_record,
                                    const ChunkSink& sink, const ChunkOptions& chunks) {
  Window window(source, options.read.max_document_bytes);
  return run_chunks(
      engine, reference_time, options, sink, chunks,
      [&](Fleet& fleet, IngestOptions piece, bool& last) -> result<IngestStats> {
        // One line more than the chunk's records, so that a chunk ends where the next record's
        // line starts (blank lines aside), as in the whole input.
        // (max_records is at least 1; "all records" as SIZE_MAX must not wrap to 0 lines.)
        const std::size_t lines = std::max(piece.max_records, piece.max_records + 1);
        if (auto filled = window.fill(lines); !filled) return std::move(filled).err();
        piece.stop_before_whole_rest = !window.ended();
        auto read = ingest_fleet(fleet, window.lines(), piece, bad_records, on_record);
        if (!read) return read;
        window.consume(read->bytes, read->lines);
        if (read->whole_rest) {
          // A JSON array, a single snapshot or a record that spans lines: the rest at once.
          if (auto filled = window.fill_all(); !filled) return std::move(filled).err();
          piece.start = next_start(piece.start, *read);
          piece.stop_before_whole_rest = false;
          auto rest = ingest_fleet(fleet, window.lines(), piece, bad_records, on_record);
          if (!rest) return rest;
          window.consume(rest->bytes, rest->lines);
          *read += *rest;
        }
        last = window.all_read();
        return read;
      });
}

}  // namespace posture
