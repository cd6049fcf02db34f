// Single-client latency: one built snapshot judged on arrival, as a NAC judges a client that has
// just reported. Each call is timed on its own; the counters are the median and the 90th
// percentile over many calls, spread over a few hundred different clients.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "bench_data.hpp"

namespace posture::bench {
namespace {

constexpr std::size_t kClients = 500;
constexpr std::size_t kCalls = 20000;

// `prepare(i)` runs before each call, untimed.
template <class Prepare, class Call>
void percentiles(benchmark::State& state, Prepare&& prepare, Call&& call) {
  std::vector<double> ns;
  ns.reserve(kCalls);
  for (auto _ : state) {
    ns.clear();
    for (std::size_t k = 0; k < kCalls; ++k) {
      prepare(k % kClients);
      auto t0 = std::chrono::steady_clock::now();
      call(k % kClients);
      ns.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count());
    }
  }
  std::sort(ns.begin(), ns.end());
  state.counters["p50_ns"] = ns[ns.size() / 2];
  state.counters["p90_ns"] = ns[ns.size() * 9 / 10];
}

template <class Call>
void percentiles(benchmark::State& state, Call&& call) {
  percentiles(state, [](std::size_t) {}, std::forward<Call>(call));
}

// evaluate(): the full Judgment, every condition with its evidence.
void BM_SingleClientScalar(benchmark::State& state) {
  const Fleet& fleet = fleet_of(10000);
  std::vector<Snapshot> snapshots;
  for (std::size_t i = 0; i < kClients; ++i) snapshots.push_back(fleet.snapshot(i));
  const Plan& plan = plan_of(static_cast<std::size_t>(state.range(0)));
  const Timestamp at = generator_reference_time();
  percentiles(state, [&](std::size_t i) { benchmark::DoNotOptimize(evaluate(plan, snapshots[i], at)); });
}
BENCHMARK(BM_SingleClientScalar)->Arg(25)->ArgName("conditions")->Iterations(1);

// verdict(): the same judgment without conditions or evidence.
void BM_SingleClientVerdict(benchmark::State& state) {
  const Fleet& fleet = fleet_of(10000);
  std::vector<Snapshot> snapshots;
  for (std::size_t i = 0; i < kClients; ++i) snapshots.push_back(fleet.snapshot(i));
  const Plan& plan = plan_of(static_cast<std::size_t>(state.range(0)));
  const Timestamp at = generator_reference_time();
  percentiles(state, [&](std::size_t i) { benchmark::DoNotOptimize(verdict(plan, snapshots[i], at)); });
}
BENCHMARK(BM_SingleClientVerdict)->Arg(25)->ArgName("conditions")->Iterations(1);

// The two above on a snapshot just built, as a NAC judges the one it has just read: each call's
// snapshot is copied (untimed) right before the call, so that it is in the cache as after
// parsing. The cases above read snapshots built long before, from memory.
void BM_SingleClientArrival(benchmark::State& state) {
  const Fleet& fleet = fleet_of(10000);
  std::vector<Snapshot> snapshots;
  for (std::size_t i = 0; i < kClients; ++i) snapshots.push_back(fleet.snapshot(i));
  const Plan& plan = plan_of(25);
  const Timestamp at = generator_reference_time();
  const bool evidence = state.range(0) != 0;
  Snapshot arrived;
  percentiles(
      state, [&](std::size_t i) { arrived = snapshots[i]; },
      [&](std::size_t) {
        if (evidence)
          benchmark::DoNotOptimize(evaluate(plan, arrived, at));
        else
          benchmark::DoNotOptimize(verdict(plan, arrived, at));
      });
}
BENCHMARK(BM_SingleClientArrival)->Arg(1)->Arg(0)->ArgName("evidence")->Iterations(1);

// The batch path for one client already in the fleet: verdicts without evidence.
void BM_SingleClientBatch(benchmark::State& state) {
  const Fleet& fleet = fleet_of(10000);
  FleetJudge judge(plan_of(static_cast<std::size_t>(state.range(0))));
  FleetVerdicts out;
  const Timestamp at = generator_reference_time();
  judge.judge(fleet, at, out, {1});
  std::size_t one[1];
  percentiles(state, [&](std::size_t i) {
    one[0] = i;
    judge.judge(fleet, one, at, out, {1});
    benchmark::DoNotOptimize(out.level.data());
  });
}
BENCHMARK(BM_SingleClientBatch)->Arg(25)->ArgName("conditions")->Iterations(1);

}  // namespace
}  // namespace posture::bench
