#include "policytest/test_document.hpp"

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <utility>

#include "policytest/expectation.hpp"

namespace posture::policytest {
namespace {

using Kind = JsonNode::Kind;

constexpr std::string_view test_format = "posture-test/1";

class DocumentReader {
 public:
  DocumentReader(std::string_view text, const std::string& base_dir, const ReadOptions& options)
      : text_(text), base_dir_(base_dir), options_(options) {}

  result<TestDocument> read() {
    auto root = parse_json_tree(text_, options_);
    if (!root) return std::move(root).err();
    if (!root->is(Kind::object)) {
      problem(errc::parse, "a test document must be a JSON object", root->begin);
      return error(std::move(problems_));
    }
    document(*root);
    if (!problems_.empty()) return error(std::move(problems_));
    return std::move(doc_);
  }

 private:
  void problem(errc code, std::string message, std::size_t offset) {
    problems_.push_back({code, std::move(message), locate(text_, offset, options_.file_name)});
  }

  void absorb(const error& e) {
    for (const auto& d : e.diagnostics()) problems_.push_back(d);
  }

  // Unknown keys are errors, as in policies: a misspelt key must not drop a test or an assertion.
  void keys(const JsonNode& obj, std::initializer_list<std::string_view> known,
            std::string_view where) {
    for (std::size_t i = 0; i < obj.children.size(); ++i) {
      const auto& m = obj.children[i];
      bool ok = false;
      for (auto k : known) ok = ok || m.key == k;
      if (!ok)
        problem(errc::check, "unknown key " + in_quotes(m.key) + " in " + std::string(where),
                m.key_offset);
      else if (repeats_earlier_key(obj, i))
        problem(errc::check, "duplicate key " + in_quotes(m.key) + " in " + std::string(where),
                m.key_offset);
    }
  }

  bool kind(const JsonNode& n, Kind k, std::string_view wanted) {
    if (n.is(k)) return true;
    problem(errc::parse,
            in_quotes(n.key) + " must be " + std::string(wanted) + ", not " +
                std::string(kind_phrase(n.kind)),
            n.begin);
    return false;
  }

  void document(const JsonNode& root) {
    keys(root,
         {"format", "name", "description", "policy", "policy_file", "catalog", "catalog_file", "at",
          "options", "tests"},
         "the test document");
    const JsonNode* format = root.member("format");
    if (format == nullptr) {
      problem(errc::check, "missing \"format\": \"" + std::string(test_format) + "\"", root.begin);
    } else if (kind(*format, Kind::string, "a string") && format->text != test_format) {
      problem(errc::version,
              "unsupported format " + in_quotes(format->text) + " (expected " +
                  in_quotes(test_format) + ")",
              format->begin);
    }
    if (const JsonNode* name = root.member("name"); name && kind(*name, Kind::string, "a string"))
      doc_.name = name->text;
    if (const JsonNode* d = root.member("description")) kind(*d, Kind::string, "a string");

    const JsonNode* policy = one_of(root, "policy", "policy_file", true);
    if (policy != nullptr) {
      auto set = embedded<PolicySet>(*policy, "policy", [](std::string_view t, const ReadOptions& o) {
        return read_policy_json(t, o);
      });
      if (set) doc_.policies = std::move(*set);
    }
    const JsonNode* catalog = one_of(root, "catalog", "catalog_file", false);
    if (catalog != nullptr) {
      auto c = embedded<PatchCatalog>(*catalog, "catalog",
                                      [](std::string_view t, const ReadOptions& o) {
                                        return read_catalog_json(t, o);
                                      });
      if (c) doc_.catalog = std::move(*c);
    }
    std::optional<Timestamp> at;
    if (const JsonNode* a = root.member("at")) {
      at = timestamp(*a);
      file_has_at_ = true;
    }
    if (const JsonNode* o = root.member("options")) eval_options(*o);

    const JsonNode* tests = root.member("tests");
    if (tests == nullptr) {
      problem(errc::check, "missing \"tests\"", root.begin);
    } else if (kind(*tests, Kind::array, "an array of tests")) {
      if (tests->children.empty()) problem(errc::check, "\"tests\" is empty", tests->begin);
      for (const auto& t : tests->children) test(t, at);
    }
  }

  // Exactly one of an inline document and a file reference (or neither, when optional).
  const JsonNode* one_of(const JsonNode& obj, std::string_view inline_key,
                         std::string_view file_key, bool required) {
    const JsonNode* in = obj.member(inline_key);
    const JsonNode* file = obj.member(file_key);
    if (in != nullptr && file != nullptr) {
      problem(errc::check,
              "give either " + in_quotes(inline_key) + " or " + in_quotes(file_key) + ", not both",
              std::max(in->key_offset, file->key_offset));
      return nullptr;
    }
    if (in == nullptr && file == nullptr && required)
      problem(errc::check, "missing " + in_quotes(inline_key) + " or " + in_quotes(file_key), obj.begin);
    return in != nullptr ? in : file;
  }

  // An embedded document keeps its place in the file: every byte around it becomes a space (line
  // breaks stay), so the sub-reader's lines, columns and offsets are the test file's own, for
  // every diagnostic it reports and every origin it records, with no arithmetic to fix them up.
  std::string isolated(const JsonNode& n) const {
    std::string out(text_.size(), ' ');
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') out[i] = '\n';
    out.replace(n.begin, n.end - n.begin, text_.substr(n.begin, n.end - n.begin));
    return out;
  }

  std::string resolve(const std::string& path) const {
    const std::filesystem::path p(path);
    if (p.is_absolute() || base_dir_.empty()) return path;
    return (std::filesystem::path(base_dir_) / p).string();
  }

  // `node` is either the inline document (key `what`) or a path to one (key `what` + "_file").
  template <class T, class Read>
  std::optional<T> embedded(const JsonNode& node, std::string_view what, Read read) {
    if (node.key == what) {
      if (!kind(node, Kind::object, "an object")) return std::nullopt;
      auto r = read(isolated(node), options_);
      if (!r) {
        absorb(r.err());
        return std::nullopt;
      }
      return std::move(*r);
    }
    if (!kind(node, Kind::string, "a path")) return std::nullopt;
    const std::string path = resolve(node.text);
    auto text = read_file(path, options_.max_document_bytes);
    if (!text) {
      problem(text.err().code(), "cannot read " + node.key + " " + in_quotes(node.text) + ": " +
                                     text.err().message(),
              node.begin);
      return std::nullopt;
    }
    ReadOptions file_options = options_;
    file_options.file_name = path;
    auto r = read(*text, file_options);
    if (!r) {
      absorb(r.err());
      return std::nullopt;
    }
    return std::move(*r);
  }

  std::optional<Timestamp> timestamp(const JsonNode& n) {
    if (!kind(n, Kind::string, "a timestamp string")) return std::nullopt;
    auto t = parse_timestamp(n.text);
    if (!t)
      problem(errc::parse,
              "invalid timestamp " + in_quotes(n.text) + " (expected e.g. \"2026-11-22T00:00:00Z\")",
              n.begin);
    return t;
  }

  void eval_options(const JsonNode& o) {
    if (!kind(o, Kind::object, "an object")) return;
    keys(o, {"require_agent_version"}, "options");
    if (const JsonNode* r = o.member("require_agent_version");
        r != nullptr && kind(*r, Kind::boolean, "a boolean"))
      doc_.options.require_agent_version = r->boolean;
  }

  void test(const JsonNode& t, const std::optional<Timestamp>& file_at) {
    if (!t.is(Kind::object)) {
      problem(errc::parse, "a test must be an object, not " + std::string(kind_phrase(t.kind)),
              t.begin);
      return;
    }
    keys(t, {"name", "description", "snapshot", "snapshot_file", "at", "expect"}, "a test");
    TestCase tc;
    bool ok = true;
    const JsonNode* name = t.member("name");
    if (name == nullptr) {
      problem(errc::check, "a test needs a \"name\"", t.begin);
      ok = false;
    } else if (kind(*name, Kind::string, "a string")) {
      tc.name = name->text;
      if (tc.name.empty()) problem(errc::check, "a test name must not be empty", name->begin);
      for (const auto& earlier : test_names_)
        if (earlier == tc.name) {
          problem(errc::check, "duplicate test name " + in_quotes(tc.name), name->begin);
          break;
        }
      test_names_.push_back(tc.name);
    }
    if (const JsonNode* d = t.member("description")) kind(*d, Kind::string, "a string");

    const JsonNode* snapshot = one_of(t, "snapshot", "snapshot_file", true);
    std::optional<Snapshot> s;
    if (snapshot != nullptr)
      s = embedded<Snapshot>(*snapshot, "snapshot", [](std::string_view x, const ReadOptions& o) {
        return read_snapshot_json(x, o);
      });
    ok = ok && s.has_value();

    std::optional<Timestamp> at = file_at;
    if (const JsonNode* a = t.member("at")) at = timestamp(*a);
    if (!at) {
      if (t.member("at") == nullptr && !file_has_at_)
        problem(errc::check, "no reference time: give \"at\" in the test or in the document",
                t.begin);
      ok = false;
    }

    const JsonNode* expect = t.member("expect");
    if (expect == nullptr) {
      problem(errc::check, "a test needs an \"expect\" object", t.begin);
      ok = false;
    } else {
      const auto expect_problems = check_expectation(*expect);
      for (const auto& p : expect_problems) problem(errc::check, p.message, p.offset);
      ok = ok && expect_problems.empty();
    }
    if (!ok) return;
    tc.snapshot = std::move(*s);
    tc.at = *at;
    tc.expect = *expect;
    doc_.tests.push_back(std::move(tc));
  }

  std::string_view text_;
  const std::string& base_dir_;
  const ReadOptions& options_;
  TestDocument doc_;
  std::vector<std::string> test_names_;
  bool file_has_at_ = false;
  std::vector<diagnostic> problems_;
};

}  // namespace

result<TestDocument> read_test_document(std::string_view text, const std::string& base_dir,
                                        const ReadOptions& options) {
  return DocumentReader(text, base_dir, options).read();
}

}  // namespace posture::policytest
