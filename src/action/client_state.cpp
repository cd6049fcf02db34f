// The client state value: identity from snapshots, and the judgment record with the
// consecutive-level counters that execution conditions read.
#include "posture/client_state.hpp"

#include <algorithm>

namespace posture {
namespace {

constexpr std::string_view state_names[] = {"unregistered", "permitted", "denied",
                                            "emergency_denied", "exempt", "removed"};

}  // namespace

std::string_view quarantine_state_name(QuarantineState state) noexcept {
  const auto i = static_cast<std::size_t>(state);
  return i < std::size(state_names) ? state_names[i] : state_names[0];
}

std::optional<QuarantineState> parse_quarantine_state(std::string_view text) noexcept {
  for (std::size_t i = 0; i < std::size(state_names); ++i)
    if (text == state_names[i]) return static_cast<QuarantineState>(i);
  return std::nullopt;
}

std::uint32_t ClientState::consecutive_days() const noexcept {
  if (consecutive_times == 0 || !consecutive_since || !judged_at) return 0;
  const std::int64_t days = days_between(*consecutive_since, date_of(*judged_at));
  if (days < 0) return 0;
  return static_cast<std::uint32_t>(std::min<std::int64_t>(days + 1, UINT32_MAX));
}

void observe_snapshot(ClientState& state, const Snapshot& snapshot) {
  state.host = snapshot.host;
  state.user = snapshot.user;
  state.group = snapshot.group;
  state.ip = snapshot.ip;
  state.mac = snapshot.mac;
  state.os = snapshot.os && snapshot.os->name ? *snapshot.os->name : std::string();
  state.location = snapshot.location;
  state.managed = snapshot.managed;
}

ClientState record_judgment(ClientState state, const Judgment& judgment) {
  if (judgment.asset != state.asset) return state;
  if (state.judged_at && judgment.reference_time <= *state.judged_at) return state;

  const bool same_run = judgment.level && state.level == judgment.level && state.consecutive_times > 0;
  if (!judgment.level) {
    state.consecutive_times = 0;
    state.consecutive_since.reset();
  } else if (same_run) {
    if (state.consecutive_times < UINT32_MAX) ++state.consecutive_times;
  } else {
    state.consecutive_times = 1;
    state.consecutive_since = date_of(judgment.reference_time);
  }

  state.judged_at = judgment.reference_time;
  state.status = judgment.status;
  state.level = judgment.level;
  state.items.clear();
  for (const ItemResult& item : judgment.items)
    state.items.push_back({item.category, item.status, item.level});
  if (!judgment.policy.empty()) state.judgment_policy = judgment.policy;
  if (!judgment.action_policy.empty()) state.action_policy = judgment.action_policy;
  return state;
}

StateIndex index_states(std::span<const ClientState> states) {
  StateIndex index;
  index.reserve(states.size());
  for (std::size_t i = 0; i < states.size(); ++i) index.emplace(states[i].asset, i);
  return index;
}

ClientState& state_of(std::vector<ClientState>& states, StateIndex& index, const std::string& asset) {
  auto [it, fresh] = index.emplace(asset, states.size());
  if (fresh) {
    try {
      ClientState added;
      added.asset = asset;
      states.push_back(std::move(added));
    } catch (...) {
      index.erase(it);  // out of memory: the index must not name a state that is not there
      throw;
    }
  }
  return states[it->second];
}

}  // namespace posture
