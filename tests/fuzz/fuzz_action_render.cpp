// Hostile inventory values: whatever bytes a client reports as its host, user, group and
// evidence, every rendered text stays in its place (action_plan_checks.hpp).
#include <cstdint>
#include <string_view>

#include "action_plan_checks.hpp"

namespace {

constexpr std::string_view kPolicy = R"([{"name": "P", "levels": {"danger": {
  "notify_user": {"title": "%host% %user%", "text": "%host%\n%violations%\n%group%",
                  "html": "<p>%host%</p>%violations%"},
  "email_admin": {"to": ["soc@example.com"], "subject": "%count% %level%",
                  "body": "%asset% %host% %user%\n%violations%\n"},
  "command": {"program": "/bin/true", "args": ["%host%", "--user=%user%", "%violations%"]},
  "event": {"message": "%host% %user% %violations%"}}}}])";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace posture;
  static const ActionPolicySet policies = read_action_policies_json(kPolicy, {}).value();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The input is cut in three: host, user, evidence.
  const std::size_t third = bytes.size() / 3;
  ClientState s;
  s.asset = "PC-1";
  s.host = std::string(bytes.substr(0, third));
  s.user = std::string(bytes.substr(third, third));
  s.group = s.host;
  s.action_policy = "P";
  Judgment j;
  j.asset = "PC-1";
  j.reference_time = Timestamp{1795161600};
  ItemResult item;
  item.category = Category::user_defined;
  item.status = Status::judged;
  item.level = Level::danger;
  ConditionResult c;
  c.name = s.user;
  c.status = Status::judged;
  c.level = Level::danger;
  c.evidence = {{"value", std::string(bytes.substr(2 * third))}};
  item.conditions.push_back(c);
  j.items.push_back(item);
  aggregate(j);
  const std::vector<Judgment> judgments = {j};
  const std::vector<ClientState> states = {s};
  auto selected = select_actions(policies, judgments, states);
  if (!selected || selected->plan.actions.size() != 4) __builtin_trap();
  posture::fuzz::check_plan(selected->plan);
  return 0;
}
