#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "posture/io.hpp"

using namespace posture;

namespace {

std::filesystem::path scratch_file(const std::string& name, const std::string& content) {
  auto path = std::filesystem::temp_directory_path() /
              ("posture-read-file-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("read_file: returns the bytes of a file unchanged") {
  std::string content("\xEF\xBB\xBF{\r\n}\0x", 8);
  auto path = scratch_file("bytes", content);
  auto r = read_file(path.string());
  std::filesystem::remove(path);
  REQUIRE(r.ok());
  CHECK(*r == content);
}

TEST_CASE("read_file: a missing file names the path and the OS reason") {
  auto r = read_file("/nonexistent-posture-dir/policy.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code() == errc::io);
  CHECK(r.err().message() ==
        "cannot open \"/nonexistent-posture-dir/policy.json\": No such file or directory");
}

TEST_CASE("read_file: a directory cannot be read") {
  auto r = read_file(std::filesystem::temp_directory_path().string());
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code() == errc::io);
  CHECK(r.err().message().find("Is a directory") != std::string::npos);
}

TEST_CASE("read_file: files over the limit fail with errc::limit") {
  auto path = scratch_file("big", std::string(100, 'x'));
  auto over = read_file(path.string(), 99);
  auto exact = read_file(path.string(), 100);
  std::filesystem::remove(path);
  REQUIRE_FALSE(over.ok());
  CHECK(over.err().code() == errc::limit);
  CHECK(exact.ok());
}
