#include "action/check.hpp"

#include <algorithm>
#include <string>

#include "action/limits.hpp"

namespace posture::action {
namespace {

// What a text may contain, by where it goes.
struct TextRule {
  std::string_view what;  // "notify_user title"
  std::size_t cap = 0;
  bool one_line = false;  // rendered on one line: no line break in its literal text
  bool batch = false;     // lists every client of a run (admin mail, command)
  bool required = true;
};

class Checker {
 public:
  explicit Checker(std::vector<diagnostic>& problems) : problems_(problems) {}

  void problem(const source_location& where, std::string message) {
    problems_.push_back({errc::check, std::move(message), where});
  }

  void text(const Template& t, const TextRule& rule, const source_location& owner) {
    const source_location& at = t.where().line != 0 ? t.where() : owner;
    const std::string what(rule.what);
    if (t.empty()) {
      if (rule.required) problem(at, what + " is empty");
      return;
    }
    if (t.literal_bytes() > rule.cap)
      problem(at, what + " has " + std::to_string(t.literal_bytes()) +
                      " bytes of fixed text; the limit is " + std::to_string(rule.cap));
    for (const Template::Part& p : t.parts()) {
      if (p.var) continue;
      if (rule.one_line && std::any_of(p.literal.begin(), p.literal.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
          })) {
        problem(at, what + " is one line: it may not contain line breaks or control characters");
        break;
      }
      if (p.literal.find('\0') != std::string::npos) {
        problem(at, what + " may not contain a NUL character");
        break;
      }
    }
    if (!rule.batch && t.uses(TemplateVar::count))
      problem(at, "%count% counts the clients of a batch, but " + what + " is per client");
    if (rule.batch && rule.one_line && t.uses_client_vars())
      problem(at, what + " covers every client of the run; per-client variables such as %host% "
                         "belong in the body");
  }

  void condition(const std::optional<ExecutionCondition>& c, const source_location& where) {
    if (c && (c->count < 1 || c->count > max_condition_count))
      problem(where, "an execution condition counts 1 to " + std::to_string(max_condition_count) +
                         ", not " + std::to_string(c->count));
  }

  void block(const LevelActions& b) {
    condition(b.condition, b.where);
    if (const auto& a = b.notify_user) {
      text(a->title, {"notify_user title", max_title_bytes, true, false}, a->where);
      text(a->text, {"notify_user text", max_text_bytes, false, false}, a->where);
      if (a->html) text(*a->html, {"notify_user html", max_html_bytes, false, false}, a->where);
      condition(a->condition, a->where);
    }
    if (const auto& a = b.email_admin) {
      if (a->to.empty()) problem(a->where, "email_admin needs at least one recipient");
      if (a->to.size() > max_recipients)
        problem(a->where, "email_admin has " + std::to_string(a->to.size()) +
                              " recipients; the limit is " + std::to_string(max_recipients));
      for (const std::string& address : a->to)
        if (!valid_mail_address(address))
          problem(a->where, "not a mail address of at most 64 bytes: \"" + address + "\"");
      text(a->subject, {"email_admin subject", max_subject_bytes, true, true}, a->where);
      text(a->body, {"email_admin body", max_body_bytes, false, true}, a->where);
      condition(a->condition, a->where);
    }
    if (const auto& a = b.network) condition(a->condition, a->where);
    if (const auto& a = b.command) command(*a);
    if (const auto& a = b.distribute) {
      if (!a->updates && !a->antivirus_definitions)
        problem(a->where, "distribute distributes nothing: set updates or antivirus_definitions");
      condition(a->condition, a->where);
    }
    if (const auto& a = b.event) {
      text(a->message, {"event message", max_event_bytes, true, false}, a->where);
      condition(a->condition, a->where);
    }
  }

  void command(const CommandAction& a) {
    if (a.program.empty()) problem(a.where, "command needs a program");
    if (a.program.size() > max_program_bytes)
      problem(a.where, "the command's program path is longer than " +
                           std::to_string(max_program_bytes) + " bytes");
    if (std::any_of(a.program.begin(), a.program.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
      problem(a.where, "the command's program path contains control characters");
    if (a.jp1_preset && !a.args.empty())
      problem(a.where, "a command with preset \"jp1\" takes JP1/CSC's arguments; remove args");
    if (!a.jp1_preset && (a.pass_asset || a.pass_results != ResultDetail::none))
      problem(a.where, "pass_asset and pass_results need preset \"jp1\", whose -CSC_folder "
                       "argument tells the command where the files are");
    if (a.args.size() > max_arguments)
      problem(a.where, "a command takes at most " + std::to_string(max_arguments) + " arguments");
    for (const Template& arg : a.args)
      text(arg, {"command argument", max_argument_bytes, false, true, false}, a.where);
    condition(a.condition, a.where);
  }

 private:
  std::vector<diagnostic>& problems_;
};

}  // namespace

bool valid_mail_address(std::string_view address) noexcept {
  if (address.empty() || address.size() > max_address_bytes) return false;
  const std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  constexpr std::string_view forbidden = " \"(),:;<>[\\]";
  return std::all_of(address.begin(), address.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && forbidden.find(c) == std::string_view::npos;
  });
}

void check_policy(const ActionPolicy& policy, std::vector<diagnostic>& problems) {
  Checker check(problems);
  if (policy.name.empty()) check.problem(policy.where, "an action policy needs a name");
  if (policy.name.size() > max_policy_name_bytes)
    check.problem(policy.where, "an action policy name has at most " +
                                    std::to_string(max_policy_name_bytes) + " bytes");
  for (Level level : {Level::danger, Level::warning, Level::caution, Level::safe})
    if (const LevelActions* b = policy.at(level)) check.block(*b);
}

}  // namespace posture::action
