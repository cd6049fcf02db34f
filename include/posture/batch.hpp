// Fleet judgment in columns (the batch path; DESIGN.md rules 1 and 2).
//
// A Fleet keeps many clients' snapshots in memory in columnar form: strings are interned in
// dictionaries shared by all clients, lists (programs, updates, …) are runs of dictionary ids, and
// scalars are columns with presence bits. A host keeps one Fleet alive, feeds it changed
// snapshots (a JSON Lines record whose digest equals the stored one is skipped without being
// parsed) and judges the whole fleet after every inventory import or policy change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "posture/engine.hpp"
#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/io.hpp"
#include "posture/judgment.hpp"
#include "posture/plan.hpp"

namespace posture {

/// A 128-bit digest of a snapshot's JSON text: equal texts have equal digests. It is not a
/// cryptographic hash. It decides only whether a record changed, and the one party that could
/// craft a colliding record is the client that writes it, which can as well resend its old record.
struct SnapshotDigest {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  friend bool operator==(const SnapshotDigest&, const SnapshotDigest&) = default;
};

/// The digest of a record's text, as ingest_fleet() computes it for each JSON Lines record.
SnapshotDigest digest_of(std::string_view text) noexcept;

/// Memory held by a Fleet, in bytes.
struct FleetMemory {
  std::size_t columns = 0;       ///< per-client columns, lists and indexes: grows with the clients
  std::size_t dictionaries = 0;  ///< distinct strings and records shared between clients
};

/// Many clients' snapshots in columnar form. Clients are numbered 0 … size()-1 in the order they
/// were added; removing a client moves the last client into its place. A moved-from Fleet may
/// only be destroyed or assigned to.
/// Thread safety: const members may run on many threads at once; any change needs exclusive access.
class Fleet {
 public:
  struct Impl;

  Fleet();
  ~Fleet();
  Fleet(const Fleet& other);
  Fleet& operator=(const Fleet& other);
  Fleet(Fleet&& other) noexcept;
  Fleet& operator=(Fleet&& other) noexcept;

  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }

  /// Adds `snapshot` as a new client, or replaces the client with the same asset number.
  /// Returns the client's number. Errors: errc::limit when a column or dictionary of the fleet
  /// would exceed 2^32 entries; the fleet's clients are then unchanged.
  result<std::size_t> upsert(const Snapshot& snapshot);

  /// Adds `snapshot` as a new client even when a client with its asset number exists, for a batch
  /// judged record by record (a JSON Lines file may report one client twice). find(), upsert() and
  /// remove() then address the one added last; once it is removed, the highest-numbered of the
  /// others. Errors as upsert().
  result<std::size_t> append(const Snapshot& snapshot);

  /// Removes the client with this asset number (see append() for twins). Returns false when there
  /// is none.
  bool remove(std::string_view asset);

  /// Removes every client; dictionaries are kept, so a judge's per-entry work stays valid.
  void clear() noexcept;

  /// The number of the client with this asset number (see append() for twins).
  std::optional<std::size_t> find(std::string_view asset) const noexcept;

  /// The client's asset number; valid until the fleet changes. `client` < size().
  std::string_view asset(std::size_t client) const noexcept;
  /// The client's host, user and group names, for reports; valid until the fleet changes.
  std::string_view host(std::size_t client) const noexcept;
  std::string_view user(std::size_t client) const noexcept;
  std::string_view group(std::size_t client) const noexcept;

  /// The client's snapshot, rebuilt from the columns: equal, member by member, to the snapshot
  /// it was built from (or that read_snapshot_json() reads from its record). `client` < size().
  Snapshot snapshot(std::size_t client) const;

  /// The digest of the JSON text the client was read from; zero when built from a Snapshot.
  SnapshotDigest digest(std::size_t client) const noexcept;

  FleetMemory memory() const noexcept;

  /// Internal columns, for the batch evaluator (src/batch/fleet_impl.hpp).
  const Impl& impl() const noexcept { return *impl_; }
  Impl& impl() noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// How ingest_fleet() treats a record whose asset number is already in the fleet.
enum class IngestMode : std::uint8_t {
  upsert = 0,  ///< replace that client (skipping the record when its digest is unchanged)
  append = 1,  ///< add a new client for every record (Fleet::append)
};

/// Where a piece of an input begins in the whole input.
struct InputPosition {
  std::size_t line = 1;    ///< the 1-based line of the piece's first byte
  std::size_t offset = 0;  ///< the byte offset of the piece's first byte
};

struct IngestOptions {
  ReadOptions read;  ///< limits and the file name used in diagnostics
  IngestMode mode = IngestMode::upsert;
  /// Upsert mode: a record whose text is the very text its client was last read from (their
  /// digests are equal) is not parsed again.
  bool skip_unchanged = true;
  /// Stop after this many records (0: no limit), so that a host can read a large input in
  /// pieces and work on each while the next is read. The call then stops at the start of the line
  /// the next record begins on; IngestStats::bytes and lines say where that is. Only JSON Lines
  /// are read in pieces: a JSON array or a single snapshot is read whole, and so is the rest of
  /// the input from a record that spans lines (read_fleet() then decides where records begin).
  std::size_t max_records = 0;
  /// Where `text` begins in the whole input: for the piece after one that stopped at
  /// max_records, {line + lines, offset + bytes} of the calls before. Each piece then reads as
  /// the whole input would from there: the lines given to the RecordSink, and the line, column
  /// and offset of every error (and the lines errors name, "first at line 3"), are those of one
  /// call over the whole input. A piece at a non-zero offset is read as JSON Lines, without a
  /// byte-order mark.
  InputPosition start;
  /// For a host that holds only the input's first part: where this call would read the rest of
  /// `text` whole (a JSON array, a single snapshot, a record that spans lines), it stops at the
  /// start of that record's line instead and sets IngestStats::whole_rest, so that the host can
  /// fetch the rest of the input and call again.
  bool stop_before_whole_rest = false;
};

/// What one ingest_fleet() call did.
struct IngestStats {
  std::size_t records = 0;    ///< records read, good and bad (blank lines are not records)
  std::size_t added = 0;      ///< new clients
  std::size_t replaced = 0;   ///< clients whose snapshot changed
  std::size_t unchanged = 0;  ///< records skipped by digest
  std::size_t bad = 0;        ///< records that could not be read (see bad_records)
  /// Records read with read_fleet() because the streaming reader does not take their shape
  /// (errors, unusual values, nested custom fields, records spanning lines): a host seeing many
  /// learns that its agents write something the fast path should learn to read.
  std::size_t slow = 0;
  std::size_t bytes = 0;      ///< input bytes consumed: all, unless it stopped at max_records
  std::size_t lines = 0;      ///< line breaks in those bytes
  /// Stopped where the rest of the input must be read whole
  /// (IngestOptions::stop_before_whole_rest).
  bool whole_rest = false;

  /// Adds a later piece's counts, for a host that reads one input in pieces and keeps a total.
  IngestStats& operator+=(const IngestStats& piece) noexcept {
    records += piece.records;
    added += piece.added;
    replaced += piece.replaced;
    unchanged += piece.unchanged;
    bad += piece.bad;
    slow += piece.slow;
    bytes += piece.bytes;
    lines += piece.lines;
    whole_rest = piece.whole_rest;
    return *this;
  }
};

/// Where the next piece begins (IngestOptions::start) after `read`, the total of the pieces read
/// so far of an input that began at `start`.
inline InputPosition next_start(const InputPosition& start, const IngestStats& read) noexcept {
  return {start.line + read.lines, start.offset + read.bytes};
}

/// Called once per record, in input order: the record's 1-based line and the client it went to,
/// or no client for a bad record (whose error was appended to bad_records just before).
using RecordSink = std::function<void(std::size_t line, std::optional<std::size_t> client)>;

/// Reads a fleet document into `fleet`: JSON Lines (one snapshot per line, blank lines ignored),
/// a JSON array of snapshots, or a single snapshot object, as read_fleet() does, and with its
/// semantics record by record: the fleet afterwards holds what upsert() (or append()) of each
/// read_snapshot_json() result would give. JSON Lines records are read by a streaming reader that
/// builds no per-client tree, and records seen before (same digest) are skipped in upsert mode.
/// A bad record does not stop the others: its error (with its line) is appended to `bad_records`.
/// The call fails only when the input as a whole cannot be read (as read_fleet() fails) or the
/// fleet reaches its column limits (errc::limit); the records before the failure stay in the fleet.
/// A large input may be read in pieces (IngestOptions::max_records and start).
result<IngestStats> ingest_fleet(Fleet& fleet, std::string_view text, const IngestOptions& options,
                                 std::vector<error>& bad_records, const RecordSink& on_record = {});

/// FleetVerdicts::plan of a client no plan judged.
inline constexpr std::uint32_t no_plan = 0xffffffffu;

/// The verdicts of a fleet, one entry per client in fleet order (or per listed client).
struct FleetVerdicts {
  std::vector<Status> status;
  std::vector<std::uint16_t> level;  ///< level code (100–400), 0 when the client has no level
  std::vector<std::int8_t> points;   ///< evaluation points 0–100, -1 when none
  /// Index into FleetJudge::plans() of the plan that judged the client; no_plan when the engine
  /// has no judgment policy to assign (the client is then not_judged).
  std::vector<std::uint32_t> plan;
  /// Client-major: items[client * category_count + category].
  std::vector<ItemVerdict> items;

  std::size_t size() const noexcept { return status.size(); }
  std::optional<Level> level_of(std::size_t client) const noexcept;
  std::optional<int> points_of(std::size_t client) const noexcept;
  const ItemVerdict& item(std::size_t client, Category category) const noexcept {
    return items[client * category_count + static_cast<std::size_t>(category)];
  }
};

struct BatchOptions {
  /// Threads to judge with; 0 means one per core. The verdicts do not depend on it.
  unsigned threads = 0;
};

/// Judges fleets with one plan, or with an engine's plans and assignment table.
/// Per-dictionary-entry results are kept between calls and extended as the fleet's dictionaries
/// grow; judging another fleet starts them afresh.
/// Thread safety: judge() changes that state, so one FleetJudge serves one thread at a time (it
/// runs threads of its own); judgment() is const and may run on many threads at once.
class FleetJudge {
 public:
  struct State;

  /// Every client is judged with `plan`.
  explicit FleetJudge(Plan plan, EvalOptions options = {});
  /// Each client is judged with the plan the engine assigns to its asset number and group, as
  /// Engine::judge() does.
  explicit FleetJudge(const Engine& engine);
  ~FleetJudge();
  FleetJudge(FleetJudge&& other) noexcept;
  FleetJudge& operator=(FleetJudge&& other) noexcept;

  /// Judges every client of `fleet` at `reference_time`. Never fails: the verdicts of a client are
  /// those evaluate() gives for its snapshot. Reuses the allocations of `out`.
  void judge(const Fleet& fleet, Timestamp reference_time, FleetVerdicts& out,
             const BatchOptions& options = {});
  FleetVerdicts judge(const Fleet& fleet, Timestamp reference_time,
                      const BatchOptions& options = {});
  /// Judges only the listed clients (each < fleet.size()), for a host that re-judges the few
  /// clients an import changed: `out` gets one entry per listed client, in list order.
  void judge(const Fleet& fleet, std::span<const std::size_t> clients, Timestamp reference_time,
             FleetVerdicts& out, const BatchOptions& options = {});

  /// The full judgment of one client, with every condition and its evidence, as evaluate() (or
  /// Engine::judge()) gives it for the client's snapshot. `client` < fleet.size().
  Judgment judgment(const Fleet& fleet, std::size_t client, Timestamp reference_time) const;

  /// Receives a client's judgment, in order; returns false to stop.
  using JudgmentSink = std::function<bool(std::size_t client, Judgment&& judgment)>;

  /// Judgments for a report on `verdicts` (as judge() gave them for this whole fleet and time):
  /// with `full`, every client's full judgment; otherwise each item with findings with only its
  /// conditions worse than Safe or unknown, as evaluate() builds them, evidence included, and
  /// every other item from the verdicts alone, without conditions. Reports that show reasons
  /// rather than conditions (table rows, CSV records, summaries) render both the same, as they
  /// show only such conditions; JSON output shows every condition and needs `full`.
  /// Full judgments are built on `options.threads` threads; `sink` sees them in fleet order.
  void report(const Fleet& fleet, const FleetVerdicts& verdicts, Timestamp reference_time,
              const JudgmentSink& sink, bool full = false, const BatchOptions& options = {}) const;

  /// The plans clients may be judged with; FleetVerdicts::plan indexes this.
  std::span<const Plan> plans() const noexcept;

 private:
  Judgment skeleton(const Fleet& fleet, const FleetVerdicts& verdicts, std::size_t client,
                    Timestamp reference_time) const;
  Judgment with_findings(const Fleet& fleet, const FleetVerdicts& verdicts, std::size_t client,
                         Timestamp reference_time, Snapshot& scratch) const;
  // `list` null: every client of the fleet (n of them).
  void run(const Fleet& fleet, const std::size_t* list, std::size_t n, Timestamp reference_time,
           FleetVerdicts& out, const BatchOptions& options);

  std::unique_ptr<State> s_;
};

/// How judge_in_chunks() goes through an input.
struct ChunkOptions {
  /// Records read, judged and reported at a time (0 counts as 1). Only two chunks' clients are
  /// held in memory at once. Fewer make the parts that cannot overlap (reading the first chunk,
  /// reporting the last) shorter; more make the handovers between the threads rarer.
  std::size_t records = 2048;
  bool full = false;  ///< as FleetJudge::report(): every condition of every client
};

/// Receives a client's judgment from judge_in_chunks(), in input order, with the fleet of its
/// chunk (for its snapshot, host and user; valid during the call) and its number there. Returns
/// false to stop.
using ChunkSink = std::function<bool(const Fleet& chunk, std::size_t client, Judgment&& judgment)>;

/// Judges a fleet document with `engine` at `reference_time` and hands each client's judgment
/// for a report (as FleetJudge::report() builds it) to `sink`, without holding the whole fleet:
/// the records are read as ingest_fleet() reads them in append mode (whatever `options.mode`
/// says, as a client of an earlier chunk is no longer there to replace), in chunks of
/// `chunks.records`, and while one chunk is judged and reported on a second thread the calling
/// thread reads the next. The judgments, their order and the bad records are those of
/// ingest_fleet() over the whole input followed by FleetJudge::judge() and report(); an input
/// that is not JSON Lines is one chunk. Returns ingest_fleet()'s result for the whole input; after
/// a failure the records read before it are still judged. When `sink` asks to stop, the call
/// returns after reading at most one more chunk, with the stats of what it read.
/// The client `on_record` is given is a number in its chunk's fleet.
/// Threads: `on_record` runs on the calling thread; `sink` runs on one thread at a time, the
/// calling thread or the second one, at the same time as `on_record`. An exception from either
/// reaches the caller once the second thread has ended.
result<IngestStats> judge_in_chunks(const Engine& engine, std::string_view text,
                                    Timestamp reference_time, const IngestOptions& options,
                                    std::vector<error>& bad_records, const RecordSink& on_record,
                                    const ChunkSink& sink, const ChunkOptions& chunks = {});

/// Supplies an input a part at a time: copies up to `size` bytes into `buffer` and returns how
/// many, 0 at the end of the input, or an error (errc::io) that ends the read.
using ByteSource = std::function<result<std::size_t>(char* buffer, std::size_t size)>;

/// judge_in_chunks() for an input read from `source` as it goes (a file, a pipe, a socket), with
/// the same judgments, records, bad records and result as for the whole input as one text. Memory
/// holds the lines of the chunk being read, not the input: a fleet of any size is judged in about
/// the memory of two chunks. Where ingest_fleet() reads the rest of an input whole (a JSON array,
/// a single snapshot, from a record that spans lines), that rest is fetched first, up to
/// `options.read.max_document_bytes` (errc::limit beyond); so is a line longer than that.
/// `source` is called on the calling thread, a megabyte at most at a time, until it returns 0.
result<IngestStats> judge_in_chunks(const Engine& engine, const ByteSource& source,
                                    Timestamp reference_time, const IngestOptions& options,
                                    std::vector<error>& bad_records, const RecordSink& on_record,
                                    const ChunkSink& sink, const ChunkOptions& chunks = {});

}  // namespace posture
