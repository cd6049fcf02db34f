#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>

#include "../../../bench/fleet_generator.hpp"
#include "posture/batch.hpp"
#include "posture/io.hpp"
#include "snapshot_diff.hpp"

using posture::Fleet;
using posture::Snapshot;
using posture::test::snapshot_diff;

namespace {

// A snapshot with every member set, and the corner cases a columnar encoding could lose:
// absent versus empty lists, optional values absent inside present sections, -0.0.
Snapshot full_snapshot(const std::string& asset) {
  using namespace posture;
  Snapshot s;
  s.asset = asset;
  s.host = "kobe-eng-12";
  s.user = "sato";
  s.group = "Kobe/Engineering";
  s.ip = {"10.20.30.41", "fe80::1"};
  s.mac = {"00:1a:2b:3c:4d:5e"};
  s.location = "Kobe 2F";
  s.collected_at = Timestamp{1795162500};
  s.agent_version = "12.0.1";
  s.managed = false;
  s.os = OsInfo{"Windows 11 Pro", "10.0.22631.4460", std::nullopt, "x64"};
  UpdateSection u;
  u.scanned_at = Timestamp{1795162200};
  u.source = "wua";
  u.complete = true;
  u.items = {{"5046617", "", Severity::critical, "Security Updates", "2024-11 CU",
              UpdateState::missing},
             {"5044284", "09-067", Severity::unspecified, "", "", UpdateState::installed}};
  s.updates = u;
  s.software = std::vector<Program>{{"Mozilla Firefox (x64 en-US)", "132.0.1", "Mozilla", {}},
                                    {"No version", std::nullopt, "", "SP2"}};
  s.antivirus = std::vector<AntivirusProduct>{
      {"Microsoft Defender Antivirus", "4.18.24090.11", "1.1.24090.11", "1.421.123.0",
       make_date(2026, 11, 19), true},
      {"Other", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt}};
  s.settings.accounts = AccountSettings{false, std::nullopt};
  s.settings.passwords = PasswordSettings{12, true,
                                          std::vector<PasswordAccount>{
                                              {"sato", false, false, make_date(2026, 9, 1)},
                                              {"guest", std::nullopt, true, std::nullopt}}};
  s.settings.logon = LogonSettings{false, true};
  s.settings.shares = std::vector<Share>{{"Public", true}};
  s.settings.anonymous = AnonymousSettings{std::nullopt};
  s.settings.services = std::vector<Service>{};
  s.settings.firewall = std::vector<FirewallProfile>{{"domain", true}, {"public", std::nullopt}};
  s.settings.automatic_updates = AutomaticUpdates{AutoUpdateMode::download_only};
  s.settings.screensaver = ScreensaverSettings{true, false, 10};
  s.settings.encryption = std::vector<Drive>{{"C:", true, true}};
  s.fields = {{"Hardware information.CPU", FieldValue::of_string("Intel Core i5")},
              {"Memory", FieldValue::of_number(16384)},
              {"Negative zero", FieldValue::of_number(-0.0)},
              {"Flag", FieldValue::of_bool(true)},
              {"Nothing", FieldValue::of_null()},
              {"Nested", FieldValue::of_json("{\"a\":[1,2]}")}};
  return s;
}

}  // namespace

TEST_CASE("batch: a fleet gives back every member of the snapshots it was given") {
  Fleet fleet;
  Snapshot full = full_snapshot("PC-1");
  Snapshot bare;
  bare.asset = "PC-2";
  REQUIRE(fleet.upsert(full).ok());
  REQUIRE(fleet.upsert(bare).ok());
  REQUIRE(fleet.size() == 2);
  CHECK(snapshot_diff(fleet.snapshot(0), full) == "");
  CHECK(snapshot_diff(fleet.snapshot(1), bare) == "");
  CHECK(fleet.asset(1) == "PC-2");

  // -0.0 keeps its sign: the encoding compares numbers by their bits.
  const Snapshot first = fleet.snapshot(0);
  CHECK(std::signbit(first.fields[2].second.number));
}

TEST_CASE("batch: upsert replaces the client with the same asset number, append adds a twin") {
  Fleet fleet;
  Snapshot a = full_snapshot("PC-1");
  REQUIRE(fleet.upsert(a).ok());
  a.host = "renamed";
  a.software->pop_back();
  auto again = fleet.upsert(a);
  REQUIRE(again.ok());
  CHECK(*again == 0);
  CHECK(fleet.size() == 1);
  CHECK(fleet.snapshot(0).host == "renamed");
  CHECK(fleet.snapshot(0).software->size() == 1);

  a.host = "twin";
  auto twin = fleet.append(a);
  REQUIRE(twin.ok());
  CHECK(*twin == 1);
  CHECK(fleet.size() == 2);
  CHECK(fleet.find("PC-1") == std::optional<std::size_t>(1));
  // Removing the twin find() addresses leaves the other one addressable.
  CHECK(fleet.remove("PC-1"));
  CHECK(fleet.size() == 1);
  CHECK(fleet.find("PC-1") == std::optional<std::size_t>(0));
  CHECK(fleet.snapshot(0).host == "renamed");
}

TEST_CASE("batch: removing a client moves the last client into its place") {
  Fleet fleet;
  for (int i = 0; i < 4; ++i) REQUIRE(fleet.upsert(full_snapshot("PC-" + std::to_string(i))).ok());
  CHECK(fleet.remove("PC-1"));
  CHECK_FALSE(fleet.remove("PC-1"));
  REQUIRE(fleet.size() == 3);
  CHECK(fleet.asset(0) == "PC-0");
  CHECK(fleet.asset(1) == "PC-3");
  CHECK(fleet.asset(2) == "PC-2");
  CHECK(fleet.find("PC-3") == std::optional<std::size_t>(1));
  CHECK(snapshot_diff(fleet.snapshot(1), full_snapshot("PC-3")) == "");
  fleet.clear();
  CHECK(fleet.empty());
  CHECK_FALSE(fleet.find("PC-0"));
}

TEST_CASE("batch: a fleet under random upserts and removals matches a plain map of snapshots") {
  // Replacements with longer and shorter lists, removals from the middle and the end: the list
  // columns move, collect garbage and compact, and every client must still read back whole.
  posture::bench::Rng rng(7);
  Fleet fleet;
  std::map<std::string, Snapshot> model;
  for (int step = 0; step < 3000; ++step) {
    std::string asset = "PC-" + std::to_string(rng.below(60));
    if (rng.chance(300)) {
      CHECK(fleet.remove(asset) == (model.erase(asset) == 1));
      continue;
    }
    Snapshot s = full_snapshot(asset);
    s.software->resize(rng.below(12), posture::Program{"Prog " + std::to_string(step), "1.0", "", {}});
    s.updates->items.resize(rng.below(5));
    s.host = "host-" + std::to_string(step);
    model[asset] = s;
    REQUIRE(fleet.upsert(s).ok());
  }
  REQUIRE(fleet.size() == model.size());
  for (const auto& [asset, snapshot] : model) {
    auto c = fleet.find(asset);
    REQUIRE(c);
    CHECK(fleet.asset(*c) == asset);
    CHECK(snapshot_diff(fleet.snapshot(*c), snapshot) == "");
  }
}

TEST_CASE("batch: a copied fleet is independent of the original") {
  Fleet fleet;
  REQUIRE(fleet.upsert(full_snapshot("PC-1")).ok());
  Fleet copy = fleet;
  Snapshot other = full_snapshot("PC-2");
  other.software->push_back({"Only in the copy", "1", "", {}});
  REQUIRE(copy.upsert(other).ok());
  CHECK(fleet.size() == 1);
  CHECK(copy.size() == 2);
  CHECK(snapshot_diff(copy.snapshot(1), other) == "");
  CHECK(snapshot_diff(fleet.snapshot(0), full_snapshot("PC-1")) == "");
}

TEST_CASE("batch: digests tell equal texts from different ones") {
  CHECK(posture::digest_of("{\"asset\":\"A\"}") == posture::digest_of("{\"asset\":\"A\"}"));
  CHECK_FALSE(posture::digest_of("{\"asset\":\"A\"}") == posture::digest_of("{\"asset\":\"B\"}"));
  // Every length around the 8-, 16- and 32-byte steps of the hash, one byte changed at a time.
  std::string text(70, 'x');
  for (std::size_t n = 0; n <= text.size(); ++n) {
    std::string_view prefix(text.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      std::string changed(prefix);
      changed[i] = 'y';
      CHECK_FALSE(posture::digest_of(changed) == posture::digest_of(prefix));
    }
    if (n > 0) CHECK_FALSE(posture::digest_of(prefix) == posture::digest_of(prefix.substr(1)));
  }
}

TEST_CASE("batch: memory per client of a generated fleet stays within the budget") {
  posture::bench::FleetGenerator gen(11);
  std::string text = gen.jsonl(0, 300);
  std::vector<posture::error> bad;
  Fleet fleet;
  auto stats = posture::ingest_fleet(fleet, text, {}, bad);
  REQUIRE(stats.ok());
  REQUIRE(fleet.size() == 300);
  // 2 KB of columns per client is the design budget; dictionaries are shared and not counted.
  CHECK(fleet.memory().columns / fleet.size() <= 2048);
}
