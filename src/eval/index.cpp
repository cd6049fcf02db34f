#include "eval/index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <utility>

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

// The `r` (0 to 8) bytes at `p`, ASCII-lowered, as a little-endian number: the form prefixes are
// kept in, whatever the machine's byte order.
std::uint64_t packed(const char* p, std::size_t r) noexcept {
  std::uint64_t x = 0;
  for (std::size_t j = 0; j < r; ++j) x |= std::uint64_t{lower(p[j])} << (8 * j);
  return x;
}

// The eight bytes at `p`, packed.
std::uint64_t word(const char* p) noexcept {
  if constexpr (std::endian::native == std::endian::little)
    return lower8(load8(p));
  else
    return packed(p, 8);
}

// The eight bytes at `p` as they are, little-endian.
std::uint64_t bytes8(const char* p) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    return load8(p);
  } else {
    std::uint64_t x = 0;
    for (std::size_t j = 0; j < 8; ++j)
      x |= std::uint64_t{static_cast<unsigned char>(p[j])} << (8 * j);
    return x;
  }
}

// 0x20 at each byte of a lowered word that is a letter, 0 elsewhere: a byte of a name ORed with it
// equals the letter exactly when the byte is the letter in either case, and a byte at a 0 must be
// equal as it is. Comparing so is ASCII lowering without lowering the name.
std::uint64_t letters(std::uint64_t lowered) noexcept {
  std::uint64_t fold = 0;
  for (unsigned j = 0; j < 8; ++j) {
    const auto c = static_cast<unsigned char>(lowered >> (8 * j));
    if (c >= 'a' && c <= 'z') fold |= std::uint64_t{0x20} << (8 * j);
  }
  return fold;
}

// The low `r` (0 to 8) bytes of a packed word.
std::uint64_t low_bytes(std::size_t r) noexcept {
  return r >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * r)) - 1;
}

// In ProgramIndex::Prefix::pattern, beside the id: the prefix is longer than sixteen bytes, so its
// bytes from the ninth to the ninth-last are compared apart; the pattern has more than its prefix
// and one final '*', so a name that starts with the prefix is then matched against the rest.
constexpr std::uint32_t kLonger = 1u << 31;
constexpr std::uint32_t kMore = 1u << 30;
constexpr std::uint32_t kId = kMore - 1;

// Hashes of a name's (or a prefix's) leading bytes, case folded by setting bit 5 of every byte:
// coarser than ASCII lowering (it also folds '@' with '`', for instance) but implied by it, which
// is all a look-up that is then checked needs. The filters take the top twelve bits, a table of 2^b
// groups the b bits from the 49th on.

// Of the first four bytes.
std::uint64_t hash4(const char* s) noexcept {
  std::uint32_t four;
  std::memcpy(&four, s, 4);
  return (four | 0x20202020u) * 0x9E3779B97F4A7C15ull;
}

// Of bytes 1 to 4 and 9 to 12: names that share their first eight bytes (a publisher's name, say)
// mostly differ there.
std::uint64_t split_hash(const char* s) noexcept {
  std::uint32_t a, b;
  std::memcpy(&a, s, 4);
  std::memcpy(&b, s + 8, 4);
  return ((a | std::uint64_t{b} << 32) | 0x2020202020202020ull) * 0x9E3779B97F4A7C15ull;
}

// Of the first eight bytes.
std::uint64_t hash8(const char* s) noexcept {
  return (load8(s) | 0x2020202020202020ull) * 0x9E3779B97F4A7C15ull;
}

// Of the first sixteen bytes.
std::uint64_t hash16(const char* s) noexcept {
  constexpr std::uint64_t fold = 0x2020202020202020ull;
  return ((load8(s) | fold) ^ ((load8(s + 8) | fold) * 0xC2B2AE3D27D4EB4Full)) *
         0x9E3779B97F4A7C15ull;
}

// Whether `name` starts with the `length` bytes of `lowered`, ASCII case-insensitively.
bool starts_lowered(std::string_view name, std::string_view lowered, std::size_t length) noexcept {
  if (name.size() < length) return false;
  for (std::size_t j = 0; j < length; ++j)
    if (lower(name[j]) != static_cast<unsigned char>(lowered[j])) return false;
  return true;
}

// Sixty-four groups per prefix filed, so that few names share a group with a prefix they do not
// start with; at most 2^14, so that three tables' groups are numbered in 16 bits.
constexpr unsigned table_bits(std::size_t prefixes) noexcept {
  unsigned bits = 6;
  while (bits < 14 && (std::size_t{1} << bits) < 64 * prefixes) ++bits;
  return bits;
}

}  // namespace

std::uint32_t ProgramIndex::add(const NamePattern& pattern) {
  auto [it, added] =
      ids_.try_emplace(pattern.lowered(), static_cast<std::uint32_t>(patterns_.size()));
  if (added) {
    if (patterns_.size() > kId) throw std::length_error("too many name patterns in one policy");
    patterns_.push_back(pattern);
  }
  return it->second;
}

void ProgramIndex::finish() {
  ids_ = {};
  always_.clear();
  prefixes_.clear();
  starts_.assign(2, 0);
  std::vector<std::uint32_t> filed[3];  // by the table they go in
  for (std::uint32_t k = 0; k < patterns_.size(); ++k) {
    const std::size_t length = patterns_[k].literal_prefix();
    if (length < 4)
      always_.push_back(k);
    else
      filed[length < 8 ? 0 : length < 16 ? 1 : 2].push_back(k);
  }
  filter_.fill(0);
  split_filter_.fill(0);
  // The three tables are as long: one mask for the three look-ups of a listed name.
  const unsigned bits = table_bits(std::max({filed[0].size(), filed[1].size(), filed[2].size()}));
  slot_mask_ = (std::uint32_t{1} << bits) - 1;
  Table* const tables[3] = {&short_, &long_, &longer_};
  for (int t = 0; t < 3; ++t) {
    Table& table = *tables[t];
    table.groups.assign(std::size_t{1} << bits, 0);
    // (slot, pattern), sorted: each slot's patterns become one group.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> slots;
    for (std::uint32_t k : filed[t]) {
      const char* prefix = patterns_[k].lowered().data();
      const std::uint64_t h = t == 0 ? hash4(prefix) : t == 1 ? hash8(prefix) : hash16(prefix);
      slots.emplace_back(slot(h), k);
      if (patterns_[k].literal_prefix() < 12)
        filter_[hash4(prefix) >> 52] = 1;
      else
        split_filter_[split_hash(prefix) >> 52] = 1;
    }
    std::sort(slots.begin(), slots.end());
    for (std::size_t a = 0, b = 0; a < slots.size(); a = b) {
      table.groups[slots[a].first] = static_cast<std::uint16_t>(starts_.size() - 1);
      for (b = a; b < slots.size() && slots[b].first == slots[a].first; ++b) {
        const std::uint32_t k = slots[b].second;
        const NamePattern& p = patterns_[k];
        const std::size_t length = p.literal_prefix();
        const char* prefix = p.lowered().data();
        Prefix x;
        x.head = packed(prefix, std::min<std::size_t>(length, 8));
        x.head_mask = low_bytes(length);
        x.head_fold = letters(x.head) & x.head_mask;
        if (length > 8) {
          x.tail = packed(prefix + length - 8, 8);
          x.tail_mask = ~std::uint64_t{0};
          x.tail_fold = letters(x.tail);
          x.tail_at = static_cast<std::uint32_t>(length - 8);
        }
        x.length = static_cast<std::uint32_t>(length);
        const bool any_tail = p.lowered().size() == length + 1 && p.lowered().back() == '*';
        x.pattern = k | (length > 16 ? kLonger : 0) | (any_tail ? 0 : kMore);
        prefixes_.push_back(x);
      }
      starts_.push_back(static_cast<std::uint32_t>(prefixes_.size()));
    }
  }
}

// Out of line: the loop that calls it keeps its registers.
[[gnu::noinline]] bool ProgramIndex::matches_rest(const Prefix& x,
                                                  std::string_view name) const noexcept {
  const NamePattern& pattern = patterns_[x.pattern & kId];
  if (x.pattern & kLonger) {
    // The bytes between the first eight and the last eight of the prefix, eight at a time (the
    // last eight overlapping the ones before when they do not fill a word).
    const char* lowered = pattern.lowered().data();
    for (std::size_t at = 8; at + 8 < x.length; at += 8) {
      const std::size_t from = std::min<std::size_t>(at, x.length - 16);
      if (word(name.data() + from) != word(lowered + from)) return false;
    }
  }
  return !(x.pattern & kMore) || pattern.matches_after_prefix(name);
}

inline std::size_t ProgramIndex::compare(std::string_view name, std::uint32_t i,
                                         std::uint32_t group, std::uint64_t* pairs) const noexcept {
  const char* p = name.data();
  const std::size_t n = name.size();
  const std::uint64_t head = bytes8(p);
  std::size_t hits = 0;
  for (std::uint32_t r = starts_[group]; r < starts_[group + 1]; ++r) {
    const Prefix& x = prefixes_[r];
    // When the name is shorter than the prefix, any eight of its bytes: the length test fails.
    const std::uint64_t tail = bytes8(p + std::min<std::size_t>(x.tail_at, n - 8));
    bool hit = (n >= x.length) & (((head | x.head_fold) & x.head_mask) == x.head) &
               (((tail | x.tail_fold) & x.tail_mask) == x.tail);
    if ((x.pattern & (kLonger | kMore)) && hit) [[unlikely]]
      hit = matches_rest(x, name);
    pairs[hits] = std::uint64_t{x.pattern & kId} << 32 | i;
    hits += hit;
  }
  return hits;
}

void ProgramIndex::match_plainly(std::string_view name, std::uint32_t i,
                                 std::vector<std::uint64_t>& pairs, std::size_t& count) const {
  name = trim_space(name);
  const std::size_t n = name.size();
  if (n < 4) return;
  const std::uint64_t groups[3] = {group(short_, hash4(name.data())),
                                   n >= 8 ? group(long_, hash8(name.data())) : 0,
                                   n >= 16 ? group(longer_, hash16(name.data())) : 0};
  for (const std::uint64_t g : groups) {
    if (g == 0) continue;
    for (std::uint32_t r = starts_[g]; r < starts_[g + 1]; ++r) {
      const Prefix& x = prefixes_[r];
      const NamePattern& pattern = patterns_[x.pattern & kId];
      if (!starts_lowered(name, pattern.lowered(), x.length)) continue;
      if ((x.pattern & kMore) && !pattern.matches_after_prefix(name)) continue;
      if (count == pairs.size()) pairs.resize(2 * count + 16);
      pairs[count++] = std::uint64_t{x.pattern & kId} << 32 | i;
    }
  }
}

void ProgramIndex::match(const std::vector<Program>& programs, ProgramMatches& out) const {
  const auto n = static_cast<std::uint32_t>(programs.size());
  const Program* program = programs.data();
  // Three passes (see the class). Deciding name by name with branches cost more in mispredictions
  // than in instructions: whether a name is turned away, or matches, follows no pattern a
  // predictor could learn. The first pass runs on every name and is kept to a few instructions;
  // the second and third run on the few it lists.
  auto& listed = out.listed_;
  listed.resize(n);
  std::size_t count = 0;
  static constexpr char zeros[16] = {};
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::string_view name = program[i].name;
    const std::size_t size = name.size();
    const char* first = size >= 4 ? name.data() : zeros;
    const char* first12 = size >= 12 ? name.data() : zeros;
    // Every byte trim_space() removes is at most ' ': a name that starts with one is listed, and
    // trimmed later. (One that ends with one starts as it would trimmed.) A name under four bytes
    // starts with no prefix the groups hold.
    const unsigned untrimmed = static_cast<unsigned char>(*first) <= ' ';
    const unsigned may = filter_[hash4(first) >> 52] | split_filter_[split_hash(first12) >> 52];
    listed[count] = i;
    count += unsigned{size >= 4} & (untrimmed | may);
  }
  auto& entries = out.entries_;
  auto& plain = out.plain_;
  entries.resize(3 * count);
  plain.resize(count);
  std::size_t plains = 0;
  std::size_t listed_groups = 0;
  for (std::size_t c = 0; c < count; ++c) {
    const std::uint32_t i = listed[c];
    const std::string_view name = program[i].name;
    // Names the word comparisons do not take: under eight bytes or with space to trim.
    if (name.size() < 8 || static_cast<unsigned char>(name.front()) <= ' ' ||
        static_cast<unsigned char>(name.back()) <= ' ') [[unlikely]] {
      plain[plains++] = i;
      continue;
    }
    const char* first16 = name.size() >= 16 ? name.data() : zeros;
    const std::uint64_t g4 = group(short_, hash4(name.data()));
    const std::uint64_t g8 = group(long_, hash8(name.data()));
    // Under sixteen bytes, looked up for sixteen zeros and not listed.
    const std::uint64_t g16 =
        group(longer_, hash16(first16)) & (0 - std::uint64_t{name.size() >= 16});
    entries[listed_groups] = g4 << 32 | i;
    listed_groups += g4 != 0;
    entries[listed_groups] = g8 << 32 | i;
    listed_groups += g8 != 0;
    entries[listed_groups] = g16 << 32 | i;
    listed_groups += g16 != 0;
  }
  auto& pairs = out.pairs_;
  std::size_t found = 0;
  for (std::size_t c = 0; c < listed_groups; ++c) {
    const auto i = static_cast<std::uint32_t>(entries[c]);
    const auto g = static_cast<std::uint32_t>(entries[c] >> 32);
    if (pairs.size() < found + group_size(g)) pairs.resize(2 * (found + group_size(g)));
    found += compare(program[i].name, i, g, pairs.data() + found);
  }
  const std::size_t compared = found;
  for (std::size_t c = 0; c < plains; ++c)
    match_plainly(program[plain[c]].name, plain[c], pairs, found);
  // The plain path's pairs came last: back in program order within each pattern.
  if (found != compared) std::sort(pairs.begin(), pairs.begin() + found);
  // Patterns without a literal prefix of four bytes, on every name; their pairs stay in program
  // order, and no other source adds pairs of theirs.
  for (std::uint32_t k : always_)
    for (std::uint32_t j = 0; j < n; ++j)
      if (patterns_[k].matches(program[j].name)) {
        if (found == pairs.size()) pairs.resize(2 * found + 16);
        pairs[found++] = std::uint64_t{k} << 32 | j;
      }
  // Group by pattern, keeping program order within each (a counting sort).
  auto& begin = out.begin_;
  begin.assign(patterns_.size() + 1, 0);
  const std::span<const std::uint64_t> all(pairs.data(), found);
  for (std::uint64_t p : all) ++begin[(p >> 32) + 1];
  for (std::size_t k = 1; k < begin.size(); ++k) begin[k] += begin[k - 1];
  out.programs_.resize(found);
  for (std::uint64_t p : all) out.programs_[begin[p >> 32]++] = static_cast<std::uint32_t>(p);
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
