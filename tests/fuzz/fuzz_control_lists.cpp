// Connection control lists in JSON and JP1/CSC's text files: any input reads or fails with
// located diagnostics; a JP1 list that reads writes back to a list that reads the same.
#include <cstdint>
#include <string_view>

#include "posture/quarantine.hpp"

namespace {

void check_error(const posture::error& e, std::size_t size) {
  for (const auto& d : e.diagnostics())
    if (d.message.empty() || d.where.offset > size) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace posture;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto json = read_control_list_json(text); !json) check_error(json.err(), size);
  if (auto keys = read_client_keys_jp1(text); !keys) check_error(keys.err(), size);
  auto jp1 = read_control_list_jp1(text);
  if (!jp1) {
    check_error(jp1.err(), size);
    return 0;
  }
  auto again = read_control_list_jp1(write_control_list_jp1(*jp1));
  if (!again) __builtin_trap();
  std::size_t with_mac = 0;
  for (const auto& e : jp1->entries) with_mac += e.mac.empty() ? 0 : 1;
  if (again->entries.size() != with_mac) __builtin_trap();
  return 0;
}
