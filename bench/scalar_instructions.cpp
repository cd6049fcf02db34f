// Instruction counts of the scalar path, for valgrind --tool=callgrind, whose counts repeat from
// run to run where timings on a shared machine do not. Generates the 500 clients
// BM_SingleClientScalar judges (as built snapshots) and judges each of them `rounds` times with
// evaluate() (or verdict() with --verdict). Run it with 0 rounds and with some, and divide the
// difference of the two totals by 500 × rounds (bench/README.md). With a third argument,
// --arrival, each snapshot is copied just before it is judged, as BM_SingleClientArrival does, so
// that a sampling profiler sees the judgment of a snapshot in cache.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bench_data.hpp"

int main(int argc, char** argv) {
  using namespace posture;
  using namespace posture::bench;
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 4;
  const bool verdicts = argc > 2 && std::strcmp(argv[2], "--verdict") == 0;
  Fleet fleet;
  std::vector<error> bad;
  if (!ingest_fleet(fleet, generator().jsonl(0, 500), {}, bad).ok()) return 2;
  std::vector<Snapshot> snapshots;
  for (std::size_t i = 0; i < fleet.size(); ++i) snapshots.push_back(fleet.snapshot(i));
  const Plan& plan = plan_of(25);
  const Timestamp at = generator_reference_time();
  std::size_t items = 0;
  const bool arrival = argc > 3 && std::strcmp(argv[3], "--arrival") == 0;
  Snapshot arrived;
  for (int r = 0; r < rounds; ++r)
    for (const Snapshot& s : snapshots) {
      const Snapshot* judged = &s;
      if (arrival) {
        arrived = s;
        judged = &arrived;
      }
      items += verdicts ? verdict(plan, *judged, at).items.size()
                        : evaluate(plan, *judged, at).items.size();
    }
  std::printf("%zu judgments, %zu items\n", snapshots.size() * static_cast<std::size_t>(rounds),
              items);
  return 0;
}
