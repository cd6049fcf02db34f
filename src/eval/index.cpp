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

// The hashes the three tables file prefixes under, of a name's (or a prefix's) first 2, 8 and 16
// bytes, case folded by setting bit 5 of every byte: coarser than ASCII lowering (it also folds '@'
// with '`', for instance) but implied by it, which is all a look-up that is checked needs. A table
// of 2^b groups takes the b bits from the 49th on.
std::uint64_t short_hash(const char* s) noexcept {
  std::uint16_t two;
  std::memcpy(&two, s, 2);
  return (two | 0x2020u) * 0x9E3779B97F4A7C15ull;
}

std::uint64_t long_hash(const char* s) noexcept {
  return (load8(s) | 0x2020202020202020ull) * 0x9E3779B97F4A7C15ull;
}

std::uint64_t longer_hash(const char* s) noexcept {
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
  groups_.assign(1, 0);
  largest_ = 0;
  std::vector<std::uint32_t> filed[3];  // by the table they go in
  for (std::uint32_t k = 0; k < patterns_.size(); ++k) {
    const std::size_t length = patterns_[k].literal_prefix();
    if (length < 2)
      always_.push_back(k);
    else
      filed[length < 8 ? 0 : length < 16 ? 1 : 2].push_back(k);
  }
  Table* const tables[3] = {&short_, &long_, &longer_};
  for (int t = 0; t < 3; ++t) {
    Table& table = *tables[t];
    const unsigned bits = table_bits(filed[t].size());
    table.groups.assign(std::size_t{1} << bits, 0);
    table.mask = (std::uint32_t{1} << bits) - 1;
    // (slot, pattern), sorted: each slot's patterns become one group.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> slots;
    for (std::uint32_t k : filed[t]) {
      const char* prefix = patterns_[k].lowered().data();
      const std::uint64_t h = t == 0   ? short_hash(prefix)
                              : t == 1 ? long_hash(prefix)
                                       : longer_hash(prefix);
      slots.emplace_back(table.slot(h), k);
    }
    std::sort(slots.begin(), slots.end());
    for (std::size_t a = 0, b = 0; a < slots.size(); a = b) {
      table.groups[slots[a].first] = static_cast<std::uint16_t>(groups_.size());
      for (b = a; b < slots.size() && slots[b].first == slots[a].first; ++b) {
        const std::uint32_t k = slots[b].second;
        const NamePattern& p = patterns_[k];
        const std::size_t length = p.literal_prefix();
        const char* prefix = p.lowered().data();
        Prefix x;
        x.head = packed(prefix, std::min<std::size_t>(length, 8));
        x.head_mask = low_bytes(length);
        if (length > 8) {
          x.tail = packed(prefix + length - 8, 8);
          x.tail_mask = ~std::uint64_t{0};
          x.tail_at = static_cast<std::uint32_t>(length - 8);
        }
        x.length = static_cast<std::uint32_t>(length);
        const bool any_tail = p.lowered().size() == length + 1 && p.lowered().back() == '*';
        x.pattern = k | (length > 16 ? kLonger : 0) | (any_tail ? 0 : kMore);
        prefixes_.push_back(x);
      }
      groups_.push_back(static_cast<std::uint32_t>(prefixes_.size()));
      largest_ = std::max(largest_, static_cast<std::uint32_t>(b - a));
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
  const std::uint64_t head = word(p);
  std::size_t hits = 0;
  for (std::uint32_t r = groups_[group - 1]; r < groups_[group]; ++r) {
    const Prefix& x = prefixes_[r];
    // When the name is shorter than the prefix, any eight of its bytes: the length test fails.
    const std::uint64_t tail = word(p + std::min<std::size_t>(x.tail_at, n - 8));
    bool hit =
        (n >= x.length) & ((head & x.head_mask) == x.head) & ((tail & x.tail_mask) == x.tail);
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
  if (n < 2) return;
  const std::uint64_t groups[3] = {short_.group(short_hash(name.data())),
                                   n >= 8 ? long_.group(long_hash(name.data())) : 0,
                                   n >= 16 ? longer_.group(longer_hash(name.data())) : 0};
  for (const std::uint64_t g : groups) {
    if (g == 0) continue;
    for (std::uint32_t r = groups_[g - 1]; r < groups_[g]; ++r) {
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
  // Three passes. The first looks up every name's three groups and lists the names with one,
  // deciding without a branch on the name; the second lists the (program, group) pairs; the third
  // compares each with the group's prefixes. Deciding name by name with branches cost more in
  // mispredictions than in instructions: whether a name is turned away, or matches, follows no
  // pattern a predictor could learn. The first pass runs on every name and is kept to a few
  // instructions.
  auto& listed = out.listed_;
  listed.resize(n);
  std::size_t count = 0;
  static constexpr char zeros[16] = {};
  const std::uint16_t* const short_groups = short_.groups.data();
  const std::uint16_t* const long_groups = long_.groups.data();
  const std::uint16_t* const longer_groups = longer_.groups.data();
  const std::uint32_t short_mask = short_.mask, long_mask = long_.mask, longer_mask = longer_.mask;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::string_view name = program[i].name;
    const std::size_t size = name.size();
    const char* first = size >= 2 ? name.data() : zeros;
    const char* first8 = size >= 8 ? name.data() : zeros;
    const char* first16 = size >= 16 ? name.data() : zeros;
    // Every byte trim_space() removes is at most ' ': a name that starts with one is listed, and
    // trimmed later. (One that ends with one starts as it would trimmed.)
    const unsigned untrimmed = static_cast<unsigned char>(*first) <= ' ';
    ProgramMatches::Listed& l = listed[count];
    l.program = i;
    l.groups[0] = short_groups[(short_hash(first) >> 48) & short_mask];
    l.groups[1] = long_groups[(long_hash(first8) >> 48) & long_mask];
    l.groups[2] = longer_groups[(longer_hash(first16) >> 48) & longer_mask];
    count += unsigned{size >= 2} &
             (untrimmed | unsigned{(l.groups[0] | l.groups[1] | l.groups[2]) != 0});
  }
  auto& entries = out.entries_;
  auto& plain = out.plain_;
  entries.resize(3 * count);
  plain.resize(count);
  std::size_t plains = 0;
  std::size_t listed_groups = 0;
  for (std::size_t c = 0; c < count; ++c) {
    const ProgramMatches::Listed& l = listed[c];
    const std::string_view name = program[l.program].name;
    // Names the word comparisons do not take: under eight bytes or with space to trim.
    if (name.size() < 8 || static_cast<unsigned char>(name.front()) <= ' ' ||
        static_cast<unsigned char>(name.back()) <= ' ') [[unlikely]] {
      plain[plains++] = l.program;
      continue;
    }
    // Under sixteen bytes, the third group was looked up for sixteen zeros.
    const std::uint64_t g2 = l.groups[0], g8 = l.groups[1];
    const std::uint64_t g16 = name.size() >= 16 ? l.groups[2] : 0;
    entries[listed_groups] = g2 << 32 | l.program;
    listed_groups += g2 != 0;
    entries[listed_groups] = g8 << 32 | l.program;
    listed_groups += g8 != 0;
    entries[listed_groups] = g16 << 32 | l.program;
    listed_groups += g16 != 0;
  }
  auto& pairs = out.pairs_;
  std::size_t found = 0;
  for (std::size_t c = 0; c < listed_groups; ++c) {
    const auto i = static_cast<std::uint32_t>(entries[c]);
    if (pairs.size() < found + largest_) pairs.resize(2 * (found + largest_));
    found += compare(program[i].name, i, static_cast<std::uint32_t>(entries[c] >> 32),
                     pairs.data() + found);
  }
  const std::size_t compared = found;
  for (std::size_t c = 0; c < plains; ++c)
    match_plainly(program[plain[c]].name, plain[c], pairs, found);
  // The plain path's pairs came last: back in program order within each pattern.
  if (found != compared) std::sort(pairs.begin(), pairs.begin() + found);
  // Patterns without a literal prefix of two bytes, on every name; their pairs stay in program
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
