#include <doctest/doctest.h>

#include "action_fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

using S = QuarantineState;
using E = QuarantineEventKind;

QuarantineEvent ev(E kind) { return {kind, NetworkControl::permit, false}; }
QuarantineEvent judged_event(NetworkControl c) { return {E::judged, c, false}; }

constexpr std::string_view kSeed002 = R"([{"name": "Quarantine", "levels": {
  "danger":  {"notify_user": {"title": "Isolated", "text": "%violations%"}, "network": "deny",
              "distribute": {"updates": true}},
  "warning": {"network": "deny", "distribute": {"updates": true}},
  "safe":    {"network": "permit"}}}])";

}  // namespace

TEST_CASE("action: judgments move a client through the policy's network action") {
  CHECK(quarantine_step(S::unregistered, judged_event(NetworkControl::permit)).to == S::permitted);
  CHECK(quarantine_step(S::unregistered, judged_event(NetworkControl::deny)).to == S::denied);
  CHECK(quarantine_step(S::permitted, judged_event(NetworkControl::deny)).to == S::denied);
  CHECK(quarantine_step(S::denied, judged_event(NetworkControl::permit)).to == S::permitted);
  const QuarantineStep same = quarantine_step(S::permitted, judged_event(NetworkControl::permit));
  CHECK(same.to == S::permitted);
  CHECK(same.ops.empty());
  CHECK(same.why == "already permitted");
  CHECK(quarantine_step(S::denied, judged_event(NetworkControl::permit)).ops ==
        std::vector<ControlOp>{ControlOp::permit});
}

TEST_CASE("action: only an explicit permit ends an emergency denial") {
  for (S from : {S::unregistered, S::permitted, S::denied, S::exempt, S::removed}) {
    const QuarantineStep s = quarantine_step(from, ev(E::emergency_deny));
    CHECK(s.to == S::emergency_denied);
    CHECK(s.ops == std::vector<ControlOp>{ControlOp::emergency_deny});
  }
  for (QuarantineEvent e : {judged_event(NetworkControl::permit), judged_event(NetworkControl::deny),
                            ev(E::admin_deny), ev(E::register_permitted), ev(E::set_exempt),
                            ev(E::clear_exempt), ev(E::emergency_deny)}) {
    const QuarantineStep s = quarantine_step(S::emergency_denied, e);
    CHECK(s.to == S::emergency_denied);
    CHECK(s.ops.empty());
  }
  const QuarantineStep permit = quarantine_step(S::emergency_denied, ev(E::admin_permit));
  CHECK(permit.to == S::permitted);
  CHECK(permit.ops == std::vector<ControlOp>{ControlOp::permit});
}

TEST_CASE("action: exempt clients ignore judgments; orders take them back under control") {
  CHECK(quarantine_step(S::permitted, ev(E::set_exempt)).to == S::exempt);
  CHECK(quarantine_step(S::permitted, ev(E::set_exempt)).ops.empty());
  const QuarantineStep from_denied = quarantine_step(S::denied, ev(E::set_exempt));
  CHECK(from_denied.to == S::exempt);
  CHECK(from_denied.ops == std::vector<ControlOp>{ControlOp::permit});
  CHECK(quarantine_step(S::exempt, judged_event(NetworkControl::deny)).to == S::exempt);
  CHECK(quarantine_step(S::exempt, judged_event(NetworkControl::permit)).ops.empty());
  CHECK(quarantine_step(S::exempt, ev(E::admin_deny)).to == S::denied);
  CHECK(quarantine_step(S::exempt, ev(E::clear_exempt)).to == S::unregistered);
  CHECK(quarantine_step(S::permitted, ev(E::clear_exempt)).to == S::permitted);
  const QuarantineStep kept = quarantine_step(S::exempt, {E::remove, NetworkControl::permit, true});
  CHECK(kept.to == S::exempt);
  CHECK(kept.ops.empty());
}

TEST_CASE("action: removal with automatic refusal denies first, then removes the entry") {
  const QuarantineStep refuse = quarantine_step(S::permitted, {E::remove, NetworkControl::permit, true});
  CHECK(refuse.to == S::removed);
  CHECK(refuse.ops == std::vector<ControlOp>{ControlOp::deny, ControlOp::remove_entry});
  const QuarantineStep plain = quarantine_step(S::permitted, {E::remove, NetworkControl::permit, false});
  CHECK(plain.ops == std::vector<ControlOp>{ControlOp::remove_entry});
  CHECK(quarantine_step(S::denied, {E::remove, NetworkControl::permit, true}).ops ==
        std::vector<ControlOp>{ControlOp::remove_entry});
  CHECK(quarantine_step(S::unregistered, {E::remove, NetworkControl::permit, true}).to == S::removed);
  CHECK(quarantine_step(S::unregistered, {E::remove, NetworkControl::permit, true}).ops.empty());
  // A retired asset is not registered again by a judgment, only by an order or a registration.
  CHECK(quarantine_step(S::removed, judged_event(NetworkControl::permit)).to == S::removed);
  CHECK(quarantine_step(S::removed, ev(E::register_permitted)).to == S::permitted);
  CHECK(quarantine_step(S::removed, ev(E::admin_deny)).to == S::denied);

  ClientState c = client("PC-9", "old", {"00-0D-60-AA-01-10", "000d60aa0111"}, {"192.168.40.10"});
  c.quarantine = S::permitted;
  const NetworkOutcome o = apply_network_event(c, {E::remove, NetworkControl::permit, true});
  REQUIRE(o.changes.size() == 4);
  CHECK(o.changes[0] == ConnectionChange{"PC-9", "00:0D:60:AA:01:10", "192.168.40.10", "old", ControlOp::deny});
  CHECK(o.changes[1] == ConnectionChange{"PC-9", "00:0D:60:AA:01:11", "", "old", ControlOp::deny});
  CHECK(o.changes[2].op == ControlOp::remove_entry);
  CHECK(o.changes[3].op == ControlOp::remove_entry);
  CHECK(o.state.quarantine == S::removed);
}

TEST_CASE("action: registration applies to unknown and retired clients only") {
  CHECK(quarantine_step(S::unregistered, ev(E::register_permitted)).to == S::permitted);
  CHECK(quarantine_step(S::denied, ev(E::register_permitted)).to == S::denied);
  CHECK(quarantine_step(S::denied, ev(E::admin_permit)).to == S::permitted);
  CHECK(quarantine_step(S::permitted, ev(E::admin_deny)).to == S::denied);
}

TEST_CASE("action: the seed 002 cycle — inspected, isolated, treated, re-judged Safe, permitted") {
  const ActionPolicySet set = policies(kSeed002);
  ClientState s = client("PC-004711");
  s.action_policy = "Quarantine";
  s.quarantine = S::permitted;

  // Inspection finds Danger: the user is told, the client isolated and its updates pushed.
  Selection inspect = select_ok(set, {judged("PC-004711", Level::danger, day(0), {"5046617"})}, {s});
  REQUIRE(inspect.plan.actions.size() == 3);
  CHECK(action_kind(inspect.plan.actions[0]) == ActionKind::notify_user);
  CHECK(std::get<Distribution>(inspect.plan.actions[1]).updates == std::vector<std::string>{"5046617"});
  CHECK(std::get<NetworkStep>(inspect.plan.actions[2]).to == S::denied);
  s = inspect.states.front();
  CHECK(s.quarantine == S::denied);

  // Treatment under way: still Warning, still isolated, nothing new for the network.
  Selection treating = select_ok(set, {judged("PC-004711", Level::warning, day(0, 4), {"5046617"})}, {s});
  CHECK(actions_of<NetworkStep>(treating.plan).empty());
  CHECK(actions_of<Distribution>(treating.plan).size() == 1);
  s = treating.states.front();

  // Recovery: re-judged Safe, the client is permitted again.
  Selection recover = select_ok(set, {judged("PC-004711", Level::safe, day(1))}, {s});
  const auto steps = actions_of<NetworkStep>(recover.plan);
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].from == S::denied);
  CHECK(steps[0].to == S::permitted);
  CHECK(steps[0].changes.front().op == ControlOp::permit);
  CHECK(recover.states.front().quarantine == S::permitted);
}

TEST_CASE("action: a Safe judgment does not lift an emergency denial") {
  const ActionPolicySet set = policies(kSeed002);
  ClientState s = client("PC-1");
  s.action_policy = "Quarantine";
  s = apply_network_event(s, ev(E::emergency_deny)).state;
  const Selection sel = select_ok(set, {judged("PC-1", Level::safe, day(0))}, {s});
  CHECK(sel.plan.actions.empty());
  CHECK(sel.states.front().quarantine == S::emergency_denied);
  REQUIRE(sel.plan.clients.front().actions.size() == 1);
  CHECK(sel.plan.clients.front().actions.front().why ==
        "permit: an emergency denial is cleared only by an explicit permit");
  const NetworkOutcome permit = apply_network_event(sel.states.front(), ev(E::admin_permit));
  CHECK(permit.state.quarantine == S::permitted);
  CHECK(permit.changes.size() == 1);
}

TEST_CASE("action: clients are found by MAC, else by IP and host together") {
  std::vector<ClientState> fleet = {client("A", "alpha", {"00-1A-2B-3C-4D-5E"}, {"10.0.0.1"}),
                                    client("B", "beta", {}, {"10.0.0.2"}),
                                    client("C", "Gamma", {"0a1b2c3d4e5f"}, {"10.0.0.2"})};
  CHECK(find_clients(fleet, {"00:1a:2b:3c:4d:5e", "", "", ""}) == std::vector<std::size_t>{0});
  CHECK(find_clients(fleet, {"0A-1B-2C-3D-4E-5F", "10.0.0.1", "", ""}) == std::vector<std::size_t>{2});
  CHECK(find_clients(fleet, {"", "10.0.0.2", "", ""}) == std::vector<std::size_t>{1, 2});
  CHECK(find_clients(fleet, {"", "10.0.0.2", "gamma", ""}) == std::vector<std::size_t>{2});
  CHECK(find_clients(fleet, {"", "", "BETA", ""}) == std::vector<std::size_t>{1});
  CHECK(find_clients(fleet, {"zz", "", "", ""}).empty());
  CHECK(find_clients(fleet, {"00:1a:2b:3c:4d:5e", "", "", "C"}) == std::vector<std::size_t>{2});
  CHECK(find_clients(fleet, {}).empty());
}

TEST_CASE("action: MAC addresses normalise from every JP1 form") {
  CHECK(normalize_mac("00-1a-2b-3c-4d-5e") == "00:1A:2B:3C:4D:5E");
  CHECK(normalize_mac("00:1A:2B:3C:4D:5E") == "00:1A:2B:3C:4D:5E");
  CHECK(normalize_mac("00 1A 2B 3C 4D 5E") == "00:1A:2B:3C:4D:5E");
  CHECK(normalize_mac("001A2B3C4D5E") == "00:1A:2B:3C:4D:5E");
  CHECK_FALSE(normalize_mac("00-1A:2B-3C-4D-5E"));
  CHECK_FALSE(normalize_mac("001A2B3C4D5G"));
  CHECK_FALSE(normalize_mac("001A2B3C4D"));
}

TEST_CASE("action: IPv4 addresses are four dotted parts of at most 255") {
  CHECK(is_ipv4_address("192.168.40.10"));
  CHECK(is_ipv4_address("0.0.0.0"));
  CHECK_FALSE(is_ipv4_address("192.168.40.256"));
  CHECK_FALSE(is_ipv4_address("192.168.40"));
  CHECK_FALSE(is_ipv4_address("192.168.40.10.1"));
  CHECK_FALSE(is_ipv4_address("1..2.3"));
  CHECK_FALSE(is_ipv4_address("fe80::1"));
  CHECK_FALSE(is_ipv4_address("0001.2.3.4"));
  CHECK_FALSE(is_ipv4_address(""));
}
