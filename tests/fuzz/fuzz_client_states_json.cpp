// Client states and judgments read back: any input reads or fails with located diagnostics, and
// states that read write back to the same states.
#include <cstdint>
#include <string_view>

#include "posture/client_state.hpp"
#include "posture/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace posture;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto states = read_client_states_json(text);
  if (!states) {
    for (const auto& d : states.err().diagnostics())
      if (d.message.empty() || d.where.offset > size) __builtin_trap();
  } else {
    auto again = read_client_states_json(write_client_states_json(*states));
    if (!again || *again != *states) __builtin_trap();
  }
  auto judgments = read_judgments_json(text);
  if (!judgments) {
    for (const auto& d : judgments.err().diagnostics())
      if (d.message.empty() || d.where.offset > size) __builtin_trap();
  }
  return 0;
}
