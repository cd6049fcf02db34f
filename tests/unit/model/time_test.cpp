#include <doctest/doctest.h>

#include "posture/time.hpp"

using namespace posture;

TEST_CASE("model: dates and timestamps parse and format") {
  auto d = parse_date("2026-11-19");
  REQUIRE(d);
  CHECK(format_date(*d) == "2026-11-19");
  auto t = parse_timestamp("2026-11-20T08:15:00Z");
  REQUIRE(t);
  CHECK(format_timestamp(*t) == "2026-11-20T08:15:00Z");
  auto z = parse_timestamp("2026-11-20T08:15:00+09:00");
  REQUIRE(z);
  CHECK(format_timestamp(*z) == "2026-11-19T23:15:00Z");
  CHECK(parse_timestamp("2026-11-20 08:15") == parse_timestamp("2026-11-20T08:15:00Z"));
  CHECK(parse_timestamp("2024-02-13T08:00:00.123Z"));
  CHECK(parse_date("1969-12-31")->days == -1);
}

TEST_CASE("model: invalid dates are rejected") {
  CHECK_FALSE(parse_date("2026-02-30"));
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK_FALSE(parse_date("26-11-19"));
  CHECK_FALSE(parse_timestamp("2026-11-20T25:00Z"));
  CHECK_FALSE(parse_timestamp("2026-11-20Tjunk"));
  CHECK(parse_date("2024-02-29"));
  CHECK_FALSE(parse_date("2023-02-29"));
}

TEST_CASE("model: a zone offset may not carry an instant out of years 0001-9999") {
  CHECK_FALSE(parse_timestamp("0001-01-01T00:00:00+00:01"));
  CHECK_FALSE(parse_timestamp("9999-12-31T23:59:00-00:01"));
  CHECK_FALSE(parse_date("9999-12-31T20:00:00-09:00"));
  auto first = parse_timestamp("0001-01-01T09:00:00+09:00");
  REQUIRE(first);
  CHECK(format_timestamp(*first) == "0001-01-01T00:00:00Z");
  auto last = parse_timestamp("9999-12-31T14:59:59-09:00");
  REQUIRE(last);
  CHECK(format_timestamp(*last) == "9999-12-31T23:59:59Z");
  CHECK(parse_timestamp("0001-01-01T00:00:00Z"));
  CHECK(parse_timestamp("9999-12-31T23:59:59Z"));
}

TEST_CASE("model: ages are whole UTC calendar days") {
  auto ref = *parse_timestamp("2026-11-22T00:30:00Z");
  CHECK(days_between(*parse_date("2026-11-19"), date_of(ref)) == 3);
  CHECK(days_between(*parse_date("2026-11-22"), date_of(ref)) == 0);
  auto before_midnight = *parse_timestamp("2026-11-21T23:59:59Z");
  CHECK(days_between(*parse_date("2026-11-19"), date_of(before_midnight)) == 2);
}
