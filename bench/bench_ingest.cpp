// Ingest: JSON Lines → Fleet, against the ceiling of a raw parse of the same bytes.
//
// Each iteration reads N generated clients into a fresh fleet, chunk by chunk. Generation is not
// timed; for every chunk the same bytes are also parsed with simdjson's DOM parser, the fastest
// full parse available, and the ratio of the two rates is reported beside the rates. A SAX pass of
// RapidJSON (which the rest of posture reads JSON with) over the same bytes, building nothing,
// shows why the batch reader uses simdjson.
#include <benchmark/benchmark.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <simdjson.h>

#include <cstring>

#include "bench_data.hpp"

namespace posture::bench {
namespace {

// A full parse of every line, building simdjson's DOM: what reading the bytes costs at best.
double raw_parse_seconds(std::string_view text, simdjson::dom::parser& parser) {
  std::string padded;
  return seconds([&] {
    std::size_t pos = 0;
    while (pos < text.size()) {
      const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
      std::size_t end = nl ? static_cast<std::size_t>(nl - text.data()) : text.size();
      std::size_t readable = text.size() - pos;
      simdjson::dom::element doc;
      auto error = readable >= end - pos + simdjson::SIMDJSON_PADDING
                       ? parser.parse(text.data() + pos, end - pos, false).get(doc)
                       : parser.parse(std::string(text.substr(pos, end - pos))).get(doc);
      if (error) std::abort();
      benchmark::DoNotOptimize(doc);
      pos = end + 1;
    }
  });
}

// RapidJSON's reader over every line with a handler that keeps nothing: its ceiling.
double rapidjson_seconds(std::string_view text) {
  return seconds([&] {
    std::size_t pos = 0;
    rapidjson::Reader reader;
    rapidjson::BaseReaderHandler<> nothing;
    while (pos < text.size()) {
      const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
      std::size_t end = nl ? static_cast<std::size_t>(nl - text.data()) : text.size();
      rapidjson::MemoryStream line(text.data() + pos, end - pos);
      if (reader.Parse<rapidjson::kParseValidateEncodingFlag>(line, nothing).IsError()) std::abort();
      pos = end + 1;
    }
  });
}

void BM_Ingest(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  double ingest_s = 0, raw_s = 0, rapidjson_s = 0, bytes = 0;
  FleetMemory memory;
  simdjson::dom::parser parser;
  for (auto _ : state) {
    Fleet fleet;
    std::vector<error> bad;
    double iteration = 0;
    for (std::size_t first = 0; first < n; first += kChunk) {
      std::string text = generator().jsonl(first, std::min(kChunk, n - first));
      bytes += static_cast<double>(text.size());
      iteration += seconds([&] {
        auto stats = ingest_fleet(fleet, text, {}, bad);
        if (!stats || stats->slow != 0) std::abort();
      });
      raw_s += raw_parse_seconds(text, parser);
      if (first == 0) rapidjson_s += rapidjson_seconds(text) * static_cast<double>(n) /
                                     static_cast<double>(std::min(kChunk, n));
    }
    ingest_s += iteration;
    state.SetIterationTime(iteration);
    memory = fleet.memory();
  }
  const double clients = static_cast<double>(n) * static_cast<double>(state.iterations());
  state.counters["MB_per_s"] = bytes / ingest_s / 1e6;
  state.counters["clients_per_s"] = clients / ingest_s;
  state.counters["raw_parse_MB_per_s"] = bytes / raw_s / 1e6;
  state.counters["ratio_to_raw_parse"] = raw_s / ingest_s;
  // Measured on the first chunk, scaled to the whole run.
  state.counters["rapidjson_sax_MB_per_s"] = bytes / rapidjson_s / 1e6;
  state.counters["bytes_per_client_json"] = bytes / clients;
  state.counters["column_bytes_per_client"] =
      static_cast<double>(memory.columns) / static_cast<double>(n);
  state.counters["dictionary_bytes_per_client"] =
      static_cast<double>(memory.dictionaries) / static_cast<double>(n);
}
BENCHMARK(BM_Ingest)->Arg(10000)->Arg(100000)->Arg(1000000)->UseManualTime()->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// The same fleet read again with every record unchanged: the digest skip a host relies on when
// it re-imports a whole inventory after a few clients changed.
void BM_IngestUnchanged(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Fleet fleet;
  std::vector<error> bad;
  std::vector<std::string> chunks;
  for (std::size_t first = 0; first < n; first += kChunk) {
    chunks.push_back(generator().jsonl(first, std::min(kChunk, n - first)));
    if (!ingest_fleet(fleet, chunks.back(), {}, bad)) std::abort();
  }
  double bytes = 0;
  for (auto _ : state)
    for (const auto& text : chunks) {
      auto stats = ingest_fleet(fleet, text, {}, bad);
      if (!stats || stats->unchanged != stats->records) std::abort();
      bytes += static_cast<double>(text.size());
    }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["clients_per_s"] = benchmark::Counter(
      static_cast<double>(n) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestUnchanged)->Arg(10000)->Unit(benchmark::kMillisecond);

// The reference path for comparison: read_fleet() building a Snapshot per record, then
// Fleet::append of each.
void BM_IngestThroughSnapshots(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::string text = generator().jsonl(0, n);
  for (auto _ : state) {
    Fleet fleet;
    std::vector<error> bad;
    auto read = read_fleet(
        text, {},
        [&](Snapshot&& s, std::size_t) { return fleet.append(s).ok(); }, bad);
    if (!read) std::abort();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * state.iterations());
  state.counters["clients_per_s"] = benchmark::Counter(
      static_cast<double>(n) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestThroughSnapshots)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace posture::bench
