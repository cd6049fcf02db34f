#include <doctest/doctest.h>

#include "action_fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

constexpr std::string_view kQuarantine = R"json([{
  "name": "Quarantine",
  "levels": {
    "danger": {
      "notify_user": {"title": "%level%: %host%", "text": "Asset %asset%:\n%violations%"},
      "network": "deny",
      "distribute": {"updates": true, "antivirus_definitions": true}
    },
    "warning": {
      "email_admin": {"to": ["secops@example.com", "lead@example.com"],
                      "subject": "%count% PCs at %level% (%policy%)",
                      "body": "Run of %judgedate%:\n- %asset% %host% %conttimes%x\nEnd\n"}
    },
    "safe": {"network": "permit"}
  }
}])json";

}  // namespace

TEST_CASE("action: a Danger client is told first, then isolated and treated") {
  const ActionPolicySet set = policies(kQuarantine);
  ClientState s = client("PC-1");
  s.action_policy = "Quarantine";
  s.quarantine = QuarantineState::permitted;
  const Selection sel = select_ok(set, {judged("PC-1", Level::danger, day(0), {"5046617"})}, {s});

  REQUIRE(sel.plan.actions.size() == 3);
  CHECK(action_kind(sel.plan.actions[0]) == ActionKind::notify_user);
  CHECK(action_kind(sel.plan.actions[1]) == ActionKind::distribute);
  CHECK(action_kind(sel.plan.actions[2]) == ActionKind::network);

  const auto n = std::get<UserNotification>(sel.plan.actions[0]);
  CHECK(n.asset == "PC-1");
  CHECK(n.title == "Danger: kobe-eng-12");
  CHECK(n.text ==
        "Asset PC-1:\nantivirus: Microsoft Defender Antivirus definition_age risk: 12 days > 3");

  const auto d = std::get<Distribution>(sel.plan.actions[1]);
  CHECK(d.updates == std::vector<std::string>{"5046617"});
  CHECK(d.antivirus_definitions);

  const auto net = std::get<NetworkStep>(sel.plan.actions[2]);
  CHECK(net.from == QuarantineState::permitted);
  CHECK(net.to == QuarantineState::denied);
  REQUIRE(net.changes.size() == 1);
  CHECK(net.changes[0].mac == "00:1A:2B:3C:4D:5E");
  CHECK(net.changes[0].ip == "10.20.30.41");
  CHECK(net.changes[0].host == "kobe-eng-12");
  CHECK(net.changes[0].op == ControlOp::deny);

  CHECK(state_of(sel, "PC-1").quarantine == QuarantineState::denied);
  REQUIRE(sel.plan.clients.size() == 1);
  CHECK(sel.plan.clients[0].policy == "Quarantine");
  CHECK(sel.plan.clients[0].actions.size() == 3);
  CHECK(sel.plan.run_time == day(0));
}

TEST_CASE("action: one admin mail per policy and level lists every client of the run") {
  const ActionPolicySet set = policies(kQuarantine);
  std::vector<ClientState> states;
  for (const char* a : {"PC-1", "PC-2", "PC-3"}) {
    states.push_back(client(a, std::string("host-") + a));
    states.back().action_policy = "Quarantine";
  }
  const Selection sel = select_ok(set,
                                  {judged("PC-1", Level::warning, day(0)),
                                   judged("PC-2", Level::danger, day(0)),
                                   judged("PC-3", Level::warning, day(0, 2))},
                                  states);
  const auto mails = actions_of<AdminEmail>(sel.plan);
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].assets == std::vector<std::string>{"PC-1", "PC-3"});
  CHECK(mails[0].to == std::vector<std::string>{"secops@example.com", "lead@example.com"});
  CHECK(mails[0].subject == "2 PCs at Warning (Quarantine)");
  CHECK(mails[0].body ==
        "Run of 2026-11-20T10:00:00Z:\n- PC-1 host-PC-1 1x\n- PC-3 host-PC-3 1x\nEnd\n");
  CHECK(actions_of<UserNotification>(sel.plan).size() == 1);
}

TEST_CASE("action: consecutive_times fires from the Nth judgment at the level on") {
  const ActionPolicySet set = policies(R"([{"name": "P", "levels": {"danger": {
      "network": {"control": "deny", "condition": {"consecutive_times": 3}}}}}])");
  ClientState s = client("PC-1");
  s.action_policy = "P";
  for (int run = 0; run < 4; ++run) {
    const Selection sel = select_ok(set, {judged("PC-1", Level::danger, day(0, run))}, {s});
    s = sel.states.front();
    CHECK(s.consecutive_times == static_cast<std::uint32_t>(run + 1));
    REQUIRE(sel.plan.clients.front().actions.size() == 1);
    const ActionDecision& d = sel.plan.clients.front().actions.front();
    if (run < 2) {
      CHECK_FALSE(d.selected);
      CHECK(d.why == "needs 3 consecutive judgments at Danger, has " + std::to_string(run + 1));
      CHECK(s.quarantine == QuarantineState::unregistered);
    } else if (run == 2) {
      CHECK(d.selected);
      CHECK(s.quarantine == QuarantineState::denied);
    } else {
      CHECK_FALSE(d.selected);
      CHECK(d.why == "deny: already denied");
    }
  }
}

TEST_CASE("action: consecutive_days counts calendar days and a level change starts over") {
  const ActionPolicySet set = policies(R"([{"name": "P", "levels": {"warning": {
      "condition": {"consecutive_days": 3},
      "event": {"message": "%asset% %contdays% days, %conttimes% times"}}}}])");
  ClientState s = client("PC-1");
  s.action_policy = "P";
  auto run = [&](Level level, Timestamp at) {
    Selection sel = select_ok(set, {judged("PC-1", level, at)}, {s});
    s = sel.states.front();
    return actions_of<MonitoringEvent>(sel.plan);
  };
  CHECK(run(Level::warning, day(0)).empty());
  CHECK(run(Level::warning, day(1, 3)).empty());
  auto fired = run(Level::warning, day(2));
  REQUIRE(fired.size() == 1);
  CHECK(fired[0].message == "PC-1 3 days, 3 times");
  CHECK(fired[0].severity == EventSeverity::warning);
  CHECK(run(Level::danger, day(3)).empty());
  CHECK(s.consecutive_times == 1);
  CHECK(run(Level::warning, day(4)).empty());
  CHECK(s.consecutive_days() == 1);
}

TEST_CASE("action: deferred selection from recorded judgments selects as immediate selection does") {
  const ActionPolicySet set = policies(R"([{"name": "P", "levels": {"danger": {
      "network": {"control": "deny", "condition": {"consecutive_times": 2}}}}}])");
  ClientState s = client("PC-1");
  s.action_policy = "P";
  const Judgment first = judged("PC-1", Level::danger, day(0));
  const Judgment second = judged("PC-1", Level::danger, day(1));

  // Deferred: both judgments recorded as they come, actions selected later from the latest.
  ClientState deferred = record_judgment(record_judgment(s, first), second);
  const Selection later = select_ok(set, {second}, {deferred});
  // Immediate: one selection per judgment.
  const Selection run1 = select_ok(set, {first}, {s});
  const Selection run2 = select_ok(set, {second}, run1.states);

  CHECK(later.states == run2.states);
  CHECK(later.states.front().consecutive_times == 2);
  CHECK(actions_of<NetworkStep>(later.plan).size() == 1);
  CHECK(actions_of<NetworkStep>(run2.plan).size() == 1);
  // Both judgments in one deferred call count too.
  const Selection batch = select_ok(set, {second, first}, {s});
  CHECK(batch.states == run2.states);
}

TEST_CASE("action: a judgment older than the recorded one is stale and selects nothing") {
  const ActionPolicySet set = policies(kQuarantine);
  ClientState s = record_judgment(client("PC-1"), judged("PC-1", Level::safe, day(2)));
  s.action_policy = "Quarantine";
  const Selection sel = select_ok(set, {judged("PC-1", Level::danger, day(1))}, {s});
  CHECK(sel.plan.actions.empty());
  CHECK(sel.plan.clients.front().note.find("older than the last one recorded") != std::string::npos);
  CHECK(sel.states.front() == s);
}

TEST_CASE("action: a client without a level, without a block or with an unknown policy gets a note") {
  const ActionPolicySet set = policies(kQuarantine);
  Judgment unknown;
  unknown.asset = "PC-U";
  unknown.reference_time = day(0);
  unknown.status = Status::unknown;
  Judgment caution = judged("PC-C", Level::caution, day(0));
  caution.action_policy = "Quarantine";
  Judgment lost = judged("PC-L", Level::danger, day(0));
  lost.action_policy = "Gone";
  const Selection sel = select_ok(set, {unknown, caution, lost}, {});
  REQUIRE(sel.plan.clients.size() == 3);
  CHECK(sel.plan.clients[0].note == "no level (status unknown): no policy action applies");
  CHECK(sel.plan.clients[1].note == "policy \"Quarantine\" has no actions at Caution");
  CHECK(sel.plan.clients[2].note == "action policy \"Gone\" does not exist: nothing selected");
  CHECK(sel.plan.actions.empty());
  CHECK(sel.states.size() == 3);  // new clients get a state
}

TEST_CASE("action: the policy comes from the options, the judgment, the state, else Default") {
  const ActionPolicySet set = policies(kQuarantine);
  ClientState assigned = client("PC-S");
  assigned.action_policy = "Quarantine";
  const Selection sel = select_ok(set,
                                  {judged("PC-S", Level::danger, day(0)),
                                   judged("PC-D", Level::danger, day(0))},
                                  {assigned});
  CHECK(sel.plan.clients[0].policy == "Quarantine");
  CHECK(sel.plan.clients[1].policy == "Default");
  const auto n = actions_of<UserNotification>(sel.plan);
  REQUIRE(n.size() == 2);
  CHECK(n[1].title == "Security level Danger: action needed");

  SelectOptions forced;
  forced.policy = "Default";
  const Selection f = select_ok(set, {judged("PC-S", Level::danger, day(0))}, {assigned}, forced);
  CHECK(f.plan.clients[0].policy == "Default");

  forced.policy = "Initial";
  auto refused = select_actions(set, std::vector<Judgment>{}, std::vector<ClientState>{}, forced);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.err().code() == errc::invalid);
  forced.policy = "Nope";
  auto missing = select_actions(set, std::vector<Judgment>{}, std::vector<ClientState>{}, forced);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.err().code() == errc::not_found);
}

TEST_CASE("action: distribution sends what the judgment lists, and definitions only when needed") {
  const ActionPolicySet set = policies(R"([{"name": "P", "levels": {"caution": {
      "distribute": {"updates": true, "antivirus_definitions": true}}}}])");
  Judgment av_safe = judged("PC-1", Level::safe, day(0), {"5046617", "5044284"});
  ItemResult sw;
  sw.category = Category::prohibited_software;
  sw.status = Status::judged;
  sw.level = Level::caution;
  av_safe.items.push_back(sw);
  aggregate(av_safe);
  av_safe.action_policy = "P";
  Judgment nothing = av_safe;
  nothing.asset = "PC-2";
  nothing.distribute.clear();
  const Selection sel = select_ok(set, {av_safe, nothing}, {});
  const auto d = actions_of<Distribution>(sel.plan);
  REQUIRE(d.size() == 1);
  CHECK(d[0].asset == "PC-1");
  CHECK(d[0].updates == std::vector<std::string>{"5044284", "5046617"});
  CHECK_FALSE(d[0].antivirus_definitions);
  CHECK_FALSE(sel.plan.clients[1].actions[0].selected);
  CHECK(sel.plan.clients[1].actions[0].why.starts_with("nothing to distribute"));
}

TEST_CASE("action: a JP1 preset command gets JP1/CSC's arguments and its files") {
  const ActionPolicySet set = policies(R"([{"name": "Night run", "levels": {"danger": {
      "command": {"program": "C:\\csc\\ticket.bat", "preset": "jp1", "pass_asset": true,
                  "pass_results": "details"}}}}])");
  Judgment a = judged("PC-1", Level::danger, day(0));
  a.action_policy = "Night run";
  Judgment b = judged("PC-2", Level::danger, day(0, 1));
  b.action_policy = "Night run";
  ClientState s1 = client("PC-1", "host \"one\"");
  ClientState s2 = client("PC-2", "two", {}, {"fe80::1", "10.0.0.2"});
  SelectOptions options;
  options.command_folder = "/var/lib/posture/usr";
  const Selection sel = select_ok(set, {a, b}, {s1, s2}, options);
  const auto runs = actions_of<CommandRun>(sel.plan);
  REQUIRE(runs.size() == 1);
  const CommandRun& r = runs[0];
  CHECK(r.assets == std::vector<std::string>{"PC-1", "PC-2"});
  CHECK(r.folder == "/var/lib/posture/usr/20261120090000000");
  CHECK(r.argv == std::vector<std::string>{"C:\\csc\\ticket.bat", "-CSC_polname:Night run",
                                           "-CSC_level:Danger",
                                           "-CSC_folder:/var/lib/posture/usr/20261120090000000",
                                           "-CSC_result:details"});
  REQUIRE(r.files.size() == 3);
  CHECK(r.files[0].name == "cscmassetinfo.dat");
  CHECK(r.files[0].content ==
        "\"PC-1\",\"host \"\"one\"\"\",\"10.20.30.41\",\"sato\",\"Kobe/Engineering\","
        "\"00-1A-2B-3C-4D-5E\",\"\",\"\",\"\"\r\n"
        "\"PC-2\",\"two\",\"10.0.0.2\",\"sato\",\"Kobe/Engineering\",\"\",\"\",\"\",\"\"\r\n");
  CHECK(r.files[1].name == "cscmresult.dat");
  CHECK(r.files[1].content ==
        "\"PC-1\",\"400\",\"2026/11/20 08:00:00\"\r\n\"PC-2\",\"400\",\"2026/11/20 09:00:00\"\r\n");
  CHECK(r.files[2].name == "judgments.jsonl");
  CHECK(r.files[2].content.find("\"asset\":\"PC-2\"") != std::string::npos);
}

TEST_CASE("action: a command argument with a per-client variable repeats once per client") {
  const ActionPolicySet set = policies(R"([{"name": "P", "levels": {"warning": {
      "command": {"program": "/usr/bin/open-ticket", "args": ["--level", "%level%", "--asset",
                                                              "%asset%", "--count=%count%"]}}}}])");
  Judgment a = judged("PC-1", Level::warning, day(0));
  Judgment b = judged("PC-2", Level::warning, day(0));
  a.action_policy = b.action_policy = "P";
  const Selection sel = select_ok(set, {a, b}, {});
  const auto runs = actions_of<CommandRun>(sel.plan);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].argv == std::vector<std::string>{"/usr/bin/open-ticket", "--level", "Warning",
                                                 "--asset", "PC-1", "PC-2", "--count=2"});
  CHECK(runs[0].folder.empty());
  CHECK(runs[0].files.empty());
}

TEST_CASE("action: the plan is JSON a host script can execute") {
  const ActionPolicySet set = policies(kQuarantine);
  ClientState s = client("PC-1");
  s.action_policy = "Quarantine";
  const Selection sel = select_ok(set, {judged("PC-1", Level::danger, day(0), {"5046617"})}, {s});
  const std::string json = write_action_plan_json(sel.plan, JsonStyle::compact);
  CHECK(json.starts_with(R"({"format":"posture-action-plan/1","run_time":"2026-11-20T08:00:00Z","actions":[{"kind":"notify_user")"));
  CHECK(json.find(R"("kind":"network","policy":"Quarantine","level":"danger","asset":"PC-1","control":"deny","from":"unregistered","to":"denied","changes":[{"asset":"PC-1","mac":"00:1A:2B:3C:4D:5E","ip":"10.20.30.41","host":"kobe-eng-12","op":"deny"}]})") != std::string::npos);
  CHECK(json.find(R"("clients":[{"asset":"PC-1","policy":"Quarantine","level":"danger","note":"","actions":[{"kind":"notify_user","selected":true,"why":"configured for Danger"})") != std::string::npos);
}

TEST_CASE("action: bad options and duplicate states are errors") {
  const ActionPolicySet set;
  SelectOptions bad;
  bad.mail_from = "me";
  CHECK(select_actions(set, std::vector<Judgment>{}, std::vector<ClientState>{}, bad).err().code() ==
        errc::invalid);
  auto twice = select_actions(set, std::vector<Judgment>{},
                              std::vector<ClientState>{client("PC-1"), client("PC-1")});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.err().code() == errc::invalid);
}
