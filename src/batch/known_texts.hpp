// Object texts the JSON Lines reader has read before: a program, update or anti-virus object that
// repeats byte for byte across a fleet is parsed once, and later occurrences take the record id
// (and the date kept beside it) remembered for its bytes.
//
// A text is known by a 96-bit hash of its bytes under a key drawn at random for each table, not
// by the bytes themselves: a lookup then reads the text once, to hash it, and touches one 16-byte
// slot, where a comparison would also fetch the stored copy from a large cold arena. Without the
// key a client cannot aim at another text's hash, and a chance collision among a fleet's texts
// (about 2^-80 per lookup) is far below any hardware error rate.
//
// The reader hashes every element of a list first and prefetches their slots, then looks them
// up: the cache misses of a client's ~200 lookups overlap instead of following one another.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "batch/hash.hpp"
#include "batch/interner.hpp"

namespace posture::batch {

/// What a known text was read as.
struct Remembered {
  Id id = no_id;
  std::int32_t date = INT32_MIN;
};

class KnownTexts {
 public:
  struct Hash {
    std::uint64_t first;
    std::uint32_t second;
  };

  /// `dated`: remembers a date beside each id (anti-virus products).
  explicit KnownTexts(bool dated = false) : dated_(dated) {}

  Hash hash(std::string_view text) const noexcept {
    std::uint64_t h[2];
    hash_words(text, key_, h);
    return {h[0], static_cast<std::uint32_t>(h[1])};
  }
  /// Starts loading the slot where `h` would be, for a lookup soon after.
  void prefetch(const Hash& h) const noexcept {
#if defined(__GNUC__)
    if (!slots_.empty()) __builtin_prefetch(&slots_[h.first & (slots_.size() - 1)]);
#endif
  }
  /// Nothing is recalled without a secret key (hash.hpp): the bytes are not kept to compare.
  std::optional<Remembered> recall(const Hash& h) const noexcept;
  void remember(const Hash& h, Remembered value);

  std::size_t size() const noexcept { return used_; }
  std::size_t memory() const noexcept {
    return slots_.capacity() * sizeof(Slot) + ids_.capacity() * sizeof(Id) +
           dates_.capacity() * sizeof(std::int32_t);
  }

 private:
  struct Slot {
    std::uint64_t first = 0;
    std::uint32_t second = 0;
    Id value = no_id;  // the record id, or for a dated table an index into ids_ and dates_
  };
  void grow();

  bool dated_;
  HashKey key_ = HashKey::random();
  std::vector<Slot> slots_;
  std::vector<Id> ids_;
  std::vector<std::int32_t> dates_;
  std::size_t used_ = 0;
};

}  // namespace posture::batch
