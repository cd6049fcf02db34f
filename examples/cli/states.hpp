// What the action commands share: the action policies of the policy files, and the client-state
// file they read and write back (posture-client-states/1).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "posture/action.hpp"
#include "posture/engine.hpp"

namespace posture::cli {

/// The action policies of an engine's policy set, with its assignment table checked. Prints every
/// problem and returns nothing when there is one.
std::optional<ActionPolicySet> load_action_policies(const Engine& engine);

/// The states in `path`; none when `path` is empty or names no file yet (a first run). Prints
/// every problem and returns nothing when the file cannot be read or is wrong.
std::optional<std::vector<ClientState>> load_states(const std::string& path);

/// Writes the states to `path` through a temporary file renamed over it, so that a failed write
/// leaves the old states whole. Prints the reason and returns false on failure.
bool save_states(const std::string& path, std::span<const ClientState> states);

/// Writes `text` to the file at `path`, or to standard output for "" or "-".
bool write_output(const std::string& path, std::string_view text);

}  // namespace posture::cli
