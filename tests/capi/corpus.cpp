// The C++ half of the C conformance test (corpus.h): reads posture-test/1 files with RapidJSON,
// judges each test through the C++ API and matches expectations with posture's own matcher.
#include "corpus.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "posture/engine.hpp"
#include "posture/io.hpp"
#include "posture/testcase.hpp"

namespace fs = std::filesystem;

struct corpus_list {
  std::vector<std::string> paths;
};

namespace {

struct Test {
  std::string name;
  std::string snapshot;
  std::int64_t at = 0;
  std::string expect;
  std::optional<std::string> cpp_json;
  std::string cpp_dump;  // or the C++ side's error
};

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string level_field(const std::optional<posture::Level>& l) {
  return std::to_string(l ? posture::level_code(*l) : 0);
}

std::string dump(const posture::Judgment& j) {
  std::string out = "judgment " + j.asset + "|" + j.policy + "|" + j.action_policy + "|" +
                    std::to_string(j.reference_time.seconds) + "|" + level_field(j.level) + "|" +
                    std::to_string(static_cast<int>(j.status)) + "|" +
                    std::to_string(j.points ? *j.points : -1) + "\n";
  for (const auto& item : j.items) {
    out += "item " + std::to_string(static_cast<int>(item.category)) + "|" +
           std::to_string(static_cast<int>(item.status)) + "|" + level_field(item.level) + "\n";
    for (const auto& c : item.conditions) {
      out += "condition " + c.name + "|" + std::to_string(static_cast<int>(c.status)) + "|" +
             level_field(c.level) + "\n";
      for (const auto& e : c.evidence) out += "evidence " + e.key + "=" + e.value + "\n";
    }
  }
  for (const auto& id : j.distribute) out += "distribute " + id + "\n";
  return out;
}

std::optional<std::int64_t> timestamp(const rapidjson::Value* v) {
  if (v == nullptr || !v->IsString()) return std::nullopt;
  auto t = posture::parse_timestamp(std::string_view(v->GetString(), v->GetStringLength()));
  if (!t) return std::nullopt;
  return t->seconds;
}

const rapidjson::Value* member(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

}  // namespace

struct corpus_file {
  std::string path;
  std::string base_dir;
  std::string policy_text, policy_path, catalog_text, catalog_path;
  posture_document policy{};
  posture_document catalog{};
  bool has_catalog = false;
  bool require_agent_version = false;
  std::vector<Test> tests;
  std::string mismatch;

  std::string resolve(const rapidjson::Value& v) const {
    const fs::path p(std::string(v.GetString(), v.GetStringLength()));
    return p.is_absolute() ? p.string() : (fs::path(base_dir) / p).string();
  }

  // An inline document becomes text; a file reference stays a path for the library to read.
  bool document(const rapidjson::Value& root, const char* inline_key, const char* file_key,
                std::string& text, std::string& file_path, posture_document& doc) {
    if (const auto* v = member(root, inline_key)) {
      text = compact(*v);
      doc = posture_document{text.c_str(), text.size(), path.c_str()};
      return true;
    }
    if (const auto* v = member(root, file_key); v && v->IsString()) {
      file_path = resolve(*v);
      doc = posture_document{nullptr, 0, file_path.c_str()};
      return true;
    }
    return false;
  }
};

namespace {

thread_local std::string open_error;

posture::result<std::string> document_text(const posture_document& doc) {
  if (doc.data) return std::string(doc.data, doc.len);
  return posture::read_file(doc.name);
}

// Judges every test through the C++ API, as a C++ host would: read, create the engine, judge.
std::optional<std::string> judge_in_cpp(corpus_file& f) {
  auto policy_text = document_text(f.policy);
  if (!policy_text) return policy_text.err().to_string();
  posture::ReadOptions options;
  options.file_name = f.policy.name;
  auto set = posture::read_policy_json(*policy_text, options);
  if (!set) return set.err().to_string();
  posture::PatchCatalog catalog;
  if (f.has_catalog) {
    auto catalog_text = document_text(f.catalog);
    if (!catalog_text) return catalog_text.err().to_string();
    options.file_name = f.catalog.name;
    auto c = posture::read_catalog_json(*catalog_text, options);
    if (!c) return c.err().to_string();
    catalog = std::move(*c);
  }
  posture::EvalOptions eval;
  eval.require_agent_version = f.require_agent_version;
  auto engine = posture::Engine::create(std::move(*set), std::move(catalog), eval);
  if (!engine) return engine.err().to_string();
  for (auto& t : f.tests) {
    auto snapshot = posture::read_snapshot_json(t.snapshot);
    if (!snapshot) {
      t.cpp_dump = "C++ could not read the snapshot: " + snapshot.err().to_string();
      continue;
    }
    const auto j = engine->judge(*snapshot, posture::Timestamp{t.at});
    t.cpp_json = posture::write_judgment_json(j);
    t.cpp_dump = dump(j);
  }
  return std::nullopt;
}

corpus_file* open_file(const char* path) {
  auto text = posture::read_file(path);
  if (!text) {
    open_error = text.err().to_string();
    return nullptr;
  }
  rapidjson::Document root;
  root.Parse(text->c_str(), text->size());
  if (root.HasParseError() || !root.IsObject()) {
    open_error = std::string(path) + ": not a JSON object: " +
                 rapidjson::GetParseError_En(root.GetParseError());
    return nullptr;
  }
  auto f = std::make_unique<corpus_file>();
  f->path = path;
  f->base_dir = fs::path(path).parent_path().string();
  if (!f->document(root, "policy", "policy_file", f->policy_text, f->policy_path, f->policy)) {
    open_error = std::string(path) + ": no policy";
    return nullptr;
  }
  f->has_catalog =
      f->document(root, "catalog", "catalog_file", f->catalog_text, f->catalog_path, f->catalog);
  if (const auto* o = member(root, "options"))
    if (const auto* r = member(*o, "require_agent_version"); r && r->IsBool())
      f->require_agent_version = r->GetBool();
  const auto file_at = timestamp(member(root, "at"));
  const auto* tests = member(root, "tests");
  if (tests == nullptr || !tests->IsArray()) {
    open_error = std::string(path) + ": no tests";
    return nullptr;
  }
  for (const auto& t : tests->GetArray()) {
    Test test;
    const auto* name = member(t, "name");
    const auto* expect = member(t, "expect");
    const auto at = member(t, "at") ? timestamp(member(t, "at")) : file_at;
    if (!t.IsObject() || !name || !name->IsString() || !expect || !at) {
      open_error = std::string(path) + ": a test lacks its name, expect or at";
      return nullptr;
    }
    test.name = name->GetString();
    test.expect = compact(*expect);
    test.at = *at;
    if (const auto* s = member(t, "snapshot")) {
      test.snapshot = compact(*s);
    } else if (const auto* sf = member(t, "snapshot_file"); sf && sf->IsString()) {
      auto snapshot = posture::read_file(f->resolve(*sf));
      if (!snapshot) {
        open_error = snapshot.err().to_string();
        return nullptr;
      }
      test.snapshot = std::move(*snapshot);
    }
    f->tests.push_back(std::move(test));
  }
  if (auto problem = judge_in_cpp(*f)) {
    open_error = std::string(path) + ": the C++ API could not build the engine: " + *problem;
    return nullptr;
  }
  return f.release();
}

}  // namespace

extern "C" {

corpus_list* corpus_list_open(const char* dir) {
  std::error_code ec;
  auto list = std::make_unique<corpus_list>();
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string p = it->path().string();
    if (it->is_regular_file() && p.size() > 10 && p.ends_with(".test.json"))
      list->paths.push_back(p);
  }
  if (ec) return nullptr;
  std::sort(list->paths.begin(), list->paths.end());
  return list.release();
}

size_t corpus_list_count(const corpus_list* list) { return list->paths.size(); }
const char* corpus_list_path(const corpus_list* list, size_t index) {
  return list->paths[index].c_str();
}
void corpus_list_free(corpus_list* list) { delete list; }

corpus_file* corpus_file_open(const char* path, const char** error) {
  corpus_file* f = nullptr;
  try {
    f = open_file(path);
  } catch (const std::exception& e) {
    open_error = e.what();
  }
  *error = f ? nullptr : open_error.c_str();
  return f;
}

void corpus_file_free(corpus_file* file) { delete file; }

const posture_document* corpus_policy(const corpus_file* file) { return &file->policy; }
const posture_document* corpus_catalog(const corpus_file* file) {
  return file->has_catalog ? &file->catalog : nullptr;
}
int corpus_require_agent_version(const corpus_file* file) { return file->require_agent_version; }

size_t corpus_test_count(const corpus_file* file) { return file->tests.size(); }
const char* corpus_test_name(const corpus_file* file, size_t test) {
  return file->tests[test].name.c_str();
}
const char* corpus_test_snapshot(const corpus_file* file, size_t test, size_t* len) {
  *len = file->tests[test].snapshot.size();
  return file->tests[test].snapshot.c_str();
}
int64_t corpus_test_at(const corpus_file* file, size_t test) { return file->tests[test].at; }

const char* corpus_cpp_json(const corpus_file* file, size_t test) {
  const auto& t = file->tests[test];
  return t.cpp_json ? t.cpp_json->c_str() : nullptr;
}
const char* corpus_cpp_dump(const corpus_file* file, size_t test) {
  return file->tests[test].cpp_dump.c_str();
}

const char* corpus_mismatch(corpus_file* file, size_t test, const char* judgment_json) {
  const auto failures = posture::match_expectation(judgment_json, file->tests[test].expect);
  if (failures.empty()) return nullptr;
  file->mismatch.clear();
  for (const auto& f : failures) file->mismatch += f + "\n";
  return file->mismatch.c_str();
}

}  // extern "C"
