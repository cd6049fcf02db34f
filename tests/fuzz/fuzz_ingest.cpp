// The batch path against the scalar one on hostile fleets: ingest_fleet() must read exactly what
// read_fleet() reads (records, lines, errors and their locations) under the same limits, in one
// call or in pieces of a few records (IngestOptions::max_records and start), and the batch
// verdicts of what it read must be evaluate()'s; judge_in_chunks() reading the input from a source
// a few bytes at a time must give what it gives for the input as one text. Limits are chosen by
// the first input byte, as in fuzz_fleet, so that the limit paths are reached with small inputs.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "posture/batch.hpp"
#include "posture/engine.hpp"
#include "posture/io.hpp"

namespace {

// A policy reaching every category.
constexpr std::string_view kPolicy = R"json({"format": "posture-policy/1", "judgment_policies": [{
      "name": "Fuzz", "unknown_level": "caution",
      "security_updates": {"mode": "specified", "mandatory": [
        {"id": "KB5034765", "level": "danger", "os": "Windows 11*"},
        {"id": "KB5002519", "product": "Office*"}],
        "service_packs": [{"os": "Windows 7*", "service_pack": "1"},
                          {"product": "Office*", "service_pack": "2"}]},
      "antivirus": {"multiple_products": "best", "products": [
        {"name": "*Defender*", "min_engine_version": "1.1", "max_definition_age_days": 3}]},
      "prohibited_software": {"entries": [{"name": "uTorrent*"},
        {"name": "Java*", "version": "< 8.0.4010", "os": "Windows 1?*", "level": "warning"}]},
      "mandatory_software": {"when_missing": "level", "groups": [{"name": "PDF",
        "any_of": [{"name": "Adobe*"}, {"name": "SumatraPDF", "version": ">= 3.5"}]}]},
      "pc_security": {"excluded_users": ["svc_*"], "checks": [
        {"check": "accounts.guest_enabled"}, {"check": "passwords.max_age_days", "max_age_days": 90},
        {"check": "passwords.min_length", "min_length": 12}, {"check": "shares.non_admin"},
        {"check": "services.required", "services": ["mpssvc"]},
        {"check": "firewall.enabled", "profiles": ["domain", "public"]},
        {"check": "automatic_updates.enabled"}, {"check": "encryption.all_fixed"}]},
      "user_defined": {"items": [{"name": "auto logon", "level": "warning",
        "when": "fields[\"Registry.AutoAdminLogon\"] == \"1\" or any software(name matches \"Tor*\")"}]}
    }]})json";

// The policy compiled, read once.
const posture::Plan& plan() {
  static const posture::Plan p = [] {
    auto set = posture::read_policy_json(kPolicy);
    if (!set) __builtin_trap();
    auto compiled = posture::compile(set->judgment_policies.front(), *set);
    if (!compiled) __builtin_trap();
    return std::move(compiled).value();
  }();
  return p;
}

const posture::Engine& engine() {
  static const posture::Engine e = [] {
    auto set = posture::read_policy_json(kPolicy);
    if (!set) __builtin_trap();
    auto made = posture::Engine::create(std::move(*set));
    if (!made) __builtin_trap();
    return std::move(made).value();
  }();
  return e;
}

std::string located(const posture::error& e) {
  std::string out = e.to_string();
  for (const auto& d : e.diagnostics()) out += "@" + std::to_string(d.where.offset);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  posture::ReadOptions options;
  const std::uint8_t knobs = data[0];
  options.max_line_bytes = (knobs & 1) ? 64 + (knobs >> 2) : options.max_line_bytes;
  options.max_depth = (knobs & 2) ? 1 + (knobs >> 5) : options.max_depth;
  options.max_string_bytes = (knobs & 4) ? (knobs >> 3) : options.max_string_bytes;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  std::vector<std::string> want;
  std::vector<std::size_t> want_lines;
  std::vector<posture::error> want_bad;
  auto reference = posture::read_fleet(
      text, options,
      [&](posture::Snapshot&& s, std::size_t line) {
        want.push_back(posture::write_snapshot_json(s));
        want_lines.push_back(line);
        return true;
      },
      want_bad);

  posture::Fleet fleet;
  posture::IngestOptions ingest;
  ingest.read = options;
  ingest.mode = posture::IngestMode::append;
  std::vector<std::size_t> lines, clients;
  std::vector<posture::error> bad;
  auto read = posture::ingest_fleet(fleet, text, ingest, bad,
                                    [&](std::size_t line, std::optional<std::size_t> client) {
                                      if (!client) return;
                                      lines.push_back(line);
                                      clients.push_back(*client);
                                    });
  if (read.ok() != reference.ok()) __builtin_trap();
  if (!read && read.err().to_string() != reference.err().to_string()) __builtin_trap();
  if (lines != want_lines || bad.size() != want_bad.size()) __builtin_trap();
  for (std::size_t i = 0; i < bad.size(); ++i)
    if (located(bad[i]) != located(want_bad[i])) __builtin_trap();
  for (std::size_t i = 0; i < clients.size(); ++i)
    if (posture::write_snapshot_json(fleet.snapshot(clients[i])) != want[i]) __builtin_trap();

  // The same input in pieces of one to four records, each call going on where the last stopped.
  posture::Fleet pieces;
  posture::IngestOptions piece = ingest;
  piece.max_records = 1 + (knobs >> 6);
  std::vector<std::size_t> piece_lines;
  std::vector<posture::error> piece_bad;
  posture::IngestStats total;
  bool failed = false;
  for (;;) {
    auto part = posture::ingest_fleet(pieces, text.substr(total.bytes), piece, piece_bad,
                                      [&](std::size_t line, std::optional<std::size_t> client) {
                                        if (client) piece_lines.push_back(line);
                                      });
    if (!part) {
      if (read.ok() || part.err().to_string() != read.err().to_string()) __builtin_trap();
      failed = true;
      break;
    }
    if (part->bytes == 0 && total.bytes < text.size()) __builtin_trap();  // it would never end
    total += *part;
    if (total.bytes >= text.size()) break;
    piece.start = posture::next_start({}, total);
  }
  if (!read.ok() && !failed) __builtin_trap();
  if (read && total.records != read->records) __builtin_trap();
  if (piece_lines != lines || piece_bad.size() != bad.size()) __builtin_trap();
  for (std::size_t i = 0; i < bad.size(); ++i)
    if (located(piece_bad[i]) != located(bad[i])) __builtin_trap();
  if (pieces.size() != fleet.size()) __builtin_trap();
  for (std::size_t c = 0; c < fleet.size(); ++c)
    if (posture::write_snapshot_json(pieces.snapshot(c)) !=
        posture::write_snapshot_json(fleet.snapshot(c)))
      __builtin_trap();

  const posture::Timestamp at{1795132800};  // 2026-11-20T00:00:00Z
  posture::FleetJudge judge(plan());
  const posture::FleetVerdicts v = judge.judge(fleet, at);
  for (std::size_t c = 0; c < fleet.size(); ++c) {
    const posture::Judgment j = posture::evaluate(plan(), fleet.snapshot(c), at);
    if (j.status != v.status[c] || j.level != v.level_of(c) || j.points != v.points_of(c))
      __builtin_trap();
    for (const auto& item : j.items) {
      const auto& got = v.item(c, item.category);
      if (!got.configured || got.status != item.status || got.unknown_as_level != item.unknown_as_level ||
          (item.level ? static_cast<std::uint16_t>(*item.level) : 0) != got.level)
        __builtin_trap();
    }
  }

  // judge_in_chunks() from a source giving one to 97 bytes at a time, in chunks of one to four
  // records, against the one call above: the same records, bad records, judgments and result.
  const std::size_t block = 1 + size % 97;
  std::vector<std::string> want_judgments;
  posture::FleetJudge reporter(engine());
  reporter.report(fleet, reporter.judge(fleet, at), at,
                  [&](std::size_t c, posture::Judgment&& j) {
                    want_judgments.push_back(std::string(fleet.host(c)) +
                                             posture::write_judgment_json(j));
                    return true;
                  });
  std::vector<std::size_t> chunk_lines;
  std::vector<std::string> chunk_judgments;
  std::vector<posture::error> chunk_bad;
  posture::ChunkOptions chunks;
  chunks.records = piece.max_records;
  std::size_t given = 0;
  const posture::ByteSource source = [&](char* buffer,
                                         std::size_t room) -> posture::result<std::size_t> {
    const std::size_t n = std::min({room, block, text.size() - given});
    std::copy_n(text.data() + given, n, buffer);
    given += n;
    return n;
  };
  // Records come on the reading thread, judgments on the judging one: each has its own list.
  auto streamed = posture::judge_in_chunks(
      engine(), source, at, ingest, chunk_bad,
      [&](std::size_t line, std::optional<std::size_t> c) {
        if (c) chunk_lines.push_back(line);
      },
      [&](const posture::Fleet& f, std::size_t c, posture::Judgment&& j) {
        chunk_judgments.push_back(std::string(f.host(c)) + posture::write_judgment_json(j));
        return true;
      },
      chunks);
  if (streamed.ok() != read.ok()) __builtin_trap();
  if (!streamed && streamed.err().to_string() != read.err().to_string()) __builtin_trap();
  if (streamed && (streamed->records != read->records || streamed->bytes != text.size()))
    __builtin_trap();
  if (chunk_lines != lines || chunk_bad.size() != bad.size()) __builtin_trap();
  for (std::size_t i = 0; i < bad.size(); ++i)
    if (located(chunk_bad[i]) != located(bad[i])) __builtin_trap();
  // After a failure the whole call judges nothing; the chunks judge what they read before it.
  if (read && chunk_judgments != want_judgments) __builtin_trap();
  return 0;
}
