#include "parse/json_tree.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <limits>

namespace posture::json {
namespace {

// Node offsets and counts are 32-bit; no window may reach that size.
constexpr std::size_t kMaxWindow = std::numeric_limits<std::uint32_t>::max() - 1;

bool is_separator(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':';
}

// Roughly log10 of a JSON number's magnitude: > 0 when it is at least 1. Tells overflow from
// underflow when a conversion is out of range.
long decimal_magnitude(std::string_view number) {
  if (!number.empty() && number.front() == '-') number.remove_prefix(1);
  std::size_t e = number.find_first_of("eE");
  long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = number.substr(e + 1);
    bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
      digits.remove_prefix(1);
    // Saturate: only the sign of the result matters.
    for (char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 1'000'000'000L);
    if (negative) exponent = -exponent;
    number = number.substr(0, e);
  }
  std::size_t point = number.find('.');
  std::string_view whole = number.substr(0, point);
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  if (!whole.empty()) return static_cast<long>(whole.size()) + exponent;
  std::string_view fraction = point == std::string_view::npos ? "" : number.substr(point + 1);
  std::size_t zeros = fraction.find_first_not_of('0');
  if (zeros == std::string_view::npos) return -1'000'000'000L;  // the number is zero
  return exponent - static_cast<long>(zeros);
}

}  // namespace

std::string_view kind_name(Kind kind) noexcept {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "a boolean";
    case Kind::integer:
    case Kind::number: return "a number";
    case Kind::string: return "a string";
    case Kind::array: return "an array";
    case Kind::object: return "an object";
  }
  return "a value";
}

std::string_view Tree::text(const Node& node) const noexcept {
  return std::string_view(strings_).substr(node.payload, node.size);
}

std::int64_t Tree::integer(const Node& node) const noexcept {
  return static_cast<std::int64_t>(node.payload);
}

double Tree::number(const Node& node) const noexcept {
  if (node.kind == Kind::integer) return static_cast<double>(integer(node));
  return std::bit_cast<double>(node.payload);
}

std::span<const NodeId> Tree::elements(const Node& array) const noexcept {
  if (array.kind != Kind::array) return {};
  return std::span<const NodeId>(kids_).subspan(array.payload, array.size);
}

std::span<const NodeId> Tree::members(const Node& object) const noexcept {
  if (object.kind != Kind::object) return {};
  return std::span<const NodeId>(kids_).subspan(object.payload, std::size_t{2} * object.size);
}

Limits Limits::for_document(const ReadOptions& options) noexcept {
  return {std::min(options.max_document_bytes, kMaxWindow), options.max_depth,
          options.max_string_bytes, "max_document_bytes"};
}

Limits Limits::for_record(const ReadOptions& options) noexcept {
  return {std::min(options.max_line_bytes, kMaxWindow), options.max_depth, options.max_string_bytes,
          "max_line_bytes"};
}

TreeBuilder::TreeBuilder(const rapidjson::MemoryStream& stream, const Limits& limits)
    : stream_(stream), limits_(limits) {}

void TreeBuilder::start(std::size_t scan_from, std::optional<std::size_t> base,
                        unsigned outer_depth) {
  tree_ = Tree{};
  pending_.clear();
  open_.clear();
  prev_end_ = scan_from;
  base_fixed_ = base.has_value();
  base_ = base.value_or(0);
  complete_ = false;
  outer_depth_ = outer_depth;
  failure_.reset();
}

Tree TreeBuilder::take() {
  // Objects close inner-first; list repeats in document order.
  std::sort(tree_.duplicates_.begin(), tree_.duplicates_.end());
  return std::move(tree_);
}

std::size_t TreeBuilder::token_start() {
  const char* text = stream_.begin_;
  std::size_t limit = stream_.Tell();
  std::size_t p = std::min(prev_end_, limit);
  while (p < limit && is_separator(text[p])) ++p;
  return p;
}

bool TreeBuilder::fail(errc code, std::size_t stream_offset, std::string message) {
  std::size_t offset = stream_offset >= base_ ? stream_offset - base_ : 0;
  failure_ = Failure{code, offset, std::move(message)};
  return false;
}

bool TreeBuilder::add(Node node) {
  if (tree_.nodes_.size() >= kMaxWindow)
    return fail(errc::limit, base_ + node.begin, "too many JSON values in one document");
  auto id = static_cast<NodeId>(tree_.nodes_.size());
  tree_.nodes_.push_back(node);
  if (open_.empty())
    complete_ = node.kind != Kind::array && node.kind != Kind::object;
  else
    pending_.push_back(id);
  return true;
}

bool TreeBuilder::add_scalar(Kind kind, std::uint64_t payload, bool boolean) {
  std::size_t begin = token_start();
  if (tree_.nodes_.empty() && !base_fixed_) base_ = begin;
  std::size_t end = stream_.Tell();
  prev_end_ = end;
  if (end - base_ > limits_.max_bytes)
    return fail(errc::limit, begin,
                "value ends beyond the limit of " + std::to_string(limits_.max_bytes) +
                    " bytes (ReadOptions::" + limits_.bytes_option + ")");
  Node n;
  n.kind = kind;
  n.boolean = boolean;
  n.begin = static_cast<std::uint32_t>(begin - base_);
  n.end = static_cast<std::uint32_t>(end - base_);
  n.payload = payload;
  return add(n);
}

bool TreeBuilder::add_string(const char* str, rapidjson::SizeType length) {
  if (length > limits_.max_string_bytes)
    return fail(errc::limit, token_start(),
                "string of " + std::to_string(length) + " bytes is over the limit of " +
                    std::to_string(limits_.max_string_bytes) +
                    " bytes (ReadOptions::max_string_bytes)");
  std::size_t offset = tree_.strings_.size();
  tree_.strings_.append(str, length);
  if (!add_scalar(Kind::string, offset)) return false;
  tree_.nodes_.back().size = length;
  return true;
}

bool TreeBuilder::Null() { return add_scalar(Kind::null, 0); }
bool TreeBuilder::Bool(bool b) { return add_scalar(Kind::boolean, 0, b); }
bool TreeBuilder::Int(int i) { return Int64(i); }
bool TreeBuilder::Uint(unsigned u) { return Int64(u); }
bool TreeBuilder::Int64(std::int64_t i) {
  return add_scalar(Kind::integer, static_cast<std::uint64_t>(i));
}
bool TreeBuilder::Uint64(std::uint64_t u) {
  if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return Int64(static_cast<std::int64_t>(u));
  return Double(static_cast<double>(u));
}
bool TreeBuilder::Double(double d) {
  return add_scalar(Kind::number, std::bit_cast<std::uint64_t>(d));
}
bool TreeBuilder::RawNumber(const char* str, rapidjson::SizeType length, bool) {
  // RapidJSON has checked the JSON number syntax; only the value is left to find.
  const char* end = str + length;
  std::string_view text(str, length);
  if (text.find_first_of(".eE") == std::string_view::npos) {
    std::int64_t i = 0;
    auto [p, ec] = std::from_chars(str, end, i);
    if (ec == std::errc{} && p == end) return Int64(i);
  }
  double d = 0;
  auto [p, ec] = std::from_chars(str, end, d);
  if (ec == std::errc::result_out_of_range) {
    if (decimal_magnitude(text) > 0)
      return fail(errc::parse, token_start(),
                  "invalid JSON: Number too big to be stored in double");
    d = text.front() == '-' ? -0.0 : 0.0;  // underflow
  } else if (ec != std::errc{} || p != end) {
    return fail(errc::internal, token_start(), "unreadable number " + std::string(text));
  }
  return Double(d);
}
bool TreeBuilder::String(const char* str, rapidjson::SizeType length, bool) {
  return add_string(str, length);
}
bool TreeBuilder::Key(const char* str, rapidjson::SizeType length, bool) {
  return add_string(str, length);
}

bool TreeBuilder::open(Kind kind) {
  std::size_t begin = token_start();
  if (tree_.nodes_.empty() && !base_fixed_) base_ = begin;
  prev_end_ = begin + 1;
  if (outer_depth_ + open_.size() >= limits_.max_depth)
    return fail(errc::limit, begin,
                "nesting deeper than " + std::to_string(limits_.max_depth) +
                    " levels (ReadOptions::max_depth)");
  Node n;
  n.kind = kind;
  n.begin = static_cast<std::uint32_t>(begin - base_);
  auto id = static_cast<NodeId>(tree_.nodes_.size());
  if (!add(n)) return false;
  open_.push_back({id, pending_.size()});
  return true;
}

bool TreeBuilder::close() {
  std::size_t at = token_start();
  prev_end_ = at + 1;
  if (prev_end_ - base_ > limits_.max_bytes)
    return fail(errc::limit, at,
                "value ends beyond the limit of " + std::to_string(limits_.max_bytes) +
                    " bytes (ReadOptions::" + limits_.bytes_option + ")");
  Frame frame = open_.back();
  open_.pop_back();
  Node& n = tree_.nodes_[frame.node];
  std::size_t count = pending_.size() - frame.first_pending;
  n.end = static_cast<std::uint32_t>(prev_end_ - base_);
  n.payload = tree_.kids_.size();
  n.size = static_cast<std::uint32_t>(n.kind == Kind::object ? count / 2 : count);
  tree_.kids_.insert(tree_.kids_.end(),
                     pending_.begin() + static_cast<std::ptrdiff_t>(frame.first_pending),
                     pending_.end());
  pending_.resize(frame.first_pending);
  if (n.kind == Kind::object && n.size > 1)
    find_duplicates(std::span<const NodeId>(tree_.kids_).subspan(n.payload, count));
  if (open_.empty()) complete_ = true;
  return true;
}

void TreeBuilder::find_duplicates(std::span<const NodeId> members) {
  scratch_.clear();
  for (std::size_t i = 0; i < members.size(); i += 2) scratch_.push_back(members[i]);
  // Stable: among equal keys the first in document order comes first.
  std::stable_sort(scratch_.begin(), scratch_.end(), [&](NodeId a, NodeId b) {
    return tree_.text(tree_.nodes_[a]) < tree_.text(tree_.nodes_[b]);
  });
  for (std::size_t i = 1; i < scratch_.size(); ++i) {
    std::size_t first = i - 1;
    while (i < scratch_.size() &&
           tree_.text(tree_.nodes_[scratch_[i]]) == tree_.text(tree_.nodes_[scratch_[first]])) {
      tree_.duplicates_.emplace_back(scratch_[i], scratch_[first]);
      ++i;
    }
  }
}

bool TreeBuilder::StartObject() { return open(Kind::object); }
bool TreeBuilder::EndObject(rapidjson::SizeType) { return close(); }
bool TreeBuilder::StartArray() { return open(Kind::array); }
bool TreeBuilder::EndArray(rapidjson::SizeType) { return close(); }

std::string syntax_message(int rapidjson_code, std::string_view window, std::size_t offset) {
  auto code = static_cast<rapidjson::ParseErrorCode>(rapidjson_code);
  if (offset < window.size() && window[offset] == '\0') return "unexpected NUL byte";
  if (code == rapidjson::kParseErrorStringInvalidEncoding) return "invalid UTF-8 in string";
  // RapidJSON calls a raw control character in a string an invalid escape; most often it is a
  // line break in a string that was never closed, and the reader should say so.
  if (code == rapidjson::kParseErrorStringEscapeInvalid && offset < window.size() &&
      static_cast<unsigned char>(window[offset]) < 0x20) {
    if (window[offset] == '\n' || window[offset] == '\r')
      return "line break inside a string (a string not closed on its line, or a line break not "
             "written as \\n)";
    return "control character inside a string (write it as a \\u escape)";
  }
  std::string msg = "invalid JSON: ";
  msg += rapidjson::GetParseError_En(code);
  if (!msg.empty() && msg.back() == '.') msg.pop_back();
  return msg;
}

Parsed parse_value(std::string_view window, const Limits& limits, bool stop_after_value) {
  Parsed out;
  if (!stop_after_value && window.size() > limits.max_bytes) {
    out.failure = Failure{errc::limit, 0,
                          "input of " + std::to_string(window.size()) +
                              " bytes is over the limit of " + std::to_string(limits.max_bytes) +
                              " bytes (ReadOptions::" + limits.bytes_option + ")"};
    return out;
  }
  rapidjson::MemoryStream stream(window.data(), window.size());
  TreeBuilder builder(stream, limits);
  builder.start(0, 0, 0);
  rapidjson::Reader reader;
  rapidjson::ParseResult r =
      stop_after_value
          ? reader.Parse<kReaderFlags | rapidjson::kParseStopWhenDoneFlag>(stream, builder)
          : reader.Parse<kReaderFlags>(stream, builder);
  if (builder.failure()) {
    out.failure = builder.failure();
    return out;
  }
  if (r.IsError()) {
    out.failure = Failure{errc::parse, r.Offset(), syntax_message(r.Code(), window, r.Offset())};
    return out;
  }
  out.end = builder.position();
  // RapidJSON takes a NUL byte for the end of input; anything after it would be dropped.
  if (!stop_after_value && stream.Tell() < window.size()) {
    out.failure = Failure{errc::parse, stream.Tell(), "unexpected NUL byte"};
    return out;
  }
  out.tree = builder.take();
  return out;
}

DocumentWindow strip_bom(std::string_view text) noexcept {
  if (text.starts_with("\xEF\xBB\xBF")) return {text.substr(3), 3};
  return {text, 0};
}

}  // namespace posture::json
