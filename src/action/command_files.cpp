#include "action/command_files.hpp"


#include "posture/io.hpp"
#include "posture/quarantine.hpp"

namespace posture::action {
namespace {

// A JP1 result-file value. Values come from inventories, so they lose control characters (no value
// can start a new record) before they are quoted.
void field(std::string& line, std::string_view value, std::size_t cap) {
  if (!line.empty()) line += ',';
  line += '"';
  for (char c : one_line(value, cap)) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

std::string jp1_time(Timestamp t) {
  // "2026-11-20T08:15:00Z" → "2026/11/20 08:15:00"
  std::string s = format_timestamp(t);
  if (s.size() != 20) return s;
  s[4] = '/';
  s[7] = '/';
  s[10] = ' ';
  s.pop_back();
  return s;
}

// JP1/CSC writes MACs as "00-1A-2B-3C-4D-5E" in this file.
std::string jp1_mac(const std::vector<std::string>& macs) {
  if (macs.empty()) return {};
  std::string mac = normalize_mac(macs.front()).value_or(std::string());
  for (char& c : mac)
    if (c == ':') c = '-';
  return mac;
}

}  // namespace

PlanFile asset_information_file(std::span<const ClientView> clients) {
  PlanFile f{"cscmassetinfo.dat", {}};
  for (const ClientView& c : clients) {
    const ClientState& s = *c.state;
    std::string ip;
    for (const std::string& a : s.ip)
      if (is_ipv4_address(a)) {
        ip = a;
        break;
      }
    std::string line;
    field(line, s.asset, 120);
    field(line, s.host, 128);
    field(line, ip, 15);
    field(line, s.user, 510);
    field(line, s.group, 1024);
    field(line, jp1_mac(s.mac), 17);
    field(line, s.os, 1024);
    field(line, s.location, 1024);
    field(line, "", 0);
    f.content += line;
    f.content += "\r\n";
  }
  return f;
}

PlanFile result_summary_file(std::span<const ClientView> clients) {
  PlanFile f{"cscmresult.dat", {}};
  for (const ClientView& c : clients) {
    std::string line;
    field(line, c.state->asset, 120);
    field(line, c.judgment->level ? std::to_string(level_code(*c.judgment->level)) : "", 3);
    field(line, jp1_time(c.judgment->reference_time), 19);
    f.content += line;
    f.content += "\r\n";
  }
  return f;
}

PlanFile judgment_details_file(std::span<const ClientView> clients) {
  PlanFile f{"judgments.jsonl", {}};
  for (const ClientView& c : clients) {
    f.content += write_judgment_json(*c.judgment, JsonStyle::compact);
    f.content += '\n';
  }
  return f;
}

}  // namespace posture::action
