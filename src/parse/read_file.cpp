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

result<InputFile> InputFile::open(const std::string& path) {
  InputFile in;
  in.name_ = json::quote(path);
  errno = 0;
  in.owned_.reset(std::fopen(path.c_str(), "rb"));
  if (!in.owned_) return io_error("cannot open", path, errno);
  in.file_ = in.owned_.get();
  std::error_code ec;
  // A directory opens and fails only when read: a caller that writes its output once the input is
  // open would have written it already.
  if (std::filesystem::is_directory(path, ec)) return io_error("cannot read", path, EISDIR);
  if (const auto size = std::filesystem::file_size(path, ec); !ec)
    in.size_ = static_cast<std::size_t>(size);
  return in;
}

InputFile InputFile::standard_input() {
  InputFile in;
  in.file_ = stdin;
  in.name_ = "<stdin>";
  return in;
}

result<std::size_t> InputFile::read(char* buffer, std::size_t size) {
  errno = 0;
  const std::size_t n = std::fread(buffer, 1, size, file_);
  if (n < size && std::ferror(file_))
    return error(errc::io, "cannot read " + name_ + ": " + std::generic_category().message(errno));
  delivered_ += n;
  return n;
}

result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  auto file = InputFile::open(path);
  if (!file) return std::move(file).err();
  std::string out;
  // Only a hint: pipes and special files report no size, and a file may grow while read.
  if (file->size() <= max_bytes) out.reserve(file->size());
  char buffer[1 << 16];
  for (;;) {
    auto n = file->read(buffer, sizeof buffer);
    if (!n) return std::move(n).err();
    if (*n > max_bytes - out.size())
      return error(errc::limit, "file " + json::quote(path) + " is larger than the limit of " +
                                    std::to_string(max_bytes) + " bytes");
    out.append(buffer, *n);
    if (*n == 0) break;
  }
  return out;
}

}  // namespace posture
