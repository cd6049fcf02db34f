// Inventory snapshots: any input reads or fails with located diagnostics; whatever reads must
// write and read back to the same snapshot (the writer's output is the canonical form).
#include <cstdint>
#include <string>
#include <string_view>

#include "posture/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = posture::read_snapshot_json(text);
  if (!read) {
    for (const auto& d : read.err().diagnostics())
      if (d.message.empty() || (d.where.offset > size && d.where.offset != SIZE_MAX))
        __builtin_trap();
    return 0;
  }
  for (auto style : {posture::JsonStyle::compact, posture::JsonStyle::pretty}) {
    std::string written = posture::write_snapshot_json(*read, style);
    auto again = posture::read_snapshot_json(written);
    if (!again) __builtin_trap();
    if (posture::write_snapshot_json(*again) != posture::write_snapshot_json(*read))
      __builtin_trap();
  }
  return 0;
}
