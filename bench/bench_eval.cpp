// Evaluation: a compiled plan over a fleet's columns, against the ceiling of a plain read pass
// over the same buffers, and against the scalar evaluator.
//
// The judge is built and its per-entry tables filled before timing (a host keeps one judge per
// policy, and the tables only grow with new dictionary entries); each iteration judges every
// client. The read pass touches every column value the evaluator reads, on the same number of
// threads, so `ratio_to_read_pass` says how close judging comes to merely loading the data.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <thread>

#include "batch/fleet_impl.hpp"
#include "bench_data.hpp"

namespace posture::bench {
namespace {

constexpr std::size_t kBaselineConditions = 25;

// Sums every per-client column value the evaluator reads, for clients [begin, end).
std::uint64_t read_pass(const Fleet::Impl& f, std::size_t begin, std::size_t end) {
  std::uint64_t sum = 0;
  auto list = [&](const batch::ListColumn& col, bool dated) {
    if (begin == end) return;
    // Runs are laid out in client order after a fresh ingest: one contiguous stretch.
    const std::size_t first = col.begin(begin);
    const std::size_t last = col.begin(end - 1) + col.count(end - 1);
    for (std::size_t i = first; i < last; ++i) sum += col.values()[i];
    if (dated)
      for (std::size_t i = first; i < last; ++i) sum += static_cast<std::uint32_t>(col.date_values()[i]);
    for (std::size_t c = begin; c < end; ++c) sum += col.begin(c) + col.count(c);
  };
  list(f.software, false);
  list(f.updates, false);
  list(f.antivirus, true);
  list(f.password_accounts, true);
  list(f.shares, false);
  list(f.services, false);
  list(f.firewall, false);
  list(f.drives, false);
  for (std::size_t c = begin; c < end; ++c)
    sum += f.flags[c] + f.os[c] + f.agent_version[c] + f.guest_enabled[c] + f.admin_renamed[c] +
           f.password_complexity[c] + f.auto_logon[c] + f.show_last_user[c] + f.update_mode[c] +
           f.screensaver_enabled[c] + f.screensaver_password[c] +
           static_cast<std::uint64_t>(f.password_min_length[c] + f.anonymous_restrict[c] +
                                      f.screensaver_timeout[c]);
  return sum;
}

double read_pass_seconds(const Fleet& fleet, unsigned threads) {
  const Fleet::Impl& f = fleet.impl();
  const std::size_t n = f.size();
  std::vector<std::uint64_t> sums(threads);
  return seconds([&] {
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t)
      workers.emplace_back([&, t] { sums[t] = read_pass(f, n * t / threads, n * (t + 1) / threads); });
    sums[0] = read_pass(f, 0, n / threads);
    for (auto& w : workers) w.join();
    benchmark::DoNotOptimize(sums.data());
  });
}

void report(benchmark::State& state, std::size_t clients, double judge_s, double ceiling_s) {
  const double judged = static_cast<double>(clients);
  state.counters["clients_per_s"] = judged / judge_s;
  state.counters["ns_per_client"] = judge_s / judged * 1e9;
  state.counters["read_pass_clients_per_s"] = judged / ceiling_s;
  state.counters["ratio_to_read_pass"] = ceiling_s / judge_s;
}

void BM_Evaluate(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  const Fleet& fleet = fleet_of(n);
  FleetJudge judge(plan_of(kBaselineConditions));
  FleetVerdicts out;
  const Timestamp at = generator_reference_time();
  judge.judge(fleet, at, out, {threads});  // fills the per-entry tables
  double judge_s = 0, ceiling_s = 0;
  for (auto _ : state) {
    const double s = seconds([&] { judge.judge(fleet, at, out, {threads}); });
    state.SetIterationTime(s);
    judge_s += s;
    ceiling_s += read_pass_seconds(fleet, threads);
  }
  benchmark::DoNotOptimize(out.level.data());
  report(state, n * state.iterations(), judge_s, ceiling_s);
  const FleetMemory memory = fleet.memory();
  state.counters["column_bytes_per_client"] = static_cast<double>(memory.columns) / static_cast<double>(n);
  state.counters["dictionary_bytes_per_client"] =
      static_cast<double>(memory.dictionaries) / static_cast<double>(n);
}
BENCHMARK(BM_Evaluate)
    ->ArgsProduct({{10000, 100000, 1000000}, {1, 2}})
    ->ArgNames({"clients", "threads"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// The first judgment of a fleet: the per-entry tables are built within the timed call.
void BM_EvaluateFirstCall(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Fleet& fleet = fleet_of(n);
  FleetVerdicts out;
  for (auto _ : state) {
    FleetJudge judge(plan_of(kBaselineConditions));
    judge.judge(fleet, generator_reference_time(), out, {1});
  }
  state.counters["clients_per_s"] = benchmark::Counter(
      static_cast<double>(n) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluateFirstCall)->Arg(100000)->Unit(benchmark::kMillisecond);

// Policy size: 10, 50 and 200 conditions over the same fleet, one thread.
void BM_EvaluatePolicySize(benchmark::State& state) {
  const auto conditions = static_cast<std::size_t>(state.range(0));
  const std::size_t n = 100000;
  const Fleet& fleet = fleet_of(n);
  FleetJudge judge(plan_of(conditions));
  FleetVerdicts out;
  const Timestamp at = generator_reference_time();
  judge.judge(fleet, at, out, {1});
  double judge_s = 0, ceiling_s = 0;
  for (auto _ : state) {
    const double s = seconds([&] { judge.judge(fleet, at, out, {1}); });
    state.SetIterationTime(s);
    judge_s += s;
    ceiling_s += read_pass_seconds(fleet, 1);
  }
  report(state, n * state.iterations(), judge_s, ceiling_s);
}
BENCHMARK(BM_EvaluatePolicySize)
    ->Arg(10)->Arg(50)->Arg(200)
    ->ArgName("conditions")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// The scalar evaluator over the same clients as built Snapshots, for the batch/scalar ratio.
void BM_EvaluateScalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Fleet& fleet = fleet_of(n);
  std::vector<Snapshot> snapshots;
  snapshots.reserve(n);
  for (std::size_t i = 0; i < n; ++i) snapshots.push_back(fleet.snapshot(i));
  const Plan& plan = plan_of(kBaselineConditions);
  FleetJudge judge(plan);
  FleetVerdicts out;
  const Timestamp at = generator_reference_time();
  judge.judge(fleet, at, out, {1});
  double scalar_s = 0, verdict_s = 0, batch_s = 0;
  for (auto _ : state) {
    const double s = seconds([&] {
      for (const auto& snapshot : snapshots) benchmark::DoNotOptimize(evaluate(plan, snapshot, at));
    });
    state.SetIterationTime(s);
    scalar_s += s;
    verdict_s += seconds([&] {
      for (const auto& snapshot : snapshots) benchmark::DoNotOptimize(verdict(plan, snapshot, at));
    });
    batch_s += seconds([&] { judge.judge(fleet, at, out, {1}); });
  }
  const double clients = static_cast<double>(n * state.iterations());
  state.counters["scalar_clients_per_s"] = clients / scalar_s;
  state.counters["verdict_clients_per_s"] = clients / verdict_s;
  state.counters["batch_clients_per_s"] = clients / batch_s;
  state.counters["batch_over_scalar"] = scalar_s / batch_s;
}
BENCHMARK(BM_EvaluateScalar)->Arg(10000)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace posture::bench
