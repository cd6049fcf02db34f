#include "eval/index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

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

// Whether the `n` bytes of `name` from `at` on (all inside it), ASCII-lowered, equal `lowered`,
// which may be read up to eight bytes past its end. A tail under eight bytes is compared as one
// masked word, loaded from the name's last eight bytes when fewer follow it: the walk compares
// mostly short labels, which byte by byte cost five instructions a byte.
bool equal_lowered(std::string_view name, std::size_t at, const char* lowered,
                   std::size_t n) noexcept {
  const char* p = name.data() + at;
  for (; n >= 8; n -= 8, p += 8, lowered += 8)
    if (lower8(load8(p)) != load8(lowered)) return false;
  if (n == 0) return true;
  if constexpr (std::endian::native == std::endian::little) {
    const std::size_t left = name.size() - static_cast<std::size_t>(p - name.data());
    if (left >= 8 || name.size() >= 8) {
      const std::uint64_t x = left >= 8 ? load8(p) : load8(p + left - 8) >> (8 * (8 - left));
      const std::uint64_t mask = ~std::uint64_t{0} >> (64 - 8 * n);  // n is 1 to 7
      return ((lower8(x) ^ load8(lowered)) & mask) == 0;
    }
  }
  for (; n > 0; --n, ++p, ++lowered)
    if (lower(*p) != static_cast<unsigned char>(*lowered)) return false;
  return true;
}

constexpr std::uint32_t kPrefetch = 8;  // programs ahead

// In ProgramIndex::ends_: the pattern is its prefix and one '*'.
constexpr std::uint32_t kAnyTail = 1u << 31;

// Filter classes, by how many leading bytes of a prefix they hash: 0 = 16, 1 = 8, 2 = 2.
constexpr unsigned filter_bits = 14;

// A hash of the first 16 (c = 0) or 8 (c = 1) bytes of `s` (at least that long), case folded by setting
// bit 5 of every byte: coarser than ASCII lowering (it also folds '@' with '`', for instance) but
// implied by it, which is all a filter needs, and one instruction for eight bytes.
std::uint32_t class_hash(std::size_t c, const char* s) noexcept {
  constexpr std::uint64_t fold = 0x2020202020202020ull;
  std::uint64_t x;
  if (c == 0) {
    x = (load8(s) | fold) ^ ((load8(s + 8) | fold) * 0xC2B2AE3D27D4EB4Full);
  } else {
    x = load8(s) | fold;
  }
  x *= 0x9E3779B97F4A7C15ull;
  return static_cast<std::uint32_t>(x >> (64 - filter_bits));
}

// The slot of a name's (or prefix's) first two bytes in ProgramIndex::lead_.
std::uint32_t lead_slot(const char* s) noexcept {
  std::uint16_t two;
  std::memcpy(&two, s, 2);
  return static_cast<std::uint32_t>(((two | 0x2020u) * 0x9E3779B97F4A7C15ull) >> 52);
}

bool filed(const std::uint64_t* bits, std::uint32_t h) noexcept {
  return (bits[h >> 6] >> (h & 63)) & 1u;
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
  for (auto& f : filters_) f.assign((std::size_t{1} << filter_bits) / 64, 0);
  lead_.fill(0);
  // Build with per-node child lists, then lay the trie out flat.
  struct Building {
    std::vector<std::pair<unsigned char, std::uint32_t>> children;
    std::vector<std::uint32_t> ends;
  };
  std::vector<Building> tree(1);
  for (std::uint32_t k = 0; k < patterns_.size(); ++k) {
    const NamePattern& p = patterns_[k];
    if (p.literal_prefix() < 2) {
      always_.push_back(k);
      continue;
    }
    const std::string_view prefix = std::string_view(p.lowered()).substr(0, p.literal_prefix());
    const std::size_t c = prefix.size() >= 16 ? 0 : prefix.size() >= 8 ? 1 : 2;
    lead_[lead_slot(prefix.data())] |= static_cast<std::uint8_t>(1u << c);
    if (c < 2) {
      const std::uint32_t h = class_hash(c, prefix.data());
      filters_[c][h >> 6] |= std::uint64_t{1} << (h & 63);
    }
    std::uint32_t node = 0;
    for (char ch : prefix) {
      const auto byte = static_cast<unsigned char>(ch);
      std::uint32_t next = 0;
      for (const auto& [b, child] : tree[node].children)
        if (b == byte) next = child;
      if (!next) {
        next = static_cast<std::uint32_t>(tree.size());
        tree[node].children.emplace_back(byte, next);
        tree.emplace_back();
      }
      node = next;
    }
    // "prefix*" matches every name that starts with its prefix: marked, so that the walk adds
    // it without calling the pattern.
    const bool any_tail = p.lowered().size() == prefix.size() + 1 && p.lowered().back() == '*';
    tree[node].ends.push_back(any_tail ? k | kAnyTail : k);
  }
  // Lay the tree out flat, each chain of nodes with one child and no pattern merged into the
  // edge that leads to it.
  nodes_.clear();
  edges_.clear();
  labels_.clear();
  ends_.clear();
  nodes_.emplace_back();
  struct Pending {
    std::uint32_t from;  // building node
    std::uint32_t to;    // its flat node
  };
  std::vector<Pending> todo{{0, 0}};
  while (!todo.empty()) {
    const Pending at = todo.back();
    todo.pop_back();
    nodes_[at.to].first_pattern = static_cast<std::uint32_t>(ends_.size());
    nodes_[at.to].patterns = static_cast<std::uint32_t>(tree[at.from].ends.size());
    ends_.insert(ends_.end(), tree[at.from].ends.begin(), tree[at.from].ends.end());
    nodes_[at.to].first_edge = static_cast<std::uint32_t>(edges_.size());
    nodes_[at.to].edges = static_cast<std::uint32_t>(tree[at.from].children.size());
    for (const auto& [byte, first_child] : tree[at.from].children) {
      Edge e;
      e.first = byte;
      e.label = static_cast<std::uint32_t>(labels_.size());
      labels_ += static_cast<char>(byte);
      std::uint32_t child = first_child;
      while (tree[child].children.size() == 1 && tree[child].ends.empty()) {
        labels_ += static_cast<char>(tree[child].children.front().first);
        child = tree[child].children.front().second;
      }
      e.length = static_cast<std::uint32_t>(labels_.size() - e.label);
      e.node = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
      edges_.push_back(e);
      todo.push_back({child, e.node});
    }
  }
  labels_.append(8, '\0');
  root_edge_.fill(0);
  for (std::uint32_t e = nodes_[0].first_edge; e < nodes_[0].first_edge + nodes_[0].edges; ++e)
    root_edge_[edges_[e].first] = e + 1;
}

// Inline in the loop over programs, which calls it for every name.
[[gnu::always_inline]] inline bool ProgramIndex::may_walk(std::string_view name) const noexcept {
  const std::uint8_t classes = lead_[lead_slot(name.data())];
  return classes && ((classes & 4) ||
                     ((classes & 2) && name.size() >= 8 &&
                      filed(filters_[1].data(), class_hash(1, name.data()))) ||
                     ((classes & 1) && name.size() >= 16 &&
                      filed(filters_[0].data(), class_hash(0, name.data()))));
}

void ProgramIndex::walk(std::string_view name, std::uint32_t i,
                        std::vector<std::uint64_t>& pairs) const {
  // Down the trie as far as the name follows some prefix; a pattern whose prefix ends at a node on
  // the way is tried on the whole name.
  std::uint32_t node = 0;
  for (std::size_t d = 0;;) {
    const Node& at = nodes_[node];
    for (std::uint32_t e = 0; e < at.patterns; ++e) {
      const std::uint32_t end = ends_[at.first_pattern + e];
      const std::uint32_t k = end & ~kAnyTail;
      if ((end & kAnyTail) || patterns_[k].matches_after_prefix(name))
        pairs.push_back(std::uint64_t{k} << 32 | i);
    }
    if (d == name.size()) return;
    const auto byte = static_cast<unsigned char>(lower(name[d]));
    const Edge* edge = nullptr;
    if (node == 0) {
      if (const std::uint32_t e = root_edge_[byte]) edge = &edges_[e - 1];
    } else {
      for (std::uint32_t e = at.first_edge; e < at.first_edge + at.edges; ++e)
        if (edges_[e].first == byte) {
          edge = &edges_[e];
          break;
        }
    }
    if (!edge || name.size() - d < edge->length ||
        !equal_lowered(name, d + 1, labels_.data() + edge->label + 1, edge->length - 1))
      return;
    d += edge->length;
    node = edge->node;
  }
}

void ProgramIndex::match(const std::vector<Program>& programs, ProgramMatches& out) const {
  auto& pairs = out.pairs_;
  pairs.clear();
  const auto n = static_cast<std::uint32_t>(programs.size());
  const Program* program = programs.data();
  // Most names are turned away by the filters in a few instructions; the walk is a call of its
  // own so that this loop keeps its values in registers.
  auto one = [&](std::uint32_t i) {
    std::string_view name = program[i].name;
    // A name under two bytes stays under two bytes trimmed, and no prefix in the tree is that
    // short. Every byte trim_space() removes is at most ' '.
    if (name.size() < 2) return;
    if ((static_cast<unsigned char>(name.front()) <= ' ') |
        (static_cast<unsigned char>(name.back()) <= ' ')) [[unlikely]] {
      name = trim_space(name);
      if (name.size() < 2) return;
    }
    if (may_walk(name)) [[unlikely]] walk(name, i, pairs);
  };
  // The names live apart from the Program records: ask for a later one's bytes now, so that its
  // cache miss overlaps this iteration's work instead of stalling a later one. Two loops, so that
  // the common one does not test whether there is a later one.
  std::uint32_t i = 0;
  for (; i + kPrefetch < n; ++i) {
    __builtin_prefetch(program[i + kPrefetch].name.data());
    one(i);
  }
  for (; i < n; ++i) one(i);
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
