// Inputs shared by the suites: generated JSON Lines, fleets and policies, built once per process
// and kept, so that each suite times only what it measures. Everything derives from one seed.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fleet_generator.hpp"
#include "policy_generator.hpp"
#include "posture/batch.hpp"
#include "posture/plan.hpp"

namespace posture::bench {

inline constexpr std::uint64_t kSeed = 20261120;
/// Fleets are generated and read in chunks of this many clients, so that a million clients
/// (~25 GB of JSON) never sit in memory as text.
inline constexpr std::size_t kChunk = 5000;

inline const FleetGenerator& generator() {
  static const FleetGenerator g(kSeed);
  return g;
}

/// Wall-clock seconds of `fn()`.
template <class Fn>
double seconds(Fn&& fn) {
  auto t0 = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// A fleet of the first `n` generated clients, read with ingest_fleet() once per process.
inline const Fleet& fleet_of(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Fleet>> fleets;
  auto& slot = fleets[n];
  if (!slot) {
    slot = std::make_unique<Fleet>();
    std::vector<error> bad;
    for (std::size_t first = 0; first < n; first += kChunk) {
      std::string text = generator().jsonl(first, std::min(kChunk, n - first));
      if (!ingest_fleet(*slot, text, {}, bad).ok()) std::abort();
    }
  }
  return *slot;
}

/// The plan of a generated policy with about `conditions` conditions.
inline const Plan& plan_of(std::size_t conditions) {
  static std::map<std::size_t, std::unique_ptr<Plan>> plans;
  auto& slot = plans[conditions];
  if (!slot) {
    PolicySet set;
    set.judgment_policies.push_back(make_policy(conditions, kSeed));
    auto plan = compile(set.judgment_policies.front(), set);
    if (!plan) std::abort();
    slot = std::make_unique<Plan>(std::move(plan).value());
  }
  return *slot;
}

}  // namespace posture::bench
