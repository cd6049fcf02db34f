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
