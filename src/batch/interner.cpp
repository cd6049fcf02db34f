#include "batch/interner.hpp"

#include <random>

namespace posture::batch {
HashKey HashKey::random() noexcept {
  HashKey key;
  try {
    std::random_device device;
    for (auto& word : key.k)
      word ^= static_cast<std::uint64_t>(device()) << 32 | device();
    key.secret = true;
  } catch (...) {
    // No random source: the default key still hashes well, only predictably.
  }
  return key;
}

Id Interner::intern(std::string_view key, bool& added) {
  added = false;
  if (slots_.empty() || (ends_.size() + 1) * 2 > slots_.size()) grow();
  std::uint64_t hash[2];
  hash_words(key, key_, hash);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash[0] & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id_plus_one == 0) {
      if (ends_.size() >= no_id) return no_id;
      arena_.append(key);
      ends_.push_back(arena_.size());
      slot = Slot{hash[0], static_cast<std::uint32_t>(hash[1]), static_cast<Id>(ends_.size())};
      added = true;
      return slot.id_plus_one - 1;
    }
    if (same(slot, hash, key)) return slot.id_plus_one - 1;
  }
}

std::optional<Id> Interner::find(std::string_view key) const noexcept {
  if (slots_.empty()) return std::nullopt;
  std::uint64_t hash[2];
  hash_words(key, key_, hash);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash[0] & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id_plus_one == 0) return std::nullopt;
    if (same(slot, hash, key)) return slot.id_plus_one - 1;
  }
}

void Interner::grow() {
  std::vector<Slot> slots(slots_.empty() ? 64 : slots_.size() * 2);
  std::size_t mask = slots.size() - 1;
  for (const Slot& s : slots_) {
    if (s.id_plus_one == 0) continue;
    std::size_t i = s.first & mask;
    while (slots[i].id_plus_one != 0) i = (i + 1) & mask;
    slots[i] = s;
  }
  slots_ = std::move(slots);
}

std::size_t Interner::memory() const noexcept {
  return arena_.capacity() + ends_.capacity() * sizeof(std::size_t) +
         slots_.capacity() * sizeof(Slot);
}

}  // namespace posture::batch
