// The posture subcommands. Each adds itself to the application; when it is the one chosen, its
// callback runs it and stores its exit status (common.hpp) in `status`.
#pragma once

#include <CLI/CLI.hpp>

namespace posture::cli {

void add_judge_command(CLI::App& app, int& status);
void add_check_command(CLI::App& app, int& status);
void add_test_command(CLI::App& app, int& status);
void add_act_command(CLI::App& app, int& status);
void add_netctl_command(CLI::App& app, int& status);

}  // namespace posture::cli
