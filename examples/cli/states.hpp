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

/// What `posture judge --actions` adds to a judgment run: each client's judgment and its state,
/// with the identity its snapshot reports, collected as the fleet is judged; then one selection
/// for the whole run (immediate mode), the plan written and the states saved.
class ActionRun {
 public:
  /// Reads the action policies and the states. Prints every problem; false when there is one.
  bool begin(const Engine& engine, const std::string& states_path);
  void add(const Snapshot& snapshot, const Judgment& judgment);
  /// Selects the actions, writes the plan to `plan_path` ("-": standard output) and saves the
  /// states to `states_path` (when not empty). Prints the reason and returns false on failure.
  bool finish(const std::string& plan_path, const std::string& states_path);

 private:
  std::optional<ActionPolicySet> policies_;
  std::vector<ClientState> states_;
  StateIndex index_;
  std::vector<Judgment> judgments_;
};

}  // namespace posture::cli
