#include "policytest/test_document.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "parse/json_locator.hpp"
#include "parse/json_walker.hpp"
#include "parse/snapshot_json.hpp"
#include "policytest/expectation.hpp"

namespace posture::policytest {
namespace {

using json::Kind;
using json::Node;

constexpr std::string_view kFormat = "posture-test/1";

// Which of an inline document and a reference to a file a test document gave.
struct Source {
  const Node* node = nullptr;
  bool is_file = false;
};

class DocumentReader {
 public:
  DocumentReader(std::string_view text, const std::string& base_dir, const ReadOptions& options)
      : text_(text),
        window_(json::strip_bom(text)),
        base_dir_(base_dir),
        options_(options),
        locator_(window_.text, options.file_name, json::WindowStart{window_.offset, 1, 1}) {}

  result<TestDocument> read() {
    auto parsed = json::parse_value(window_.text, json::Limits::for_document(options_));
    if (parsed.failure) return json::to_error(*parsed.failure, locator_);
    doc_.tree = std::move(parsed.tree);
    json::Walker w(doc_.tree, locator_);
    document(w, doc_.tree.root());
    if (w.failed()) {
      const error mistakes = w.take_error();
      problems_.insert(problems_.end(), mistakes.diagnostics().begin(), mistakes.diagnostics().end());
    }
    if (!problems_.empty()) return error(in_input_order(std::move(problems_)));
    return std::move(doc_);
  }

 private:
  // Problems in the test file by position, then those in referenced files as found. The same
  // problem can arrive twice: a duplicate key inside an embedded document is seen by this
  // document's walker and by the embedded document's reader, at the same place in the same words.
  std::vector<diagnostic> in_input_order(std::vector<diagnostic> all) const {
    auto key = [&](const diagnostic& d) {
      const bool here = d.where.file == options_.file_name;
      return std::make_tuple(!here, here ? d.where.offset : 0);
    };
    std::stable_sort(all.begin(), all.end(),
                     [&](const diagnostic& a, const diagnostic& b) { return key(a) < key(b); });
    auto same = [](const diagnostic& a, const diagnostic& b) {
      return a.code == b.code && a.message == b.message && a.where.file == b.where.file &&
             a.where.offset == b.where.offset;
    };
    all.erase(std::unique(all.begin(), all.end(), same), all.end());
    return all;
  }

  void document(json::Walker& w, const Node& root) {
    json::ObjectReader o(w, root, "", "test document");
    if (!o.valid()) return;
    if (const Node* format = o.required("format")) {
      auto s = w.string(*format, "format");
      if (s && *s != kFormat)
        w.report(errc::version, *format,
                 "unsupported format " + json::quote(*s) + " (expected \"posture-test/1\")");
    }
    o.get("name", doc_.name, json::as_string);
    std::string description;
    o.get("description", description, json::as_string);

    const Source policy = one_of(w, o, "policy", "policy_file", true);
    if (policy.node != nullptr) {
      auto set = policy.is_file
                     ? from_file<PolicySet>(w, *policy.node, "policy_file", read_policy_json)
                     : take(read_policy_json(in_place(*policy.node), options_));
      if (set) doc_.policies = std::move(*set);
    }
    const Source catalog = one_of(w, o, "catalog", "catalog_file", false);
    if (catalog.node != nullptr) {
      auto c = catalog.is_file
                   ? from_file<PatchCatalog>(w, *catalog.node, "catalog_file", read_catalog_json)
                   : take(read_catalog_json(in_place(*catalog.node), options_));
      if (c) doc_.catalog = std::move(*c);
    }

    std::optional<Timestamp> at;
    const Node* at_node = o.optional("at");
    if (at_node != nullptr) at = json::as_timestamp(w, *at_node, "at");
    if (const Node* opts = o.optional("options")) {
      json::ObjectReader r(w, *opts, "options", "options");
      r.get("require_agent_version", doc_.options.require_agent_version, json::as_bool);
      r.reject_unknown();
    }
    if (const Node* tests = o.required("tests")) {
      auto elements = w.array(*tests, "tests");
      if (tests->kind == Kind::array && elements.empty())
        w.report(errc::check, *tests, "\"tests\" is empty");
      for (std::size_t i = 0; i < elements.size(); ++i)
        test(w, doc_.tree.at(elements[i]), json::element_name("tests", i), at,
             at_node != nullptr);
    }
    o.reject_unknown();
  }

  void test(json::Walker& w, const Node& n, const std::string& name,
            const std::optional<Timestamp>& document_at, bool document_has_at) {
    json::ObjectReader o(w, n, name, "test");
    if (!o.valid()) return;
    TestCase tc;
    bool ok = o.need("name", tc.name, json::as_nonempty_string);
    if (ok && !test_names_.insert(tc.name).second)
      w.report(errc::check, *o.optional("name"), "duplicate test name " + json::quote(tc.name));
    std::string description;
    o.get("description", description, json::as_string);

    const Source snapshot = one_of(w, o, "snapshot", "snapshot_file", true);
    std::optional<Snapshot> s;
    if (snapshot.node != nullptr)
      s = snapshot.is_file
              ? from_file<Snapshot>(w, *snapshot.node, "snapshot_file", read_snapshot_json)
              : take(embedded_snapshot(*snapshot.node));

    std::optional<Timestamp> at = document_at;
    if (const Node* a = o.optional("at"))
      at = json::as_timestamp(w, *a, "at");
    else if (!document_has_at)
      w.report(errc::check, n, "no reference time: give \"at\" in the test or in the document");

    const Node* expect = o.required("expect");
    if (expect != nullptr) check_expectation(w, *expect);
    o.reject_unknown();

    if (!ok || !s || !at || expect == nullptr) return;
    tc.snapshot = std::move(*s);
    tc.at = *at;
    tc.expect = static_cast<json::NodeId>(expect - &doc_.tree.root());
    doc_.tests.push_back(std::move(tc));
  }

  // Exactly one of an inline document and a file reference (or neither, when optional).
  Source one_of(json::Walker& w, json::ObjectReader& o, std::string_view inline_key,
                std::string_view file_key, bool required) {
    const Node* in = o.optional(inline_key);
    const Node* file = o.optional(file_key);
    if (in != nullptr && file != nullptr) {
      w.report(errc::check, in->begin > file->begin ? *in : *file,
               "give either " + json::quote(inline_key) + " or " + json::quote(file_key) +
                   ", not both");
      return {};
    }
    if (in == nullptr && file == nullptr && required)
      w.report(errc::check, o.node(),
               "missing " + json::quote(inline_key) + " or " + json::quote(file_key));
    return in != nullptr ? Source{in, false} : Source{file, true};
  }

  // The policy reader records where each policy element is, and the compiler reports its
  // problems there; so the embedded policy keeps its place in the file: every byte around it
  // becomes a space (line breaks and a byte order mark stay), and the ordinary reader's lines,
  // columns and offsets are the test file's own. The catalog is read the same way. Both are read
  // once per file, so the copy costs one pass over it.
  std::string in_place(const Node& n) const {
    std::string out(text_.size(), ' ');
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') out[i] = '\n';
    out.replace(0, window_.offset, text_.substr(0, window_.offset));
    const std::size_t begin = window_.offset + n.begin;
    out.replace(begin, n.end - n.begin, text_.substr(begin, n.end - n.begin));
    return out;
  }

  // Snapshots, one per test, are read from their own bytes as a window located in the file (as
  // the fleet reader reads each record), so a file with many tests is read in linear time.
  result<Snapshot> embedded_snapshot(const Node& n) const {
    const std::string_view window = window_.text.substr(n.begin, n.end - n.begin);
    const source_location at = locator_.at(n.begin);
    const json::Locator locator(window, options_.file_name,
                                json::WindowStart{at.offset, at.line, at.column});
    auto parsed = json::parse_value(window, json::Limits::for_document(options_));
    if (parsed.failure) return json::to_error(*parsed.failure, locator);
    json::Walker w(parsed.tree, locator);
    return json::read_snapshot(w, parsed.tree.root(), window);
  }

  std::string resolve(const std::string& path) const {
    const std::filesystem::path p(path);
    if (p.is_absolute() || base_dir_.empty()) return path;
    return (std::filesystem::path(base_dir_) / p).string();
  }

  // A referenced document: its problems are located in its own file; a file that cannot be read
  // is reported where the test document names it.
  template <class T, class Read>
  std::optional<T> from_file(json::Walker& w, const Node& path_node, std::string_view key,
                             Read&& read) {
    auto path = w.nonempty_string(path_node, key);
    if (!path) return std::nullopt;
    const std::string resolved = resolve(*path);
    auto text = read_file(resolved, options_.max_document_bytes);
    if (!text) {
      w.report(text.err().code(), path_node,
               "cannot read " + std::string(key) + " " + json::quote(*path) + ": " +
                   text.err().message());
      return std::nullopt;
    }
    ReadOptions file_options = options_;
    file_options.file_name = resolved;
    return take(read(*text, file_options));
  }

  template <class T>
  std::optional<T> take(result<T> r) {
    if (r) return std::move(*r);
    for (const auto& d : r.err().diagnostics()) problems_.push_back(d);
    return std::nullopt;
  }

  std::string_view text_;
  json::DocumentWindow window_;
  const std::string& base_dir_;
  const ReadOptions& options_;
  json::Locator locator_;
  TestDocument doc_;
  std::unordered_set<std::string> test_names_;
  std::vector<diagnostic> problems_;
};

}  // namespace

result<TestDocument> read_test_document(std::string_view text, const std::string& base_dir,
                                        const ReadOptions& options) {
  return DocumentReader(text, base_dir, options).read();
}

}  // namespace posture::policytest
