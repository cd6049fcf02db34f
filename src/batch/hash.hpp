// Hashing for the fleet's dictionaries and record digests. Inputs are read eight bytes at a time
// and mixed by 64×64→128-bit multiplication in two independent chains, which runs at several
// bytes per cycle: a whole JSON Lines record is hashed once before it is parsed, so this sits on
// the ingest path of every client.
//
// Dictionaries hash with a key of their own, drawn at random: their inputs are program names and
// other strings a hostile client chooses, and with public constants it could pick many names of
// one hash and turn each lookup into a scan. The ids a dictionary hands out do not depend on the
// key, so results stay deterministic. Record digests must be reproducible and use a fixed key.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace posture::batch {

/// The high and low halves of a × b, folded together: every input bit reaches every output bit.
inline std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ using u128 = unsigned __int128;
  u128 product = static_cast<u128>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
#else
  std::uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
  std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
  std::uint64_t high = (hi_lo >> 32) + (cross >> 32) + hi_hi;
  std::uint64_t low = (cross << 32) | (lo_lo & 0xffffffffu);
  return low ^ high;
#endif
}

inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

/// The last 0–8 bytes of an input, little-endian, without reading past its end.
inline std::uint64_t load_tail(const char* p, std::size_t n) noexcept {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

/// The key of a hash: four 64-bit words.
struct HashKey {
  std::uint64_t k[4] = {0xa0761d6478bd642full, 0xe7037ed1a0b428dbull, 0x8ebc6af09c88c6e3ull,
                        0x589965cc75374cc3ull};
  /// Drawn from the system's random source: equal hashes may stand for equal inputs, since no
  /// input can be chosen to collide. False for the fixed key, and when no random source answered.
  bool secret = false;
  /// A key drawn from the system's random source, for a dictionary.
  static HashKey random() noexcept;
};

/// Two 64-bit words of hash over `text`. Each round, each chain multiplies one input word
/// masked by the key with the other masked by its own state, so that an input word that cancels
/// a key word cannot erase the state without knowledge of the key.
inline void hash_words(std::string_view text, const HashKey& key, std::uint64_t out[2]) noexcept {
  const char* p = text.data();
  std::size_t n = text.size();
  std::uint64_t a = key.k[0] ^ n, b = key.k[1];
  while (n > 32) {
    a = fold_multiply(load64(p) ^ key.k[2], load64(p + 8) ^ a);
    b = fold_multiply(load64(p + 16) ^ key.k[3], load64(p + 24) ^ b);
    p += 32;
    n -= 32;
  }
  if (n > 16) {
    a = fold_multiply(load64(p) ^ key.k[2], load64(p + 8) ^ a);
    p += 16;
    n -= 16;
  }
  std::uint64_t x = n >= 8 ? load64(p) : load_tail(p, n);
  std::uint64_t y = n > 8 ? load_tail(p + 8, n - 8) : 0;
  b = fold_multiply(x ^ key.k[3], y ^ b ^ key.k[0]);
  out[0] = fold_multiply(a ^ key.k[1], b ^ key.k[2]);
  out[1] = fold_multiply(b ^ key.k[0], out[0] ^ key.k[3]);
}

inline std::uint64_t hash64(std::string_view text, const HashKey& key = {}) noexcept {
  std::uint64_t out[2];
  hash_words(text, key, out);
  return out[0];
}

}  // namespace posture::batch
