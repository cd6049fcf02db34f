// judge_in_chunks() against ingest_fleet() over the whole input followed by FleetJudge::judge()
// and report() on the one fleet: the same judgments in the same order, the same bad records.
#include <doctest/doctest.h>

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

Run chunked(const posture::Engine& engine, std::string_view text, bool full, std::size_t records) {
  Run run;
  std::vector<posture::error> bad;
  posture::ChunkOptions chunks;
  chunks.records = records;
  chunks.full = full;
  auto read = posture::judge_in_chunks(
      engine, text, at, {}, bad,
      [&](std::size_t line, std::optional<std::size_t> client) {
        run.records.emplace_back(line, client.has_value());
      },
      [&](const Fleet& chunk, std::size_t client, Judgment&& j) {
        run.judgments.push_back(shown(chunk, client, j));
        return true;
      },
      chunks);
  REQUIRE(read.ok());
  run.stats = *read;
  for (const auto& e : bad) run.bad.push_back(e.to_string() + " @" + std::to_string(e.where().offset));
  return run;
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
      const Run got = chunked(engine, text, full, records);
      REQUIRE(got.judgments.size() == want.judgments.size());
      for (std::size_t i = 0; i < want.judgments.size(); ++i)
        CHECK(got.judgments[i] == want.judgments[i]);
      CHECK(got.records == want.records);
      CHECK(got.bad == want.bad);
      CHECK(got.stats.records == want.stats.records);
      CHECK(got.stats.added == want.stats.added);
      CHECK(got.stats.bad == want.stats.bad);
      CHECK(got.stats.bytes == text.size());
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
