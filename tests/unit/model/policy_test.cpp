#include <doctest/doctest.h>

#include "posture/policy.hpp"

using namespace posture;

TEST_CASE("model: merging policy files refuses a name defined twice and says where it was first") {
  PolicySet a, b;
  JudgmentPolicy p;
  p.name = "Baseline";
  p.where = source_location{"a.json", 3, 25, 0};
  a.judgment_policies.push_back(p);
  p.where = source_location{"b.json", 7, 5, 0};
  b.judgment_policies.push_back(p);
  JudgmentPolicy other;
  other.name = "Lab";
  b.judgment_policies.push_back(other);

  auto merged = merge_policies(a, std::move(b));
  REQUIRE_FALSE(merged.ok());
  CHECK(merged.err().to_string() ==
        "b.json:7:5: judgment policy \"Baseline\" is defined twice (first at a.json:3:25)");
  // What could be merged was merged.
  CHECK(a.find_judgment_policy("Lab") != nullptr);
}
