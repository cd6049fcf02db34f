// Builders for evaluator tests: policies and snapshots written in C++, one judgment per call.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "posture/catalog.hpp"
#include "posture/plan.hpp"
#include "posture/policy.hpp"
#include "posture/time.hpp"

namespace posture::test {

/// The reference time of every test unless one says otherwise: 2026-11-20 12:00 UTC.
inline Timestamp reference_time() {
  return Timestamp{start_of(make_date(2026, 11, 20)).seconds + 12 * 3600};
}

inline Plan compile_ok(const JudgmentPolicy& policy, const PolicySet& set = {},
                       const PatchCatalog* catalog = nullptr) {
  auto plan = compile(policy, set, catalog);
  if (!plan) FAIL("compile failed: " << plan.err().to_string());
  return std::move(plan).value();
}

/// Compiles and evaluates in one step.
inline Judgment judge(const JudgmentPolicy& policy, const Snapshot& snapshot,
                      const PolicySet& set = {}, const PatchCatalog* catalog = nullptr,
                      const EvalOptions& options = {}) {
  return evaluate(compile_ok(policy, set, catalog), snapshot, reference_time(), options);
}

inline JudgmentPolicy policy(std::string name = "P") {
  JudgmentPolicy p;
  p.name = std::move(name);
  return p;
}

// The accessors return copies, so that `const auto& c = condition(only_item(judge(...)), "x")`
// binds to a value that lives as long as the reference, not into a destroyed Judgment.

/// The only item of a one-category judgment.
inline ItemResult only_item(const Judgment& j) {
  REQUIRE(j.items.size() == 1);
  return j.items.front();
}

inline ConditionResult condition(const ItemResult& item, std::string_view name) {
  for (const auto& c : item.conditions)
    if (c.name == name) return c;
  FAIL("no condition named " << name);
  return {};
}

/// The first condition of the only item.
inline ConditionResult first_condition(const Judgment& j) {
  ItemResult item = only_item(j);
  REQUIRE_FALSE(item.conditions.empty());
  return item.conditions.front();
}

/// The evidence value, or "<none>" so that a missing key fails a comparison readably.
inline std::string evidence(const ConditionResult& c, std::string_view key) {
  const std::string* v = c.evidence_value(key);
  return v ? *v : std::string("<none>");
}

inline bool is_safe(const ConditionResult& c) {
  return c.status == Status::judged && c.level == Level::safe;
}

inline UpdateRecord update(std::string id, UpdateState state,
                           Severity severity = Severity::unspecified) {
  UpdateRecord r;
  r.id = std::move(id);
  r.state = state;
  r.severity = severity;
  return r;
}

inline Program program(std::string name, std::optional<std::string> version = std::nullopt) {
  Program p;
  p.name = std::move(name);
  p.version = std::move(version);
  return p;
}

inline CatalogUpdate catalog_update(std::string id, std::vector<std::string> supersedes = {},
                                    bool distributable = true) {
  CatalogUpdate u;
  u.id = std::move(id);
  u.supersedes = std::move(supersedes);
  u.distributable = distributable;
  return u;
}

/// A catalog that says each of `ids` can be distributed (the distribution list needs one).
inline PatchCatalog distributable_catalog(std::initializer_list<const char*> ids) {
  PatchCatalog c;
  for (const char* id : ids) c.add(catalog_update(id));
  return c;
}

inline VersionConstraint constraint(std::string_view text) {
  auto c = VersionConstraint::parse(text);
  REQUIRE(c.ok());
  return std::move(c).value();
}

inline OsScope os_scope(std::string_view pattern) {
  OsScope s;
  s.name = NamePattern(pattern);
  return s;
}

inline OsInfo os(std::string name, std::optional<std::string> version = std::nullopt,
                 std::optional<std::string> service_pack = std::string()) {
  OsInfo o;
  o.name = std::move(name);
  o.version = std::move(version);
  o.service_pack = std::move(service_pack);
  return o;
}

}  // namespace posture::test
