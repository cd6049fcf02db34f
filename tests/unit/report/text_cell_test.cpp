#include "report/text_cell.hpp"

#include <doctest/doctest.h>

using namespace posture::report;

TEST_CASE("report: clean_text replaces control characters and invalid UTF-8") {
  CHECK(clean_text("kobe-eng-12") == "kobe-eng-12");
  CHECK(clean_text("evil\x1b[2Jhost") == "evil?[2Jhost");
  CHECK(clean_text("a\tb\r\nc\x7f") == "a?b??c?");
  CHECK(clean_text(std::string("\xc2\x9b") + "31m") == "?31m");  // C1 CSI
  CHECK(clean_text(std::string("x\xff") + "y") == "x\xef\xbf\xbdy");  // stray byte
  CHECK(clean_text("\xe3\x81") == "\xef\xbf\xbd\xef\xbf\xbd");  // truncated sequence
  CHECK(clean_text("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");  // overlong '/'
  CHECK(clean_text("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  CHECK(clean_text("\xe7\xa5\x9e\xe6\x88\xb8") == "\xe7\xa5\x9e\xe6\x88\xb8");  // 神戸 kept
}

TEST_CASE("report: display width counts wide characters twice and marks not at all") {
  CHECK(display_width("") == 0);
  CHECK(display_width("sato") == 4);
  CHECK(display_width("\xe7\xa5\x9e\xe6\x88\xb8") == 4);  // 神戸
  CHECK(display_width("\xef\xbc\xa1") == 2);              // fullwidth A
  CHECK(display_width("e\xcc\x81") == 1);                 // e + combining acute
  CHECK(display_width("\xc3\xa9t\xc3\xa9") == 3);         // été
}

TEST_CASE("report: fit_width cuts on a character boundary and marks the cut") {
  CHECK(fit_width("kobe-eng-12", 11) == "kobe-eng-12");
  CHECK(fit_width("kobe-eng-12", 6) == "kobe-\xe2\x80\xa6");
  CHECK(fit_width("kobe-eng-12", 1) == "\xe2\x80\xa6");
  CHECK(fit_width("kobe-eng-12", 0).empty());
  // 神戸営業 is 8 columns; in 5 columns two wide characters and the ellipsis fit.
  const std::string jp = "\xe7\xa5\x9e\xe6\x88\xb8\xe5\x96\xb6\xe6\xa5\xad";
  CHECK(fit_width(jp, 5) == "\xe7\xa5\x9e\xe6\x88\xb8\xe2\x80\xa6");
  // In 4 columns only one fits beside the ellipsis: never a half character.
  CHECK(fit_width(jp, 4) == "\xe7\xa5\x9e\xe2\x80\xa6");
  for (std::size_t w = 0; w < 12; ++w) CHECK(display_width(fit_width(jp, w)) <= w);
}
