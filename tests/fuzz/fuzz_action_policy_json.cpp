// Action policies: any input reads or fails with located diagnostics; a policy that reads selects
// actions for hostile clients at every level without breaking the plan's invariants.
#include <cstdint>
#include <string_view>

#include "action_plan_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace posture;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = read_action_policies_json(text, {});
  if (!read) {
    for (const auto& d : read.err().diagnostics())
      if (d.message.empty() || d.where.offset > size) __builtin_trap();
    return 0;
  }
  for (const ActionPolicy& p : read->policies()) {
    if (p.read_only) continue;
    std::vector<Judgment> judgments;
    std::vector<ClientState> states;
    for (Level level : {Level::safe, Level::caution, Level::warning, Level::danger}) {
      Judgment j;
      j.asset = "PC-" + std::to_string(level_code(level));
      j.reference_time = Timestamp{1795161600};
      j.status = Status::judged;
      j.level = level;
      j.distribute = {"5046617"};
      judgments.push_back(j);
      ClientState s;
      s.asset = j.asset;
      s.host = "host\r\nBcc: x@example.com <script>\xFF";
      s.user = "$(id) `id`; \"'";
      s.mac = {"00:1a:2b:3c:4d:5e"};
      states.push_back(s);
    }
    SelectOptions options;
    options.policy = p.name;
    auto selected = select_actions(*read, judgments, states, options);
    if (!selected) __builtin_trap();
    posture::fuzz::check_plan(selected->plan);
  }
  return 0;
}
