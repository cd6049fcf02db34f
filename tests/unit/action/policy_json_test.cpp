#include <doctest/doctest.h>

#include "action_fixtures.hpp"
#include "posture/io.hpp"

using namespace posture;
using namespace posture::test;

namespace {

constexpr std::string_view kFull = R"([{
  "name": "Quarantine",
  "levels": {
    "danger": {
      "notify_user": {"title": "Isolated: %level%", "text": "%violations%", "html": "<p>%host%</p>"},
      "email_admin": {"to": ["secops@example.com"], "subject": "%count% PCs at %level%",
                      "body": "%asset% %host%\n", "condition": {"consecutive_days": 2}},
      "network": "deny",
      "command": {"name": "ticket", "program": "/opt/ticket", "preset": "jp1",
                  "pass_asset": true, "pass_results": "details"},
      "distribute": {"updates": true, "antivirus_definitions": true},
      "event": {"severity": "critical"},
      "condition": {"consecutive_times": 1}
    },
    "warning": {"network": {"control": "deny", "condition": {"consecutive_times": 3}},
                "command": {"program": "/bin/notify", "args": ["--asset", "%asset%"]}},
    "safe": {"network": "permit"}
  }
}])";

}  // namespace

TEST_CASE("action: the reader takes every action of a level block") {
  const ActionPolicySet set = policies(kFull);
  const ActionPolicy* p = set.find("Quarantine");
  REQUIRE(p != nullptr);
  CHECK_FALSE(p->read_only);
  const LevelActions* d = p->at(Level::danger);
  REQUIRE(d != nullptr);
  REQUIRE(d->notify_user);
  CHECK(d->notify_user->title.source() == "Isolated: %level%");
  REQUIRE(d->notify_user->html);
  REQUIRE(d->email_admin);
  CHECK(d->email_admin->to == std::vector<std::string>{"secops@example.com"});
  REQUIRE(d->email_admin->condition);
  CHECK(d->email_admin->condition->kind == ExecutionCondition::Kind::consecutive_days);
  CHECK(d->email_admin->condition->count == 2);
  REQUIRE(d->network);
  CHECK(d->network->control == NetworkControl::deny);
  CHECK_FALSE(d->network->condition);
  REQUIRE(d->command);
  CHECK(d->command->jp1_preset);
  CHECK(d->command->pass_asset);
  CHECK(d->command->pass_results == ResultDetail::details);
  CHECK(d->command->name == "ticket");
  REQUIRE(d->distribute);
  CHECK(d->distribute->updates);
  CHECK(d->distribute->antivirus_definitions);
  REQUIRE(d->event);
  CHECK(d->event->severity == EventSeverity::critical);
  CHECK(d->event->message.uses(TemplateVar::host));  // the default message
  REQUIRE(d->condition);
  CHECK(d->condition->count == 1);

  const LevelActions* w = p->at(Level::warning);
  REQUIRE(w != nullptr);
  REQUIRE(w->network);
  REQUIRE(w->network->condition);
  CHECK(w->network->condition->count == 3);
  REQUIRE(w->command);
  CHECK(w->command->args.size() == 2);
  CHECK(p->at(Level::caution) == nullptr);
  REQUIRE(p->at(Level::safe) != nullptr);
  CHECK(p->at(Level::safe)->network->control == NetworkControl::permit);
}

TEST_CASE("action: the presets are there, Initial read-only, and a policy named Default replaces "
          "the default") {
  const ActionPolicySet presets;
  REQUIRE(presets.find("Default") != nullptr);
  REQUIRE(presets.find("Initial") != nullptr);
  CHECK(presets.find("Initial")->read_only);
  CHECK_FALSE(presets.find("Default")->read_only);
  CHECK(presets.find("Default")->at(Level::danger)->notify_user);
  CHECK(presets.find("Default")->at(Level::safe) == nullptr);

  const ActionPolicySet own = policies(R"([{"name": "Default", "levels": {"safe": {"network": "permit"}}}])");
  REQUIRE(own.find("Default") != nullptr);
  CHECK(own.find("Default")->at(Level::danger) == nullptr);
  CHECK(own.find("Initial") != nullptr);
  CHECK(own.policies().size() == 2);
}

TEST_CASE("action: every problem of the array is reported at once, at its line and column") {
  const error e = policy_error(R"([
 {"name": "A", "levels": {"danger": {"notifyuser": {}}}},
 {"name": "B", "levels": {"danger": {"network": "block"}}},
 {"name": "C", "levels": {"warning": {"email_admin": {"to": ["a@b.c"], "subject": "x",
                                                      "body": "Hi %hots%"}}}},
 {"name": "D", "levels": {"critical": {}}}
])");
  const auto& d = e.diagnostics();
  REQUIRE(d.size() == 4);
  CHECK(d[0].where.file == "policy.json");
  CHECK(d[0].where.line == 2);
  CHECK(d[0].where.column == 38);
  CHECK(d[0].message.find("notifyuser") != std::string::npos);
  CHECK(d[0].message.find("notify_user") != std::string::npos);  // the likely correction
  CHECK(d[1].where.line == 3);
  CHECK(d[1].where.column == 49);
  CHECK(d[1].message.find("permit") != std::string::npos);
  CHECK(d[2].where.line == 5);
  CHECK(d[2].where.column == 67);  // the '%' of %hots% inside the string
  CHECK(d[2].message.find("unknown variable %hots%") != std::string::npos);
  CHECK(d[3].where.line == 6);
  CHECK(d[3].message.find("critical") != std::string::npos);
}

TEST_CASE("action: a variable's column counts the escapes before it in the JSON string") {
  const error e = policy_error(
      R"([{"name": "A", "levels": {"danger": {"event": {"message": "\u00e9\n\"%x%"}}}}])");
  REQUIRE(e.diagnostics().size() == 1);
  CHECK(e.diagnostics()[0].where.column == 70);
}

TEST_CASE("action: checks find misplaced variables, limits, bad addresses and useless actions") {
  const error e = policy_error(R"([
 {"name": "Initial", "levels": {}},
 {"name": "A", "levels": {
   "danger": {"notify_user": {"title": "%count% PCs", "text": "x"},
              "email_admin": {"to": ["not-an-address", "ok@example.com"], "subject": "%host% down",
                              "body": "b"},
              "distribute": {},
              "command": {"program": "/x", "pass_asset": true},
              "condition": {"consecutive_times": 0}}}},
 {"name": "A", "levels": {}}
])");
  std::vector<std::string> messages;
  for (const auto& d : e.diagnostics()) messages.push_back(d.message);
  auto has = [&](std::string_view part) {
    for (const auto& m : messages)
      if (m.find(part) != std::string::npos) return true;
    return false;
  };
  CHECK(has("read-only factory policy"));
  CHECK(has("%count% counts the clients of a batch"));
  CHECK(has("not a mail address"));
  CHECK(has("per-client variables such as %host% belong in the body"));
  CHECK(has("distributes nothing"));
  CHECK(has("need preset \"jp1\""));
  CHECK(has("consecutive_times"));
  CHECK(has("\"A\" is defined twice"));
}

TEST_CASE("action: fixed text over a limit and line breaks in one-line texts are errors") {
  const std::string long_title(65, 'x');
  const error e = policy_error(R"([{"name": "A", "levels": {"danger": {"notify_user": {"title": ")" +
                               long_title + R"(", "text": "t"}, "event": {"message": "a\nb"}}}}])");
  REQUIRE(e.diagnostics().size() == 2);
  CHECK(e.diagnostics()[0].message == "notify_user title has 65 bytes of fixed text; the limit is 64");
  CHECK(e.diagnostics()[1].message.find("is one line") != std::string::npos);
}

TEST_CASE("action: the policy set's assignments must name existing action policies") {
  auto set = read_policy_json(R"({"format": "posture-policy/1",
    "judgment_policies": [{"name": "Base"}],
    "action_policies": [{"name": "Quarantine", "levels": {}}],
    "assignments": [{"scope": "all", "action_policy": "Quarantine"},
                    {"scope": "pc", "asset": "PC-1", "action_policy": "Quarantaine"}]})");
  REQUIRE(set.ok());
  auto r = read_action_policies(*set);
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.err().diagnostics().size() == 1);
  CHECK(r.err().message().find("Quarantaine") != std::string::npos);
  CHECK(r.err().where().line == 5);

  set->assignments.pop_back();
  auto ok = read_action_policies(*set);
  REQUIRE(ok.ok());
  CHECK(ok->find("Quarantine") != nullptr);
}

TEST_CASE("action: positions inside the policy document are those of the document") {
  auto set = read_policy_json(R"({"format": "posture-policy/1",
    "judgment_policies": [{"name": "Base"}],
    "action_policies": [{"name": "Q", "levels": {"danger": {"network": "deny", "bogus": 1}}}]})",
                              ReadOptions{"doc.json"});
  REQUIRE(set.ok());
  auto r = read_action_policies(*set, ReadOptions{"doc.json"});
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().where().file == "doc.json");
  CHECK(r.err().where().line == 3);
  CHECK(r.err().where().column == 80);
}

TEST_CASE("action: merged policy files keep the one document's action policies, and refuse two") {
  auto first = read_policy_json(R"({"format": "posture-policy/1", "judgment_policies": [{"name": "A"}]})",
                                ReadOptions{"a.json"});
  auto second = read_policy_json(R"({"format": "posture-policy/1",
    "action_policies": [{"name": "Q", "levels": {}}]})",
                                 ReadOptions{"b.json"});
  auto third = read_policy_json(R"({"format": "posture-policy/1",
    "action_policies": [{"name": "R", "levels": {}}]})",
                                ReadOptions{"c.json"});
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(third.ok());
  PolicySet set = std::move(first).value();
  REQUIRE(merge_policies(set, std::move(second).value()).ok());
  auto read = read_action_policies(set, ReadOptions{"b.json"});
  REQUIRE(read.ok());
  CHECK(read->find("Q") != nullptr);
  auto twice = merge_policies(set, std::move(third).value());
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.err().where().file == "c.json");
  CHECK(twice.err().message() ==
        "action policies are defined in more than one file (first at b.json:2:24); keep them in one");
}

TEST_CASE("action: the example of spec/formats.md §1 reads") {
  const ActionPolicySet set = policies(R"([{
    "name": "Quarantine",
    "levels": {
      "danger":  {"network": "deny", "notify_user": {"title": "Your PC is isolated", "text": "…%violations%…"},
                  "distribute": {"updates": true}, "condition": {"consecutive_times": 1}},
      "warning": {"email_admin": {"to": ["secops@example.com"], "subject": "%count% PCs at Warning", "body": "…"}},
      "safe":    {"network": "permit"}
    }
  }])");
  const ActionPolicy* q = set.find("Quarantine");
  REQUIRE(q != nullptr);
  CHECK(q->at(Level::danger)->notify_user->text.uses(TemplateVar::violations));
  CHECK(q->at(Level::warning)->email_admin->subject.uses(TemplateVar::count));
  CHECK(q->at(Level::caution) == nullptr);
}
