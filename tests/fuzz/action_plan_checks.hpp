// Invariants every action plan keeps whatever went in: texts are valid UTF-8 within their byte
// limits, one-line texts and command arguments hold no control character, and the plan writes as
// JSON. A broken invariant traps, for libFuzzer to report.
#pragma once

#include <string_view>

#include "posture/action.hpp"
#include "posture/name.hpp"

namespace posture::fuzz {

inline bool has_control(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  return false;
}

inline void check_text(std::string_view s, std::size_t limit, bool one_line) {
  if (s.size() > limit || !valid_utf8(s) || (one_line && has_control(s))) __builtin_trap();
}

inline void check_plan(const ActionPlan& plan) {
  for (const PlannedAction& a : plan.actions) {
    if (const auto* n = std::get_if<UserNotification>(&a)) {
      check_text(n->title, 64, true);
      check_text(n->text, 4096, false);
      check_text(n->html, 32768, false);
    } else if (const auto* m = std::get_if<AdminEmail>(&a)) {
      check_text(m->subject, 64, true);
      check_text(m->body, 4096, false);
      if (m->assets.empty()) __builtin_trap();
    } else if (const auto* c = std::get_if<CommandRun>(&a)) {
      if (c->argv.empty()) __builtin_trap();
      for (std::size_t i = 1; i < c->argv.size(); ++i) check_text(c->argv[i], 32768 + 32, true);
    } else if (const auto* e = std::get_if<MonitoringEvent>(&a)) {
      check_text(e->message, 1024, true);
    }
  }
  if (write_action_plan_json(plan).empty()) __builtin_trap();
}

}  // namespace posture::fuzz
