// Judgments, client states and policies built by hand for the action tests, so that they do not
// depend on the evaluator.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "posture/action.hpp"

namespace posture::test {

/// 2026-11-20T08:00:00Z plus `days` days.
inline Timestamp day(int days, int hours = 0) {
  return Timestamp{1795161600 + std::int64_t{days} * 86400 + std::int64_t{hours} * 3600};
}

/// A judged client at `level` with one violating anti-virus condition (unless Safe).
inline Judgment judged(std::string asset, Level level, Timestamp at,
                       std::vector<std::string> distribute = {}) {
  Judgment j;
  j.asset = std::move(asset);
  j.policy = "Company baseline";
  j.reference_time = at;
  ItemResult av;
  av.category = Category::antivirus;
  av.status = Status::judged;
  av.level = level;
  ConditionResult c;
  c.name = "Microsoft Defender Antivirus";
  c.status = Status::judged;
  c.level = level;
  if (level != Level::safe) c.evidence = {{"definition_age", "risk: 12 days > 3"}};
  av.conditions.push_back(std::move(c));
  j.items.push_back(std::move(av));
  j.distribute = std::move(distribute);
  aggregate(j);
  return j;
}

inline ClientState client(std::string asset, std::string host = "kobe-eng-12",
                          std::vector<std::string> mac = {"00:1a:2b:3c:4d:5e"},
                          std::vector<std::string> ip = {"10.20.30.41"}) {
  ClientState s;
  s.asset = std::move(asset);
  s.host = std::move(host);
  s.user = "sato";
  s.group = "Kobe/Engineering";
  s.mac = std::move(mac);
  s.ip = std::move(ip);
  return s;
}

/// Reads action policies from the text of an `action_policies` array; fails the test on error.
inline ActionPolicySet policies(std::string_view array_text) {
  auto r = read_action_policies_json(array_text, {});
  INFO((r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

/// The error of reading an `action_policies` array that must not read.
inline error policy_error(std::string_view array_text) {
  source_location start;
  start.file = "policy.json";
  start.line = 1;
  start.column = 1;
  auto r = read_action_policies_json(array_text, start);
  REQUIRE_FALSE(r.ok());
  return std::move(r).err();
}

inline Selection select_ok(const ActionPolicySet& set, const std::vector<Judgment>& judgments,
                           const std::vector<ClientState>& states,
                           const SelectOptions& options = {}) {
  auto r = select_actions(set, judgments, states, options);
  INFO((r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

/// The planned actions of one kind, in plan order.
template <class T>
std::vector<T> actions_of(const ActionPlan& plan) {
  std::vector<T> out;
  for (const PlannedAction& a : plan.actions)
    if (const T* t = std::get_if<T>(&a)) out.push_back(*t);
  return out;
}

inline const ClientState& state_of(const Selection& s, std::string_view asset) {
  for (const ClientState& c : s.states)
    if (c.asset == asset) return c;
  FAIL("no state for " << asset);
  return s.states.front();
}

}  // namespace posture::test
