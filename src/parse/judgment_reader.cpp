// Judgments read back (spec/formats.md §3), as write_judgment_json and `posture judge` write them:
// the input of deferred action selection. A judgment's level may also be written as a bare name
// ("danger"), which keeps hand-written test cases short.
#include <algorithm>
#include <array>

#include "parse/json_walker.hpp"
#include "parse/result_values.hpp"
#include "parse/snapshot_json.hpp"
#include "posture/io.hpp"

namespace posture::json {
namespace {

constexpr std::string_view kDocumentFormat = "posture-judgments/1";
// {"name": "danger", "code": 400}, or "danger".
std::optional<Level> as_judged_level(Walker& w, const Node& n, std::string_view name) {
  if (n.kind == Kind::string) return as_result_level(w, n, name);
  ObjectReader o(w, n, name, "level");
  if (!o.valid()) return std::nullopt;
  std::optional<Level> level;
  if (const Node* nm = o.required("name")) level = as_result_level(w, *nm, "name");
  if (const Node* code = o.optional("code")) {
    auto c = w.integer(*code, "code", 100, 400);
    if (c && level && level_code(*level) != *c) {
      w.report(errc::parse, *code, "the level code does not match its name");
      level.reset();
    }
  }
  o.reject_unknown();
  return level;
}

std::optional<std::vector<Evidence>> as_evidence(Walker& w, const Node& n, std::string_view name) {
  if (n.kind != Kind::object) {
    w.wrong_type(n, name, "an object of strings");
    return std::nullopt;
  }
  std::vector<Evidence> out;
  auto members = w.tree().members(n);
  for (std::size_t i = 0; i + 1 < members.size(); i += 2) {
    const std::string key(w.tree().text(w.tree().at(members[i])));
    if (auto v = w.string(w.tree().at(members[i + 1]), key)) out.push_back({key, std::move(*v)});
  }
  return out;
}

std::optional<ConditionResult> as_condition(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "condition");
  if (!o.valid()) return std::nullopt;
  ConditionResult c;
  o.get("name", c.name, as_string);
  o.need("status", c.status, as_status);
  o.get("level", c.level, as_judged_level);
  o.get("evidence", c.evidence, as_evidence);
  o.reject_unknown();
  return c;
}

std::optional<ItemResult> as_item(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "item");
  if (!o.valid()) return std::nullopt;
  ItemResult item;
  bool whole = o.need("category", item.category, as_category);
  whole &= o.need("status", item.status, as_status);
  o.get("level", item.level, as_judged_level);
  o.get("unknown_as_level", item.unknown_as_level, as_bool);
  o.get("conditions", item.conditions, list_of(as_condition));
  o.reject_unknown();
  if (!whole) return std::nullopt;
  return item;
}

std::optional<Judgment> as_judgment(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "judgment");
  if (!o.valid()) return std::nullopt;
  Judgment j;
  bool whole = o.need("asset", j.asset, as_nonempty_string);
  o.get("policy", j.policy, as_string);
  o.get("action_policy", j.action_policy, as_string);
  whole &= o.need("reference_time", j.reference_time, as_timestamp);
  whole &= o.need("status", j.status, as_status);
  o.get("level", j.level, as_judged_level);
  std::int64_t points = 0;
  if (o.get("points", points, as_int)) j.points = static_cast<int>(std::clamp<std::int64_t>(points, 0, 100));
  o.get("items", j.items, list_of(as_item));
  o.get("distribute", j.distribute, as_strings);
  o.reject_unknown();
  if (!whole) return std::nullopt;
  return j;
}

// A document: {"format": "posture-judgments/1", "judgments": [...], "summary": {...}}, an array of
// judgments, or one judgment.
result<std::vector<Judgment>> read_document_value(Walker& w, const Node& root, std::string_view) {
  std::vector<Judgment> out;
  if (root.kind == Kind::array) {
    if (auto list = list_of(as_judgment)(w, root, "judgments")) out = std::move(*list);
  } else if (root.kind == Kind::object && w.tree().members(root).size() >= 2 &&
             w.tree().text(w.tree().at(w.tree().members(root)[0])) == "format") {
    ObjectReader o(w, root, "", "judgments document");
    if (const Node* format = o.required("format")) {
      auto s = w.string(*format, "format");
      if (s && *s != kDocumentFormat)
        return error(errc::version,
                     "unsupported format " + quote(*s) + " (expected \"posture-judgments/1\")",
                     w.where(*format));
    }
    o.need("judgments", out, list_of(as_judgment));
    o.optional("summary");  // derived from the judgments; not read back
    o.reject_unknown();
  } else if (auto j = as_judgment(w, root, "")) {
    out.push_back(std::move(*j));
  }
  if (w.failed()) return w.take_error();
  return out;
}

bool blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace
}  // namespace posture::json

namespace posture {

result<std::vector<Judgment>> read_judgments_json(std::string_view text, const ReadOptions& options) {
  using namespace json;
  if (text.size() > options.max_document_bytes)
    return error(errc::limit, "input larger than " + std::to_string(options.max_document_bytes) +
                                  " bytes (ReadOptions::max_document_bytes)");
  const DocumentWindow doc = strip_bom(text);
  Parsed whole = parse_value(doc.text, Limits::for_document(options), true);
  if (!whole.failure && blank(doc.text.substr(whole.end))) {
    Locator locator(doc.text, options.file_name, WindowStart{doc.offset, 1, 1});
    Walker w(whole.tree, locator);
    return read_document_value(w, whole.tree.root(), doc.text);
  }

  // JSON Lines: one judgment per line; every bad line is reported.
  std::vector<Judgment> out;
  std::vector<diagnostic> problems;
  std::uint32_t line = 0;
  for (std::size_t pos = 0; pos <= doc.text.size();) {
    std::size_t end = doc.text.find('\n', pos);
    if (end == std::string_view::npos) end = doc.text.size();
    const std::string_view record = doc.text.substr(pos, end - pos);
    ++line;
    if (!blank(record)) {
      Locator locator(record, options.file_name, WindowStart{doc.offset + pos, line, 1});
      Parsed parsed = parse_value(record, Limits::for_record(options));
      if (parsed.failure) {
        const error e = to_error(*parsed.failure, locator);
        problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      } else {
        Walker w(parsed.tree, locator);
        auto j = as_judgment(w, parsed.tree.root(), "");
        if (w.failed()) {
          const error e = w.take_error();
          problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
        } else if (j) {
          out.push_back(std::move(*j));
        }
      }
    }
    pos = end + 1;
  }
  if (!problems.empty()) return error(std::move(problems));
  return out;
}

}  // namespace posture
