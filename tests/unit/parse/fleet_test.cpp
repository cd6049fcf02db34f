#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "parse_test_util.hpp"
#include "posture/io.hpp"

using namespace posture;
using posture::test::first_problem;

namespace {

struct Read {
  std::vector<std::pair<std::string, std::size_t>> records;  // asset, line
  std::vector<std::string> bad;                              // first diagnostic of each
  std::optional<error> failure;
  std::size_t count = 0;
};

Read read(std::string_view text, ReadOptions options = {}, std::size_t stop_after = SIZE_MAX) {
  Read out;
  std::vector<error> bad;
  auto sink = [&](Snapshot&& s, std::size_t line) {
    out.records.emplace_back(s.asset, line);
    return out.records.size() < stop_after;
  };
  auto r = read_fleet(text, options, sink, bad);
  if (r)
    out.count = *r;
  else
    out.failure = r.err();
  for (const auto& e : bad) out.bad.push_back(first_problem(e));
  return out;
}

using Records = std::vector<std::pair<std::string, std::size_t>>;

}  // namespace

TEST_CASE("fleet: JSON Lines with blank lines, CRLF and no final newline") {
  Read r = read("{\"asset\": \"A\"}\r\n\r\n   \n{\"asset\": \"B\"}\n{\"asset\": \"C\"}");
  CHECK_FALSE(r.failure);
  CHECK(r.count == 3);
  CHECK(r.records == Records{{"A", 1}, {"B", 4}, {"C", 5}});
  CHECK(r.bad.empty());
}

TEST_CASE("fleet: bad lines in the middle are reported with their line, the rest is read") {
  std::string text =
      "{\"asset\": \"A\"}\n"
      "{\"asset\": \"B\", \"managed\": 1}\n"
      "{\"asset\": \"C\",\n"
      "{\"asset\": \"D\"}\n"
      "[1, 2]\n"
      "{\"asset\": \"E\"} trailing\n"
      "not json\n"
      "{\"asset\": \"F\", \"os\": {\"name\": \"x\xff\"}}\n"
      "{\"asset\": \"G\"}\n";
  Read r = read(text);
  CHECK_FALSE(r.failure);
  CHECK(r.records == Records{{"A", 1}, {"D", 4}, {"G", 9}});
  CHECK(r.bad == std::vector<std::string>{
                     "2:27: expected true or false for \"managed\", got a number",
                     "4:1: invalid JSON: Missing a name for object member",
                     "5:1: expected a snapshot object, got an array",
                     "6:16: unexpected text after the snapshot", "7:2: invalid JSON: Invalid value",
                     "8:33: invalid UTF-8 in string"});
}

TEST_CASE("fleet: a bad record's error names the file") {
  ReadOptions options;
  options.file_name = "fleet.jsonl";
  std::vector<error> bad;
  auto r = read_fleet(
      "{\"asset\": \"A\"}\n{\"asset\": 1}\n", options, [](Snapshot&&, std::size_t) { return true; },
      bad);
  REQUIRE(r.ok());
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].to_string() == "fleet.jsonl:2:11: expected a string for \"asset\", got a number");
}

TEST_CASE("fleet: an array of snapshots is read element by element") {
  Read r = read(
      "\xEF\xBB\xBF[\n {\"asset\": \"A\"},\n 7,\n {\"asset\": \"B\",\n  \"host\": 3},\n"
      " {\"asset\": \"C\"}\n]\n");
  CHECK_FALSE(r.failure);
  CHECK(r.records == Records{{"A", 2}, {"C", 6}});
  CHECK(r.bad == std::vector<std::string>{"3:2: expected a snapshot object, got a number",
                                          "5:11: expected a string for \"host\", got a number"});
  CHECK(read("[]").count == 0);
  CHECK(read(" [ ] ").failure == std::nullopt);
}

TEST_CASE("fleet: a broken array stops the read after the records before the break") {
  Read r = read("[{\"asset\": \"A\"},\n {\"asset\": \"B\"} {\"asset\": \"C\"}]");
  CHECK(r.records == Records{{"A", 1}, {"B", 2}});
  REQUIRE(r.failure);
  CHECK(first_problem(*r.failure) ==
        "2:17: invalid JSON: Missing a comma or ']' after an array element");

  r = read("[{\"asset\": \"A\"}] x");
  REQUIRE(r.failure);
  CHECK(first_problem(*r.failure) == "1:18: unexpected text after the array");
}

TEST_CASE("fleet: a single pretty-printed snapshot is one record") {
  Read r = read("{\n  \"asset\": \"A\",\n  \"os\": {\n    \"name\": \"W\"\n  }\n}\n");
  CHECK_FALSE(r.failure);
  CHECK(r.records == Records{{"A", 1}});
  CHECK(r.bad.empty());
}

TEST_CASE("fleet: input that is not JSON at all fails as a whole") {
  Read r = read("asset,host\nPC-1,h\n");
  REQUIRE(r.failure);
  CHECK(r.failure->code() == errc::parse);
  CHECK(first_problem(*r.failure) ==
        "1:1: not a fleet: expected '{' (JSON Lines or one snapshot) or '[' (an array of "
        "snapshots)");
  CHECK(read("").count == 0);
  CHECK(read(" \n\n").failure == std::nullopt);
}

TEST_CASE("fleet: the sink can stop the read") {
  Read r = read("{\"asset\": \"A\"}\n{\"asset\": \"B\"}\n{\"asset\": \"C\"}\n", {}, 2);
  CHECK(r.records == Records{{"A", 1}, {"B", 2}});
  CHECK(r.count == 2);
  r = read("[{\"asset\": \"A\"}, {\"asset\": \"B\"}, {\"asset\": \"C\"}]", {}, 1);
  CHECK(r.records == Records{{"A", 1}});
  CHECK_FALSE(r.failure);
}

TEST_CASE("fleet: max_line_bytes limits each record and the others are still read") {
  ReadOptions options;
  options.max_line_bytes = 40;
  std::string big = "{\"asset\": \"B\", \"host\": \"" + std::string(40, 'h') + "\"}";
  Read r = read("{\"asset\": \"A\"}\n" + big + "\n{\"asset\": \"C\"}\n", options);
  CHECK(r.records == Records{{"A", 1}, {"C", 3}});
  REQUIRE(r.bad.size() == 1);
  CHECK(r.bad[0] ==
        "2:1: line of 66 bytes is over the limit of 40 bytes (ReadOptions::max_line_bytes)");

  // A pretty-printed record over the limit is cut where it crosses it.
  std::string pretty = "{\n\"asset\": \"B\",\n\"host\": \"" + std::string(40, 'h') + "\"\n}\n";
  r = read(pretty, options);
  CHECK(r.records.empty());
  REQUIRE(r.bad.size() >= 1);
  CHECK(r.bad[0] == "1:1: snapshot longer than 40 bytes (ReadOptions::max_line_bytes)");

  // In an array an element over the limit stops the read.
  r = read("[{\"asset\": \"A\"}, " + big + "]", options);
  CHECK(r.records == Records{{"A", 1}});
  REQUIRE(r.failure);
  CHECK(r.failure->code() == errc::limit);
}

TEST_CASE("fleet: depth and string limits apply to each record") {
  ReadOptions options;
  options.max_depth = 2;
  Read r = read("{\"asset\": \"A\", \"x\": [[1]]}\n{\"asset\": \"B\", \"x\": [1]}\n", options);
  CHECK(r.records == Records{{"B", 2}});
  REQUIRE(r.bad.size() == 1);
  CHECK(r.bad[0] == "1:22: nesting deeper than 2 levels (ReadOptions::max_depth)");

  r = read("[{\"asset\": \"A\", \"x\": [1]}]", options);
  REQUIRE(r.failure);
  CHECK(r.failure->code() == errc::limit);
  CHECK(first_problem(*r.failure) == "1:22: nesting deeper than 2 levels (ReadOptions::max_depth)");
}

TEST_CASE("fleet: line numbers stay right deep into a large input") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{\"asset\": \"P" + std::to_string(i) + "\"}\n";
  text += "{\"asset\": 0}\n{\"asset\": \"last\"}";
  Read r = read(text);
  CHECK(r.count == 5001);
  CHECK(r.records.back() == std::make_pair(std::string("last"), std::size_t{5002}));
  CHECK(r.bad ==
        std::vector<std::string>{"5001:11: expected a string for \"asset\", got a number"});
}

TEST_CASE("fleet: an array on one long line reports columns far into the line") {
  std::string text = "[";
  for (int i = 0; i < 5000; ++i) text += "{\"asset\": \"P\"},";
  std::size_t bad_at = text.size() + 1;
  text += "{\"asset\": 1}]";
  Read r = read(text);
  CHECK(r.count == 5000);
  REQUIRE(r.bad.size() == 1);
  CHECK(r.bad[0] == "1:" + std::to_string(bad_at + 10) +
                        ": expected a string for \"asset\", got a number");
}
