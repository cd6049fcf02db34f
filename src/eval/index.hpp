// Lookup structures a Plan builds once so that judging a snapshot does not compare every program
// with every pattern, nor every update record with every required id by string comparison.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "posture/inventory.hpp"
#include "posture/name.hpp"

namespace posture::eval {

/// Which programs each pattern matched: for pattern k, the indices (into the snapshot's software
/// list, ascending) of the programs whose names it matches. Names only; version constraints are
/// applied by the reader, which knows which constraint goes with the pattern.
class ProgramMatches {
 public:
  std::span<const std::uint32_t> of(std::uint32_t pattern) const noexcept {
    return {programs_.data() + begin_[pattern], programs_.data() + begin_[pattern + 1]};
  }

 private:
  friend class ProgramIndex;
  std::vector<std::uint32_t> begin_;     // per pattern, then one past the last
  std::vector<std::uint32_t> programs_;  // grouped by pattern
  std::vector<std::uint64_t> pairs_;     // scratch: pattern << 32 | program
  std::vector<std::uint32_t> listed_;    // scratch: programs the filters let through
  std::vector<std::uint64_t> entries_;   // scratch: group << 32 | program, in program order
  std::vector<std::uint32_t> plain_;     // scratch: programs for the plain path
};

/// Every distinct name pattern a policy matches programs with (prohibited entries, mandatory
/// alternatives, product scopes, product service-pack rules), filed by their literal prefixes
/// (ASCII-lowered). A prefix of four to seven bytes is filed under a hash of its first four, one of
/// eight to fifteen under a hash of its first eight, a longer one under a hash of its first
/// sixteen; the prefixes one hash files together form a group. A client's programs are matched in
/// three passes. The first lists, without a branch on the name, the names that may start with some
/// prefix, by two byte tables: one of a hash of the first four bytes (for prefixes under twelve
/// bytes), one of bytes 1-4 and 9-12 (for longer ones, which often start with one publisher's
/// name). The second looks up the listed names' groups and lists the (program, group) pairs. The
/// third compares each with its group's prefixes, again without a branch: the first eight bytes
/// and the eight that end the prefix, each as one masked word. Names under eight bytes, or with
/// space to trim, take a plain path of their own; patterns with fewer than four literal leading
/// bytes are tried on every program.
class ProgramIndex {
 public:
  /// Adds a pattern and returns its id; patterns equal once lowered share one id.
  std::uint32_t add(const NamePattern& pattern);
  /// Builds the lookup tables; call once after the last add().
  void finish();

  bool empty() const noexcept { return patterns_.empty(); }
  std::size_t size() const noexcept { return patterns_.size(); }
  const NamePattern& pattern(std::uint32_t id) const noexcept { return patterns_[id]; }

  /// Matches every program's name against every pattern into `out` (its storage is reused).
  void match(const std::vector<Program>& programs, ProgramMatches& out) const;

 private:
  // A literal prefix as a name is compared with it, ASCII-lowered and little-endian.
  // A name's word w holds the bytes when ((w | fold) & mask) == bytes.
  struct Prefix {
    std::uint64_t head = 0, head_fold = 0, head_mask = 0;  // its first min(length, 8) bytes
    std::uint64_t tail = 0, tail_fold = 0, tail_mask = 0;  // the eight ending it, from nine bytes
    std::uint32_t tail_at = 0;                             // where those start
    std::uint32_t length = 0;
    std::uint32_t pattern = 0;  // the id, with the flags of index.cpp
  };
  // One hash's groups: by bits of the hash from the 49th on, a group number (0: no prefix).
  struct Table {
    std::vector<std::uint16_t> groups;
  };
  std::size_t slot(std::uint64_t hash) const noexcept { return (hash >> 48) & slot_mask_; }
  std::uint64_t group(const Table& table, std::uint64_t hash) const noexcept {
    return table.groups[slot(hash)];
  }

  // The listed pairs of program `i`, trimmed and at least eight bytes long, compared.
  std::size_t compare(std::string_view name, std::uint32_t i, std::uint32_t group,
                      std::uint64_t* pairs) const noexcept;
  // For a name that starts with the first and last eight bytes of `x`: the bytes between them, and
  // the rest of the pattern.
  bool matches_rest(const Prefix& x, std::string_view name) const noexcept;
  // Every pattern with a literal prefix matched against `name` (program `i`) byte by byte.
  void match_plainly(std::string_view name, std::uint32_t i, std::vector<std::uint64_t>& pairs,
                     std::size_t& count) const;

  std::vector<NamePattern> patterns_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // while adding: lowered text → id
  std::vector<std::uint32_t> always_;  // patterns with a literal prefix under four bytes
  std::vector<Prefix> prefixes_;       // by group
  // Group g is prefixes_[starts_[g], starts_[g + 1]); group 0 is empty.
  std::vector<std::uint32_t> starts_;
  std::size_t group_size(std::uint64_t g) const noexcept { return starts_[g + 1] - starts_[g]; }
  Table short_, long_, longer_;  // by the first 4, 8 and 16 bytes
  // By the top twelve bits of the hash of the first four bytes, 1 where a prefix under twelve bytes
  // starts so; by those of bytes 1-4 and 9-12, 1 where a longer prefix has them.
  std::array<std::uint8_t, 4096> filter_{}, split_filter_{};
  std::uint64_t slot_mask_ = 0;  // each table's length less one
};

/// A set of normalised update ids, looked up by an id's normalised view: a 4,096-bit filter on a
/// cheap hash rejects almost every id of a scan before any string comparison.
class IdFilter {
 public:
  void add(std::string_view id) noexcept;
  bool may_contain(std::string_view id) const noexcept {
    const std::uint32_t h = hash(id);
    return (bits_[h >> 6] >> (h & 63)) & 1u;
  }
  /// The same question for an id as a record reports it, before update_id_view(): false only when
  /// its normalised form is surely not in the set. Cheaper than normalising every record of a scan:
  /// normalising removes space and a KB/Q prefix, never a byte of the end, so an id of four bytes
  /// or more ends with the last four bytes of the raw text (when that does not end in space), and
  /// those alone are filed.
  bool may_contain_raw(std::string_view raw) const noexcept {
    if (raw.size() < 4 || static_cast<unsigned char>(raw.back()) <= ' ' || short_) return true;
    const std::uint32_t h = tail_hash(raw.data() + raw.size() - 4);
    return (tail_[h >> 6] >> (h & 63)) & 1u;
  }
  static std::uint32_t hash(std::string_view id) noexcept {
    const char* p = id.data();
    const std::size_t n = id.size();
    std::uint64_t x = 0;
    if (n >= 8) {
      std::uint64_t a, b;
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
      x = a ^ (b * 0x9E3779B97F4A7C15ull);
    } else if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      x = a | std::uint64_t{b} << 32;
    } else if (n > 0) {
      x = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
          static_cast<unsigned char>(p[n - 1]) << 16;
    }
    x ^= n;
    x *= 0x9E3779B97F4A7C15ull;
    return static_cast<std::uint32_t>(x >> 52);  // 12 bits
  }

 private:
  static std::uint32_t tail_hash(const char* last4) noexcept {
    std::uint32_t x;
    std::memcpy(&x, last4, 4);
    return static_cast<std::uint32_t>((x * 0x9E3779B97F4A7C15ull) >> 52);  // 12 bits
  }

  std::uint64_t bits_[64] = {};
  std::uint64_t tail_[64] = {};  // by the last four bytes of ids of four bytes or more
  bool short_ = false;           // an id under four bytes was added
};

}  // namespace posture::eval
