#include "parse/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace posture::json {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at the start of `s`, or 0 when it is not one.
// Follows Unicode table 3-7, so overlongs, surrogates and values past U+10FFFF are rejected.
std::size_t utf8_sequence(std::string_view s) noexcept {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(0);
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c == 0xE0) {
    n = 3;
    lo = 0xA0;
  } else if (c == 0xED) {
    n = 3;
    hi = 0x9F;
  } else if (c >= 0xE1 && c <= 0xEF)
    n = 3;
  else if (c == 0xF0) {
    n = 4;
    lo = 0x90;
  } else if (c == 0xF4) {
    n = 4;
    hi = 0x8F;
  } else if (c >= 0xF1 && c <= 0xF3)
    n = 4;
  else
    return 0;
  if (s.size() < 2 || byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (i >= s.size() || (byte(i) & 0xC0) != 0x80) return 0;
  return n;
}

// Bytes to replace by one U+FFFD: the maximal prefix of a sequence that could still have been
// well-formed (Unicode's "maximal subpart" practice), at least one byte.
std::size_t invalid_run(std::string_view s) noexcept {
  auto c = static_cast<unsigned char>(s[0]);
  std::size_t n = 1;
  if (c >= 0xC2 && c <= 0xF4) {
    unsigned char lo = c == 0xE0 ? 0xA0 : (c == 0xF0 ? 0x90 : 0x80);
    unsigned char hi = c == 0xED ? 0x9F : (c == 0xF4 ? 0x8F : 0xBF);
    std::size_t want = c <= 0xDF ? 2 : (c <= 0xEF ? 3 : 4);
    if (s.size() > 1 && static_cast<unsigned char>(s[1]) >= lo &&
        static_cast<unsigned char>(s[1]) <= hi) {
      n = 2;
      while (n < want && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    }
  }
  return n;
}

// Bytes a JSON string holds as they are: printable ASCII but the quote and the backslash.
bool plain(unsigned char b) noexcept { return b >= 0x20 && b < 0x80 && b != '"' && b != '\\'; }

// plain() for eight bytes at once. Each test finds whether any byte is below a bound (or zero
// after an exclusive or with the byte sought); a borrow can only run on from a byte that
// matched, so "any" is exact.
bool plain8(const char* p) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  const std::uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
  const std::uint64_t special =
      ((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | x;
  return (special & highs) == 0;
}

}  // namespace

void append_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Printable ASCII other than the quote and the backslash is copied as it is, a run at a time:
    // nearly all of what posture writes (names, ids, versions, evidence).
    std::size_t run = i;
    while (run + 8 <= text.size() && plain8(text.data() + run)) run += 8;
    while (run < text.size() && plain(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (std::size_t n = utf8_sequence(text.substr(i))) {
        out.append(text.substr(i, n));
        i += n;
      } else {
        out += kReplacement;
        i += invalid_run(text.substr(i));
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void Writer::newline() {
  out_ += '\n';
  out_.append(2 * has_items_.size(), ' ');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) out_ += ',';
  has_items_.back() = true;
  if (pretty_) newline();
}

void Writer::open(char bracket) {
  before_value();
  out_ += bracket;
  has_items_.push_back(false);
}

void Writer::close(char bracket) {
  bool had_items = has_items_.back();
  has_items_.pop_back();
  if (pretty_ && had_items) newline();
  out_ += bracket;
}

void Writer::begin_object() { open('{'); }
void Writer::end_object() { close('}'); }
void Writer::begin_array() { open('['); }
void Writer::end_array() { close(']'); }

void Writer::key(std::string_view name) {
  before_value();
  append_string(out_, name);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
}

void Writer::string(std::string_view text) {
  before_value();
  append_string(out_, text);
}

void Writer::integer(std::int64_t value) {
  before_value();
  out_ += std::to_string(value);
}

void Writer::number(double value) {
  before_value();
  if (!std::isfinite(value)) {
    out_ += "null";
    return;
  }
  // -0 reads back as the integer 0; writing it as 0 keeps output stable across round trips.
  if (value == 0) value = 0;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, ec == std::errc{} ? end : buf);
}

void Writer::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void Writer::null() {
  before_value();
  out_ += "null";
}

void Writer::value(const Tree& tree, const Node& node) {
  // Iterative: the depth of a tree is whatever ReadOptions allowed, not what the stack allows.
  struct Open {
    const Node* node;
    std::size_t next;
  };
  std::vector<Open> open;
  auto emit = [&](const Node& n) {
    switch (n.kind) {
      case Kind::null: null(); break;
      case Kind::boolean: boolean(n.boolean); break;
      case Kind::integer: integer(tree.integer(n)); break;
      case Kind::number: number(tree.number(n)); break;
      case Kind::string: string(tree.text(n)); break;
      case Kind::array:
        begin_array();
        open.push_back({&n, 0});
        break;
      case Kind::object:
        begin_object();
        open.push_back({&n, 0});
        break;
    }
  };
  emit(node);
  while (!open.empty()) {
    Open& top = open.back();
    const Node& n = *top.node;
    if (n.kind == Kind::array) {
      auto elements = tree.elements(n);
      if (top.next == elements.size()) {
        end_array();
        open.pop_back();
      } else {
        emit(tree.at(elements[top.next++]));
      }
    } else {
      auto members = tree.members(n);
      if (top.next == members.size()) {
        end_object();
        open.pop_back();
      } else {
        key(tree.text(tree.at(members[top.next])));
        top.next += 2;
        emit(tree.at(members[top.next - 1]));
      }
    }
  }
}

bool Writer::json_text(std::string_view json) {
  // Kept values were compact JSON from a reader; the limits only guard hand-built text.
  constexpr unsigned kMaxDepth = 256;
  Limits limits{json.size(), kMaxDepth, json.size(), "max_document_bytes"};
  auto parsed = parse_value(json, limits);
  if (parsed.failure) return false;
  value(parsed.tree, parsed.tree.root());
  return true;
}

}  // namespace posture::json
