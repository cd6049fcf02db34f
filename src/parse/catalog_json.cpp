// The patch catalog (spec/formats.md §4). Unknown keys are errors: a misspelt "supersedes" would
// otherwise quietly stop a newer update from satisfying an older requirement.
#include "parse/json_walker.hpp"
#include "parse/policy_values.hpp"
#include "parse/snapshot_json.hpp"
#include "posture/io.hpp"

namespace posture::json {
namespace {

constexpr std::string_view kFormat = "posture-catalog/1";

std::optional<CatalogUpdate> as_catalog_update(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "catalog update");
  if (!o.valid()) return std::nullopt;
  CatalogUpdate u;
  o.need("id", u.id, as_update_id);
  if (o.get("bulletin", u.bulletin, as_string)) u.bulletin = normalize_bulletin(u.bulletin);
  o.get("title", u.title, as_string);
  o.get("severity", u.severity, as_severity);
  o.get("classification", u.classification, as_string);
  o.get("products", u.products, as_strings);
  o.get("released", u.released, as_date);
  o.get("supersedes", u.supersedes, as_update_ids);
  o.get("distributable", u.distributable, as_bool);
  o.reject_unknown();
  return u;
}

result<PatchCatalog> read_catalog(Walker& w, const Node& root, std::string_view) {
  ObjectReader o(w, root, "", "catalog");
  if (!o.valid()) return w.take_error();
  if (const Node* format = o.required("format")) {
    auto s = w.string(*format, "format");
    if (s && *s != kFormat)
      return error(errc::version,
                   "unsupported format " + quote(*s) + " (expected \"posture-catalog/1\")",
                   w.where(*format));
  }
  std::vector<CatalogUpdate> updates;
  o.get("updates", updates, list_of(as_catalog_update));
  o.reject_unknown();
  if (w.failed()) return w.take_error();
  PatchCatalog catalog;
  for (auto& u : updates) catalog.add(std::move(u));
  return catalog;
}

}  // namespace
}  // namespace posture::json

namespace posture {

result<PatchCatalog> read_catalog_json(std::string_view text, const ReadOptions& options) {
  return json::read_document(text, options, json::read_catalog);
}

}  // namespace posture
