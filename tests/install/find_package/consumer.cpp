// Judges one snapshot through the installed C++ library.
#include <cstdio>

#include "posture/posture.hpp"

int main() {
  auto policies = posture::read_policy_json(
      R"({"format": "posture-policy/1", "judgment_policies": [{"name": "P",
          "prohibited_software": {"entries": [{"name": "uTorrent*", "level": "danger"}]}}]})");
  if (!policies) return std::fprintf(stderr, "%s\n", policies.err().to_string().c_str()), 1;
  auto engine = posture::Engine::create(std::move(*policies));
  if (!engine) return std::fprintf(stderr, "%s\n", engine.err().to_string().c_str()), 1;
  auto snapshot =
      posture::read_snapshot_json(R"({"asset": "PC-1", "software": [{"name": "uTorrent"}]})");
  if (!snapshot) return std::fprintf(stderr, "%s\n", snapshot.err().to_string().c_str()), 1;
  const auto j = engine->judge(*snapshot, posture::Timestamp{0});
  std::printf("%s %s\n", j.asset.c_str(), j.level ? posture::level_name(*j.level).data() : "-");
  return 0;
}
