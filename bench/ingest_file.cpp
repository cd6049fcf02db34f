// Ingest alone: reads a JSON Lines file into a Fleet as `posture judge` does (one client per
// record), and nothing else, so that the command's time can be set against it (bench/README.md).
#include <cstdio>

#include "posture/batch.hpp"
#include "posture/io.hpp"

int main(int argc, char** argv) {
  using namespace posture;
  if (argc != 2) {
    std::fprintf(stderr, "usage: posture_ingest_file FILE.jsonl\n");
    return 2;
  }
  auto text = read_file(argv[1]);
  if (!text) {
    std::fprintf(stderr, "%s\n", text.err().to_string().c_str());
    return 2;
  }
  Fleet clients;
  std::vector<error> bad;
  IngestOptions options;
  options.mode = IngestMode::append;
  const auto read = ingest_fleet(clients, *text, options, bad);
  std::printf("%zu clients, %zu bad records\n", clients.size(), bad.size());
  return read.ok() && bad.empty() ? 0 : 1;
}
