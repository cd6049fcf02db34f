// posture act: selects actions from stored judgments (deferred mode, as JP1/CSC's cscaction) and
// writes the plan for a host script to carry out.
#include <cstdio>
#include <limits>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "posture/io.hpp"
#include "states.hpp"

namespace posture::cli {
namespace {

struct ActOptions {
  std::vector<std::string> policies;
  std::string judgments;
  std::string states;
  bool dry_run = false;
  std::string action_policy;
  std::string command_folder;
  std::string mail_from;
  std::string output;
  bool compact = false;
};

int run_act(const ActOptions& o) {
  std::vector<std::string> inputs = o.policies;
  inputs.push_back(o.judgments);
  if (!stdin_at_most_once(inputs)) return exit_error;

  const auto engine = load_engine(o.policies, "", {});
  if (!engine) return exit_error;
  const auto policies = load_action_policies(*engine);
  if (!policies) return exit_error;

  ReadOptions read;
  read.file_name = input_name(o.judgments);
  // Selection takes every judgment at once, so they are all in memory whatever the input's size;
  // a document limit would only refuse large fleets (256 MB is ~60k clients' judgments). Each
  // JSON Lines record keeps its limits.
  read.max_document_bytes = std::numeric_limits<std::size_t>::max();
  const auto text = read_input(o.judgments, read.max_document_bytes);
  if (!text) {
    print_error(text.err(), read.file_name);
    return exit_error;
  }
  const auto judgments = read_judgments_json(*text, read);
  if (!judgments) {
    print_error(judgments.err(), read.file_name);
    return exit_error;
  }
  const auto states = load_states(o.states);
  if (!states) return exit_error;

  SelectOptions options;
  options.policy = o.action_policy;
  options.command_folder = o.command_folder;
  options.mail_from = o.mail_from;
  const auto selection = select_actions(*policies, *judgments, *states, options);
  if (!selection) {
    print_error(selection.err(), {});
    return exit_error;
  }

  // The plan first: states that record actions nobody was told about would be worse than a plan
  // that can be produced again.
  const JsonStyle style = o.compact ? JsonStyle::compact : JsonStyle::pretty;
  if (!write_output(o.output, write_action_plan_json(selection->plan, style) + "\n")) return exit_error;
  if (!o.dry_run && !o.states.empty() && !save_states(o.states, selection->states)) return exit_error;
  std::fprintf(stderr, "posture: %zu actions for %zu clients\n", selection->plan.actions.size(),
               selection->plan.clients.size());
  return exit_ok;
}

}  // namespace

void add_act_command(CLI::App& app, int& status) {
  auto o = std::make_shared<ActOptions>();
  CLI::App* cmd = app.add_subcommand(
      "act", "Select actions from stored judgments and write the action plan (deferred mode)");
  cmd->footer(
      "Each client's judgments are recorded once, in time order, and its latest one is acted on "
      "through its action policy (--action-policy, else the one assigned). The plan "
      "(posture-action-plan/1) lists every action in the order to carry it out, and per client "
      "what was selected and why. --states is read and then written back with the new "
      "counters and quarantine states, unless --dry-run.\n\n"
      "Exit status: 0 when the plan was written; 2 on bad input.");
  cmd->add_option("-p,--policy", o->policies,
                  "Policy document(s) (posture-policy/1) with the action policies")
      ->required()
      ->type_name("FILE...");
  cmd->add_option("-j,--judgments", o->judgments,
                  "Judgments as `posture judge` writes them (JSON Lines or json); - for stdin")
      ->required()
      ->type_name("FILE|-");
  cmd->add_option("-s,--states", o->states,
                  "Client states (posture-client-states/1), read and written back; created when "
                  "missing")
      ->type_name("FILE");
  cmd->add_flag("-n,--dry-run", o->dry_run, "Do not write the states back");
  cmd->add_option("-a,--action-policy", o->action_policy,
                  "Act with this action policy instead of each client's (not Initial)")
      ->type_name("NAME");
  cmd->add_option("--command-folder", o->command_folder,
                  "Where JP1-style commands get their file folders")
      ->type_name("DIR");
  cmd->add_option("--mail-from", o->mail_from, "Sender of administrator mails")->type_name("ADDRESS");
  cmd->add_option("-o,--output", o->output, "Write the plan here instead of standard output")
      ->type_name("FILE");
  cmd->add_flag("--compact", o->compact, "Write the plan on one line");
  cmd->callback([o, &status] { status = run_act(*o); });
}

}  // namespace posture::cli
