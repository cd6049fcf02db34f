#include <doctest/doctest.h>

#include "model/written_text.hpp"

using posture::written_offset;

TEST_CASE("written text: without escapes an offset is its own") {
  CHECK(written_offset("abc", 0) == 0);
  CHECK(written_offset("abc", 2) == 2);
  CHECK(written_offset("abc", 3) == 3);
  CHECK(written_offset("abc", 99) == 3);
  CHECK(written_offset("", 0) == 0);
}

TEST_CASE("written text: each escape counts as written") {
  // a \" b : the value is a"b.
  CHECK(written_offset(R"(a\"b)", 1) == 1);
  CHECK(written_offset(R"(a\"b)", 2) == 3);
  CHECK(written_offset(R"(a\"b)", 3) == 4);
  // \u00e9 is two bytes of the value, both at the escape; the next byte follows it.
  CHECK(written_offset(R"(\u00e9x)", 0) == 0);
  CHECK(written_offset(R"(\u00e9x)", 1) == 0);
  CHECK(written_offset(R"(\u00e9x)", 2) == 6);
  // \u20ac (three bytes) and \u0041 (one).
  CHECK(written_offset(R"(\u20ac\u0041z)", 3) == 6);
  CHECK(written_offset(R"(\u20ac\u0041z)", 4) == 12);
  // A surrogate pair is twelve bytes written for four.
  CHECK(written_offset(R"(\ud83d\ude00!)", 3) == 0);
  CHECK(written_offset(R"(\ud83d\ude00!)", 4) == 12);
  // Upper-case hex digits are escapes too.
  CHECK(written_offset(R"(\u00E9!)", 2) == 6);
}

TEST_CASE("written text: text no reader would accept maps to its end, never past it") {
  CHECK(written_offset(R"(ab\)", 5) == 3);
  CHECK(written_offset(R"(ab\)", 2) == 3);
  CHECK(written_offset(R"(\u12)", 0) == 4);
  CHECK(written_offset(R"(\uzzzz)", 0) == 6);
}
