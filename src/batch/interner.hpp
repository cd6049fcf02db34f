// Dictionary encoding: equal byte strings get equal 32-bit ids, numbered densely from 0 in the order
// they were first seen, so that per-entry tables are plain arrays indexed by id. Entries are never
// removed, which lets a judge extend its tables incrementally as a fleet grows.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "batch/hash.hpp"

namespace posture::batch {

using Id = std::uint32_t;
/// "Absent" in an id column.
inline constexpr Id no_id = 0xffffffffu;

/// Byte strings → dense ids. Open addressing with linear probing, keys in one arena. A slot holds
/// 96 bits of the key's hash under a secret key (hash.hpp), which identify the key: a lookup
/// touches one slot and never the cold arena. Without a secret key, keys are compared too.
class Interner {
 public:
  /// The id of `key`, adding it when it is new (`added` says which). Returns no_id when the
  /// dictionary is full (2^32 − 1 entries).
  Id intern(std::string_view key, bool& added);
  Id intern(std::string_view key) {
    bool added;
    return intern(key, added);
  }
  std::optional<Id> find(std::string_view key) const noexcept;

  std::string_view key(Id id) const noexcept {
    std::size_t begin = id == 0 ? 0 : ends_[id - 1];
    return {arena_.data() + begin, ends_[id] - begin};
  }
  Id size() const noexcept { return static_cast<Id>(ends_.size()); }
  std::size_t memory() const noexcept;

 private:
  struct Slot {
    std::uint64_t first = 0;
    std::uint32_t second = 0;
    Id id_plus_one = 0;  // 0: empty
  };
  bool same(const Slot& slot, const std::uint64_t hash[2], std::string_view key) const noexcept {
    return slot.first == hash[0] && slot.second == static_cast<std::uint32_t>(hash[1]) &&
           (key_.secret || this->key(slot.id_plus_one - 1) == key);
  }
  void grow();

  HashKey key_ = HashKey::random();
  std::string arena_;
  std::vector<std::size_t> ends_;
  std::vector<Slot> slots_;
};

/// Records of a trivially copyable type without padding, dictionary-encoded by their bytes.
template <class T>
class RecordDictionary {
  static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>,
                "records are compared by their bytes");

 public:
  Id intern(const T& record) {
    bool added;
    Id id = keys_.intern(std::string_view(reinterpret_cast<const char*>(&record), sizeof(T)), added);
    if (added) values_.push_back(record);
    return id;
  }
  const T& operator[](Id id) const noexcept { return values_[id]; }
  Id size() const noexcept { return static_cast<Id>(values_.size()); }
  std::size_t memory() const noexcept { return keys_.memory() + values_.capacity() * sizeof(T); }

 private:
  Interner keys_;
  std::vector<T> values_;
};

}  // namespace posture::batch
