// Fleets: JSON Lines, arrays and single objects, with limits chosen by the first input byte so
// that the limit paths are reached with small inputs. Records and errors must carry lines that
// exist in the input.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "posture/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  posture::ReadOptions options;
  std::uint8_t knobs = data[0];
  options.max_line_bytes = (knobs & 1) ? 64 + (knobs >> 2) : options.max_line_bytes;
  options.max_depth = (knobs & 2) ? 1 + (knobs >> 5) : options.max_depth;
  options.max_string_bytes = (knobs & 4) ? (knobs >> 3) : options.max_string_bytes;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::size_t lines = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  std::size_t delivered = 0;
  std::vector<posture::error> bad;
  auto read = posture::read_fleet(
      text, options,
      [&](posture::Snapshot&& s, std::size_t line) {
        if (line == 0 || line > lines || s.asset.empty()) __builtin_trap();
        (void)posture::write_snapshot_json(s);
        return ++delivered < 1000;
      },
      bad);
  if (read && *read != delivered) __builtin_trap();
  for (const auto& e : bad)
    for (const auto& d : e.diagnostics())
      if (d.where.line > lines && d.where.offset != SIZE_MAX) __builtin_trap();
  return 0;
}
