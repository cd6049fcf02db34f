#include "eval/index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <map>

namespace posture::eval {
namespace {

constexpr auto lower_table = [] {
  std::array<unsigned char, 256> t{};
  for (unsigned i = 0; i < 256; ++i)
    t[i] = static_cast<unsigned char>(i >= 'A' && i <= 'Z' ? i - 'A' + 'a' : i);
  return t;
}();

std::uint32_t lower(char c) noexcept { return lower_table[static_cast<unsigned char>(c)]; }

// Eight bytes with A-Z turned to a-z, every other byte (UTF-8 included) unchanged.
std::uint64_t lower8(std::uint64_t x) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  const std::uint64_t heptets = x & (0x7F * ones);
  const std::uint64_t above_z = heptets + (0x25 * ones);  // high bit set where the byte > 'Z'
  const std::uint64_t from_a = heptets + (0x3F * ones);   // high bit set where the byte >= 'A'
  const std::uint64_t upper = ~x & (from_a ^ above_z) & (0x80 * ones);
  return x | (upper >> 2);
}

std::uint64_t load8(const char* p) noexcept {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// The `r` (0 to 8) bytes at `p`, ASCII-lowered, as a little-endian number: the form the trie files
// prefixes in, whatever the machine's byte order.
std::uint64_t packed(const char* p, std::size_t r) noexcept {
  std::uint64_t x = 0;
  for (std::size_t j = 0; j < r; ++j) x |= std::uint64_t{lower(p[j])} << (8 * j);
  return x;
}

// The eight bytes of `name` from `at` on (all inside it), packed.
std::uint64_t word_at(std::string_view name, std::size_t at) noexcept {
  if constexpr (std::endian::native == std::endian::little)
    return lower8(load8(name.data() + at));
  else
    return packed(name.data() + at, 8);
}

// The `r` (0 to 7) bytes of `name` from `at` on (all inside it), packed. A name of eight bytes or
// more is read as one word, from its last eight bytes when fewer than eight follow `at`.
std::uint64_t bytes_at(std::string_view name, std::size_t at, unsigned r) noexcept {
  if (r == 0) return 0;
  const std::uint64_t mask = ~std::uint64_t{0} >> (64 - 8 * r);
  if constexpr (std::endian::native == std::endian::little) {
    const std::size_t left = name.size() - at;
    if (left >= 8) return lower8(load8(name.data() + at)) & mask;
    if (name.size() >= 8)
      return (lower8(load8(name.data() + name.size() - 8)) >> (8 * (8 - left))) & mask;
  }
  return packed(name.data() + at, r);
}

// In ProgramIndex::End::pattern: the pattern is its prefix and one '*', so every name that reaches
// it matches without calling the pattern.
constexpr std::uint32_t kAnyTail = 1u << 31;

// The bit of a name's (or prefix's) first eight bytes in ProgramIndex::long_, case folded by
// setting bit 5 of every byte: coarser than ASCII lowering (it also folds '@' with '`', for
// instance) but implied by it, which is all a filter needs.
std::uint32_t long_bit(const char* s) noexcept {
  const std::uint64_t x = (load8(s) | 0x2020202020202020ull) * 0x9E3779B97F4A7C15ull;
  return static_cast<std::uint32_t>(x >> 50);  // 14 bits
}

// The same for the first sixteen bytes, in ProgramIndex::longer_.
std::uint32_t longer_bit(const char* s) noexcept {
  constexpr std::uint64_t fold = 0x2020202020202020ull;
  const std::uint64_t x =
      ((load8(s) | fold) ^ ((load8(s + 8) | fold) * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
  return static_cast<std::uint32_t>(x >> 50);  // 14 bits
}

// The same for the first two bytes, in ProgramIndex::short_.
std::uint32_t short_bit(const char* s) noexcept {
  std::uint16_t two;
  std::memcpy(&two, s, 2);
  return static_cast<std::uint32_t>(((two | 0x2020u) * 0x9E3779B97F4A7C15ull) >> 52);  // 12 bits
}

template <std::size_t N>
unsigned filed(const std::array<std::uint64_t, N>& bits, std::uint32_t h) noexcept {
  return static_cast<unsigned>(bits[h >> 6] >> (h & 63)) & 1u;
}

template <std::size_t N>
void file(std::array<std::uint64_t, N>& bits, std::uint32_t h) noexcept {
  bits[h >> 6] |= std::uint64_t{1} << (h & 63);
}

std::uint64_t slot_hash(std::uint32_t parent, std::uint64_t word) noexcept {
  return (word ^ (parent * 0x9E3779B97F4A7C15ull)) * 0xC2B2AE3D27D4EB4Full;
}

}  // namespace

std::uint32_t ProgramIndex::add(const NamePattern& pattern) {
  auto [it, added] =
      ids_.try_emplace(pattern.lowered(), static_cast<std::uint32_t>(patterns_.size()));
  if (added) patterns_.push_back(pattern);
  return it->second;
}

void ProgramIndex::finish() {
  ids_ = {};
  always_.clear();
  short_.fill(0);
  long_.fill(0);
  longer_.fill(0);
  nodes_.assign(1, Node{});
  std::vector<std::vector<End>> ends(1);
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::uint32_t> children;
  for (std::uint32_t k = 0; k < patterns_.size(); ++k) {
    const NamePattern& p = patterns_[k];
    const std::size_t length = p.literal_prefix();
    if (length < 2) {
      always_.push_back(k);
      continue;
    }
    const char* prefix = p.lowered().data();
    if (length < 8)
      file(short_, short_bit(prefix));
    else if (length < 16)
      file(long_, long_bit(prefix));
    else
      file(longer_, longer_bit(prefix));
    std::uint32_t node = 0;
    std::size_t at = 0;
    for (; length - at >= 8; at += 8) {
      auto [child, added] = children.try_emplace({node, packed(prefix + at, 8)},
                                                 static_cast<std::uint32_t>(nodes_.size()));
      if (added) {
        nodes_[node].parent = true;
        nodes_.emplace_back();
        ends.emplace_back();
      }
      node = child->second;
    }
    const auto r = static_cast<std::uint32_t>(length - at);
    const bool any_tail = p.lowered().size() == length + 1 && p.lowered().back() == '*';
    ends[node].push_back(End{packed(prefix + at, r), any_tail ? k | kAnyTail : k, r});
    nodes_[node].lengths |= static_cast<std::uint8_t>(1u << r);
  }
  ends_.clear();
  for (std::size_t n = 0; n < nodes_.size(); ++n) {
    std::sort(ends[n].begin(), ends[n].end(), [](const End& a, const End& b) {
      return a.length != b.length ? a.length < b.length : a.bytes < b.bytes;
    });
    nodes_[n].first_end = static_cast<std::uint32_t>(ends_.size());
    nodes_[n].ends = static_cast<std::uint32_t>(ends[n].size());
    ends_.insert(ends_.end(), ends[n].begin(), ends[n].end());
  }
  // At most half full, so that a probe for a name no prefix continues ends at the first or second
  // slot.
  std::size_t size = 16;
  while (size < 2 * children.size()) size *= 2;
  slots_.assign(size, Slot{});
  slot_shift_ = static_cast<std::uint32_t>(64 - std::countr_zero(size));
  for (const auto& [key, child] : children) {
    std::size_t h = slot_hash(key.first, key.second) >> slot_shift_;
    while (slots_[h].child != 0) h = (h + 1) & (size - 1);
    slots_[h] = Slot{key.second, key.first, child};
  }
}

std::uint32_t ProgramIndex::child(std::uint32_t node, std::uint64_t word) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t h = slot_hash(node, word) >> slot_shift_;; h = (h + 1) & mask) {
    const Slot& s = slots_[h];
    if (s.child == 0) return 0;
    if (s.word == word && s.parent == node) return s.child;
  }
}

void ProgramIndex::walk(std::string_view name, std::uint32_t i,
                        std::vector<std::uint64_t>& pairs) const {
  const std::size_t n = name.size();
  std::uint32_t node = 0;
  // The root's ends are the prefixes of two to seven bytes, which most names listed for a longer
  // prefix do not start like.
  bool ends = filed(short_, short_bit(name.data()));
  for (std::size_t at = 0;; ends = true) {
    const Node& here = nodes_[node];
    // The prefixes that end within the next eight bytes, shortest first; a node has few.
    for (unsigned lengths = ends ? here.lengths : 0u; lengths != 0; lengths &= lengths - 1) {
      const auto r = static_cast<std::uint32_t>(std::countr_zero(lengths));
      if (r > n - at) break;
      const std::uint64_t bytes = bytes_at(name, at, r);
      const End* end = ends_.data() + here.first_end;
      const End* const last = end + here.ends;
      while (end != last && (end->length < r || (end->length == r && end->bytes < bytes))) ++end;
      for (; end != last && end->length == r && end->bytes == bytes; ++end) {
        const std::uint32_t k = end->pattern & ~kAnyTail;
        if ((end->pattern & kAnyTail) || patterns_[k].matches_after_prefix(name))
          pairs.push_back(std::uint64_t{k} << 32 | i);
      }
    }
    if (!here.parent || n - at < 8) return;
    node = child(node, word_at(name, at));
    if (node == 0) return;
    at += 8;
  }
}

void ProgramIndex::match(const std::vector<Program>& programs, ProgramMatches& out) const {
  auto& pairs = out.pairs_;
  pairs.clear();
  const auto n = static_cast<std::uint32_t>(programs.size());
  const Program* program = programs.data();
  // Two passes. The first lists every name that may start like some prefix, deciding without a
  // branch on the name; the second walks only those. Deciding name by name with branches cost more
  // in mispredictions than in instructions: whether a name is turned away follows no pattern a
  // predictor could learn, and most are.
  auto& listed = out.listed_;
  listed.resize(n);
  std::uint32_t count = 0;
  static constexpr char zeros[16] = {};
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::string_view name = program[i].name;
    const std::size_t size = name.size();
    // Every byte trim_space() removes is at most ' ': such a name is listed, and trimmed later.
    const char* first = size >= 2 ? name.data() : zeros;
    const char* last = size >= 2 ? name.data() + size - 1 : zeros;
    const unsigned untrimmed = unsigned{static_cast<unsigned char>(*first) <= ' '} |
                               unsigned{static_cast<unsigned char>(*last) <= ' '};
    const char* first8 = size >= 8 ? name.data() : zeros;
    const char* first16 = size >= 16 ? name.data() : zeros;
    const unsigned may = filed(short_, short_bit(first)) | filed(long_, long_bit(first8)) |
                         filed(longer_, longer_bit(first16));
    listed[count] = i;
    count += unsigned{size >= 2} & (may | untrimmed);
  }
  for (std::uint32_t c = 0; c < count; ++c) {
    const std::uint32_t i = listed[c];
    std::string_view name = program[i].name;
    if (static_cast<unsigned char>(name.front()) <= ' ' ||
        static_cast<unsigned char>(name.back()) <= ' ') [[unlikely]] {
      name = trim_space(name);
      if (name.size() < 2) continue;
    }
    walk(name, i, pairs);
  }
  // Patterns without a literal prefix of two bytes, on every name; their pairs stay in program
  // order, and no other source adds pairs of theirs.
  for (std::uint32_t k : always_)
    for (std::uint32_t j = 0; j < n; ++j)
      if (patterns_[k].matches(program[j].name)) pairs.push_back(std::uint64_t{k} << 32 | j);
  // Group by pattern, keeping program order within each (a counting sort).
  auto& begin = out.begin_;
  begin.assign(patterns_.size() + 1, 0);
  for (std::uint64_t p : pairs) ++begin[(p >> 32) + 1];
  for (std::size_t k = 1; k < begin.size(); ++k) begin[k] += begin[k - 1];
  out.programs_.resize(pairs.size());
  for (std::uint64_t p : pairs) out.programs_[begin[p >> 32]++] = static_cast<std::uint32_t>(p);
  for (std::size_t k = begin.size() - 1; k > 0; --k) begin[k] = begin[k - 1];
  begin[0] = 0;
}

void IdFilter::add(std::string_view id) noexcept {
  const std::uint32_t h = hash(id);
  bits_[h >> 6] |= std::uint64_t{1} << (h & 63);
  if (id.size() < 4) {
    short_ = true;
  } else {
    const std::uint32_t t = tail_hash(id.data() + id.size() - 4);
    tail_[t >> 6] |= std::uint64_t{1} << (t & 63);
  }
}

}  // namespace posture::eval
