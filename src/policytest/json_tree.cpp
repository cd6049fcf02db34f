#include "policytest/json_tree.hpp"

#include <limits>
#include <optional>
#include <utility>

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace posture::policytest {

const JsonNode* JsonNode::member(std::string_view name) const noexcept {
  if (kind != Kind::object) return nullptr;
  for (const auto& child : children)
    if (child.key == name) return &child;
  return nullptr;
}

bool repeats_earlier_key(const JsonNode& obj, std::size_t i) noexcept {
  for (std::size_t j = 0; j < i && j < obj.children.size(); ++j)
    if (obj.children[j].key == obj.children[i].key) return true;
  return false;
}

std::string in_quotes(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

std::string_view kind_phrase(JsonNode::Kind kind) noexcept {
  switch (kind) {
    case JsonNode::Kind::null: return "null";
    case JsonNode::Kind::boolean: return "a boolean";
    case JsonNode::Kind::number: return "a number";
    case JsonNode::Kind::string: return "a string";
    case JsonNode::Kind::array: return "an array";
    case JsonNode::Kind::object: return "an object";
  }
  return "a value";
}

source_location locate(std::string_view text, std::size_t offset, const std::string& file) {
  source_location where;
  where.file = file;
  where.offset = offset;
  if (offset > text.size()) offset = text.size();
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  where.line = line;
  where.column = static_cast<std::uint32_t>(offset - line_start + 1);
  return where;
}

namespace {

// RapidJSON's stream knows only how far it has read: past a scalar when reporting it, but before
// or after a bracket depending on the parser's mode. So a token's start is found by skipping, from
// the end of the previous token, the white space and the ',' and ':' that JSON allows between
// tokens; a bracket is one byte long; a scalar ends where the stream stands when it is reported.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const rapidjson::MemoryStream& in, const ReadOptions& options)
      : text_(text), in_(in), options_(options), cursor_(in.Tell()) {}

  bool Null() { return scalar(make(JsonNode::Kind::null)); }
  bool Bool(bool b) {
    JsonNode n = make(JsonNode::Kind::boolean);
    n.boolean = b;
    return scalar(std::move(n));
  }
  bool Int(int i) { return integer(i); }
  bool Uint(unsigned u) { return integer(u); }
  bool Int64(std::int64_t i) { return integer(i); }
  bool Uint64(std::uint64_t u) {
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return integer(static_cast<std::int64_t>(u));
    return Double(static_cast<double>(u));
  }
  bool Double(double d) {
    JsonNode n = make(JsonNode::Kind::number);
    n.number = d;
    return scalar(std::move(n));
  }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }  // not requested
  bool String(const char* s, rapidjson::SizeType length, bool) {
    if (!string_fits(length)) return false;
    JsonNode n = make(JsonNode::Kind::string);
    n.text.assign(s, length);
    return scalar(std::move(n));
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    if (!string_fits(length)) return false;
    pending_key_.assign(s, length);
    pending_key_offset_ = next_token();
    cursor_ = in_.Tell();
    return true;
  }
  bool StartObject() { return open(JsonNode::Kind::object); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(JsonNode::Kind::array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  JsonNode take_root() { return std::move(root_); }
  const std::optional<diagnostic>& limit_error() const noexcept { return limit_error_; }

 private:
  std::size_t next_token() const noexcept {
    std::size_t i = cursor_;
    while (i < text_.size()) {
      const char c = text_[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':') break;
      ++i;
    }
    return i;
  }

  JsonNode make(JsonNode::Kind kind) {
    JsonNode n;
    n.kind = kind;
    n.begin = next_token();
    if (!stack_.empty() && stack_.back().kind == JsonNode::Kind::object) {
      n.key = std::move(pending_key_);
      n.key_offset = pending_key_offset_;
      pending_key_.clear();
    }
    return n;
  }

  bool integer(std::int64_t i) {
    JsonNode n = make(JsonNode::Kind::number);
    n.number = static_cast<double>(i);
    n.integral = true;
    n.integer = i;
    return scalar(std::move(n));
  }

  bool scalar(JsonNode n) {
    n.end = in_.Tell();
    cursor_ = n.end;
    attach(std::move(n));
    return true;
  }

  bool open(JsonNode::Kind kind) {
    if (stack_.size() >= options_.max_depth) {
      set_limit("nesting deeper than " + std::to_string(options_.max_depth) + " levels",
                next_token());
      return false;
    }
    stack_.push_back(make(kind));
    cursor_ = stack_.back().begin + 1;
    return true;
  }

  bool close() {
    JsonNode n = std::move(stack_.back());
    stack_.pop_back();
    n.end = next_token() + 1;
    cursor_ = n.end;
    attach(std::move(n));
    return true;
  }

  void attach(JsonNode n) {
    if (stack_.empty())
      root_ = std::move(n);
    else
      stack_.back().children.push_back(std::move(n));
  }

  bool string_fits(std::size_t length) {
    if (length <= options_.max_string_bytes) return true;
    set_limit("string longer than " + std::to_string(options_.max_string_bytes) + " bytes",
              next_token());
    return false;
  }

  void set_limit(std::string message, std::size_t offset) {
    limit_error_ = diagnostic{errc::limit, std::move(message),
                              locate(text_, offset, options_.file_name)};
  }

  std::string_view text_;
  const rapidjson::MemoryStream& in_;
  const ReadOptions& options_;
  std::vector<JsonNode> stack_;
  JsonNode root_;
  std::size_t cursor_;
  std::string pending_key_;
  std::size_t pending_key_offset_ = 0;
  std::optional<diagnostic> limit_error_;
};

// RapidJSON's messages are sentences ("Missing a comma or '}' after an object member."); ours
// follow the "file:line:column: message" convention of every other reader.
std::string syntax_message(rapidjson::ParseErrorCode code) {
  std::string text = rapidjson::GetParseError_En(code);
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return "invalid JSON: " + text;
}

}  // namespace

result<JsonNode> parse_json_tree(std::string_view text, const ReadOptions& options) {
  if (text.size() > options.max_document_bytes)
    return error(errc::limit,
                 "document larger than " + std::to_string(options.max_document_bytes) + " bytes",
                 locate(text, 0, options.file_name));
  rapidjson::MemoryStream in(text.data(), text.size());
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    in.Take();
    in.Take();
    in.Take();
  }
  TreeBuilder builder(text, in, options);
  rapidjson::Reader reader;
  const rapidjson::ParseResult parsed =
      reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(in,
                                                                                          builder);
  if (builder.limit_error()) return error(std::vector<diagnostic>{*builder.limit_error()});
  if (parsed.IsError())
    return error(errc::parse, syntax_message(parsed.Code()),
                 locate(text, parsed.Offset(), options.file_name));
  return builder.take_root();
}

}  // namespace posture::policytest
