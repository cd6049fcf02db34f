#include "handles.hpp"
#include "posture/io.hpp"

using posture::capi::fail;
using posture::capi::guarded;
using posture::capi::succeed;

namespace {

posture::ReadOptions options_for(const posture_document& doc) {
  posture::ReadOptions o;
  o.file_name = doc.name ? doc.name : "";
  return o;
}

// The text of a document: the caller's buffer, or the file it names, read into `storage`.
posture::result<std::string_view> document_text(const posture_document& doc,
                                                std::string& storage) {
  if (doc.data) return std::string_view(doc.data, doc.len);
  if (!doc.name)
    return posture::error(posture::errc::invalid, "a document has neither data nor a file name");
  auto text = posture::read_file(doc.name, options_for(doc).max_document_bytes);
  if (!text) return std::move(text).err();
  storage = std::move(*text);
  return std::string_view(storage);
}

// Reads a document with `read`, adding its problems to `problems` instead of stopping: a caller
// fixing a policy wants every mistake in every document at once.
template <class T, class Read>
std::optional<T> read_document(const posture_document& doc, Read read,
                               std::vector<posture::diagnostic>& problems) {
  std::string storage;
  auto text = document_text(doc, storage);
  auto parsed = text ? read(*text, options_for(doc)) : posture::result<T>(std::move(text).err());
  if (parsed) return std::move(*parsed);
  for (const auto& d : parsed.err().diagnostics()) problems.push_back(d);
  return std::nullopt;
}

bool known_version(const posture_engine_options* options) noexcept {
  return !options || (options->version != 0 && options->version <= POSTURE_ENGINE_OPTIONS_VERSION);
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
    if (!known_version(options))
      return fail(POSTURE_EVERSION, "posture_engine_new: unsupported options version");

    posture::EvalOptions eval;
    if (options) eval.require_agent_version = options->require_agent_version != 0;

    std::vector<posture::diagnostic> problems;
    posture::PolicySet set;
    for (size_t i = 0; i < policy_count; ++i) {
      auto parsed = read_document<posture::PolicySet>(
          policies[i],
          [](std::string_view t, const posture::ReadOptions& o) {
            return posture::read_policy_json(t, o);
          },
          problems);
      if (!parsed) continue;
      auto merged = posture::merge_policies(set, std::move(*parsed));
      if (!merged)
        for (const auto& d : merged.err().diagnostics()) problems.push_back(d);
    }
    posture::PatchCatalog cat;
    if (catalog) {
      auto parsed = read_document<posture::PatchCatalog>(
          *catalog,
          [](std::string_view t, const posture::ReadOptions& o) {
            return posture::read_catalog_json(t, o);
          },
          problems);
      if (parsed) cat = std::move(*parsed);
    }
    if (!problems.empty()) return fail(posture::error(std::move(problems)));

    auto engine = posture::Engine::create(std::move(set), std::move(cat), eval);
    if (!engine) return fail(engine.err());
    auto handle = std::make_unique<posture_engine>(posture_engine{std::move(*engine), {}});
    for (const auto& p : handle->engine.policies().judgment_policies)
      handle->policy_names.push_back(p.name);
    *out = handle.release();
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
