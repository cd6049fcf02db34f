#include <doctest/doctest.h>

#include "posture/name.hpp"

using posture::NamePattern;

TEST_CASE("model: names match exactly, ASCII case-insensitively, ignoring surrounding space") {
  NamePattern p(" Mozilla Firefox ");
  CHECK(p.matches("mozilla firefox"));
  CHECK(p.matches("\tMOZILLA FIREFOX\r\n"));
  CHECK_FALSE(p.matches("Mozilla Firefox ESR"));
  CHECK_FALSE(p.has_wildcards());
}

TEST_CASE("model: '*' matches any run and '?' one code point") {
  CHECK(NamePattern("Java*").matches("Java 8 Update 401 (64-bit)"));
  CHECK(NamePattern("Java*").matches("Java"));
  CHECK_FALSE(NamePattern("Java*").matches("Oracle Java"));
  CHECK(NamePattern("*Zip*").matches("7-Zip 23.01 (x64)"));
  CHECK(NamePattern("7-Zip ??.??").matches("7-Zip 23.01"));
  CHECK_FALSE(NamePattern("7-Zip ??.??").matches("7-Zip 23.1"));
  CHECK(NamePattern("?").matches("\xE6\x97\xA5"));  // one three-byte code point
  CHECK_FALSE(NamePattern("??").matches("\xE6\x97\xA5"));
}

TEST_CASE("model: hostile wildcard patterns finish quickly") {
  std::string name(5000, 'a');
  CHECK_FALSE(NamePattern("*a*a*a*a*a*a*a*a*a*a*b").matches(name));
}

TEST_CASE("model: update ids drop KB or Q prefixes, bulletins drop MS") {
  CHECK(posture::normalize_update_id("KB5034441") == "5034441");
  CHECK(posture::normalize_update_id(" kb5034441 ") == "5034441");
  CHECK(posture::normalize_update_id("Q123456") == "123456");
  CHECK(posture::normalize_update_id("5034441") == "5034441");
  CHECK(posture::normalize_update_id("KBX") == "KBX");
  CHECK(posture::normalize_bulletin("MS09-067") == "09-067");
}

TEST_CASE("model: the literal prefix and suffix of a pattern decide before the glob") {
  NamePattern p("Microsoft Office*2016");
  CHECK(p.literal_prefix() == 16);
  CHECK(p.lowered() == "microsoft office*2016");
  CHECK(p.matches("MICROSOFT OFFICE Professional Plus 2016"));
  CHECK(p.matches("Microsoft Office2016"));
  CHECK_FALSE(p.matches("Microsoft Office 2019"));
  CHECK_FALSE(p.matches("Microsoft Offic2016"));  // shorter than prefix and suffix together
  CHECK_FALSE(p.matches("Microsoft Edge 2016"));
  // Without a wildcard the literal prefix is the whole pattern.
  CHECK(NamePattern("Zoom").literal_prefix() == 4);
  CHECK(NamePattern("*Zoom").literal_prefix() == 0);
  // A '?' after the last '*' leaves the end to the glob.
  CHECK(NamePattern("a*?b").matches("axyb"));
  CHECK_FALSE(NamePattern("a*?b").matches("ab"));
  CHECK(NamePattern("a*b?").matches("a-b\xE6\x97\xA5"));
  CHECK(NamePattern("ab*").matches("ab"));
  CHECK(NamePattern("*").matches(""));
  CHECK(NamePattern("").matches("  "));
  CHECK_FALSE(NamePattern("").matches("a"));
}

TEST_CASE("model: odd UTF-8 around the literal parts matches as the whole-name glob would") {
  // A '?' whose lead byte promises more bytes than remain takes what is left.
  CHECK_FALSE(NamePattern("a?*b").matches("a\xE2" "b"));
  CHECK(NamePattern("a?*b").matches("a\xE2xyb"));
  CHECK(NamePattern("x*\xE6\x97\xA5").matches("xy\xE6\x97\xA5"));
}
