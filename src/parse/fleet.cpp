// Fleet input: JSON Lines, a JSON array of snapshots, or one (possibly pretty-printed) snapshot.
//
// The input is never held as one tree. JSON Lines are read record by record: a record starts at
// the first non-blank byte of a line and may span lines (so a single pretty-printed snapshot
// reads as one record); after a broken record reading resumes on the line after the one it
// started on. An array is read with one SAX pass in which only the current element becomes a
// tree. Line numbers are counted once, front to back, so a huge file costs linear time.
#include <cstring>

#include "parse/json_tree.hpp"
#include "parse/json_walker.hpp"
#include "parse/snapshot_json.hpp"
#include "posture/io.hpp"

namespace posture {
namespace {

using json::Kind;
using json::Locator;
using json::WindowStart;

bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_blank(std::string_view t, std::size_t p) noexcept {
  while (p < t.size() && is_blank(t[p])) ++p;
  return p;
}

std::size_t line_end(std::string_view t, std::size_t p) noexcept {
  const void* nl = std::memchr(t.data() + p, '\n', t.size() - p);
  return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - t.data()) : t.size();
}

// Line and column of offsets visited in increasing order, counting newlines only once.
class LineCursor {
 public:
  LineCursor(std::string_view text, std::size_t file_offset) : text_(text), base_(file_offset) {}

  WindowStart start_of(std::size_t offset) {
    // Only the bytes up to `offset` are searched: an array on one long line must not be rescanned
    // to its end for every element.
    while (pos_ < offset) {
      const void* nl = std::memchr(text_.data() + pos_, '\n', offset - pos_);
      if (!nl) break;
      ++line_;
      line_start_ = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
      pos_ = line_start_;
    }
    pos_ = std::max(pos_, offset);
    return {base_ + offset, json::clamp_u32(line_), json::clamp_u32(offset - line_start_ + 1)};
  }

  source_location location(std::size_t offset, const std::string& file) {
    WindowStart s = start_of(offset);
    return {file, s.line, s.column, s.offset};
  }

 private:
  std::string_view text_;
  std::size_t base_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
};

// Reads one record's tree into a snapshot; the record's problems become one error.
result<Snapshot> snapshot_of(const json::Tree& tree, const Locator& locator,
                             std::string_view window) {
  json::Walker w(tree, locator);
  if (tree.root().kind != Kind::object) {
    w.wrong_type(tree.root(), "", "a snapshot object");
    return w.take_error();
  }
  return json::read_snapshot(w, tree.root(), window);
}

struct Fleet {
  Fleet(std::string_view text, std::size_t file_offset, const ReadOptions& options,
        const SnapshotSink& sink, std::vector<error>& bad)
      : text_(text),
        options_(options),
        sink_(sink),
        bad_(bad),
        cursor_(text, file_offset) {}

  result<std::size_t> lines();
  result<std::size_t> array();

  // Delivers a record or files its error. False when the sink asked to stop.
  bool deliver(result<Snapshot> snapshot, std::uint32_t line) {
    if (!snapshot) {
      bad_.push_back(std::move(snapshot).err());
      return true;
    }
    ++delivered_;
    return sink_(std::move(snapshot).value(), line);
  }

  std::string_view text_;
  const ReadOptions& options_;
  const SnapshotSink& sink_;
  std::vector<error>& bad_;
  LineCursor cursor_;
  std::size_t delivered_ = 0;
};

result<std::size_t> Fleet::lines() {
  json::Limits limits = json::Limits::for_record(options_);
  std::size_t pos = skip_blank(text_, 0);
  while (pos < text_.size()) {
    std::size_t first_line_end = line_end(text_, pos);
    WindowStart start = cursor_.start_of(pos);
    std::size_t resume = first_line_end;  // after a broken record: the next line
    std::string_view window = text_.substr(pos, std::min(text_.size() - pos, limits.max_bytes));
    Locator locator(window, options_.file_name, start);
    auto fail = [&](errc code, std::size_t offset, std::string message) {
      bad_.push_back(error(code, std::move(message), locator.at(offset)));
    };
    if (first_line_end - pos > limits.max_bytes) {
      fail(errc::limit, 0,
           "line of " + std::to_string(first_line_end - pos) + " bytes is over the limit of " +
               std::to_string(limits.max_bytes) + " bytes (ReadOptions::max_line_bytes)");
    } else if (auto parsed = json::parse_value(window, limits, true); parsed.failure) {
      bool cut = window.size() < text_.size() - pos && parsed.failure->offset >= window.size();
      if (cut)
        fail(errc::limit, 0,
             "snapshot longer than " + std::to_string(limits.max_bytes) +
                 " bytes (ReadOptions::max_line_bytes)");
      else
        fail(parsed.failure->code, parsed.failure->offset, parsed.failure->message);
    } else {
      std::size_t end = pos + parsed.end;
      std::size_t last_line_end = line_end(text_, end);
      std::size_t trailing = skip_blank(text_.substr(0, last_line_end), end);
      resume = last_line_end;
      if (trailing < last_line_end) {
        fail(errc::parse, trailing - pos, "unexpected text after the snapshot");
      } else if (!deliver(snapshot_of(parsed.tree, locator, window.substr(0, parsed.end)),
                          start.line)) {
        return delivered_;
      }
    }
    pos = skip_blank(text_, resume);
  }
  return delivered_;
}

// SAX handler for an array of snapshots: the array's own brackets are handled here, every element
// is built into a tree by the TreeBuilder and handed on as soon as it closes.
class ArrayHandler {
 public:
  ArrayHandler(Fleet& fleet, const rapidjson::MemoryStream& stream, const json::Limits& limits)
      : fleet_(fleet), builder_(stream, limits), stream_(stream) {}

  bool Null() {
    return element([&] { return builder_.Null(); });
  }
  bool Bool(bool b) {
    return element([&] { return builder_.Bool(b); });
  }
  bool Int(int i) {
    return element([&] { return builder_.Int(i); });
  }
  bool Uint(unsigned u) {
    return element([&] { return builder_.Uint(u); });
  }
  bool Int64(std::int64_t i) {
    return element([&] { return builder_.Int64(i); });
  }
  bool Uint64(std::uint64_t u) {
    return element([&] { return builder_.Uint64(u); });
  }
  bool Double(double d) {
    return element([&] { return builder_.Double(d); });
  }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool c) {
    return element([&] { return builder_.RawNumber(s, n, c); });
  }
  bool String(const char* s, rapidjson::SizeType n, bool c) {
    return element([&] { return builder_.String(s, n, c); });
  }
  bool Key(const char* s, rapidjson::SizeType n, bool c) {
    return element([&] { return builder_.Key(s, n, c); });
  }
  bool StartObject() {
    return element([&] { return builder_.StartObject(); });
  }
  bool EndObject(rapidjson::SizeType n) {
    return element([&] { return builder_.EndObject(n); });
  }
  bool StartArray() {
    if (!opened_) {
      opened_ = true;
      // Iterative parsing announces the bracket before consuming it.
      next_scan_ = stream_.Tell() + 1;
      return true;
    }
    return element([&] { return builder_.StartArray(); });
  }
  bool EndArray(rapidjson::SizeType n) {
    if (!in_element_) return true;  // the fleet array itself
    return element([&] { return builder_.EndArray(n); });
  }

  bool stopped() const noexcept { return stopped_; }
  const json::TreeBuilder& builder() const noexcept { return builder_; }

 private:
  template <class Event>
  bool element(Event event) {
    if (!in_element_) {
      builder_.start(next_scan_, std::nullopt, 1);
      in_element_ = true;
    }
    if (!event()) return false;
    if (!builder_.complete()) return true;
    in_element_ = false;
    next_scan_ = builder_.position();
    std::size_t base = builder_.base();
    json::Tree tree = builder_.take();
    std::string_view window = fleet_.text_.substr(base, tree.root().end);
    WindowStart start = fleet_.cursor_.start_of(base);
    Locator locator(window, fleet_.options_.file_name, start);
    if (!fleet_.deliver(snapshot_of(tree, locator, window), start.line)) {
      stopped_ = true;
      return false;
    }
    return true;
  }

  Fleet& fleet_;
  json::TreeBuilder builder_;
  const rapidjson::MemoryStream& stream_;
  std::size_t next_scan_ = 0;
  bool opened_ = false;
  bool in_element_ = false;
  bool stopped_ = false;
};

result<std::size_t> Fleet::array() {
  rapidjson::MemoryStream stream(text_.data(), text_.size());
  ArrayHandler handler(*this, stream, json::Limits::for_record(options_));
  rapidjson::Reader reader;
  rapidjson::ParseResult r =
      reader.Parse<json::kReaderFlags | rapidjson::kParseStopWhenDoneFlag>(stream, handler);
  if (handler.stopped()) return delivered_;
  if (const auto& failure = handler.builder().failure()) {
    std::size_t at = handler.builder().base() + failure->offset;
    return error(failure->code, failure->message, cursor_.location(at, options_.file_name));
  }
  if (r.IsError())
    return error(errc::parse, json::syntax_message(r.Code(), text_, r.Offset()),
                 cursor_.location(r.Offset(), options_.file_name));
  std::size_t rest = skip_blank(text_, stream.Tell());
  if (rest < text_.size())
    return error(errc::parse,
                 text_[rest] == '\0' ? "unexpected NUL byte" : "unexpected text after the array",
                 cursor_.location(rest, options_.file_name));
  return delivered_;
}

}  // namespace

result<std::size_t> read_fleet(std::string_view text, const ReadOptions& options,
                               const SnapshotSink& sink, std::vector<error>& bad_records) {
  auto doc = json::strip_bom(text);
  Fleet fleet(doc.text, doc.offset, options, sink, bad_records);
  std::size_t first = skip_blank(doc.text, 0);
  if (first == doc.text.size()) return std::size_t{0};
  if (doc.text[first] == '[') return fleet.array();
  if (doc.text[first] != '{')
    return error(errc::parse,
                 "not a fleet: expected '{' (JSON Lines or one snapshot) or '[' (an array of "
                 "snapshots)",
                 fleet.cursor_.location(first, options.file_name));
  return fleet.lines();
}

}  // namespace posture
