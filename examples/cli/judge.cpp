// posture judge: judges a fleet against policies and writes a report.
#include <chrono>
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "posture/batch.hpp"
#include "posture/io.hpp"
#include "posture/report.hpp"
#include "progress.hpp"
#include "states.hpp"

namespace posture::cli {
namespace {

struct JudgeOptions {
  std::vector<std::string> policies;
  std::string catalog;
  std::string inventory;
  std::string at;
  std::string format = "table";
  std::string fail_on;
  bool require_agent_version = false;
  std::string output;
  bool at_given = false;
  std::size_t width = 0;
  bool width_given = false;
  std::string actions;  // where the action plan goes; empty: no actions
  std::string states;
};

// The one place posture reads the clock: the library takes the reference time as an argument.
Timestamp now_utc() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()};
}

// The table fills the terminal it is shown in; written to a file or a pipe it keeps every reason
// whole, for grep and for reading later.
std::size_t table_width(const JudgeOptions& o) {
  if (o.width_given) return o.width;
  if (!o.output.empty() && o.output != "-") return 0;
  return terminal_columns();
}

// Prints the bad records read_fleet has collected since the last call, so that in a long stream
// they appear near the output of their neighbours.
void print_new(const std::vector<error>& bad, std::size_t& printed, const std::string& file,
               Progress& progress) {
  if (printed == bad.size()) return;
  progress.erase();
  for (; printed < bad.size(); ++printed) print_error(bad[printed], file);
}

int run_judge(const JudgeOptions& o) {
  std::vector<std::string> inputs = o.policies;
  inputs.push_back(o.catalog);
  inputs.push_back(o.inventory);
  if (!stdin_at_most_once(inputs)) return exit_error;

  Timestamp at = now_utc();
  if (o.at_given) {
    const auto parsed = parse_timestamp(o.at);
    if (!parsed) {
      print_message(
          "--at: expected an RFC 3339 time (2024-02-20T09:00:00Z) or a date (2024-02-20), got \"" +
          o.at + "\"");
      return exit_error;
    }
    at = *parsed;
  }
  const ReportFormat format = parse_report_format(o.format).value_or(ReportFormat::table);
  const std::optional<Level> fail_on = o.fail_on.empty() ? std::nullopt : parse_level(o.fail_on);

  EvalOptions eval;
  eval.require_agent_version = o.require_agent_version;
  const auto engine = load_engine(o.policies, o.catalog, eval);
  if (!engine) return exit_error;
  std::optional<ActionRun> actions;
  if (!o.actions.empty()) {
    if (o.actions == "-" && (o.output.empty() || o.output == "-")) {
      print_message("--actions -: the report already goes to standard output; give --output FILE");
      return exit_error;
    }
    if (!actions.emplace().begin(*engine, o.states)) return exit_error;
  }

  ReadOptions read;
  read.file_name = input_name(o.inventory);
  // Read as it is judged, a part at a time: a fleet of any size, in the memory of two chunks.
  auto input = open_input(o.inventory);
  if (!input) {
    print_error(input.err(), read.file_name);
    return exit_error;
  }

  // Opened only now, so that bad policies or an inventory that cannot be opened leave an old report
  // intact.
  Output out;
  if (!out.open(o.output)) return exit_error;

  ReportWriter writer(format, TableOptions{.width = table_width(o)});
  // Rows stream out while the rest is read; on the terminal that shows them, a progress line
  // would be mixed into them. The table is written whole at the end.
  const bool rows_on_terminal =
      format != ReportFormat::table && (o.output.empty() || o.output == "-") && is_terminal(stdout);
  Progress progress(input->size(), !rows_on_terminal);
  std::vector<error> bad;
  std::size_t printed = 0;
  bool reached = false;
  // The batch path: records into columns a chunk at a time, each chunk judged and reported while
  // the next is read, and full judgments built only where the report shows conditions or reasons.
  IngestOptions ingest;  // one client per record, each with its own row (append mode)
  ingest.read = read;
  ChunkOptions chunks;
  chunks.full = format == ReportFormat::jsonl || format == ReportFormat::json || actions;
  std::size_t records = 0;
  const ByteSource source = [&](char* buffer, std::size_t size) {
    return input->read(buffer, size);
  };
  const auto ingested = judge_in_chunks(
      *engine, source, at, ingest, bad,
      [&](std::size_t line, std::optional<std::size_t>) {
        print_new(bad, printed, read.file_name, progress);
        progress.update(++records, line, input->delivered());
      },
      [&](const Fleet& chunk, std::size_t c, Judgment&& j) {
        if (fail_on && j.status == Status::judged && j.level && *j.level >= *fail_on)
          reached = true;
        if (actions) actions->add(chunk.snapshot(c), j);
        // A closed pipe or a full disk ends the run; judging on would only produce lost output.
        return out.write(writer.add(j, chunk.host(c), chunk.user(c)));
      },
      chunks);
  progress.erase();
  print_new(bad, printed, read.file_name, progress);
  if (!ingested) print_error(ingested.err(), read.file_name);

  out.write(writer.finish());
  const bool written = out.close();
  if (format != ReportFormat::table)
    std::fprintf(stderr, "%s\n", format_summary(writer.summary()).c_str());
  const bool acted = !actions || actions->finish(o.actions, o.states);

  if (!ingested || !bad.empty() || !written || !acted) return exit_error;
  return reached ? exit_failed : exit_ok;
}

}  // namespace

void add_judge_command(CLI::App& app, int& status) {
  auto o = std::make_shared<JudgeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "judge", "Judge a fleet's inventory against policies and report the levels");
  cmd->footer(
      "The reference time for age rules (definition age, password age) is --at, or else the "
      "current "
      "UTC time: the command line is the one place posture reads the clock, so pass --at for "
      "reproducible results.\n\n"
      "Exit status: 0 when every client was judged; 1 when a client reached the --fail-on level; "
      "2 on bad input (policy, catalog or inventory errors, printed on stderr as "
      "file:line:column: message). A bad inventory record is reported with its line and skipped; "
      "the other clients are still judged and written, and the exit status is 2.");
  cmd->add_option("-p,--policy", o->policies,
                  "Policy document(s) (posture-policy/1), merged by name")
      ->required()
      ->type_name("FILE...");
  cmd->add_option("-c,--catalog", o->catalog,
                  "Patch catalog (posture-catalog/1) for supersedence and distribution")
      ->type_name("FILE");
  cmd->add_option("-i,--inventory", o->inventory,
                  "Fleet inventory: JSON Lines, a JSON array or one snapshot "
                  "(posture-inventory/1); - for stdin")
      ->required()
      ->type_name("FILE|-");
  CLI::Option* at =
      cmd->add_option("--at", o->at,
                      "Reference time, RFC 3339 (2024-02-20T09:00:00Z) or a date (2024-02-20); "
                      "default: now (UTC)")
          ->type_name("TIME");
  cmd->add_option("-f,--format", o->format,
                  "Output format: table, jsonl, json or csv (default: table)")
      ->check(CLI::IsMember({"table", "jsonl", "json", "csv"}))
      ->type_name("FORMAT");
  cmd->add_option("--fail-on", o->fail_on,
                  "Exit with status 1 when a client is judged at this level or worse")
      ->check(CLI::IsMember({"safe", "caution", "warning", "danger"}, CLI::ignore_case))
      ->type_name("LEVEL");
  cmd->add_flag("--require-agent-version", o->require_agent_version,
                "A snapshot without agent_version has every item unknown");
  cmd->add_option("-o,--output", o->output, "Write the report here instead of standard output")
      ->type_name("FILE");
  CLI::Option* width =
      cmd->add_option("--width", o->width,
                      "Table width in columns, 0 for no limit (default: the terminal's width; "
                      "no limit when not writing to a terminal)")
          ->type_name("N");
  cmd->add_option("--actions", o->actions,
                  "Also select actions for the run and write the action plan "
                  "(posture-action-plan/1) here; - for standard output (docs/actions.md)")
      ->type_name("FILE|-");
  cmd->add_option("--states", o->states,
                  "With --actions: client states (posture-client-states/1), read and written "
                  "back; created when missing")
      ->type_name("FILE");
  cmd->callback([o, at, width, &status] {
    o->at_given = at->count() > 0;
    o->width_given = width->count() > 0;
    status = run_judge(*o);
  });
}

}  // namespace posture::cli
