// posture: the command line over the posture library. Every decision is the library's; this
// program reads files, calls it and writes what it returns.
#include <cstdio>
#include <new>

#include "commands.hpp"
#include "common.hpp"
#include "posture/library_version.hpp"

int main(int argc, char** argv) {
  using namespace posture::cli;
  // Nothing below should throw but allocation failure; whatever does, the user gets a sentence,
  // never a C++ exception text.
  try {
    CLI::App app{
        "posture judges the security posture of client PCs (Safe, Caution, Warning, Danger) "
        "from their inventory against judgment policies.",
        "posture"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "posture " POSTURE_VERSION_STRING);
    app.footer("Run 'posture COMMAND --help' for a command's options.");

    int status = exit_ok;
    add_judge_command(app, status);
    add_check_command(app, status);
    add_test_command(app, status);
    add_act_command(app, status);
    add_netctl_command(app, status);
    app.add_subcommand("version", "Print the version")->callback([] {
      std::printf("posture %s\n", POSTURE_VERSION_STRING);
    });

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      // Help and --version end with status 0; a usage error is bad input, status 2.
      const int code = app.exit(e);
      return code == 0 ? exit_ok : exit_error;
    }
    return status;
  } catch (const std::bad_alloc&) {
    std::fputs("posture: out of memory\n", stderr);
  } catch (...) {
    std::fputs("posture: internal error\n", stderr);
  }
  return exit_error;
}
