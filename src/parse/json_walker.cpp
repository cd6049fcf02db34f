#include "parse/json_walker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "posture/name.hpp"

namespace posture::json {
namespace {

// A hostile document could otherwise produce one diagnostic per byte.
constexpr std::size_t kMaxProblems = 100;
constexpr std::size_t kQuoteBytes = 64;

char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Optimal string alignment distance (edits, with adjacent transpositions), ASCII case-folded.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string quote(std::string_view text) {
  bool cut = false;
  if (text.size() > kQuoteBytes) {
    std::size_t n = kQuoteBytes;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    text = text.substr(0, n);
    cut = true;
  }
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  if (cut) out += "\xE2\x80\xA6";  // …
  out += '"';
  return out;
}

std::optional<std::string_view> closest(std::string_view word,
                                        std::span<const std::string_view> candidates) {
  if (word.empty() || word.size() > kQuoteBytes) return std::nullopt;
  std::size_t allowed = word.size() <= 4 ? 1 : 2;
  std::optional<std::string_view> best;
  std::size_t best_distance = allowed + 1;
  for (auto c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (auto w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

Walker::Walker(const Tree& tree, const Locator& locator) : tree_(tree), locator_(locator) {
  for (auto [repeat, first] : tree.duplicate_keys()) {
    if (saturated()) break;
    const Node& r = tree.at(repeat);
    auto at = locator.at(tree.at(first).begin);
    report(errc::check, r,
           "duplicate key " + quote(tree.text(r)) + " (first at line " + std::to_string(at.line) +
               ", column " + std::to_string(at.column) + ")");
  }
}

void Walker::report(errc code, const Node& at, std::string message) {
  report_at(code, at.begin, std::move(message));
}

void Walker::report_at(errc code, std::size_t window_offset, std::string message) {
  if (truncated_) return;
  report_located(code, locator_.at(window_offset), std::move(message));
}

void Walker::report_located(errc code, source_location where, std::string message) {
  if (truncated_) return;
  if (problems_.size() == kMaxProblems) {
    truncated_ = true;
    source_location end;
    end.file = locator_.file();
    end.offset = std::numeric_limits<std::size_t>::max();
    problems_.push_back(
        {code,
         "too many problems; only the first " + std::to_string(kMaxProblems) + " are reported",
         std::move(end)});
    return;
  }
  problems_.push_back({code, std::move(message), std::move(where)});
}

error Walker::take_error() {
  std::stable_sort(
      problems_.begin(), problems_.end(),
      [](const diagnostic& a, const diagnostic& b) { return a.where.offset < b.where.offset; });
  return error(std::move(problems_));
}

void Walker::wrong_type(const Node& value, std::string_view name, std::string_view expected) {
  std::string msg = "expected ";
  msg += expected;
  if (!name.empty()) msg += " for " + quote(name);
  msg += ", got ";
  msg += kind_name(value.kind);
  report(errc::parse, value, std::move(msg));
}

std::optional<std::string> Walker::string(const Node& value, std::string_view name) {
  if (value.kind != Kind::string) {
    wrong_type(value, name, "a string");
    return std::nullopt;
  }
  return std::string(tree_.text(value));
}

std::optional<std::string> Walker::nonempty_string(const Node& value, std::string_view name) {
  auto s = string(value, name);
  if (s && trim_space(*s).empty()) {
    report(errc::parse, value, quote(name) + " must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> Walker::boolean(const Node& value, std::string_view name) {
  if (value.kind != Kind::boolean) {
    wrong_type(value, name, "true or false");
    return std::nullopt;
  }
  return value.boolean;
}

std::optional<std::int64_t> Walker::integer(const Node& value, std::string_view name,
                                            std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  if (value.kind == Kind::integer) {
    v = tree_.integer(value);
  } else if (value.kind == Kind::number) {
    // 2^53: beyond it a double no longer holds every integer exactly.
    constexpr double kExact = 9007199254740992.0;
    double d = tree_.number(value);
    if (d != std::trunc(d) || std::fabs(d) > kExact) {
      wrong_type(value, name, "an integer");
      return std::nullopt;
    }
    v = static_cast<std::int64_t>(d);
  } else {
    wrong_type(value, name, "an integer");
    return std::nullopt;
  }
  if (v < min || v > max) {
    std::string msg = quote(name) + " must be ";
    if (max == std::numeric_limits<std::int64_t>::max())
      msg += "at least " + std::to_string(min);
    else
      msg += "between " + std::to_string(min) + " and " + std::to_string(max);
    msg += ", got " + std::to_string(v);
    report(errc::parse, value, std::move(msg));
    return std::nullopt;
  }
  return v;
}

std::span<const NodeId> Walker::array(const Node& value, std::string_view name) {
  if (value.kind != Kind::array) {
    wrong_type(value, name, "an array");
    return {};
  }
  return tree_.elements(value);
}

std::optional<std::vector<std::string>> Walker::strings(const Node& value, std::string_view name,
                                                        bool allow_empty) {
  if (value.kind != Kind::array) {
    wrong_type(value, name, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  std::size_t i = 0;
  for (NodeId id : tree_.elements(value)) {
    std::string element = element_name(name, i++);
    auto s = allow_empty ? string(tree_.at(id), element) : nonempty_string(tree_.at(id), element);
    if (s)
      out.push_back(std::move(*s));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::size_t> Walker::one_of(const Node& value, std::string_view name,
                                          std::span<const std::string_view> allowed,
                                          bool ignore_case) {
  if (value.kind != Kind::string) {
    wrong_type(value, name, "a string");
    return std::nullopt;
  }
  std::string_view text = tree_.text(value);
  for (std::size_t i = 0; i < allowed.size(); ++i)
    if (ignore_case ? names_equal(text, allowed[i]) : text == allowed[i]) return i;
  std::string msg = "invalid value " + quote(text) + " for " + quote(name) +
                    " (expected one of: " + join(allowed) + ")";
  if (auto guess = closest(text, allowed)) msg += "; did you mean " + quote(*guess) + "?";
  report(errc::parse, value, std::move(msg));
  return std::nullopt;
}

ObjectReader::ObjectReader(Walker& walker, const Node& node, std::string_view name,
                           std::string what)
    : walker_(walker), node_(node), what_(std::move(what)) {
  if (node.kind != Kind::object) {
    walker.wrong_type(node, name, "an object");
    return;
  }
  valid_ = true;
  members_ = walker.tree().members(node);
  used_.assign(members_.size() / 2, false);
}

std::string_view ObjectReader::key(std::size_t i) const noexcept {
  return walker_.tree().text(key_node(i));
}

const Node& ObjectReader::key_node(std::size_t i) const noexcept {
  return walker_.tree().at(members_[2 * i]);
}

const Node& ObjectReader::value(std::size_t i) const noexcept {
  return walker_.tree().at(members_[2 * i + 1]);
}

const Node* ObjectReader::find(std::string_view k) {
  if (std::find(known_.begin(), known_.end(), k) == known_.end()) known_.push_back(k);
  if (!valid_) return nullptr;
  // Duplicate keys are reported separately; the first occurrence is the one read.
  for (std::size_t i = 0; i < size(); ++i) {
    if (key(i) == k) {
      for (std::size_t j = i; j < size(); ++j)
        if (key(j) == k) used_[j] = true;
      return &value(i);
    }
  }
  return nullptr;
}

const Node* ObjectReader::optional(std::string_view k) {
  const Node* n = find(k);
  return (n && n->kind != Kind::null) ? n : nullptr;
}

const Node* ObjectReader::required(std::string_view k) {
  const Node* n = find(k);
  if (!n && valid_)
    walker_.report(errc::check, node_, "missing required key " + quote(k) + " in " + what_);
  return n;
}

void ObjectReader::reject_unknown() {
  if (!valid_) return;
  for (std::size_t i = 0; i < size() && !walker_.saturated(); ++i) {
    if (used_[i]) continue;
    std::string msg = "unknown key " + quote(key(i)) + " in " + what_;
    if (!known_.empty()) msg += " (expected one of: " + join(known_) + ")";
    if (auto guess = closest(key(i), known_)) msg += "; did you mean " + quote(*guess) + "?";
    walker_.report(errc::check, key_node(i), std::move(msg));
  }
}

std::string element_name(std::string_view array, std::size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "]";
}

error to_error(const Failure& failure, const Locator& locator) {
  return error(failure.code, failure.message, locator.at(failure.offset));
}

std::optional<std::string> as_string(Walker& w, const Node& n, std::string_view name) {
  return w.string(n, name);
}

std::optional<std::string> as_nonempty_string(Walker& w, const Node& n, std::string_view name) {
  return w.nonempty_string(n, name);
}

std::optional<bool> as_bool(Walker& w, const Node& n, std::string_view name) {
  return w.boolean(n, name);
}

std::optional<std::int64_t> as_int(Walker& w, const Node& n, std::string_view name) {
  return w.integer(n, name, std::numeric_limits<std::int64_t>::min(),
                   std::numeric_limits<std::int64_t>::max());
}

std::optional<std::int64_t> as_count(Walker& w, const Node& n, std::string_view name) {
  return w.integer(n, name, 0, std::numeric_limits<std::int32_t>::max());
}

std::optional<std::vector<std::string>> as_strings(Walker& w, const Node& n,
                                                   std::string_view name) {
  return w.strings(n, name);
}

}  // namespace posture::json
