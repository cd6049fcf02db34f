#include "batch/client_index.hpp"

namespace posture::batch {

namespace {
constexpr std::size_t not_found = static_cast<std::size_t>(-1);
}

std::size_t ClientIndex::slot_of(std::uint64_t hash, std::uint32_t client) const noexcept {
  if (slots_.empty()) return not_found;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::uint32_t>(hash) & mask;; i = (i + 1) & mask) {
    if (slots_[i].client_plus_one == 0) return not_found;
    if (slots_[i].client_plus_one == client + 1) return i;
  }
}

void ClientIndex::renumber(std::uint64_t hash, std::uint32_t client, std::uint32_t to) noexcept {
  std::size_t i = slot_of(hash, client);
  if (i != not_found) slots_[i].client_plus_one = to + 1;
}

void ClientIndex::erase(std::uint64_t hash, std::uint32_t client) noexcept {
  std::size_t hole = slot_of(hash, client);
  if (hole == not_found) return;
  // Backward-shift deletion: later members of the probe run move into the hole when their home
  // slot does not lie cyclically between the hole and themselves, so no tombstones accumulate.
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = (hole + 1) & mask; slots_[i].client_plus_one != 0; i = (i + 1) & mask) {
    std::size_t home = slots_[i].hash & mask;
    bool stays = hole < i ? (hole < home && home <= i) : (hole < home || home <= i);
    if (stays) continue;
    slots_[hole] = slots_[i];
    hole = i;
  }
  slots_[hole] = Slot{};
  --used_;
}

void ClientIndex::clear() noexcept {
  for (auto& s : slots_) s = Slot{};
  used_ = 0;
}

void ClientIndex::grow() {
  std::vector<Slot> slots(slots_.empty() ? 64 : slots_.size() * 2);
  std::size_t mask = slots.size() - 1;
  for (const Slot& s : slots_) {
    if (s.client_plus_one == 0) continue;
    std::size_t i = s.hash & mask;
    while (slots[i].client_plus_one != 0) i = (i + 1) & mask;
    slots[i] = s;
  }
  slots_ = std::move(slots);
}

}  // namespace posture::batch
