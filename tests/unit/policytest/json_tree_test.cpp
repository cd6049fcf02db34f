#include <doctest/doctest.h>

#include <string>

#include "policytest/json_tree.hpp"

using posture::ReadOptions;
using posture::policytest::JsonNode;
using posture::policytest::locate;
using posture::policytest::parse_json_tree;

namespace {
std::string span(std::string_view text, const JsonNode& n) {
  return std::string(text.substr(n.begin, n.end - n.begin));
}
}  // namespace

TEST_CASE("policytest: every JSON value knows the bytes it came from") {
  constexpr std::string_view text = "{ \"a\" : [1, \"two\", {\"b\": null}] ,\n\t\"c\":true , \"d\": -2.5e1}";
  auto root = parse_json_tree(text, {});
  REQUIRE(root.ok());
  CHECK(span(text, *root) == text);
  const JsonNode* a = root->member("a");
  REQUIRE(a != nullptr);
  CHECK(span(text, *a) == R"([1, "two", {"b": null}])");
  CHECK(text.substr(a->key_offset, 3) == "\"a\"");
  REQUIRE(a->children.size() == 3);
  CHECK(span(text, a->children[0]) == "1");
  CHECK(a->children[0].integral);
  CHECK(a->children[0].integer == 1);
  CHECK(span(text, a->children[1]) == "\"two\"");
  CHECK(a->children[1].text == "two");
  CHECK(span(text, a->children[2]) == R"({"b": null})");
  CHECK(span(text, a->children[2].children[0]) == "null");
  const JsonNode* c = root->member("c");
  REQUIRE(c != nullptr);
  CHECK(span(text, *c) == "true");
  CHECK(locate(text, c->key_offset, "f").line == 2);
  CHECK(locate(text, c->key_offset, "f").column == 2);
  const JsonNode* d = root->member("d");
  REQUIRE(d != nullptr);
  CHECK_FALSE(d->integral);
  CHECK(d->number == doctest::Approx(-25.0));
}

TEST_CASE("policytest: syntax errors name the file, line and column") {
  ReadOptions options;
  options.file_name = "t.json";
  auto r = parse_json_tree("{\n  \"a\": 1\n  \"b\": 2}", options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code() == posture::errc::parse);
  CHECK(r.err().where().file == "t.json");
  CHECK(r.err().where().line == 3);
  CHECK(r.err().where().column == 3);
  CHECK_FALSE(parse_json_tree("", options).ok());
  CHECK_FALSE(parse_json_tree("{} {}", options).ok());
  CHECK_FALSE(parse_json_tree("\"\xC3\x28\"", options).ok());  // invalid UTF-8
}

TEST_CASE("policytest: depth, string and size limits fail with errc::limit") {
  ReadOptions options;
  options.max_depth = 3;
  CHECK(parse_json_tree("[[[1]]]", options).ok());
  auto deep = parse_json_tree("[[[[1]]]]", options);
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.err().code() == posture::errc::limit);
  CHECK(deep.err().where().column == 4);

  options = {};
  options.max_string_bytes = 4;
  CHECK(parse_json_tree(R"({"abcd":"wxyz"})", options).ok());
  CHECK(parse_json_tree(R"({"abcd":"vwxyz"})", options).err().code() == posture::errc::limit);
  CHECK(parse_json_tree(R"({"abcde":1})", options).err().code() == posture::errc::limit);

  options = {};
  options.max_document_bytes = 4;
  CHECK(parse_json_tree("[1,2]", options).err().code() == posture::errc::limit);
}

TEST_CASE("policytest: a byte order mark is skipped but offsets still count it") {
  constexpr std::string_view text = "\xEF\xBB\xBF{\"a\":1}";
  auto root = parse_json_tree(text, {});
  REQUIRE(root.ok());
  CHECK(root->begin == 3);
  CHECK(span(text, *root->member("a")) == "1");
}
