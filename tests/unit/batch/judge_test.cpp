// The batch evaluator against the scalar one: on generated fleets (also with their snapshots
// randomly damaged), on every golden case, with one and two threads, before and after the fleet
// changes. Every client's status, level, points and items must be those evaluate() gives, and the
// materialised judgment must be evaluate()'s, evidence and all.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../../../bench/fleet_generator.hpp"
#include "../../../bench/policy_generator.hpp"
#include "policytest/test_document.hpp"
#include "posture/batch.hpp"
#include "posture/engine.hpp"
#include "posture/io.hpp"
#include "posture/report.hpp"

using posture::Fleet;
using posture::FleetJudge;
using posture::FleetVerdicts;
using posture::Judgment;
using posture::JudgmentPolicy;
using posture::Snapshot;

namespace {

std::string show(const posture::ItemVerdict& v) {
  return std::string(posture::status_name(v.status)) + "/" + std::to_string(v.level) +
         (v.unknown_as_level ? "/as_level" : "") + (v.findings ? "/findings" : "") +
         (v.configured ? "" : "/absent");
}

// The first difference between a scalar judgment and a batch verdict, or "".
std::string difference(const Judgment& j, const FleetVerdicts& v, std::size_t i) {
  auto code = [](const std::optional<posture::Level>& l) {
    return l ? static_cast<int>(*l) : 0;
  };
  if (j.status != v.status[i])
    return std::string("status ") + std::string(posture::status_name(j.status)) + " != " +
           std::string(posture::status_name(v.status[i]));
  if (code(j.level) != v.level[i])
    return "level " + std::to_string(code(j.level)) + " != " + std::to_string(v.level[i]);
  if (j.points.value_or(-1) != v.points[i])
    return "points " + std::to_string(j.points.value_or(-1)) + " != " + std::to_string(v.points[i]);
  for (std::size_t k = 0; k < posture::category_count; ++k) {
    const auto category = static_cast<posture::Category>(k);
    posture::ItemVerdict want;
    if (const posture::ItemResult* item = j.item(category)) {
      want.configured = true;
      want.status = item->status;
      want.level = static_cast<std::uint16_t>(code(item->level));
      want.unknown_as_level = item->unknown_as_level;
      for (const auto& c : item->conditions)
        if ((c.status == posture::Status::judged && c.level && *c.level != posture::Level::safe) ||
            c.status == posture::Status::unknown)
          want.findings = true;
    }
    if (!(want == v.item(i, category)))
      return std::string(posture::category_name(category)) + ": " + show(want) +
             " != " + show(v.item(i, category));
  }
  return "";
}

// A single client's Verdict as a one-client FleetVerdicts, to compare with difference().
FleetVerdicts as_fleet(const posture::Verdict& v) {
  FleetVerdicts f;
  f.status.push_back(v.status);
  f.level.push_back(v.level ? static_cast<std::uint16_t>(*v.level) : std::uint16_t{0});
  f.points.push_back(v.points ? static_cast<std::int8_t>(*v.points) : std::int8_t{-1});
  f.plan.push_back(0);
  f.items.assign(v.items.begin(), v.items.end());
  return f;
}

posture::Plan compile_policy(const JudgmentPolicy& policy) {
  posture::PolicySet set;
  set.judgment_policies.push_back(policy);
  auto plan = posture::compile(policy, set);
  if (!plan) FAIL(plan.err().to_string());
  return std::move(plan).value();
}

// Checks every client of `fleet` judged by `plan` against evaluate(); returns the number checked.
std::size_t check_fleet(const Fleet& fleet, const posture::Plan& plan,
                        posture::EvalOptions options = {}, unsigned threads = 1) {
  const posture::Timestamp at = posture::bench::generator_reference_time();
  FleetJudge judge(plan, options);
  FleetVerdicts v = judge.judge(fleet, at, {threads});
  REQUIRE(v.size() == fleet.size());
  std::size_t failures = 0;
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    const Snapshot snapshot = fleet.snapshot(i);
    Judgment j = posture::evaluate(plan, snapshot, at, options);
    std::string diff = difference(j, v, i);
    // verdict(), the scalar path without evidence, agrees as well.
    if (diff.empty()) {
      diff = difference(j, as_fleet(posture::verdict(plan, snapshot, at, options)), 0);
      if (!diff.empty()) diff = "verdict(): " + diff;
    }
    if (!diff.empty() && ++failures <= 5)
      FAIL_CHECK(plan.policy_name() << ", client " << fleet.asset(i) << ": " << diff << "\n  "
                                    << posture::write_judgment_json(j));
  }
  CHECK(failures == 0);
  return fleet.size();
}

// Damage a generated snapshot the way real inventories differ: sections and values missing,
// lists emptied, values flipped, records repeated.
void perturb(Snapshot& s, posture::bench::Rng& r) {
  using namespace posture;
  auto maybe = [&](unsigned per_mille) { return r.chance(per_mille); };
  auto flip = [&](std::optional<bool>& b) {
    if (maybe(150)) b = maybe(500) ? std::nullopt : std::optional<bool>(!b.value_or(false));
  };
  if (maybe(100)) s.agent_version = std::nullopt;
  if (maybe(50)) s.agent_version = "  ";
  if (s.os && maybe(100)) s.os->service_pack = std::nullopt;
  if (s.os && maybe(80)) s.os->name = std::nullopt;
  if (s.os && maybe(50)) s.os->version = std::nullopt;
  if (s.os && maybe(100)) s.os->service_pack = maybe(500) ? "Service Pack 1" : "SP2";
  if (s.updates) {
    if (maybe(100)) s.updates->complete = !s.updates->complete;
    if (maybe(80)) s.updates->items.clear();
    if (!s.updates->items.empty() && maybe(150)) s.updates->items.push_back(s.updates->items.front());
    for (auto& u : s.updates->items)
      if (maybe(30)) u.state = u.state == UpdateState::missing ? UpdateState::installed : UpdateState::missing;
  }
  if (s.software) {
    if (maybe(60)) s.software->clear();
    for (auto& p : *s.software) {
      if (maybe(10)) p.version = std::nullopt;
      if (maybe(10)) p.service_pack = maybe(500) ? "1" : "Service Pack 3";
    }
  }
  if (s.antivirus) {
    if (maybe(80)) s.antivirus->clear();
    for (auto& a : *s.antivirus) {
      if (maybe(100)) a.definition_date = std::nullopt;
      if (maybe(100)) a.engine_version = std::nullopt;
      if (maybe(100)) a.resident = std::nullopt;
      flip(a.resident);
    }
  }
  Settings& st = s.settings;
  if (st.accounts) flip(st.accounts->guest_enabled), flip(st.accounts->admin_renamed);
  if (st.passwords) {
    if (maybe(100)) st.passwords->min_length = std::nullopt;
    if (maybe(100)) st.passwords->accounts = std::nullopt;
    if (st.passwords->accounts)
      for (auto& a : *st.passwords->accounts) {
        flip(a.blank);
        flip(a.never_expires);
        if (maybe(100)) a.last_changed = std::nullopt;
      }
  }
  if (st.logon) flip(st.logon->auto_logon), flip(st.logon->show_last_user);
  if (st.shares)
    for (auto& sh : *st.shares) flip(sh.everyone_write);
  if (st.anonymous && maybe(100)) st.anonymous->restrict = std::nullopt;
  if (st.services) {
    if (maybe(50)) st.services->clear();
    for (auto& sv : *st.services) flip(sv.running);
  }
  if (st.firewall) {
    if (maybe(50)) st.firewall->clear();
    for (auto& p : *st.firewall) flip(p.enabled);
    if (maybe(50)) st.firewall->push_back({"Domain", false});
  }
  if (st.automatic_updates && maybe(100)) st.automatic_updates->mode = std::nullopt;
  if (st.screensaver) {
    flip(st.screensaver->enabled);
    flip(st.screensaver->password);
    if (maybe(100)) st.screensaver->timeout_min = std::nullopt;
  }
  if (st.encryption) {
    if (maybe(50)) st.encryption->clear();
    for (auto& d : *st.encryption) flip(d.system), flip(d.encrypted);
  }
}

// A fleet read from generated JSON Lines, then (for `damaged`) every client perturbed.
Fleet generated_fleet(std::size_t first, std::size_t count, bool damaged, std::uint64_t seed) {
  posture::bench::FleetGenerator gen(seed);
  Fleet fleet;
  std::vector<posture::error> bad;
  auto read = posture::ingest_fleet(fleet, gen.jsonl(first, count), {}, bad);
  REQUIRE(read.ok());
  REQUIRE(bad.empty());
  if (!damaged) return fleet;
  posture::bench::Rng r(seed * 31 + 7);
  Fleet out;
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    Snapshot s = fleet.snapshot(i);
    perturb(s, r);
    REQUIRE(out.append(s).ok());
  }
  return out;
}

// Policies that reach every rule of the evaluator: generated baselines of several sizes, plus
// variants with latest mode, severity maps, exclusions, unknown_level, when_missing rules,
// switched-off items, product service packs, firewall profiles and user-defined items.
std::vector<JudgmentPolicy> policies() {
  using namespace posture;
  std::vector<JudgmentPolicy> out;
  out.push_back(bench::make_policy(25, 1));
  out.push_back(bench::make_policy(200, 2));
  out.push_back(bench::make_policy(600, 5));  // every kind of condition beyond one 64-bit word

  JudgmentPolicy latest = bench::make_policy(50, 3);
  latest.name = "Latest";
  latest.unknown_level = Level::warning;
  auto& su = *latest.security_updates;
  su.mode = UpdateMode::latest;
  su.mandatory.clear();
  su.levels_by_severity = std::array<std::optional<Level>, 5>{
      Level::caution, std::nullopt, Level::caution, Level::warning, Level::danger};
  su.exclude = {std::to_string(bench::detail::kb_number(1)), std::to_string(bench::detail::kb_number(4))};
  su.when_missing = WhenMissing::level;
  latest.prohibited_software->when_missing = WhenMissing::safe;
  latest.mandatory_software->when_missing = WhenMissing::no_item;
  latest.antivirus->when_missing = WhenMissing::level;
  for (auto& c : latest.pc_security->checks) c.when_missing = WhenMissing::unknown;
  out.push_back(latest);

  JudgmentPolicy odd = bench::make_policy(60, 4);
  odd.name = "Odd";
  odd.security_updates->when_missing = WhenMissing::no_item;
  ServicePackRule office;
  office.product = NamePattern("Microsoft Office*");
  office.service_pack = "2";
  office.condition = ServicePackCondition::exact;
  odd.security_updates->service_packs.push_back(office);
  ServicePackRule win10;
  win10.os = OsScope{NamePattern("Windows 10*"), VersionConstraint::parse(">= 10.0.19045").value(), std::nullopt};
  win10.service_pack = "0";
  odd.security_updates->service_packs.push_back(win10);
  odd.antivirus->enabled = false;
  odd.antivirus->multiple_products = MultipleProducts::best;
  for (auto& check : odd.pc_security->checks)
    if (check.check == CheckId::firewall_enabled) {
      check.profiles = {"domain", "Public", "nowhere"};
      check.when_missing = WhenMissing::level;
    }
  SecurityCheck required;
  required.check = CheckId::services_required;
  required.services = {"mpssvc", "Missing*", "BITS"};
  odd.pc_security->checks.push_back(required);
  odd.pc_security->excluded_users.push_back(NamePattern("ka*"));
  UserDefinedPolicy user;
  auto item = [](std::string name, std::string when, Level level, WhenMissing missing) {
    UserDefinedItem i;
    i.name = std::move(name);
    i.when = std::move(when);
    i.level = level;
    i.when_missing = missing;
    return i;
  };
  user.items.push_back(item("auto logon", "fields[\"Registry.AutoAdminLogon\"] == \"1\"",
                            Level::warning, WhenMissing::unknown));
  user.items.push_back(item("old TeamViewer",
                            "any software(name matches \"TeamViewer*\" and version < v\"15.0\")",
                            Level::danger, WhenMissing::safe));
  user.items.push_back(item("old definitions", "any antivirus(age(definition_date) > 3d)",
                            Level::caution, WhenMissing::level));
  user.items.push_back(item("identity", "user != \"sato\" and group starts_with \"Tokyo/\"",
                            Level::caution, WhenMissing::unknown));
  user.items.push_back(item("os and settings",
                            "os.name matches \"windows 1?*\" and settings.screensaver.timeout_min > 20",
                            Level::warning, WhenMissing::level));
  user.items.push_back(item("accounts", "any accounts(never_expires and name != \"svc_backup\")",
                            Level::caution, WhenMissing::safe));
  user.items.push_back(item("scan", "exists(updates.scanned_at) and count updates(state == \"missing\") > 3",
                            Level::danger, WhenMissing::unknown));
  user.items.push_back(item("switched off", "host == \"x\"", Level::caution, WhenMissing::unknown));
  user.items.back().enabled = false;
  odd.user_defined = user;
  out.push_back(odd);

  JudgmentPolicy empty;
  empty.name = "Empty sections";
  empty.security_updates = SecurityUpdatesPolicy{};
  empty.security_updates->mode = UpdateMode::specified;
  empty.antivirus = AntivirusPolicy{};
  empty.prohibited_software = ProhibitedSoftwarePolicy{};
  empty.mandatory_software = MandatorySoftwarePolicy{};
  empty.pc_security = PcSecurityPolicy{};
  empty.pc_security->enabled = false;
  out.push_back(empty);
  return out;
}

}  // namespace

TEST_CASE("batch: verdicts (batch and verdict()) equal evaluate() on 10,000 generated clients") {
  Fleet fleet = generated_fleet(0, 10000, false, 17);
  posture::Plan plan = compile_policy(posture::bench::make_policy(25, 1));
  CHECK(check_fleet(fleet, plan) == 10000);
}

TEST_CASE("batch: verdicts equal evaluate() for every rule, on generated and damaged clients") {
  Fleet plain = generated_fleet(0, 1200, false, 5);
  Fleet damaged = generated_fleet(1200, 1200, true, 6);
  for (const JudgmentPolicy& policy : policies()) {
    CAPTURE(policy.name);
    posture::Plan plan = compile_policy(policy);
    check_fleet(plain, plan);
    check_fleet(damaged, plan);
    posture::EvalOptions strict;
    strict.require_agent_version = true;
    check_fleet(damaged, plan, strict);
  }
}

TEST_CASE("batch: verdicts do not depend on the number of threads") {
  Fleet fleet = generated_fleet(0, 9000, true, 8);
  posture::Plan plan = compile_policy(posture::bench::make_policy(50, 9));
  FleetJudge judge(plan);
  const auto at = posture::bench::generator_reference_time();
  FleetVerdicts one = judge.judge(fleet, at, {1});
  FleetVerdicts two = judge.judge(fleet, at, {2});
  FleetVerdicts three = judge.judge(fleet, at, {3});
  CHECK(one.status == two.status);
  CHECK(one.level == two.level);
  CHECK(one.points == two.points);
  CHECK(one.items == two.items);
  CHECK(one.items == three.items);
  CHECK(one.level == three.level);
}

TEST_CASE("batch: a judge follows its fleet as it grows and changes, and starts afresh on another") {
  posture::Plan plan = compile_policy(posture::bench::make_policy(40, 11));
  FleetJudge judge(plan);
  const auto at = posture::bench::generator_reference_time();
  Fleet fleet = generated_fleet(0, 300, false, 12);
  judge.judge(fleet, at);
  // New clients bring program, update and OS records the tables have not seen.
  Fleet more = generated_fleet(5000, 300, true, 13);
  for (std::size_t i = 0; i < more.size(); ++i) REQUIRE(fleet.upsert(more.snapshot(i)).ok());
  REQUIRE(fleet.remove(fleet.asset(7)));
  FleetVerdicts v = judge.judge(fleet, at);
  for (std::size_t i = 0; i < fleet.size(); ++i)
    CHECK(difference(posture::evaluate(plan, fleet.snapshot(i), at), v, i) == "");
  // Another fleet: its dictionaries number their entries differently.
  Fleet other = generated_fleet(9000, 200, true, 14);
  v = judge.judge(other, at);
  for (std::size_t i = 0; i < other.size(); ++i)
    CHECK(difference(posture::evaluate(plan, other.snapshot(i), at), v, i) == "");

  // A listed subset, in list order.
  std::vector<std::size_t> some = {5, 0, 5, 199};
  FleetVerdicts part;
  judge.judge(other, some, at, part);
  REQUIRE(part.size() == 4);
  for (std::size_t k = 0; k < some.size(); ++k)
    CHECK(difference(posture::evaluate(plan, other.snapshot(some[k]), at), part, k) == "");
}

TEST_CASE("batch: a materialised judgment is evaluate()'s, evidence and all") {
  Fleet fleet = generated_fleet(0, 200, true, 21);
  const auto at = posture::bench::generator_reference_time();
  for (const JudgmentPolicy& policy : policies()) {
    posture::Plan plan = compile_policy(policy);
    FleetJudge judge(plan);
    for (std::size_t i = 0; i < fleet.size(); i += 7)
      CHECK(posture::write_judgment_json(judge.judgment(fleet, i, at)) ==
            posture::write_judgment_json(posture::evaluate(plan, fleet.snapshot(i), at)));
  }
}

TEST_CASE("batch: report judgments render as the full ones in tables and CSV") {
  Fleet fleet = generated_fleet(0, 600, true, 31);
  const auto at = posture::bench::generator_reference_time();
  for (const JudgmentPolicy& policy : policies()) {
    CAPTURE(policy.name);
    posture::Plan plan = compile_policy(policy);
    FleetJudge judge(plan);
    FleetVerdicts v = judge.judge(fleet, at);
    std::size_t seen = 0, built = 0;
    judge.report(fleet, v, at, [&](std::size_t client, Judgment&& j) {
      CHECK(client == seen++);
      Judgment full = posture::evaluate(plan, fleet.snapshot(client), at);
      for (const auto& item : j.items) built += item.conditions.empty() ? 0 : 1;
      CHECK(posture::csv_row(j) == posture::csv_row(full));
      auto row = posture::make_table_row(j, fleet.host(client), fleet.user(client));
      auto want = posture::make_table_row(full, fleet.host(client), fleet.user(client));
      CHECK(row.reasons == want.reasons);
      CHECK(row.level == want.level);
      CHECK(row.points == want.points);
      CHECK(row.status == want.status);
      return true;
    }, false, {2});
    CHECK(seen == fleet.size());
    MESSAGE(policy.name << ": " << built << " items with conditions in " << seen << " judgments");
    // Full: every judgment as evaluate() writes it, conditions and evidence included.
    std::size_t stop_after = 50;
    judge.report(fleet, v, at, [&](std::size_t client, Judgment&& j) {
      CHECK(posture::write_judgment_json(j) ==
            posture::write_judgment_json(posture::evaluate(plan, fleet.snapshot(client), at)));
      return --stop_after > 0;
    }, true);
    CHECK(stop_after == 0);
  }
}

TEST_CASE("batch: every golden case judges the same through the batch path") {
  namespace fs = std::filesystem;
  std::size_t cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(POSTURE_TEST_DATA_DIR)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !name.ends_with(".test.json")) continue;
    auto text = posture::read_file(entry.path().string());
    REQUIRE(text.ok());
    auto doc = posture::policytest::read_test_document(*text, entry.path().parent_path().string(),
                                                       {});
    if (!doc) continue;  // a document the policy-test runner itself refuses
    auto engine = posture::Engine::create(doc->policies, doc->catalog, doc->options);
    if (!engine) continue;
    Fleet fleet;
    for (const auto& test : doc->tests) REQUIRE(fleet.append(test.snapshot).ok());
    FleetJudge judge(*engine);
    for (std::size_t i = 0; i < doc->tests.size(); ++i) {
      const auto& test = doc->tests[i];
      CAPTURE(name);
      CAPTURE(test.name);
      const std::size_t one[] = {i};
      FleetVerdicts v;
      judge.judge(fleet, one, test.at, v);
      Judgment j = engine->judge(test.snapshot, test.at);
      CHECK(difference(j, v, 0) == "");
      CHECK(difference(j, as_fleet(engine->verdict(test.snapshot, test.at)), 0) == "");
      CHECK(posture::write_judgment_json(judge.judgment(fleet, i, test.at)) ==
            posture::write_judgment_json(j));
      ++cases;
    }
  }
  MESSAGE(cases << " golden cases through the batch path");
  CHECK(cases > 200);
}
