// Helpers for the reader tests: diagnostics as "line:column: message" strings.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "posture/error.hpp"

namespace doctest {
// Prints a list of diagnostics one per line when a comparison fails.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const auto& l : lines) out += "\n  " + l;
    out += "\n}";
    return String(out.c_str());
  }
};
}  // namespace doctest

namespace posture::test {

/// Every diagnostic of `e` as "line:column: message" (the file name left out).
inline std::vector<std::string> problems(const error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics())
    out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                  d.message);
  return out;
}

/// The first diagnostic of `e` as "line:column: message".
inline std::string first_problem(const error& e) { return problems(e).front(); }

}  // namespace posture::test
