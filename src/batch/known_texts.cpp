#include "batch/known_texts.hpp"

namespace posture::batch {

std::optional<Remembered> KnownTexts::recall(const Hash& h) const noexcept {
  if (slots_.empty() || !key_.secret) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h.first & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.value == no_id) return std::nullopt;
    if (s.first == h.first && s.second == h.second)
      return dated_ ? Remembered{ids_[s.value], dates_[s.value]} : Remembered{s.value, INT32_MIN};
  }
}

void KnownTexts::remember(const Hash& h, Remembered value) {
  // At most 70% of the slots in use: linear probing stays within a cache line or two.
  if ((used_ + 1) * 10 > slots_.size() * 7) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h.first & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.value == no_id) {
      Id stored = value.id;
      if (dated_) {
        stored = static_cast<Id>(ids_.size());
        ids_.push_back(value.id);
        dates_.push_back(value.date);
      }
      s = Slot{h.first, h.second, stored};
      ++used_;
      return;
    }
    if (s.first == h.first && s.second == h.second) return;
  }
}

void KnownTexts::grow() {
  std::vector<Slot> slots(slots_.empty() ? 1024 : slots_.size() * 2);
  const std::size_t mask = slots.size() - 1;
  for (const Slot& s : slots_) {
    if (s.value == no_id) continue;
    std::size_t i = s.first & mask;
    while (slots[i].value != no_id) i = (i + 1) & mask;
    slots[i] = s;
  }
  slots_ = std::move(slots);
}

}  // namespace posture::batch
