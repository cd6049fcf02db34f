// posture check: validates policies (read, merge, compile) and lists every problem.
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "common.hpp"

namespace posture::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> policies;
  std::string catalog;
};

int run_check(const CheckOptions& o) {
  std::vector<std::string> inputs = o.policies;
  inputs.push_back(o.catalog);
  if (!stdin_at_most_once(inputs)) return exit_error;
  const auto engine = load_engine(o.policies, o.catalog, {});
  if (!engine) return exit_error;
  const std::size_t n = engine->policies().judgment_policies.size();
  std::printf("ok: %zu judgment %s\n", n, n == 1 ? "policy" : "policies");
  return exit_ok;
}

}  // namespace

void add_check_command(CLI::App& app, int& status) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Validate policies: read, merge and compile them, and list every problem");
  cmd->footer(
      "Every problem is printed on stderr as file:line:column: message. Exit status: 0 when the "
      "policies are clean (prints \"ok: N judgment policies\"), 2 otherwise.");
  cmd->add_option("-p,--policy", o->policies,
                  "Policy document(s) (posture-policy/1), merged by name; - for stdin")
      ->required()
      ->type_name("FILE...");
  cmd->add_option("-c,--catalog", o->catalog, "Patch catalog (posture-catalog/1) for supersedence")
      ->type_name("FILE");
  cmd->callback([o, &status] { status = run_check(*o); });
}

}  // namespace posture::cli
