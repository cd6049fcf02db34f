#include "handles.hpp"
#include "posture/io.hpp"
#include "posture/name.hpp"

using posture::capi::fail;
using posture::capi::guarded;
using posture::capi::succeed;

namespace {

// Optional C string → optional std::string. Returns POSTURE_OK, or fails on invalid UTF-8.
int text_arg(const char* s, std::optional<std::string>& out, std::string_view what) {
  out.reset();
  if (!s) return POSTURE_OK;
  std::string_view v(s);
  if (!posture::valid_utf8(v)) return fail(POSTURE_EPARSE, std::string(what) + " is not valid UTF-8");
  out = std::string(v);
  return POSTURE_OK;
}

}  // namespace

extern "C" {

int posture_snapshot_from_json(posture_snapshot** out, const char* data, size_t len) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_snapshot_from_json: out is NULL");
    *out = nullptr;
    if (!data && len) return fail(POSTURE_EINVALID, "posture_snapshot_from_json: data is NULL");
    auto parsed = posture::read_snapshot_json(std::string_view(data ? data : "", len));
    if (!parsed) return fail(parsed.err());
    *out = new posture_snapshot{std::move(parsed.value()), {}};
    return succeed();
  });
}

int posture_snapshot_new(posture_snapshot** out, const char* asset) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_snapshot_new: out is NULL");
    *out = nullptr;
    if (!asset) return fail(POSTURE_EINVALID, "posture_snapshot_new: asset is NULL");
    std::string_view a(asset);
    if (a.empty() || a.size() > 120)
      return fail(POSTURE_EINVALID, "posture_snapshot_new: asset must be 1-120 bytes");
    if (!posture::valid_utf8(a)) return fail(POSTURE_EPARSE, "asset is not valid UTF-8");
    auto* s = new posture_snapshot{};
    s->snapshot.asset = std::string(a);
    *out = s;
    return succeed();
  });
}

void posture_snapshot_free(posture_snapshot* snapshot) { delete snapshot; }

int posture_snapshot_set(posture_snapshot* snapshot, const char* path, const char* value) {
  return guarded([&]() -> int {
    if (!snapshot || !path || !value)
      return fail(POSTURE_EINVALID, "posture_snapshot_set: NULL argument");
    if (!posture::valid_utf8(value)) return fail(POSTURE_EPARSE, "value is not valid UTF-8");
    auto r = posture::set_snapshot_value(snapshot->snapshot, path, value);
    if (!r) return fail(r.err());
    return succeed();
  });
}

int posture_snapshot_add_program(posture_snapshot* snapshot, const char* name, const char* version,
                                 const char* publisher) {
  return guarded([&]() -> int {
    if (!snapshot || !name) return fail(POSTURE_EINVALID, "posture_snapshot_add_program: NULL argument");
    std::optional<std::string> n, v, p;
    if (int rc = text_arg(name, n, "name"); rc != POSTURE_OK) return rc;
    if (int rc = text_arg(version, v, "version"); rc != POSTURE_OK) return rc;
    if (int rc = text_arg(publisher, p, "publisher"); rc != POSTURE_OK) return rc;
    auto& sw = snapshot->snapshot.software;
    if (!sw) sw.emplace();
    sw->push_back(posture::Program{*n, v, p.value_or(""), std::nullopt});
    return succeed();
  });
}

int posture_snapshot_add_update(posture_snapshot* snapshot, const char* id, const char* state,
                                const char* severity) {
  return guarded([&]() -> int {
    if (!snapshot || !id || !state)
      return fail(POSTURE_EINVALID, "posture_snapshot_add_update: NULL argument");
    std::optional<std::string> i;
    if (int rc = text_arg(id, i, "id"); rc != POSTURE_OK) return rc;
    auto st = posture::parse_update_state(state);
    if (!st) return fail(POSTURE_EPARSE, "update state must be \"installed\" or \"missing\"");
    auto sev = severity ? posture::parse_severity(severity) : posture::Severity::unspecified;
    if (!sev)
      return fail(POSTURE_EPARSE,
                  "severity must be critical, important, moderate, low or unspecified");
    auto& up = snapshot->snapshot.updates;
    if (!up) up.emplace();
    posture::UpdateRecord rec;
    rec.id = posture::normalize_update_id(*i);
    rec.state = *st;
    rec.severity = *sev;
    up->items.push_back(std::move(rec));
    return succeed();
  });
}

int posture_snapshot_add_antivirus(posture_snapshot* snapshot, const char* name,
                                   const char* product_version, const char* engine_version,
                                   const char* definition_version, const char* definition_date,
                                   int resident) {
  return guarded([&]() -> int {
    if (!snapshot || !name)
      return fail(POSTURE_EINVALID, "posture_snapshot_add_antivirus: NULL argument");
    posture::AntivirusProduct av;
    std::optional<std::string> n;
    if (int rc = text_arg(name, n, "name"); rc != POSTURE_OK) return rc;
    if (int rc = text_arg(product_version, av.product_version, "product_version"); rc != POSTURE_OK)
      return rc;
    if (int rc = text_arg(engine_version, av.engine_version, "engine_version"); rc != POSTURE_OK)
      return rc;
    if (int rc = text_arg(definition_version, av.definition_version, "definition_version");
        rc != POSTURE_OK)
      return rc;
    av.name = *n;
    if (definition_date) {
      auto d = posture::parse_date(definition_date);
      if (!d) return fail(POSTURE_EPARSE, "definition_date must be YYYY-MM-DD");
      av.definition_date = *d;
    }
    if (resident < -1 || resident > 1)
      return fail(POSTURE_EINVALID, "resident must be 1, 0 or -1");
    if (resident >= 0) av.resident = resident == 1;
    auto& list = snapshot->snapshot.antivirus;
    if (!list) list.emplace();
    list->push_back(std::move(av));
    return succeed();
  });
}

const char* posture_snapshot_json(posture_snapshot* snapshot, size_t* len_out) {
  if (len_out) *len_out = 0;
  const char* result = nullptr;
  guarded([&]() -> int {
    if (!snapshot) return fail(POSTURE_EINVALID, "posture_snapshot_json: snapshot is NULL");
    snapshot->json = posture::write_snapshot_json(snapshot->snapshot);
    result = snapshot->json.c_str();
    if (len_out) *len_out = snapshot->json.size();
    return succeed();
  });
  return result;
}

}  // extern "C"
