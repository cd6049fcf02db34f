// A hash index from a key held in the fleet's columns (asset number, record digest) to a client
// number. The keys are not copied: a slot keeps the client number and 32 bits of the key's hash,
// and a lookup compares the key through the caller's accessor. Eight bytes per slot, at most half
// the slots used: 16 bytes per client.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace posture::batch {

class ClientIndex {
 public:
  /// The client whose key equals `key` (`same(client)` decides), or none.
  template <class Same>
  std::optional<std::uint32_t> find(std::uint64_t hash, Same same) const {
    if (slots_.empty()) return std::nullopt;
    std::size_t mask = slots_.size() - 1;
    auto h = static_cast<std::uint32_t>(hash);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.client_plus_one == 0) return std::nullopt;
      if (s.hash == h && same(s.client_plus_one - 1)) return s.client_plus_one - 1;
    }
  }

  /// Points `key` at `client`: replaces the entry of a client with an equal key, or adds one.
  template <class Same>
  void assign(std::uint64_t hash, std::uint32_t client, Same same) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    std::size_t mask = slots_.size() - 1;
    auto h = static_cast<std::uint32_t>(hash);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.client_plus_one == 0) {
        s = Slot{h, client + 1};
        ++used_;
        return;
      }
      if (s.hash == h && same(s.client_plus_one - 1)) {
        s.client_plus_one = client + 1;
        return;
      }
    }
  }

  /// The entry pointing at `client` now points at `to` (a client renumbered by a removal).
  void renumber(std::uint64_t hash, std::uint32_t client, std::uint32_t to) noexcept;
  /// Drops the entry pointing at `client`, if any.
  void erase(std::uint64_t hash, std::uint32_t client) noexcept;
  void clear() noexcept;
  std::size_t memory() const noexcept { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t hash = 0;  // low bits of the key's hash: the home slot, and a first filter
    std::uint32_t client_plus_one = 0;
  };
  std::size_t slot_of(std::uint64_t hash, std::uint32_t client) const noexcept;
  void grow();

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace posture::batch
