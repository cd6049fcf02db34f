#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../../../bench/fleet_generator.hpp"
#include "posture/batch.hpp"
#include "posture/io.hpp"
#include "snapshot_diff.hpp"

using posture::Fleet;
using posture::IngestMode;
using posture::Snapshot;

namespace {

// What reading a fleet document gives: good records in order with their lines, and the errors.
struct Outcome {
  std::vector<Snapshot> good;
  std::vector<std::size_t> lines;
  std::vector<posture::error> bad;
  bool failed = false;
  std::string failure;
};

Outcome by_reference(std::string_view text, const posture::ReadOptions& options = {}) {
  Outcome o;
  auto r = posture::read_fleet(
      text, options,
      [&](Snapshot&& s, std::size_t line) {
        o.good.push_back(std::move(s));
        o.lines.push_back(line);
        return true;
      },
      o.bad);
  if (!r) {
    o.failed = true;
    o.failure = r.err().to_string();
  }
  return o;
}

Outcome by_ingest(std::string_view text, posture::IngestStats* stats = nullptr,
                  const posture::ReadOptions& options = {}) {
  Outcome o;
  Fleet fleet;
  posture::IngestOptions io;
  io.read = options;
  io.mode = IngestMode::append;
  std::vector<std::optional<std::size_t>> clients;
  auto r = posture::ingest_fleet(fleet, text, io, o.bad,
                                 [&](std::size_t line, std::optional<std::size_t> client) {
                                   if (client) o.lines.push_back(line);
                                   clients.push_back(client);
                                 });
  if (!r) {
    o.failed = true;
    o.failure = r.err().to_string();
  } else if (stats) {
    *stats = *r;
  }
  for (const auto& c : clients)
    if (c) o.good.push_back(fleet.snapshot(*c));
  return o;
}

std::string describe(const posture::error& e) {
  std::string out = e.to_string();
  for (const auto& d : e.diagnostics())
    out += " @" + std::to_string(d.where.offset) + "#" + std::to_string(static_cast<int>(d.code));
  return out;
}

// The two readers must agree on everything: records, lines, errors with their locations.
void check_same(std::string_view text, const posture::ReadOptions& options = {}) {
  CAPTURE(text);
  Outcome ref = by_reference(text, options);
  Outcome got = by_ingest(text, nullptr, options);
  REQUIRE(got.failed == ref.failed);
  CHECK(got.failure == ref.failure);
  REQUIRE(got.good.size() == ref.good.size());
  CHECK(got.lines == ref.lines);
  for (std::size_t i = 0; i < ref.good.size(); ++i)
    CHECK(posture::test::snapshot_diff(got.good[i], ref.good[i]) == "");
  REQUIRE(got.bad.size() == ref.bad.size());
  for (std::size_t i = 0; i < ref.bad.size(); ++i) CHECK(describe(got.bad[i]) == describe(ref.bad[i]));
}

std::string generated_line(std::size_t index) {
  posture::bench::FleetGenerator gen(5);
  std::string out;
  gen.write_client(out, index);
  return out;
}

}  // namespace

TEST_CASE("batch: ingest reads a generated fleet as read_fleet does, on the fast path") {
  posture::bench::FleetGenerator gen(3);
  std::string text = gen.jsonl(0, 250);
  posture::IngestStats stats;
  Outcome got = by_ingest(text, &stats);
  Outcome ref = by_reference(text);
  REQUIRE(ref.bad.empty());
  REQUIRE(got.good.size() == 250);
  CHECK(stats.records == 250);
  CHECK(stats.added == 250);
  CHECK(stats.slow == 0);
  CHECK(stats.bytes == text.size());
  CHECK(got.lines == ref.lines);
  for (std::size_t i = 0; i < ref.good.size(); ++i)
    CHECK(posture::test::snapshot_diff(got.good[i], ref.good[i]) == "");
}

TEST_CASE("batch: ingest skips records whose text is unchanged and replaces changed ones") {
  posture::bench::FleetGenerator gen(9);
  Fleet fleet;
  std::vector<posture::error> bad;
  auto first = posture::ingest_fleet(fleet, gen.jsonl(0, 20), {}, bad);
  REQUIRE(first.ok());
  CHECK(first->added == 20);

  // Clients 5 and 6 report a new generation; the rest send the same text again.
  std::string again = gen.jsonl(0, 5) + gen.jsonl(5, 2, 1) + gen.jsonl(7, 13);
  std::vector<std::pair<std::size_t, std::optional<std::size_t>>> seen;
  auto second = posture::ingest_fleet(fleet, again, {}, bad,
                                      [&](std::size_t line, std::optional<std::size_t> client) {
                                        seen.emplace_back(line, client);
                                      });
  REQUIRE(second.ok());
  CHECK(second->unchanged == 18);
  CHECK(second->replaced == 2);
  CHECK(second->added == 0);
  CHECK(fleet.size() == 20);
  REQUIRE(seen.size() == 20);
  CHECK(seen[6] == std::pair<std::size_t, std::optional<std::size_t>>(7, 6));
  Outcome changed = by_reference(gen.jsonl(5, 2, 1));
  CHECK(posture::test::snapshot_diff(fleet.snapshot(5), changed.good[0]) == "");
  std::string line6 = gen.jsonl(6, 1, 1);
  line6.pop_back();  // the digest covers the record, not its line break
  CHECK(fleet.digest(6) == posture::digest_of(line6));

  // With skipping off, the same text is read again and counted as a replacement.
  posture::IngestOptions no_skip;
  no_skip.skip_unchanged = false;
  auto third = posture::ingest_fleet(fleet, gen.jsonl(0, 1), no_skip, bad);
  REQUIRE(third.ok());
  CHECK(third->replaced == 1);
  CHECK(third->unchanged == 0);
  CHECK(bad.empty());
}

TEST_CASE("batch: ingest agrees with read_fleet on odd but valid records") {
  const std::string base = R"({"asset":"PC-1","host":"h")";
  const char* records[] = {
      R"({"asset":"PC-1"})",
      R"({"format":"posture-inventory/1","asset":"PC-1","host":null,"user":null,"managed":null})",
      R"({"asset":"PC-1","os":null,"updates":null,"software":null,"antivirus":null,"settings":null,"fields":null})",
      R"({"asset":"PC-1","software":[],"antivirus":[],"updates":{"items":[]},"settings":{}})",
      R"({"asset":"PC-1","software":[{"name":"A","version":null,"publisher":null,"extra":1,"more":"x"}]})",
      R"({"asset":"PC-1","updates":{"items":[{"id":"kb123","state":"Missing"},{"id":"Q42","state":"installed","severity":" "}]}})",
      R"({"asset":"PC-1","updates":{"items":[{"id":"KB1","state":"missing","severity":"CRITICAL","bulletin":"MS09-067"}]}})",
      R"({"asset":"PC-1","settings":{"firewall":{"domain":null,"public":false},"automatic_updates":{"mode":"Disabled"}}})",
      R"({"asset":"PC-1","settings":{"passwords":{"min_length":12.0,"accounts":[{"name":"a","last_changed":"2026-01-01T10:00:00+09:00"}]}}})",
      R"({"asset":"PC-1","fields":{"f":1.5,"g":-0,"h":1e3,"i":[1,{"a":null}],"j":{"k":"\u00e9"}},"top":"x"})",
      R"({"asset":"PC-1","zz":1,"fields":{"a":"b"},"yy":true})",
      R"({"asset":"PC-1","host":"\u00e9\ud83d\ude00 \"q\" \\ \/ \t"})",
      R"({"asset":"PC-1","ip":["10.0.0.1",""],"mac":[]})",
      R"({"asset":"  x  ","group":"Kobe/Sales"})",
      R"({"asset":"PC-1","collected_at":"2026-11-20 08:15","os":{"name":"Windows 11","build":22631}})",
      R"({"asset":"PC-1","antivirus":[{"name":"AV","definition_date":"2026-11-19T23:00:00Z","resident":null}]})",
      R"({"asset":"PC-1","settings":{"services":[{"name":"x","running":true,"start":"auto"}],"shares":[{"name":"C$"}]}})",
      "  \t{\"asset\":\"PC-1\"}  \r",
  };
  for (const char* r : records) check_same(r);
  (void)base;
}

TEST_CASE("batch: ingest agrees with read_fleet on bad records, their errors and lines") {
  const char* records[] = {
      R"({"asset":"PC-1",})",
      R"({"asset":""})",
      R"({"asset":"   "})",
      R"({"host":"no asset"})",
      R"({"asset":"PC-1","asset":"PC-2"})",
      R"({"asset":"PC-1","format":"posture-inventory/2"})",
      R"({"asset":"PC-1","managed":"yes"})",
      R"({"asset":"PC-1","collected_at":"yesterday"})",
      R"({"asset":"PC-1","software":[{"version":"1"}]})",
      R"({"asset":"PC-1","software":[{"name":"A","name":"B"}]})",
      R"({"asset":"PC-1","software":{"name":"A"}})",
      R"({"asset":"PC-1","software":["A"]})",
      R"({"asset":"PC-1","updates":{"items":[{"id":"KB","state":"missing"}]}})",
      R"({"asset":"PC-1","updates":{"items":[{"id":"1","state":"gone"}]}})",
      R"({"asset":"PC-1","updates":{"items":[{"id":"1","state":"missing","severity":"urgent"}]}})",
      R"({"asset":"PC-1","antivirus":[{"name":"AV","definition_date":"2026-13-01"}]})",
      R"({"asset":"PC-1","settings":{"passwords":{"min_length":"12"}}})",
      R"({"asset":"PC-1","settings":{"firewall":{"domain":1}}})",
      R"({"asset":"PC-1","settings":{"firewall":{"domain":true,"domain":false}}})",
      R"({"asset":"PC-1","fields":{"a":1},"a":2})",
      R"({"asset":"PC-1","fields":[1]})",
      R"({"asset":"PC-1"} {"asset":"PC-2"})",
      R"({"asset":"PC-1"}x)",
      R"([{"asset":"PC-1"}])",
      R"({"asset":"PC-1","host":"bad \x01 control"})",
      "{\"asset\":\"PC-1\",\"host\":\"\xff\xfe\"}",
      R"({"asset":"PC-1","host":"\ud800"})",
      R"({"asset":"PC-1","n":01})",
      R"(not json)",
      R"("just a string")",
  };
  for (const char* r : records) {
    check_same(r);
    // The same record between good ones: lines and offsets of everything around it must agree.
    check_same(generated_line(1) + "\n" + r + "\n\n" + generated_line(2));
  }
}

TEST_CASE("batch: ingest agrees with read_fleet on records over the limits") {
  posture::ReadOptions small;
  small.max_line_bytes = 200;
  small.max_string_bytes = 16;
  check_same(generated_line(1) + "\n{\"asset\":\"PC-1\"}\n{\"asset\":\"PC-12345678901234567\"}\n", small);
  posture::ReadOptions shallow;
  shallow.max_depth = 3;
  check_same(generated_line(1) + "\n{\"asset\":\"PC-1\"}\n", shallow);
  // A long line that does not start a record, read behind a placeholder record that the limits
  // reject too: only the input's own errors are reported.
  posture::ReadOptions strict;
  strict.max_line_bytes = 64;
  strict.max_string_bytes = 0;
  check_same(generated_line(1) + "\n\"" + std::string(100, 'x') + "\"\n", strict);
}

TEST_CASE("batch: ingest agrees with read_fleet on documents that are not JSON Lines") {
  std::string line = generated_line(4);
  line.pop_back();
  check_same("[" + line + ",\n" + line + "]");
  check_same("\xEF\xBB\xBF" + line + "\n" + line);
  check_same("{\n  \"asset\": \"PC-1\",\n  \"host\": \"pretty\"\n}\n" + line + "\n");
  check_same(line + "\n{\"asset\": \"PC-2\",\n \"host\": \"split\"}\n" + line + "\n");
  check_same(line + "\n{\"asset\": \"PC-3\", \"software\": [\n" + line + "\n");
  // A line that is a string left open: the error is the line break inside it, as in read_fleet().
  check_same(line + "\n\"open\n" + line + "\n");
  check_same("");
  check_same("\n\n  \n");
  check_same("42");
}

TEST_CASE("batch: ingest agrees with read_fleet on randomly damaged records") {
  // Damage of the kinds files suffer (a byte flipped, cut, doubled or dropped) anywhere in real
  // records: whichever reader takes each one, the results must be the same.
  posture::bench::Rng rng(2024);
  static constexpr char alphabet[] = "{}[]\":,\\ 0123456789-.eEtrufalsn\x7f\xc3\xa9\x01";
  std::string clean = generated_line(3) + generated_line(8);
  for (int round = 0; round < 400; ++round) {
    std::string text = clean;
    for (auto edits = rng.between(1, 3); edits > 0; --edits) {
      std::size_t at = rng.below(text.size());
      switch (rng.below(4)) {
        case 0: text[at] = alphabet[rng.below(sizeof alphabet - 1)]; break;
        case 1: text.erase(at, 1); break;
        case 2: text.insert(at, 1, text[at]); break;
        default: text.insert(at, 1, alphabet[rng.below(sizeof alphabet - 1)]); break;
      }
    }
    check_same(text);
  }
}

namespace {

// Everything an ingest says, for comparing a whole-input call with a call per piece.
struct Said {
  std::vector<Snapshot> good;
  std::vector<std::pair<std::size_t, bool>> records;  // line, and whether it went to a client
  std::vector<std::string> bad;
  posture::IngestStats stats;
  std::size_t pieces = 0;
};

// Reads `text` into one fleet, in pieces of at most `max_records` records (0: one call).
Said in_pieces(std::string_view text, std::size_t max_records) {
  Said s;
  Fleet fleet;
  std::vector<posture::error> bad;
  posture::IngestOptions io;
  io.read.file_name = "fleet.jsonl";
  io.mode = IngestMode::append;
  io.max_records = max_records;
  do {
    REQUIRE(s.pieces < text.size() + 1);
    auto r = posture::ingest_fleet(fleet, text.substr(s.stats.bytes), io, bad,
                                   [&](std::size_t line, std::optional<std::size_t> client) {
                                     s.records.emplace_back(line, client.has_value());
                                   });
    REQUIRE(r.ok());
    s.stats += *r;
    // More only when the rest was read whole (a record spanning lines).
    if (max_records != 0) CHECK((r->records <= max_records || s.stats.bytes == text.size()));
    io.start = posture::next_start({}, s.stats);
    ++s.pieces;
  } while (s.stats.bytes < text.size());
  for (std::size_t i = 0; i < fleet.size(); ++i) s.good.push_back(fleet.snapshot(i));
  for (const auto& e : bad) s.bad.push_back(describe(e));
  return s;
}

void check_pieces(const std::string& text, std::size_t max_records) {
  CAPTURE(max_records);
  const Said whole = in_pieces(text, 0);
  const Said got = in_pieces(text, max_records);
  CHECK(whole.pieces == 1);
  CHECK(whole.stats.bytes == text.size());
  CHECK(whole.stats.lines == static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  CHECK(got.records == whole.records);
  CHECK(got.bad == whole.bad);
  REQUIRE(got.good.size() == whole.good.size());
  for (std::size_t i = 0; i < whole.good.size(); ++i)
    CHECK(posture::test::snapshot_diff(got.good[i], whole.good[i]) == "");
  CHECK(got.stats.records == whole.stats.records);
  CHECK(got.stats.added == whole.stats.added);
  CHECK(got.stats.bad == whole.stats.bad);
  CHECK(got.stats.slow == whole.stats.slow);
  CHECK(got.stats.bytes == whole.stats.bytes);
  CHECK(got.stats.lines == whole.stats.lines);
}

}  // namespace

TEST_CASE("batch: ingest in pieces says what one call over the whole input says") {
  const std::string a = generated_line(1), b = generated_line(2), c = generated_line(3);
  // The duplicate key's message names the line of its first occurrence, which only the whole
  // input knows: the piece must relocate it.
  const std::string duplicate = "{\"asset\":\"PC-9\",\"asset\":\"PC-10\"}\n";
  const std::string texts[] = {
      // Bad records everywhere, so that one falls on every piece boundary of every size.
      a + duplicate + b + "{\"asset\":\"PC-1\",}\n" + c + "not json\n" + duplicate + a,
      // Blank lines, blanks before records and CRLF between them; no line break at the end.
      "\n\n" + a + "\n  \t" + b + "\r\n\r\n   " + duplicate + "\n" + c.substr(0, c.size() - 1),
      // A byte-order mark, then a line that is not a record, then records after it.
      "\xEF\xBB\xBF" + a + "[1,2]\n" + b + "\"x\"\n" + c,
      // A record that spans lines, its duplicate key on the line after the first: the rest is
      // read in the piece that meets it.
      a + b + "{\"asset\":\"PC-7\",\n\"asset\":\"PC-8\"}\n" + c + duplicate,
      // Blank lines at the end: the last piece takes them.
      a + b + "\n \n\t\n",
  };
  for (std::size_t i = 0; i < std::size(texts); ++i)
    for (std::size_t n : {1, 2, 3, 4, 100}) {
      CAPTURE(i);
      check_pieces(texts[i], n);
    }
}

TEST_CASE("batch: ingest stops after max_records at the line of the next record") {
  const std::string a = generated_line(1), b = generated_line(2);
  const std::string text = a + "\n   " + b + a;
  Fleet fleet;
  std::vector<posture::error> bad;
  posture::IngestOptions io;
  io.mode = IngestMode::append;
  io.max_records = 1;
  auto first = posture::ingest_fleet(fleet, text, io, bad);
  REQUIRE(first.ok());
  CHECK(first->records == 1);
  CHECK(first->bytes == a.size() + 1);  // the blank line, not the blanks before the record
  CHECK(first->lines == 2);
  io.start = {3, first->bytes};
  auto second = posture::ingest_fleet(fleet, std::string_view(text).substr(first->bytes), io, bad);
  REQUIRE(second.ok());
  CHECK(second->records == 1);
  CHECK(second->bytes == 3 + b.size());
  CHECK(fleet.size() == 2);

  // A JSON array is read in one call, whatever max_records says.
  io.start = {};
  std::string record = a.substr(0, a.size() - 1);
  const std::string array = "[" + record + ",\n" + record + ",\n" + record + "]\n";
  auto all = posture::ingest_fleet(fleet, array, io, bad);
  REQUIRE(all.ok());
  CHECK(all->records == 3);
  CHECK(all->bytes == array.size());
  CHECK(all->lines == 3);
  CHECK(bad.empty());
}
