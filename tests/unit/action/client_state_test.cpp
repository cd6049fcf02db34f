#include <doctest/doctest.h>

#include "action_fixtures.hpp"
#include "posture/inventory.hpp"

using namespace posture;
using namespace posture::test;

TEST_CASE("action: a judgment is recorded once, with items and the consecutive counters") {
  ClientState s = client("PC-1");
  s = record_judgment(s, judged("PC-1", Level::warning, day(0)));
  CHECK(s.level == Level::warning);
  CHECK(s.status == Status::judged);
  CHECK(s.judged_at == day(0));
  CHECK(s.consecutive_times == 1);
  CHECK(s.consecutive_since == date_of(day(0)));
  REQUIRE(s.items.size() == 1);
  CHECK(s.items[0] == ItemLevel{Category::antivirus, Status::judged, Level::warning});
  CHECK(s.judgment_policy == "Company baseline");

  const ClientState again = record_judgment(s, judged("PC-1", Level::warning, day(0)));
  CHECK(again == s);
  const ClientState older = record_judgment(s, judged("PC-1", Level::danger, day(-1)));
  CHECK(older == s);
  const ClientState other = record_judgment(s, judged("PC-2", Level::danger, day(3)));
  CHECK(other == s);

  s = record_judgment(s, judged("PC-1", Level::warning, day(2, 5)));
  CHECK(s.consecutive_times == 2);
  CHECK(s.consecutive_days() == 3);

  Judgment none;
  none.asset = "PC-1";
  none.reference_time = day(3);
  none.status = Status::not_judged;
  s = record_judgment(s, none);
  CHECK_FALSE(s.level);
  CHECK(s.consecutive_times == 0);
  CHECK(s.consecutive_days() == 0);
  CHECK(s.status == Status::not_judged);
}

TEST_CASE("action: a snapshot gives the client its identity and management flag") {
  Snapshot snap;
  snap.asset = "PC-1";
  snap.host = "kobe-eng-12";
  snap.user = "sato";
  snap.group = "Kobe/Engineering";
  snap.ip = {"10.20.30.41"};
  snap.mac = {"00:1a:2b:3c:4d:5e"};
  snap.location = "Kobe 2F";
  snap.managed = false;
  snap.os = OsInfo{"Windows 11 Pro", "10.0.22631.4460", "", "x64"};
  ClientState s;
  s.asset = "PC-1";
  observe_snapshot(s, snap);
  CHECK(s.host == "kobe-eng-12");
  CHECK(s.user == "sato");
  CHECK(s.group == "Kobe/Engineering");
  CHECK(s.ip == snap.ip);
  CHECK(s.mac == snap.mac);
  CHECK(s.os == "Windows 11 Pro");
  CHECK(s.location == "Kobe 2F");
  CHECK_FALSE(s.managed);
}

TEST_CASE("action: client states round-trip through JSON") {
  ClientState a = record_judgment(client("PC-1"), judged("PC-1", Level::danger, day(0)));
  a.quarantine = QuarantineState::emergency_denied;
  a.inventory_digest = "sha256:00ff";
  a.action_policy = "Quarantine";
  a.os = "Windows 11 Pro";
  a.location = "Kobe \"2F\"\n";
  ClientState b;
  b.asset = "PC-2";
  b.managed = false;
  const std::vector<ClientState> states = {a, b};
  for (JsonStyle style : {JsonStyle::compact, JsonStyle::pretty}) {
    const std::string json = write_client_states_json(states, style);
    auto back = read_client_states_json(json);
    INFO(json);
    REQUIRE(back.ok());
    CHECK(*back == states);
  }
  CHECK(write_client_states_json(states, JsonStyle::compact)
            .starts_with(R"({"format":"posture-client-states/1","clients":[{"asset":"PC-1","host":"kobe-eng-12")"));
}

TEST_CASE("action: a bad client state document reports every problem") {
  auto r = read_client_states_json(R"({"format": "posture-client-states/1", "clients": [
    {"asset": "PC-1", "quarantine": "jailed"},
    {"asset": "PC-1"},
    {"host": "x", "levle": "danger"},
    {"asset": "PC-3", "consecutive": {"times": -1, "since": "yesterday"}}
  ]})",
                                   ReadOptions{"states.json"});
  REQUIRE_FALSE(r.ok());
  const auto& d = r.err().diagnostics();
  REQUIRE(d.size() == 6);
  CHECK(d[0].where.line == 2);
  CHECK(d[0].message.find("emergency_denied") != std::string::npos);
  CHECK(d[1].message.find("listed twice") != std::string::npos);
  CHECK(d[2].where.line == 4);  // the missing asset
  CHECK(d[3].message.find("levle") != std::string::npos);
  CHECK(d[4].where.line == 5);
  CHECK(d[5].message.find("YYYY-MM-DD") != std::string::npos);

  auto version = read_client_states_json(R"({"format": "posture-client-states/2", "clients": []})");
  REQUIRE_FALSE(version.ok());
  CHECK(version.err().code() == errc::version);
}

TEST_CASE("action: a host finds each client's state by asset, and adds the ones it has not seen") {
  std::vector<ClientState> states(3);
  states[0].asset = "PC-1";
  states[1].asset = "PC-2";
  states[2].asset = "PC-1";  // listed twice: the first is the one found
  states[2].host = "second";
  StateIndex index = index_states(states);
  CHECK(&state_of(states, index, "PC-2") == &states[1]);
  CHECK(&state_of(states, index, "PC-1") == &states[0]);
  ClientState& added = state_of(states, index, "PC-9");
  REQUIRE(states.size() == 4);
  CHECK(added.asset == "PC-9");
  CHECK(added.host.empty());
  state_of(states, index, "PC-9").host = "pc-9";
  CHECK(states.size() == 4);
  CHECK(states[3].host == "pc-9");
}
