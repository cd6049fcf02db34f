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
  std::vector<std::uint64_t> pairs_;     // scratch: pattern << 32 | program, in program order
  std::vector<std::uint32_t> listed_;    // scratch: programs whose names may match
};

/// Every distinct name pattern a policy matches programs with (prohibited entries, mandatory
/// alternatives, product scopes, product service-pack rules), filed by their literal prefixes
/// (ASCII-lowered) in a trie that consumes a name eight bytes at a time: a node's children are
/// found by one hash probe of the name's next eight bytes, and a prefix that ends within those
/// bytes is found among the node's ends by its length and the bytes themselves. A pass over a
/// client's programs first lists, without a branch on the name, the names whose first two, eight or
/// sixteen bytes some prefix starts with (a bitmap each), then walks only those. Patterns with
/// fewer than two literal leading bytes are tried on every program.
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
  // Walks `name` (program `i`, trimmed, at least two bytes) down the trie, recording each pattern
  // it matches in `pairs`.
  void walk(std::string_view name, std::uint32_t i, std::vector<std::uint64_t>& pairs) const;
  // The child of `node` by the next eight (lowered) bytes; 0 when there is none.
  std::uint32_t child(std::uint32_t node, std::uint64_t word) const noexcept;

  struct Node {
    std::uint32_t first_end = 0, ends = 0;  // into ends_, sorted by (length, bytes)
    std::uint8_t lengths = 0;               // bit r: some end is r bytes long
    bool parent = false;                    // has children
  };
  struct End {
    std::uint64_t bytes = 0;    // the prefix's last `length` bytes, lowered, little-endian
    std::uint32_t pattern = 0;  // the top bit set on "prefix*" (see index.cpp)
    std::uint32_t length = 0;   // 0 to 7
  };
  struct Slot {
    std::uint64_t word = 0;
    std::uint32_t parent = 0;
    std::uint32_t child = 0;  // 0: empty (the root is no one's child)
  };
  std::vector<NamePattern> patterns_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // while adding: lowered text → id
  std::vector<std::uint32_t> always_;  // patterns with a literal prefix under two bytes
  std::vector<Node> nodes_;            // nodes_[0] is the root
  std::vector<End> ends_;
  std::vector<Slot> slots_;  // children, open addressing; a power of two long
  std::uint32_t slot_shift_ = 64;
  // By a hash of a name's first two bytes: some prefix of two to seven bytes may start so.
  std::array<std::uint64_t, 64> short_{};
  // By a hash of a name's first eight bytes: some prefix of eight to fifteen may start so.
  std::array<std::uint64_t, 256> long_{};
  // By a hash of a name's first sixteen bytes: some prefix of sixteen or more may start so.
  std::array<std::uint64_t, 256> longer_{};
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
