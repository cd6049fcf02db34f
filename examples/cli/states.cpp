#include "states.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>

#include "common.hpp"

namespace posture::cli {

std::optional<ActionPolicySet> load_action_policies(const Engine& engine) {
  auto policies = read_action_policies(engine.policies());
  if (!policies) {
    print_error(policies.err(), {});
    return std::nullopt;
  }
  return std::move(*policies);
}

std::optional<std::vector<ClientState>> load_states(const std::string& path) {
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return std::vector<ClientState>{};
  ReadOptions options;
  options.file_name = path;
  // The states of every client are held at once anyway, and a file this command wrote must read
  // back whatever the fleet's size (256 MB is ~200k clients' states).
  options.max_document_bytes = std::numeric_limits<std::size_t>::max();
  auto text = read_input(path, options.max_document_bytes);
  if (!text) {
    print_error(text.err(), path);
    return std::nullopt;
  }
  auto states = read_client_states_json(*text, options);
  if (!states) {
    print_error(states.err(), path);
    return std::nullopt;
  }
  return std::move(*states);
}

bool save_states(const std::string& path, std::span<const ClientState> states) {
  const std::string temporary = path + ".tmp";
  {
    Output out;
    if (!out.open(temporary)) return false;
    out.write(write_client_states_json(states));
    if (!out.close()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    print_message("cannot replace " + path + ": " + ec.message());
    std::filesystem::remove(temporary, ec);
    return false;
  }
  return true;
}

bool write_output(const std::string& path, std::string_view text) {
  Output out;
  if (!out.open(path)) return false;
  out.write(text);
  return out.close();
}

bool ActionRun::begin(const Engine& engine, const std::string& states_path) {
  policies_ = load_action_policies(engine);
  auto states = load_states(states_path);
  if (!policies_ || !states) return false;
  states_ = std::move(*states);
  index_ = index_states(states_);
  return true;
}

void ActionRun::add(const Snapshot& snapshot, const Judgment& judgment) {
  observe_snapshot(state_of(states_, index_, snapshot.asset), snapshot);
  judgments_.push_back(judgment);
}

bool ActionRun::finish(const std::string& plan_path, const std::string& states_path) {
  const auto selection = select_actions(*policies_, judgments_, states_);
  if (!selection) {
    print_error(selection.err(), {});
    return false;
  }
  if (!write_output(plan_path, write_action_plan_json(selection->plan) + "\n")) return false;
  return states_path.empty() || save_states(states_path, selection->states);
}

}  // namespace posture::cli
