#include <doctest/doctest.h>

#include "posture/version.hpp"

using posture::compare_versions;
using posture::VersionConstraint;

TEST_CASE("model: versions compare part by part, numerically when both parts are digits") {
  CHECK(compare_versions("10.0.19045.4046", "10.0.19045.3693") > 0);
  CHECK(compare_versions("1.2", "1.10") < 0);
  CHECK(compare_versions("6.02", "6.2") == 0);
  CHECK(compare_versions("99999999999999999999999.1", "99999999999999999999998.9") > 0);
}

TEST_CASE("model: missing trailing parts equal zero") {
  CHECK(compare_versions("1.2", "1.2.0") == 0);
  CHECK(compare_versions("1.2", "1.2.0.0.0") == 0);
  CHECK(compare_versions("1.2", "1.2.0.1") < 0);
  CHECK(compare_versions("", "0") == 0);
}

TEST_CASE("model: separator runs count as one and text parts compare case-insensitively") {
  CHECK(compare_versions("1..2", "1.2") == 0);
  CHECK(compare_versions("1-2_3,4 5", "1.2.3.4.5") == 0);
  CHECK(compare_versions("1.0-RC1", "1.0-rc1") == 0);
  CHECK(compare_versions("1.0-rc1", "1.0") > 0);
  CHECK(compare_versions("1.0-rc1", "1.0-rc2") < 0);
}

TEST_CASE("model: separators at either end, text against digits, digits inside text") {
  CHECK(compare_versions(".1.", "1") == 0);
  CHECK(compare_versions(" 1.2 ", "1.2.0") == 0);
  CHECK(compare_versions("...", "") == 0);
  CHECK(compare_versions("1.a", "1.0") > 0);  // "a" > "0" as text
  CHECK(compare_versions("10a", "9a") < 0);   // not all digits: compared as text
  CHECK(compare_versions("1.0002", "1.2") == 0);
  CHECK(compare_versions("1.0010", "1.9") > 0);
  CHECK(compare_versions("2", "10") < 0);
  CHECK(compare_versions("1.2.3", "1.2") > 0);
  CHECK(compare_versions("1.2", "1.2.3") < 0);
}

TEST_CASE("model: version constraints with one clause, a bare version and a range") {
  auto lt = VersionConstraint::parse("< 8.0.4010");
  REQUIRE(lt.ok());
  CHECK(lt->satisfied_by("8.0.3910.13"));
  CHECK_FALSE(lt->satisfied_by("8.0.4010"));
  CHECK_FALSE(lt->satisfied_by(std::nullopt));

  auto bare = VersionConstraint::parse("1.2");
  REQUIRE(bare.ok());
  CHECK(bare->satisfied_by("1.2.0"));
  CHECK(bare->to_string() == "= 1.2");

  auto range = VersionConstraint::parse(">=1.0, < 2.0");
  REQUIRE(range.ok());
  CHECK(range->satisfied_by("1.0"));
  CHECK(range->satisfied_by("1.99"));
  CHECK_FALSE(range->satisfied_by("2.0.0"));
  CHECK(range->to_string() == ">= 1.0, < 2.0");

  auto ne = VersionConstraint::parse("!= 3");
  REQUIRE(ne.ok());
  CHECK(ne->satisfied_by("3.0.1"));
  CHECK_FALSE(ne->satisfied_by("3.0"));
}

TEST_CASE("model: malformed version constraints are errors with a column") {
  auto empty = VersionConstraint::parse(">=");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.err().where().column == 3);
  CHECK_FALSE(VersionConstraint::parse("").ok());
  CHECK_FALSE(VersionConstraint::parse(">= 1, < 2, < 3").ok());
  CHECK_FALSE(VersionConstraint::parse(">= 1 < 2").ok());
}
