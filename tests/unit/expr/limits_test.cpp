#include <doctest/doctest.h>

#include "fixture.hpp"

using posture::expr::compile;
using posture::expr::Limits;

TEST_CASE("expr: the source size is limited") {
  Limits limits;
  limits.max_source_bytes = 16;
  auto program = compile("host == \"abcdefghij\"", {}, limits);
  REQUIRE_FALSE(program.ok());
  CHECK(program.err().code() == posture::errc::limit);
  CHECK(program.err().message() == "the expression is 20 bytes long; the limit is 16");
  CHECK(compile("host == \"abcdef\"", {}, limits).ok());
}

TEST_CASE("expr: nesting depth is limited before parsing, at the bracket that exceeds it") {
  Limits limits;
  limits.max_depth = 3;
  CHECK(compile("(((managed)))", {}, limits).ok());
  auto program = compile("(((lower(host) == \"x\")))", {}, limits);
  REQUIRE_FALSE(program.ok());
  CHECK(program.err().code() == posture::errc::limit);
  CHECK(program.err().to_string() == "1:9: the expression nests more than 3 brackets deep");
  // Brackets inside strings do not count.
  CHECK(compile(R"x(host in ["((((", "))))"])x", {}, limits).ok());

  // Far beyond the default limit: refused quickly, without exhausting the stack.
  std::string hostile(1000000, '(');
  CHECK(compile(hostile, {}).err().code() == posture::errc::limit);
}

TEST_CASE("expr: the number of nodes is limited") {
  Limits limits;
  limits.max_nodes = 5;
  CHECK(compile("managed and managed and managed and managed", {}, limits).ok());
  auto program = compile("managed and managed and managed and managed and managed", {}, limits);
  REQUIRE_FALSE(program.ok());
  CHECK(program.err().code() == posture::errc::limit);
  CHECK(program.err().message() == "the expression has 6 parts; the limit is 5");
}

TEST_CASE("expr: long flat chains neither nest nor overflow") {
  std::string chain = "managed";
  for (int i = 0; i < 4000; ++i) chain += i % 2 ? " and managed" : " or not not not managed";
  Limits limits;
  limits.max_nodes = 100000;
  limits.max_source_bytes = 1u << 20;
  auto program = compile(chain, {}, limits);
  REQUIRE(program.ok());
  CHECK(posture::expr::evaluate(*program, expr_test::snapshot(), expr_test::reference_time())
            .truth == posture::expr::Truth::yes);
}

TEST_CASE("expr: a program needing more stack than the evaluator has is refused") {
  std::string nested = "managed";
  for (int i = 0; i < 300; ++i) nested = "true == (" + nested + ")";
  Limits limits;
  limits.max_depth = 1000;
  auto program = compile(nested, {}, limits);
  REQUIRE_FALSE(program.ok());
  CHECK(program.err().code() == posture::errc::limit);
  CHECK(program.err().message() ==
        "the expression needs more than 256 evaluation slots; split it into simpler items");
}
