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

}  // namespace

result<IngestStats> judge_in_chunks(const Engine& engine, std::string_view text,
                                    Timestamp reference_time, const IngestOptions& options,
                                    std::vector<error>& bad_records, const RecordSink& on_record,
                                    const ChunkSink& sink, const ChunkOptions& chunks) {
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
    auto read = ingest_fleet(chunk.fleet, text.substr(total.bytes), piece, bad_records, on_record);
    if (read) total += *read;
    const bool last = !read || total.bytes == text.size();
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

}  // namespace posture
