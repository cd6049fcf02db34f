#include "parse/json_writer.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "parse/json_tree.hpp"
#include "posture/name.hpp"

using namespace posture;
using namespace posture::json;

namespace {

std::string quoted(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

// True when `text` is one valid JSON value (RapidJSON validates UTF-8 in strings).
bool valid_json(std::string_view text) {
  Limits l{text.size(), 64, text.size(), "max_document_bytes"};
  return !parse_value(text, l).failure;
}

}  // namespace

TEST_CASE("json writer: quotes, backslashes and control characters are escaped") {
  CHECK(quoted("a\"b\\c") == R"("a\"b\\c")");
  CHECK(quoted("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(quoted(std::string_view("\x00\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\x7f\"");
  CHECK(quoted("</script>") == "\"</script>\"");
  CHECK(quoted("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
}

TEST_CASE("json writer: a byte to escape is found at every place in a long plain run") {
  // Plain text is copied eight bytes at a time: every byte that needs escaping, at every offset of
  // a run longer than two words, must still be escaped, and nothing else changed.
  static constexpr char hex[] = "0123456789abcdef";
  for (int b = 0; b < 256; ++b) {
    const auto c = static_cast<unsigned char>(b);
    std::string want;
    if (c == '"' || c == '\\') {
      want = std::string("\\") + static_cast<char>(c);
    } else if (c < 0x20) {
      const std::string_view named = c == '\b'   ? "\\b"
                                     : c == '\f' ? "\\f"
                                     : c == '\n' ? "\\n"
                                     : c == '\r' ? "\\r"
                                     : c == '\t' ? "\\t"
                                                 : "";
      want =
          !named.empty() ? std::string(named) : std::string("\\u00") + hex[c >> 4] + hex[c & 0xF];
    } else if (c >= 0x80) {
      want = "\xEF\xBF\xBD";  // alone, any byte from 0x80 on is invalid UTF-8
    } else {
      want = std::string(1, static_cast<char>(c));
    }
    for (std::size_t at = 0; at <= 20; ++at) {
      std::string text(20, 'x');
      text.insert(at, 1, static_cast<char>(c));
      CAPTURE(b);
      CAPTURE(at);
      CHECK(quoted(text) == "\"" + std::string(at, 'x') + want + std::string(20 - at, 'x') + "\"");
    }
  }
}

TEST_CASE("json writer: invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(quoted("a\xFF"
               "b") == "\"a" + fffd + "b\"");
  CHECK(quoted("\xC0\xAF") == "\"" + fffd + fffd + "\"");             // overlong lead bytes
  CHECK(quoted("\xED\xA0\x80") == "\"" + fffd + fffd + fffd + "\"");  // a surrogate
  CHECK(quoted("\xE2\x82") == "\"" + fffd + "\"");                    // truncated sequence
  CHECK(quoted("\xE2\x82x") == "\"" + fffd + "x\"");
  CHECK(quoted("\xF4\x90\x80\x80") == "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF
  CHECK(quoted("\xF0\x9F\x98") == "\"" + fffd + "\"");
}

TEST_CASE("json writer: any byte string yields valid JSON") {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  std::string out = quoted(all + all);
  CHECK(valid_json(out));
  CHECK(valid_utf8(out));
}

TEST_CASE("json writer: compact output has no white space; pretty output indents by two") {
  auto write = [](JsonStyle style) {
    Writer w(style);
    w.begin_object();
    w.member("a", "x");
    w.key("b");
    w.begin_array();
    w.integer(-1);
    w.boolean(true);
    w.null();
    w.begin_object();
    w.end_object();
    w.begin_array();
    w.end_array();
    w.end_array();
    w.key("c");
    w.number(0.5);
    w.end_object();
    return w.take();
  };
  CHECK(write(JsonStyle::compact) == R"({"a":"x","b":[-1,true,null,{},[]],"c":0.5})");
  CHECK(write(JsonStyle::pretty) ==
        "{\n  \"a\": \"x\",\n  \"b\": [\n    -1,\n    true,\n    null,\n    {},\n    []\n  ],\n"
        "  \"c\": 0.5\n}");
}

TEST_CASE("json writer: numbers round-trip and non-finite numbers become null") {
  Writer w(JsonStyle::compact);
  w.begin_array();
  w.number(0.1);
  w.number(1e300);
  w.number(-0.0);
  w.number(std::numeric_limits<double>::infinity());
  w.number(std::numeric_limits<double>::quiet_NaN());
  w.integer(INT64_MIN);
  w.end_array();
  CHECK(w.text() == "[0.1,1e+300,0,null,null,-9223372036854775808]");
  CHECK(valid_json(w.text()));
}

TEST_CASE("json writer: JSON text is re-indented, anything else is refused") {
  Writer w(JsonStyle::pretty);
  w.begin_object();
  w.key("k");
  CHECK(w.json_text(R"({"a":[1,2]})"));
  w.key("bad");
  CHECK_FALSE(w.json_text("{not json"));
  w.null();
  w.end_object();
  CHECK(w.text() ==
        "{\n  \"k\": {\n    \"a\": [\n      1,\n      2\n    ]\n  },\n  \"bad\": null\n}");
}
