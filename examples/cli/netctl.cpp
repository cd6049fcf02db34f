// posture netctl: network-control orders on a client-state file (as JP1/CSC's cscnetctrl,
// cscrimport and cscrexport): permit, deny, emergency-deny and the other quarantine events for
// clients named by asset, MAC, IP or host; export and import of the connection control list.
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "states.hpp"

namespace posture::cli {
namespace {

struct NetctlOptions {
  std::string states;
  std::string asset;
  std::string mac;
  std::string ip;
  std::string host;
  std::string list;
  bool auto_refuse = false;
  bool dry_run = false;
  std::string format = "json";
  std::string output;
};

std::string describe(const ClientKey& key) {
  std::string out;
  auto add = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += std::string(name) + ' ' + value;
  };
  add("asset", key.asset);
  add("mac", key.mac);
  add("ip", key.ip);
  add("host", key.host);
  return out;
}

// The clients an order names: --list, or the one key of --asset/--mac/--ip/--host.
std::optional<std::vector<ClientKey>> order_keys(const NetctlOptions& o) {
  if (!o.list.empty()) {
    ReadOptions read;
    read.file_name = input_name(o.list);
    auto text = read_input(o.list, read.max_document_bytes);
    if (!text) {
      print_error(text.err(), read.file_name);
      return std::nullopt;
    }
    auto keys = read_client_keys_jp1(*text, read);
    if (!keys) {
      print_error(keys.err(), read.file_name);
      return std::nullopt;
    }
    return std::move(*keys);
  }
  ClientKey key{o.mac, o.ip, o.host, o.asset};
  if (key.empty()) {
    print_message("name the clients with --asset, --mac, --ip, --host or --list");
    return std::nullopt;
  }
  return std::vector<ClientKey>{std::move(key)};
}

// Writes the states back (unless a dry run) and the changes for the NAC connector; reports the
// keys or entries that named nobody.
int finish(const NetctlOptions& o, const OrderResult& done, const std::vector<std::string>& names) {
  if (!write_output(o.output, write_connection_changes_json(done.changes) + "\n")) return exit_error;
  if (!o.dry_run && !save_states(o.states, done.clients)) return exit_error;
  for (std::size_t i : done.unmatched) print_message("no client matches " + names[i]);
  return done.unmatched.empty() ? exit_ok : exit_failed;
}

int run_order(const NetctlOptions& o, QuarantineEvent event) {
  const auto keys = order_keys(o);
  if (!keys) return exit_error;
  auto states = load_states(o.states);
  if (!states) return exit_error;
  event.auto_refuse = o.auto_refuse;
  std::vector<std::string> names;
  for (const ClientKey& k : *keys) names.push_back(describe(k));
  return finish(o, apply_orders(std::move(*states), *keys, event), names);
}

int run_export(const NetctlOptions& o) {
  const auto states = load_states(o.states);
  if (!states) return exit_error;
  const ConnectionControlList list = connection_control_list(*states);
  return write_output(o.output, o.format == "jp1" ? write_control_list_jp1(list)
                                                  : write_control_list_json(list) + "\n")
             ? exit_ok
             : exit_error;
}

int run_import(const NetctlOptions& o) {
  ReadOptions read;
  read.file_name = input_name(o.list);
  const auto text = read_input(o.list, read.max_document_bytes);
  if (!text) {
    print_error(text.err(), read.file_name);
    return exit_error;
  }
  const auto list = o.format == "jp1" ? read_control_list_jp1(*text, read)
                                      : read_control_list_json(*text, read);
  if (!list) {
    print_error(list.err(), read.file_name);
    return exit_error;
  }
  auto states = load_states(o.states);
  if (!states) return exit_error;
  std::vector<std::string> names;
  for (const ControlEntry& e : list->entries) names.push_back(describe({e.mac, e.ip, e.host, {}}));
  return finish(o, import_control_list(std::move(*states), *list), names);
}

CLI::App* with_states(CLI::App* cmd, NetctlOptions& o) {
  cmd->add_option("-s,--states", o.states,
                  "Client states (posture-client-states/1), read and written back")
      ->required()
      ->type_name("FILE");
  cmd->add_option("-o,--output", o.output, "Write the output here instead of standard output")
      ->type_name("FILE");
  return cmd;
}

void add_order(CLI::App& netctl, const char* name, const char* help, QuarantineEventKind kind,
               const std::shared_ptr<NetctlOptions>& o, int& status) {
  CLI::App* cmd = with_states(netctl.add_subcommand(name, help), *o);
  cmd->add_option("--asset", o->asset, "The client with this asset number")->type_name("ASSET");
  cmd->add_option("-m,--mac", o->mac, "The client with this MAC address (wins over --ip/--host)")
      ->type_name("MAC");
  cmd->add_option("-i,--ip", o->ip, "The clients with this IP address")->type_name("IP");
  cmd->add_option("-H,--host", o->host, "The clients with this host name")->type_name("HOST");
  cmd->add_option("-f,--list", o->list,
                  "JP1/CSC network connection control list file: MAC,IP,host per line")
      ->type_name("FILE");
  cmd->add_flag("-n,--dry-run", o->dry_run, "Do not write the states back");
  if (kind == QuarantineEventKind::remove)
    cmd->add_flag("--auto-refuse", o->auto_refuse, "Deny the client before removing its entries");
  cmd->callback([o, kind, &status] { status = run_order(*o, QuarantineEvent{kind, {}, false}); });
}

}  // namespace

void add_netctl_command(CLI::App& app, int& status) {
  auto o = std::make_shared<NetctlOptions>();
  CLI::App* netctl = app.add_subcommand(
      "netctl", "Network control: permit, deny or emergency-deny clients; export or import the "
                "connection control list");
  netctl->require_subcommand(1);
  netctl->footer(
      "Orders name their clients as JP1/CSC's cscnetctrl does: by MAC address when one is given, "
      "else by IP address and/or host name; or by --asset. They change the quarantine states in "
      "--states and print the connection changes for the NAC connector "
      "(posture-connection-changes/1). An emergency denial is cleared only by permit.\n\n"
      "Exit status: 0 when done; 1 when a client named matches nothing (the others are still "
      "done); 2 on bad input.");
  using K = QuarantineEventKind;
  add_order(*netctl, "permit", "Permit the clients (also ends an emergency denial)", K::admin_permit, o,
            status);
  add_order(*netctl, "deny", "Deny the clients", K::admin_deny, o, status);
  add_order(*netctl, "emergency-deny", "Deny the clients at once, until an explicit permit",
            K::emergency_deny, o, status);
  add_order(*netctl, "register", "Register the clients as permitted (permitted-PC list)",
            K::register_permitted, o, status);
  add_order(*netctl, "remove", "The clients are retired: remove their entries", K::remove, o,
            status);
  add_order(*netctl, "exempt", "Take the clients out of network control", K::set_exempt, o, status);
  add_order(*netctl, "unexempt", "Put exempt clients back under network control", K::clear_exempt, o,
            status);

  CLI::App* exp = with_states(
      netctl->add_subcommand("export", "Write the connection control list of the states"), *o);
  exp->add_option("--format", o->format, "json (posture-connection-control/1) or jp1 (MAC,IP,1|2)")
      ->check(CLI::IsMember({"json", "jp1"}));
  exp->callback([o, &status] { status = run_export(*o); });

  CLI::App* imp = with_states(
      netctl->add_subcommand("import", "Apply a connection control list to the states as orders"),
      *o);
  imp->add_option("-f,--list", o->list, "The list to import")->required()->type_name("FILE");
  imp->add_option("--format", o->format, "json (posture-connection-control/1) or jp1 (MAC,IP,1|2)")
      ->check(CLI::IsMember({"json", "jp1"}));
  imp->add_flag("-n,--dry-run", o->dry_run, "Do not write the states back");
  imp->callback([o, &status] { status = run_import(*o); });
}

}  // namespace posture::cli
