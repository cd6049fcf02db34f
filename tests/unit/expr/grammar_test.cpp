// Syntax: what parses, how tightly operators bind, and what a syntax error says and where.
#include <doctest/doctest.h>

#include "fixture.hpp"

using expr_test::problems;
using expr_test::truth;
using expr_test::Truth;

TEST_CASE("expr: precedence is or < and < not < comparison") {
  CHECK(truth("true or false and false") == Truth::yes);
  CHECK(truth("(true or false) and false") == Truth::no);
  CHECK(truth("not false and false") == Truth::no);
  CHECK(truth("not (false and false)") == Truth::yes);
  CHECK(truth("not managed == false") == Truth::yes);  // not (managed == false)
  CHECK(truth("not not not managed") == Truth::no);
}

TEST_CASE("expr: white space and newlines are free between tokens") {
  CHECK(truth("\n\thost   ==\r\n\"kobe-eng-12\"  \n") == Truth::yes);
  CHECK(truth("any software ( name == \"TeamViewer 14\" )") == Truth::yes);
  CHECK(truth("fields [ \"Asset.Leased\" ]") == Truth::yes);
}

TEST_CASE("expr: keywords are whole words") {
  CHECK(problems("notes == 1") == R"(1:1: unknown field "notes")");
  CHECK(problems("android") == R"(1:1: unknown field "android")");
  CHECK(problems("host == \"a\" order") ==
        R"(1:13: unexpected "order"; expected an operator or the end of the expression)");
}

TEST_CASE("expr: syntax errors say what was expected and where") {
  CHECK(problems("(managed") == R"x(1:9: expected ")" but found end of expression)x");
  CHECK(problems("host == ") == "1:9: expected a value but found end of expression");
  CHECK(problems("host == )") == R"x(1:9: expected a value but found ")")x");
  CHECK(problems("lower(host") == R"x(1:11: expected ")" but found end of expression)x");
  CHECK(problems(R"(host == [1])") == R"(1:9: expected a value but found "[")");
  CHECK(problems(R"(host == "kobe)") ==
        R"x(1:14: expected a closing '"' but found end of expression)x");
  CHECK(problems("host == \"a\nb\"") == R"x(1:11: expected a closing '"' but found "\n")x");
  CHECK(problems(R"(host == "\q")") ==
        R"x(1:11: expected an escape: \" \\ \n \r or \t but found "q")x");
  CHECK(problems(R"(host in [user])") == R"(1:10: expected a literal but found "user")");
  CHECK(problems(R"(host in ["a",])") == R"(1:14: expected a literal but found "]")");
  CHECK(problems(R"(host in "a")") ==
        R"x(1:9: expected a list of literals in [...] but found "\"")x");
  CHECK(problems(R"(fields[host])") ==
        R"(1:8: expected a string in double quotes but found "host")");
  CHECK(problems("any 5") == "1:5: expected a collection name but found \"5\"");
  CHECK(problems("== 1") == R"(1:1: expected an expression but found "=")");
  CHECK(problems("   ") == "1:4: empty expression");
  CHECK(problems("") == "1:1: empty expression");
}

TEST_CASE("expr: common slips get a hint") {
  CHECK(problems(R"(host == "a" AND managed)") ==
        R"(1:13: unexpected "AND"; keywords are lower case: "and")");
  CHECK(problems(R"(host = "a")") == R"(1:6: unexpected "="; compare with "==")");
  CHECK(problems(R"(managed && managed)") ==
        R"(1:9: unexpected "&"; write "and" and "or")");
  CHECK(problems(R"(os.version > 10.0.19045)") ==
        R"(1:18: unexpected ".19045"; write versions as v"1.2.3")");
  CHECK(problems("a == 1 == 2") ==
        R"(1:8: unexpected "="; expected an operator or the end of the expression)");
}

TEST_CASE("expr: syntax errors are parse errors, type errors check errors") {
  CHECK(posture::expr::compile("(", {}).err().code() == posture::errc::parse);
  CHECK(posture::expr::compile("host", {}).err().code() == posture::errc::check);
}

TEST_CASE("expr: non-ASCII text passes through literals and messages intact") {
  posture::Snapshot s = expr_test::snapshot();
  s.location = "神戸 2F";
  CHECK(truth(R"(location == "神戸 2F")", s) == Truth::yes);
  CHECK(truth(R"(location matches "?? 2F")", s) == Truth::yes);
  CHECK(problems("host == 神戸") == "1:9: expected a value but found \"神\"");
}
