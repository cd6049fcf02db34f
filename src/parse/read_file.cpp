#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

#include "parse/json_walker.hpp"
#include "posture/io.hpp"

namespace posture {
namespace {

error io_error(std::string_view what, const std::string& path, int err) {
  return error(errc::io, std::string(what) + " " + json::quote(path) + ": " +
                             std::generic_category().message(err));
}

}  // namespace

result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return io_error("cannot open", path, errno);
  std::string out;
  std::error_code ec;
  // Only a hint: pipes and special files report no size, and a file may grow while read.
  if (auto size = std::filesystem::file_size(path, ec); !ec && size <= max_bytes)
    out.reserve(static_cast<std::size_t>(size));
  char buffer[1 << 16];
  for (;;) {
    std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    if (n > max_bytes - out.size())
      return error(errc::limit, "file " + json::quote(path) + " is larger than the limit of " +
                                    std::to_string(max_bytes) + " bytes");
    out.append(buffer, n);
    if (n < sizeof buffer) {
      if (std::ferror(file.get())) return io_error("cannot read", path, errno);
      break;
    }
  }
  return out;
}

}  // namespace posture
