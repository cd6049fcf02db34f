// verdict() and Engine::verdict(): the outcome of evaluate() without conditions.
#include <doctest/doctest.h>

#include "../../../bench/fleet_generator.hpp"
#include "../../../bench/policy_generator.hpp"
#include "posture/batch.hpp"
#include "posture/engine.hpp"
#include "posture/plan.hpp"

using namespace posture;

namespace {

Plan plan_of(const JudgmentPolicy& policy) {
  PolicySet set;
  set.judgment_policies.push_back(policy);
  auto plan = compile(policy, set);
  REQUIRE(plan.ok());
  return std::move(plan).value();
}

Snapshot generated_client(std::size_t i) {
  bench::FleetGenerator gen(3);
  Fleet fleet;
  std::vector<error> bad;
  REQUIRE(ingest_fleet(fleet, gen.jsonl(i, 1), {}, bad).ok());
  return fleet.snapshot(0);
}

}  // namespace

TEST_CASE("eval: verdict() gives evaluate()'s status, level, points and items") {
  const Plan plan = plan_of(bench::make_policy(25, 1));
  const Timestamp at = bench::generator_reference_time();
  for (std::size_t i = 0; i < 20; ++i) {
    const Snapshot s = generated_client(i);
    const Judgment j = evaluate(plan, s, at);
    const Verdict v = verdict(plan, s, at);
    CHECK(v.status == j.status);
    CHECK(v.level == j.level);
    CHECK(v.points == j.points);
    for (std::size_t k = 0; k < category_count; ++k) {
      const ItemResult* item = j.item(static_cast<Category>(k));
      const ItemVerdict& iv = v.items[k];
      REQUIRE(iv.configured == (item != nullptr));
      if (!item) continue;
      CHECK(iv.status == item->status);
      CHECK(iv.level == (item->level ? static_cast<std::uint16_t>(*item->level) : 0));
    }
  }
}

TEST_CASE("eval: verdict() of an unmanaged client, and with the agent version required") {
  const Plan plan = plan_of(bench::make_policy(25, 1));
  const Timestamp at = bench::generator_reference_time();
  Snapshot s = generated_client(0);
  s.managed = false;
  Verdict v = verdict(plan, s, at);
  CHECK(v.status == Status::not_judged);
  CHECK_FALSE(v.level);
  CHECK_FALSE(v.points);
  for (const auto& item : v.items) CHECK_FALSE(item.configured);

  s.managed = true;
  s.agent_version.reset();
  EvalOptions strict;
  strict.require_agent_version = true;
  v = verdict(plan, s, at, strict);
  CHECK(v.status == Status::unknown);
  for (const auto& item : v.items)
    if (item.configured) {
      CHECK(item.status == Status::unknown);
      CHECK(item.findings);
    }
}

TEST_CASE("eval: Engine::verdict() uses the assigned plan, and an engine without one judges nothing") {
  PolicySet set;
  set.judgment_policies.push_back(bench::make_policy(25, 1));
  auto engine = Engine::create(set);
  REQUIRE(engine.ok());
  const Timestamp at = bench::generator_reference_time();
  const Snapshot s = generated_client(4);
  const Judgment j = engine->judge(s, at);
  const Verdict v = engine->verdict(s, at);
  CHECK(v.status == j.status);
  CHECK(v.level == j.level);
  CHECK(v.points == j.points);

  auto none = Engine::create(PolicySet{});
  REQUIRE(none.ok());
  CHECK(none->verdict(s, at).status == Status::not_judged);
  CHECK(none->judge(s, at).status == Status::not_judged);
}
