// The program index finds, for every pattern, exactly the programs NamePattern::matches() accepts,
// in program order.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "eval/index.hpp"

using namespace posture;

namespace {

void check_against_patterns(const std::vector<std::string>& patterns,
                            const std::vector<std::string>& names) {
  eval::ProgramIndex index;
  std::vector<std::uint32_t> ids;
  for (const auto& p : patterns) ids.push_back(index.add(NamePattern(p)));
  index.finish();
  std::vector<Program> programs(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) programs[i].name = names[i];
  eval::ProgramMatches matches;
  index.match(programs, matches);
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < names.size(); ++i)
      if (NamePattern(patterns[k]).matches(names[i])) want.push_back(i);
    auto got = matches.of(ids[k]);
    CAPTURE(patterns[k]);
    CHECK(std::vector<std::uint32_t>(got.begin(), got.end()) == want);
  }
}

}  // namespace

TEST_CASE("eval: the program index agrees with the patterns") {
  check_against_patterns(
      {"Microsoft Office*", "microsoft office professional plus 2016*", "Microsoft 365 Apps*",
       "Microsoft*", "MICROSOFT OFFICE*", "*Runtime*", "?icrosoft*", "Zoom", "zoom ", "z*",
       "Adobe Acrobat*", "Adobe Flash Player*", "7-Zip ??.??", "", "*", "Mi", "M",
       "Microsoft Visual C++ 2015-2022 Redistributable*x64*", "SumatraPDF*",
       "\xE6\x97\xA5\xE6\x9C\xAC*", "Java 8 Update *", "@Home Suite*", "Tool 1.0"},
      {"Microsoft Office Professional Plus 2016", "  microsoft office standard 2019\t",
       "Microsoft Edge", "Microsoft 365 Apps for enterprise - ja-jp", "Zoom", "ZOOM ", "Zoo",
       "zoom x", "Adobe Acrobat DC", "Adobe Flash Player 32 NPAPI", "Adobe", "7-Zip 23.01",
       "7-Zip 23.1", "", " ", "M", "Mi", "Microsoft .NET Runtime - 8.0.1 (x64)",
       "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38",
       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "SumatraPDF", "sumatrapdf - ja-jp",
       "Microsoft Office Professional Plus 2016 (x64)", "Microsoft Offic", "Java 8 Update ",
       "Java 8 Update", "Java 8 Update 401 (64-bit)", " Java 8 Update 401", "`home suite x",
       "@HOME SUITE 2", "Tool 1.0  ", "Tool 1.0", "Tool 1.0 x"});
}

TEST_CASE("eval: the program index agrees with the patterns on random names") {
  // A small alphabet makes shared prefixes, near misses and case variants common.
  std::mt19937 rng(7);
  const std::string letters = "aAbB c*?.";
  auto text = [&](std::size_t max, bool wild) {
    std::string s;
    std::size_t n = rng() % (max + 1);
    for (std::size_t i = 0; i < n; ++i) {
      char ch = letters[rng() % letters.size()];
      if (!wild && (ch == '*' || ch == '?')) ch = 'a';
      s += ch;
    }
    return s;
  };
  for (int round = 0; round < 40; ++round) {
    std::vector<std::string> patterns, names;
    for (int k = 0; k < 25; ++k) patterns.push_back(text(12, true));
    for (int k = 0; k < 60; ++k) names.push_back(text(24, false));
    check_against_patterns(patterns, names);
  }
}

TEST_CASE("eval: the update-id filter never turns away an id it holds") {
  eval::IdFilter filter;
  std::vector<std::string> ids = {"", "1", "12", "123", "5034441", "50344412", "123456789012345",
                                  "MS-X"};
  for (const auto& id : ids) filter.add(id);
  for (const auto& id : ids) CHECK(filter.may_contain(id));
  std::size_t passed = 0;
  for (unsigned i = 0; i < 1000; ++i) passed += filter.may_contain(std::to_string(6000000 + i));
  CHECK(passed < 50);  // a filter, not a pass-through
}

TEST_CASE("eval: the program index agrees with the patterns on long shared prefixes") {
  // Long literal prefixes sharing most of their bytes: labels that end a few bytes before, at and
  // after a multiple of eight, against names that end just after them, where the tail of a label
  // is compared as one word loaded from the name's last eight bytes.
  std::mt19937 rng(11);
  const std::string stem = "Microsoft Visual C++ 2015 Redist";
  auto variant = [&](std::size_t max) {
    std::string s = stem.substr(0, 2 + rng() % (stem.size() - 1));
    for (std::size_t n = rng() % (max + 1); n > 0; --n) s += "aB x"[rng() % 4];
    if (rng() % 3 == 0) s[rng() % s.size()] ^= 0x20;  // a case variant, or a near miss
    return s;
  };
  for (int round = 0; round < 40; ++round) {
    std::vector<std::string> patterns, names;
    for (int k = 0; k < 20; ++k) patterns.push_back(variant(3) + (k % 4 == 0 ? "" : "*"));
    for (int k = 0; k < 60; ++k) names.push_back(variant(6));
    check_against_patterns(patterns, names);
  }
}

TEST_CASE("eval: the update-id filter takes ids as records report them") {
  eval::IdFilter filter;
  for (std::string id : {"5034441", "890830", "1234"}) filter.add(id);
  for (std::string raw : {"5034441", "KB5034441", "kb5034441", " KB890830", "Q890830",
                          "KB1234", "1234", "5034441 ", "\tKB1234\n", "KB"}) {
    CAPTURE(raw);
    CHECK(filter.may_contain_raw(raw));
  }
  std::size_t passed = 0;
  for (unsigned i = 0; i < 1000; ++i)
    passed += filter.may_contain_raw("KB" + std::to_string(6000000 + i));
  CHECK(passed < 50);  // a filter, not a pass-through
  // Under four bytes an id does not end with four bytes of the raw text: every id passes.
  filter.add("12");
  CHECK(filter.may_contain_raw("KB12"));
  CHECK(filter.may_contain_raw("KB6000000"));
}

TEST_CASE("eval: the program index agrees with the patterns at eight-byte boundaries") {
  // Prefixes ending exactly at, just before and just after 8, 16 and 24 bytes, many of them
  // sharing their first eight or sixteen bytes (one trie node with many ends and children), and
  // names whose spaces are trimmed to just under or over those lengths.
  check_against_patterns(
      {"Microsof*", "Microsoft*", "Microsoft Visual*", "Microsoft Visua*", "Microsoft Visual *",
       "Microsoft Visual C++ 2015*", "Microsoft Visual C++ 20?? Redist*", "microsoft visual c++",
       "Microsoft Office 365 ProPlus*", "Microsoft Office*x64", "Microsoft Edge", "ab*", "abcdefg*",
       "abcdefgh", "abcdefgh*", "ABCDEFGHIJKLMNOP*", "abcdefghijklmnopq*"},
      {"Microsof", "Microsoft", " Microsoft ", "Microsoft Visual", "microsoft visual ",
       "  Microsoft Visual\t", "Microsoft Visual C++", "MICROSOFT VISUAL C++ ",
       "Microsoft Visual C++ 2015-2022 Redistributable (x64)", "Microsoft Visual C++ 2019 Redist",
       "Microsoft Office 365 ProPlus - en-us", "Microsoft Office 2019 x64", "Microsoft Edge",
       "Microsoft Edge ", "Microsoft Edge WebView2", "ab", " ab ", "abcdefg", "abcdefgh",
       " abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQR",
       "abcdefghijklmno", "a"});
}
