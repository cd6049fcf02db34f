// An asset-management product's nightly report, on posture's C++ API.
//
// Reads a policy, a patch catalog and a fleet (JSON Lines), judges every client at a fixed
// reference time, and prints each client that needs attention with the reasons posture gives,
// then the fleet summary. The fleet is streamed: snapshots are judged as they are read.
//
// Usage: fleet_report POLICY CATALOG FLEET AT      (AT: RFC 3339, e.g. 2024-02-20T09:00:00Z)
#include <cstdio>
#include <string>
#include <vector>

#include "posture/posture.hpp"
#include "posture/report.hpp"

namespace {

// Prints every diagnostic of an error as file:line:column: message.
int report(const posture::error& e) {
  std::fprintf(stderr, "%s\n", e.to_string().c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s POLICY CATALOG FLEET AT\n", argv[0]);
    return 2;
  }
  const auto at = posture::parse_timestamp(argv[4]);
  if (!at) {
    std::fprintf(stderr, "not an RFC 3339 time: %s\n", argv[4]);
    return 2;
  }

  // Each step returns result<T>: the value, or an error naming file, line and column.
  posture::ReadOptions policy_options;
  policy_options.file_name = argv[1];
  auto policy_text = posture::read_file(argv[1]);
  if (!policy_text) return report(policy_text.err());
  auto policies = posture::read_policy_json(*policy_text, policy_options);
  if (!policies) return report(policies.err());

  posture::ReadOptions catalog_options;
  catalog_options.file_name = argv[2];
  auto catalog_text = posture::read_file(argv[2]);
  if (!catalog_text) return report(catalog_text.err());
  auto catalog = posture::read_catalog_json(*catalog_text, catalog_options);
  if (!catalog) return report(catalog.err());

  // The engine is immutable: a product would build it once and judge from many threads.
  auto engine = posture::Engine::create(std::move(*policies), std::move(*catalog));
  if (!engine) return report(engine.err());

  posture::ReadOptions fleet_options;
  fleet_options.file_name = argv[3];
  auto fleet = posture::read_file(argv[3]);
  if (!fleet) return report(fleet.err());

  posture::FleetSummary summary;
  std::vector<posture::error> bad_records;
  auto read = posture::read_fleet(
      *fleet, fleet_options,
      [&](posture::Snapshot&& snapshot, std::size_t) {
        const posture::Judgment j = engine->judge(snapshot, *at);
        summary.add(j);
        if (j.level && *j.level >= posture::Level::warning) {
          std::printf("%s (%s) %s, %d points\n", j.asset.c_str(), snapshot.host.c_str(),
                      std::string(posture::level_title(*j.level)).c_str(), j.points.value_or(0));
          for (const auto& reason : posture::judgment_reasons(j))
            std::printf("  %s\n", reason.c_str());
        }
        return true;
      },
      bad_records);
  if (!read) return report(read.err());
  for (const auto& e : bad_records) report(e);

  std::printf("%s\n", posture::format_summary(summary).c_str());
  return bad_records.empty() ? 0 : 2;
}
