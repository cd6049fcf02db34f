#include "handles.hpp"
#include "posture/io.hpp"

using posture::capi::fail;
using posture::capi::guarded;
using posture::capi::succeed;

namespace {

// Reads a posture_document: in-memory text, or the file named by `name` when data is NULL.
posture::result<std::string> document_text(const posture_document& doc) {
  if (doc.data) return std::string(doc.data, doc.len);
  if (!doc.name) return posture::error(posture::errc::invalid, "document has neither data nor a file name");
  return posture::read_file(doc.name);
}

posture::ReadOptions options_for(const posture_document& doc) {
  posture::ReadOptions o;
  o.file_name = doc.name ? doc.name : "";
  return o;
}

}  // namespace

extern "C" {

int posture_engine_options_init(posture_engine_options* opts, unsigned int version) {
  if (!opts) return fail(POSTURE_EINVALID, "posture_engine_options_init: opts is NULL");
  if (version == 0 || version > POSTURE_ENGINE_OPTIONS_VERSION)
    return fail(POSTURE_EVERSION, "posture_engine_options_init: unsupported options version");
  *opts = posture_engine_options POSTURE_ENGINE_OPTIONS_INIT;
  opts->version = version;
  return succeed();
}

int posture_engine_new(posture_engine** out, const posture_document* policies, size_t policy_count,
                       const posture_document* catalog, const posture_engine_options* options) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_engine_new: out is NULL");
    *out = nullptr;
    if (!policies || policy_count == 0)
      return fail(POSTURE_EINVALID, "posture_engine_new: at least one policy document is required");
    if (options && (options->version == 0 || options->version > POSTURE_ENGINE_OPTIONS_VERSION))
      return fail(POSTURE_EVERSION, "posture_engine_new: unsupported options version");

    posture::EvalOptions eval;
    if (options) eval.require_agent_version = options->require_agent_version != 0;

    posture::PolicySet set;
    std::vector<posture::diagnostic> problems;
    for (size_t i = 0; i < policy_count; ++i) {
      auto text = document_text(policies[i]);
      if (!text) return fail(text.err());
      auto parsed = posture::read_policy_json(*text, options_for(policies[i]));
      if (!parsed) {
        for (const auto& d : parsed.err().diagnostics()) problems.push_back(d);
        continue;
      }
      auto merged = posture::merge_policies(set, std::move(parsed.value()));
      if (!merged)
        for (const auto& d : merged.err().diagnostics()) problems.push_back(d);
    }
    if (!problems.empty()) return fail(posture::error(std::move(problems)));

    posture::PatchCatalog cat;
    if (catalog) {
      auto text = document_text(*catalog);
      if (!text) return fail(text.err());
      auto parsed = posture::read_catalog_json(*text, options_for(*catalog));
      if (!parsed) return fail(parsed.err());
      cat = std::move(parsed.value());
    }

    auto engine = posture::Engine::create(std::move(set), std::move(cat), eval);
    if (!engine) return fail(engine.err());
    auto* handle = new posture_engine{std::move(engine.value()), {}};
    for (const auto& p : handle->engine.policies().judgment_policies)
      handle->policy_names.push_back(p.name);
    *out = handle;
    return succeed();
  });
}

void posture_engine_free(posture_engine* engine) { delete engine; }

size_t posture_engine_policy_count(const posture_engine* engine) {
  return engine ? engine->policy_names.size() : 0;
}

const char* posture_engine_policy_name(const posture_engine* engine, size_t index) {
  if (!engine || index >= engine->policy_names.size()) return nullptr;
  return engine->policy_names[index].c_str();
}

}  // extern "C"
