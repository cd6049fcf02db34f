#include "parse/json_tree.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "parse/json_locator.hpp"

using namespace posture;
using namespace posture::json;

namespace {

Limits roomy() {
  Limits l;
  l.max_bytes = 1 << 20;
  l.max_depth = 64;
  l.max_string_bytes = 1 << 20;
  return l;
}

}  // namespace

TEST_CASE("parse: every node records the byte span it came from") {
  std::string text = "{\"a\": [1, \"x\\n\"],\n  \"b\": {\"c\": null}}";
  auto p = parse_value(text, roomy());
  REQUIRE_FALSE(p.failure);
  const Tree& t = p.tree;
  const Node& root = t.root();
  CHECK(root.kind == Kind::object);
  CHECK(root.begin == 0);
  CHECK(root.end == text.size());
  auto members = t.members(root);
  REQUIRE(members.size() == 4);
  CHECK(t.text(t.at(members[0])) == "a");
  CHECK(t.at(members[0]).begin == 1);
  const Node& array = t.at(members[1]);
  CHECK(array.begin == text.find('['));
  CHECK(array.end == text.find(']') + 1);
  auto elements = t.elements(array);
  REQUIRE(elements.size() == 2);
  CHECK(t.at(elements[0]).begin == text.find('1'));
  CHECK(t.at(elements[1]).begin == text.find("\"x"));
  CHECK(t.text(t.at(elements[1])) == "x\n");
  const Node& b = t.at(members[3]);
  CHECK(b.begin == text.find("{\"c\""));
  CHECK(t.at(t.members(b)[1]).kind == Kind::null);
  CHECK(t.at(t.members(b)[1]).begin == text.find("null"));
}

TEST_CASE("parse: integers stay exact; numbers past int64 become doubles") {
  auto p = parse_value(
      "[9223372036854775807, -9223372036854775808, 18446744073709551615, 1.5, 2e3]", roomy());
  REQUIRE_FALSE(p.failure);
  auto e = p.tree.elements(p.tree.root());
  CHECK(p.tree.at(e[0]).kind == Kind::integer);
  CHECK(p.tree.integer(p.tree.at(e[0])) == INT64_MAX);
  CHECK(p.tree.integer(p.tree.at(e[1])) == INT64_MIN);
  CHECK(p.tree.at(e[2]).kind == Kind::number);
  CHECK(p.tree.number(p.tree.at(e[2])) == doctest::Approx(1.8446744073709552e19));
  CHECK(p.tree.number(p.tree.at(e[3])) == 1.5);
  CHECK(p.tree.number(p.tree.at(e[4])) == 2000.0);
}

TEST_CASE("parse: doubles are correctly rounded; underflow is zero") {
  auto p = parse_value(
      "[0.1, -0.0, 0e100, 1e-400, -2.5e-330, 2.2250738585072011e-308, 1.7976931348623157e308]",
      roomy());
  REQUIRE_FALSE(p.failure);
  auto e = p.tree.elements(p.tree.root());
  CHECK(p.tree.number(p.tree.at(e[0])) == 0.1);
  CHECK(p.tree.number(p.tree.at(e[1])) == 0.0);
  CHECK(std::signbit(p.tree.number(p.tree.at(e[1]))));
  CHECK(p.tree.number(p.tree.at(e[2])) == 0.0);
  CHECK(p.tree.number(p.tree.at(e[3])) == 0.0);
  CHECK(std::signbit(p.tree.number(p.tree.at(e[4]))));
  CHECK(p.tree.number(p.tree.at(e[5])) == 2.2250738585072011e-308);
  CHECK(p.tree.number(p.tree.at(e[6])) == 1.7976931348623157e308);
}

TEST_CASE("parse: NaN, Infinity and numbers too big for a double are syntax errors") {
  struct Case {
    const char* text;
    std::size_t offset;
  };
  for (auto [text, offset] : {Case{"[NaN]", 1}, Case{"[Infinity]", 1}, Case{"[-Inf]", 2},
                              Case{"[1e400]", 1}, Case{"[0, -5e308]", 4}, Case{"[1.8e308]", 1}}) {
    auto p = parse_value(text, roomy());
    REQUIRE(p.failure);
    CHECK(p.failure->code == errc::parse);
    CHECK(p.failure->offset == offset);
  }
  CHECK(parse_value("[1e400]", roomy()).failure->message ==
        "invalid JSON: Number too big to be stored in double");
  CHECK(parse_value("[5e308]", roomy()).failure->message ==
        "invalid JSON: Number too big to be stored in double");
}

TEST_CASE("parse: syntax errors carry RapidJSON's text and the exact offset") {
  auto p = parse_value("{\"a\": 1,}", roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->offset == 8);
  CHECK(p.failure->message == "invalid JSON: Missing a name for object member");

  p = parse_value("[1 2]", roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->offset == 3);
  CHECK(p.failure->message == "invalid JSON: Missing a comma or ']' after an array element");

  p = parse_value("", roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->message == "invalid JSON: The document is empty");

  p = parse_value("{} {}", roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->offset == 3);
}

TEST_CASE("parse: invalid UTF-8 and NUL bytes are rejected where they are") {
  auto p = parse_value("[\"ab\xff\"]", roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->message == "invalid UTF-8 in string");
  CHECK(p.failure->offset == 4);

  p = parse_value("[\"\xed\xa0\x80\"]", roomy());  // an encoded surrogate
  REQUIRE(p.failure);
  CHECK(p.failure->message == "invalid UTF-8 in string");

  p = parse_value(std::string_view("[1]\0[2]", 7), roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->message == "unexpected NUL byte");
  CHECK(p.failure->offset == 3);

  p = parse_value(std::string_view("[\"a\0\"]", 6), roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->message == "unexpected NUL byte");
  CHECK(p.failure->offset == 3);
}

TEST_CASE("parse: a raw line break or control character in a string is named as such") {
  auto p = parse_value("{\"host\": \"pc-1\n\"}", roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->message ==
        "line break inside a string (a string not closed on its line, or a line break not written "
        "as \\n)");
  CHECK(p.failure->offset == 14);

  p = parse_value("[\"a\tb\"]", roomy());
  REQUIRE(p.failure);
  CHECK(p.failure->message == "control character inside a string (write it as a \\u escape)");
  CHECK(p.failure->offset == 3);

  p = parse_value("[\"a\\qb\"]", roomy());  // a real bad escape keeps RapidJSON's words
  REQUIRE(p.failure);
  CHECK(p.failure->message == "invalid JSON: Invalid escape character in string");
}

TEST_CASE("parse: depth, string and size limits stop the parse with errc::limit") {
  Limits l = roomy();
  l.max_depth = 2;
  CHECK_FALSE(parse_value("[[1]]", l).failure);
  auto p = parse_value("[[[1]]]", l);
  REQUIRE(p.failure);
  CHECK(p.failure->code == errc::limit);
  CHECK(p.failure->offset == 2);
  CHECK(p.failure->message == "nesting deeper than 2 levels (ReadOptions::max_depth)");

  l = roomy();
  l.max_string_bytes = 3;
  CHECK_FALSE(parse_value("[\"abc\"]", l).failure);
  p = parse_value("[\"ok\", {\"abcd\": 1}]", l);
  REQUIRE(p.failure);
  CHECK(p.failure->code == errc::limit);
  CHECK(p.failure->offset == 8);
  CHECK(p.failure->message ==
        "string of 4 bytes is over the limit of 3 bytes (ReadOptions::max_string_bytes)");

  l = roomy();
  l.max_bytes = 4;
  p = parse_value("[1,2]", l);
  REQUIRE(p.failure);
  CHECK(p.failure->code == errc::limit);
  CHECK(p.failure->message ==
        "input of 5 bytes is over the limit of 4 bytes (ReadOptions::max_document_bytes)");
}

TEST_CASE("parse: a deeply nested hostile document fails on the limit, not the stack") {
  std::string deep(1'000'000, '[');
  Limits l = roomy();
  auto p = parse_value(deep, l);
  REQUIRE(p.failure);
  CHECK(p.failure->code == errc::limit);
  CHECK(p.failure->offset == 64);
}

TEST_CASE("parse: repeated keys are listed with the key they repeat") {
  auto p = parse_value("{\"a\": 1, \"b\": {\"a\": 2, \"a\": 3}, \"a\": 4}", roomy());
  REQUIRE_FALSE(p.failure);
  const auto& d = p.tree.duplicate_keys();
  REQUIRE(d.size() == 2);
  CHECK(p.tree.at(d[0].first).begin == 23);
  CHECK(p.tree.at(d[0].second).begin == 15);
  CHECK(p.tree.at(d[1].first).begin == 32);
  CHECK(p.tree.at(d[1].second).begin == 1);
}

TEST_CASE("parse: stop_after_value reports where the value ends") {
  auto p = parse_value("{\"a\": 1}  trailing", roomy(), true);
  REQUIRE_FALSE(p.failure);
  CHECK(p.end == 8);
}

TEST_CASE("locator: lines count LF only; columns are 1-based bytes; windows keep their start") {
  std::string_view text = "ab\r\ncd\n\nef";
  Locator whole(text, "f.json");
  auto at = whole.at(5);
  CHECK(at.file == "f.json");
  CHECK(at.line == 2);
  CHECK(at.column == 2);
  CHECK(whole.at(2).column == 3);  // the CR is an ordinary byte of line 1
  CHECK(whole.at(8).line == 4);
  CHECK(whole.at(8).column == 1);

  Locator window(text.substr(4), "f.json", WindowStart{104, 7, 3});
  CHECK(window.at(0).line == 7);
  CHECK(window.at(0).column == 3);
  CHECK(window.at(0).offset == 104);
  CHECK(window.at(4).line == 9);
  CHECK(window.at(4).column == 1);
}

TEST_CASE("parse: a UTF-8 byte order mark is stripped and remembered") {
  auto w = strip_bom("\xEF\xBB\xBF{}");
  CHECK(w.text == "{}");
  CHECK(w.offset == 3);
  CHECK(strip_bom("{}").offset == 0);
}
