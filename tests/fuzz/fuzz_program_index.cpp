// Differential fuzz target for the program index: the lines before the first empty line are name
// patterns, the lines after it program names; for every pattern the index must find exactly the
// programs NamePattern::matches() accepts, in program order, whatever the bytes (case variants,
// space to trim, prefixes that end at, before and after eight and sixteen bytes, names shorter than
// the words the comparisons load).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "eval/index.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace posture;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> patterns, names;
  bool in_names = false;
  while (!input.empty()) {
    const std::size_t end = input.find('\n');
    std::string_view line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    if (!in_names && line.empty()) {
      in_names = true;
      continue;
    }
    // Globs backtrack; short patterns keep each run fast without losing any prefix length that
    // matters to the index (it files prefixes by their first 4, 8, 12 and 16 bytes).
    if (!in_names && patterns.size() < 64) patterns.emplace_back(line.substr(0, 48));
    if (in_names && names.size() < 256) names.emplace_back(line);
  }
  eval::ProgramIndex index;
  std::vector<std::uint32_t> ids;
  std::vector<NamePattern> compiled;
  for (const auto& p : patterns) {
    compiled.emplace_back(p);
    ids.push_back(index.add(compiled.back()));
  }
  index.finish();
  std::vector<Program> programs(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) programs[i].name = names[i];
  eval::ProgramMatches matches;
  // Twice, so that a second client reuses the scratch the first left behind.
  for (int round = 0; round < 2; ++round) {
    index.match(programs, matches);
    for (std::size_t k = 0; k < compiled.size(); ++k) {
      const auto got = matches.of(ids[k]);
      std::size_t at = 0;
      for (std::uint32_t i = 0; i < programs.size(); ++i) {
        if (!compiled[k].matches(programs[i].name)) continue;
        if (at >= got.size() || got[at] != i) std::abort();
        ++at;
      }
      if (at != got.size()) std::abort();
    }
    if (!programs.empty()) programs.pop_back();
  }
  return 0;
}
