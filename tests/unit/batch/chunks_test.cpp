// judge_in_chunks() against ingest_fleet() over the whole input followed by FleetJudge::judge()
// and report() on the one fleet: the same judgments in the same order, the same bad records.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "posture/batch.hpp"
#include "posture/engine.hpp"
#include "posture/io.hpp"
#include "posture/judgment.hpp"
#include "posture/time.hpp"

using posture::Fleet;
using posture::Judgment;

namespace {

std::string sample_file(const char* name) {
  auto text = posture::read_file(std::string(POSTURE_SOURCE_DIR) + "/examples/data/" + name);
  REQUIRE(text.ok());
  return std::move(text).value();
}

posture::Engine sample_engine() {
  auto policies = posture::read_policy_json(sample_file("policy.json"));
  REQUIRE(policies.ok());
  auto catalog = posture::read_catalog_json(sample_file("catalog.json"));
  REQUIRE(catalog.ok());
  auto engine = posture::Engine::create(std::move(*policies), std::move(*catalog));
  REQUIRE(engine.ok());
  return std::move(engine).value();
}

const posture::Timestamp at = *posture::parse_timestamp("2024-02-20T09:00:00Z");

// The sample fleet with bad records among its lines.
std::string sample_with_bad_records() {
  const std::string fleet = sample_file("fleet.jsonl");
  std::string text;
  std::size_t line = 0;
  for (std::size_t pos = 0; pos < fleet.size(); ++line) {
    const std::size_t end = fleet.find('\n', pos) + 1;
    text.append(fleet, pos, end - pos);
    pos = end;
    if (line % 37 == 5) text += "{\"asset\":\"PC-1\",\"asset\":\"PC-2\"}\n";
    if (line % 53 == 8) text += "{\"asset\":\"PC-1\",}\n\n";
  }
  return text;
}

// Everything a run gives to its callers, in order.
struct Run {
  std::vector<std::string> judgments;  // host, user and the judgment as JSON
  std::vector<std::pair<std::size_t, bool>> records;
  std::vector<std::string> bad;
  posture::IngestStats stats;
};

std::string shown(const Fleet& fleet, std::size_t client, const Judgment& judgment) {
  return std::string(fleet.host(client)) + "|" + std::string(fleet.user(client)) + "|" +
         posture::write_judgment_json(judgment);
}

Run whole(const posture::Engine& engine, std::string_view text, bool full) {
  Run run;
  Fleet fleet;
  std::vector<posture::error> bad;
  posture::IngestOptions options;
  options.mode = posture::IngestMode::append;
  auto read = posture::ingest_fleet(fleet, text, options, bad,
                                    [&](std::size_t line, std::optional<std::size_t> client) {
                                      run.records.emplace_back(line, client.has_value());
                                    });
  REQUIRE(read.ok());
  run.stats = *read;
  posture::FleetJudge judge(engine);
  const posture::FleetVerdicts verdicts = judge.judge(fleet, at);
  judge.report(
      fleet, verdicts, at,
      [&](std::size_t client, Judgment&& j) {
        run.judgments.push_back(shown(fleet, client, j));
        return true;
      },
      full);
  for (const auto& e : bad) run.bad.push_back(e.to_string() + " @" + std::to_string(e.where().offset));
  return run;
}

// A source giving `text` at most `block` bytes at a time; `given` counts what it gave.
posture::ByteSource reading(std::string_view text, std::size_t block, std::size_t& given) {
  return [text, block, &given](char* buffer, std::size_t size) -> posture::result<std::size_t> {
    const std::size_t n = std::min({size, block, text.size() - given});
    std::copy_n(text.data() + given, n, buffer);
    given += n;
    return n;
  };
}

// `block` 0: the text as one string; otherwise read from a source `block` bytes at a time.
Run chunked(const posture::Engine& engine, std::string_view text, bool full, std::size_t records,
            std::size_t block = 0) {
  Run run;
  std::vector<posture::error> bad;
  posture::ChunkOptions chunks;
  chunks.records = records;
  chunks.full = full;
  const posture::RecordSink on_record = [&](std::size_t line, std::optional<std::size_t> client) {
    run.records.emplace_back(line, client.has_value());
  };
  const posture::ChunkSink sink = [&](const Fleet& chunk, std::size_t client, Judgment&& j) {
    run.judgments.push_back(shown(chunk, client, j));
    return true;
  };
  std::size_t given = 0;
  const posture::ByteSource source = reading(text, block, given);
  auto read = block == 0
                  ? posture::judge_in_chunks(engine, text, at, {}, bad, on_record, sink, chunks)
                  : posture::judge_in_chunks(engine, source, at, {}, bad, on_record, sink, chunks);
  REQUIRE(read.ok());
  run.stats = *read;
  for (const auto& e : bad) run.bad.push_back(e.to_string() + " @" + std::to_string(e.where().offset));
  return run;
}

// Everything two runs gave their callers is the same.
void check_same(const Run& got, const Run& want) {
  REQUIRE(got.judgments.size() == want.judgments.size());
  for (std::size_t i = 0; i < want.judgments.size(); ++i)
    CHECK(got.judgments[i] == want.judgments[i]);
  CHECK(got.records == want.records);
  CHECK(got.bad == want.bad);
  CHECK(got.stats.records == want.stats.records);
  CHECK(got.stats.added == want.stats.added);
  CHECK(got.stats.bad == want.stats.bad);
  CHECK(got.stats.slow == want.stats.slow);
  CHECK(got.stats.bytes == want.stats.bytes);
  CHECK(got.stats.lines == want.stats.lines);
}

}  // namespace

TEST_CASE("batch: judging in chunks gives the judgments and bad records of the whole fleet") {
  const posture::Engine engine = sample_engine();
  const std::string text = sample_with_bad_records();
  for (bool full : {false, true}) {
    const Run want = whole(engine, text, full);
    REQUIRE(want.judgments.size() > 200);
    REQUIRE(want.bad.size() > 8);
    for (std::size_t records : {1, 7, 64, 100000}) {
      CAPTURE(full);
      CAPTURE(records);
      check_same(chunked(engine, text, full, records), want);
    }
  }
  // An input that is not JSON Lines is one chunk.
  std::string array = sample_file("fleet.jsonl");
  array.resize(array.find('\n', array.find('\n') + 1));  // two records
  array = "[" + array.replace(array.find('\n'), 1, ",\n") + "]";
  const Run one = chunked(engine, array, false, 1);
  CHECK(one.judgments.size() == 2);
  CHECK(one.judgments == whole(engine, array, false).judgments);
}

TEST_CASE("batch: judging from a source read a part at a time gives what the whole input gives") {
  const posture::Engine engine = sample_engine();
  const std::string fleet = sample_file("fleet.jsonl");
  const std::string with_bad = sample_with_bad_records();
  // A pretty-printed record in the middle: the rest of the input is read whole from there.
  std::string spanning = fleet.substr(0, fleet.find('\n', fleet.size() / 2) + 1);
  std::string pretty = fleet.substr(0, fleet.find('\n') + 1);
  for (std::size_t at_comma = pretty.find(","); at_comma != std::string::npos;
       at_comma = pretty.find(",", at_comma + 2))
    if (pretty[at_comma + 1] == '"') pretty.insert(at_comma + 1, "\n  ");
  spanning += pretty + fleet.substr(spanning.size());
  // A byte-order mark, CRLF line ends and blank lines.
  std::string crlf = "\xEF\xBB\xBF\n";
  for (char c : fleet.substr(0, 40000))
    crlf += c == '\n' ? std::string("\r\n\r\n") : std::string(1, c);
  std::string array = "[" + fleet.substr(0, fleet.find('\n')) + "]";
  std::string pretty_only = pretty;
  for (const std::string* text :
       std::vector<const std::string*>{&with_bad, &spanning, &crlf, &array, &pretty_only}) {
    CAPTURE(text->substr(0, 40));
    const Run want = whole(engine, *text, false);
    REQUIRE(!want.judgments.empty());
    for (std::size_t records : {1, 7, 2048})
      for (std::size_t block : {1, 13, 4096, 1 << 22}) {
        if (block == 1 && records != 7) continue;  // slow; one combination is enough
        CAPTURE(records);
        CAPTURE(block);
        check_same(chunked(engine, *text, false, records, block), want);
      }
  }
  // "Every record in one chunk" as the largest count.
  check_same(chunked(engine, with_bad, false, SIZE_MAX, 4096), whole(engine, with_bad, false));
  // Nothing, or blank lines only.
  for (std::string text : {"", "\n\n  \n"}) {
    const Run got = chunked(engine, text, false, 7, 3);
    CHECK(got.judgments.empty());
    CHECK(got.stats.bytes == text.size());
  }
}

TEST_CASE("batch: a source that fails or an input that must be read whole beyond the limit") {
  const posture::Engine engine = sample_engine();
  const std::string fleet = sample_file("fleet.jsonl");
  std::vector<posture::error> bad;
  posture::ChunkOptions chunks;
  chunks.records = 7;
  std::size_t given = 0, judged = 0;
  const posture::ChunkSink count = [&](const Fleet&, std::size_t, Judgment&&) {
    ++judged;
    return true;
  };
  // The source fails after 60 KB: the error ends the call, the records before it are judged.
  const posture::ByteSource failing = [&](char* buffer,
                                          std::size_t size) -> posture::result<std::size_t> {
    if (given >= 60000) return posture::error(posture::errc::io, "cable unplugged");
    const std::size_t n = std::min({size, std::size_t{1000}, fleet.size() - given});
    std::copy_n(fleet.data() + given, n, buffer);
    given += n;
    return n;
  };
  auto read = posture::judge_in_chunks(engine, failing, at, {}, bad, {}, count, chunks);
  REQUIRE_FALSE(read.ok());
  CHECK(read.err().code() == posture::errc::io);
  CHECK(judged > 0);
  CHECK(judged < 60000 / 1000);

  // A source that says it gave more than it was asked for is refused, not read past.
  const posture::ByteSource overfull = [](char*, std::size_t size) -> posture::result<std::size_t> {
    return size + 1;
  };
  judged = 0;
  read = posture::judge_in_chunks(engine, overfull, at, {}, bad, {}, count, chunks);
  REQUIRE_FALSE(read.ok());
  CHECK(read.err().code() == posture::errc::invalid);
  CHECK(judged == 0);

  // A JSON array is read whole first, within max_document_bytes.
  const std::string array = "[" + fleet.substr(0, fleet.find('\n')) + "]";
  given = 0;
  const posture::ByteSource array_source = reading(array, 100, given);
  posture::IngestOptions small;
  small.read.max_document_bytes = 1000;
  // JSON Lines hold a chunk's lines at most, or one line when they exceed the limit: a limit of a
  // few records makes chunks of a few records, with the judgments of the whole input.
  {
    Run run;
    posture::IngestOptions few;
    few.read.max_document_bytes = 5000;
    given = 0;
    const posture::ByteSource lines = reading(fleet, 777, given);
    std::vector<posture::error> none;
    read = posture::judge_in_chunks(engine, lines, at, few, none, {},
                                    [&](const Fleet& chunk, std::size_t client, Judgment&& j) {
                                      run.judgments.push_back(shown(chunk, client, j));
                                      return true;
                                    });
    REQUIRE(read.ok());
    CHECK(run.judgments == whole(engine, fleet, false).judgments);
    // One line longer than the limit.
    given = 0;
    few.read.max_document_bytes = 100;
    read = posture::judge_in_chunks(engine, lines, at, few, none, {}, count, chunks);
    REQUIRE_FALSE(read.ok());
    CHECK(read.err().code() == posture::errc::limit);
  }
  judged = 0;
  read = posture::judge_in_chunks(engine, array_source, at, small, bad, {}, count, chunks);
  REQUIRE_FALSE(read.ok());
  CHECK(read.err().code() == posture::errc::limit);
  CHECK(judged == 0);
}

TEST_CASE("batch: judging in chunks stops soon after the sink asks, and passes exceptions on") {
  const posture::Engine engine = sample_engine();
  const std::string text = sample_file("fleet.jsonl");
  std::vector<posture::error> bad;
  posture::ChunkOptions chunks;
  chunks.records = 7;
  std::size_t seen = 0;
  auto read = posture::judge_in_chunks(
      engine, text, at, {}, bad, {},
      [&](const Fleet&, std::size_t, Judgment&&) { return ++seen < 20; }, chunks);
  REQUIRE(read.ok());
  CHECK(seen == 20);
  // The 20th client is in the third chunk; the fourth was read while the third was reported.
  CHECK(read->records == 28);

  seen = 0;
  CHECK_THROWS_AS(posture::judge_in_chunks(
                      engine, text, at, {}, bad, {},
                      [&](const Fleet&, std::size_t, Judgment&&) -> bool {
                        if (++seen == 10) throw std::runtime_error("sink");
                        return true;
                      },
                      chunks),
                  std::runtime_error);
  CHECK(seen == 10);
  CHECK(bad.empty());
}
