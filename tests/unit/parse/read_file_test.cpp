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

TEST_CASE("InputFile: a file read a part at a time, its size known, errors as read_file's") {
  const std::string content = "{\"a\":1}\n{\"b\":2}\n";
  auto path = scratch_file("parts", content);
  auto file = InputFile::open(path.string());
  REQUIRE(file.ok());
  CHECK(file->size() == content.size());
  std::string got;
  char buffer[5];
  for (;;) {
    auto n = file->read(buffer, sizeof buffer);
    REQUIRE(n.ok());
    CHECK(*n <= sizeof buffer);
    if (*n == 0) break;
    got.append(buffer, *n);
    CHECK(file->delivered() == got.size());
  }
  std::filesystem::remove(path);
  CHECK(got == content);

  auto missing = InputFile::open("/nonexistent-posture-dir/fleet.jsonl");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.err().code() == errc::io);
  CHECK(missing.err().message() ==
        "cannot open \"/nonexistent-posture-dir/fleet.jsonl\": No such file or directory");
  // A directory fails when opened, before a caller writes anything.
  const std::string dir = std::filesystem::temp_directory_path().string();
  auto directory = InputFile::open(dir);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.err().message() == "cannot read \"" + dir + "\": Is a directory");
}
