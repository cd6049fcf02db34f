// Patch catalogs: any input reads or fails with located diagnostics; supersedence over whatever
// was read (cycles included) terminates.
#include <cstdint>
#include <string_view>

#include "posture/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = posture::read_catalog_json(text);
  if (!read) {
    for (const auto& d : read.err().diagnostics())
      if (d.message.empty() || (d.where.offset > size && d.where.offset != SIZE_MAX))
        __builtin_trap();
    return 0;
  }
  for (const auto& u : read->updates()) {
    if (read->find(u.id) != &u) __builtin_trap();
    for (const auto& newer : read->superseders_of(u.id))
      if (newer == u.id) __builtin_trap();
  }
  return 0;
}
