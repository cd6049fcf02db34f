// Policy documents: any input gives a policy set or located diagnostics, never a crash.
#include <cstdint>
#include <string_view>

#include "posture/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = posture::read_policy_json(text);
  if (!read) {
    for (const auto& d : read.err().diagnostics()) {
      if (d.message.empty()) __builtin_trap();
      // Every position is inside the input, except the "too many problems" marker at the end.
      if (d.where.offset > size && d.where.offset != SIZE_MAX) __builtin_trap();
    }
    return 0;
  }
  if (!read->action_policies_json.empty() && read->action_policies_json.front() != '[')
    __builtin_trap();
  // Merging a set with a copy of itself must report each named policy and group as a duplicate.
  posture::PolicySet merged = *read;
  auto again = posture::merge_policies(merged, *read);
  bool named = !read->judgment_policies.empty() || !read->update_groups.empty();
  if (again.ok() == named) __builtin_trap();
  return 0;
}
