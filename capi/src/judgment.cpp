#include "handles.hpp"
#include "posture/io.hpp"

using posture::capi::fail;
using posture::capi::guarded;
using posture::capi::succeed;

namespace {

const posture::ItemResult* item_at(const posture_judgment* j, size_t item) noexcept {
  if (!j || item >= j->judgment.items.size()) return nullptr;
  return &j->judgment.items[item];
}

const posture::ConditionResult* condition_at(const posture_judgment* j, size_t item,
                                             size_t condition) noexcept {
  const auto* it = item_at(j, item);
  if (!it || condition >= it->conditions.size()) return nullptr;
  return &it->conditions[condition];
}

const posture::Evidence* evidence_at(const posture_judgment* j, size_t item, size_t condition,
                                     size_t evidence) noexcept {
  const auto* c = condition_at(j, item, condition);
  if (!c || evidence >= c->evidence.size()) return nullptr;
  return &c->evidence[evidence];
}

int level_code(const std::optional<posture::Level>& l) noexcept {
  return l ? posture::level_code(*l) : POSTURE_LEVEL_NONE;
}

int make_judgment(posture_judgment** out, const posture_engine* engine,
                  const posture::Snapshot& snapshot, int64_t reference_time) {
  *out = new posture_judgment(engine->engine.judge(snapshot, posture::Timestamp{reference_time}));
  return succeed();
}

}  // namespace

extern "C" {

int posture_engine_judge(posture_judgment** out, const posture_engine* engine,
                         const posture_snapshot* snapshot, int64_t reference_time) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_engine_judge: out is NULL");
    *out = nullptr;
    if (!engine || !snapshot) return fail(POSTURE_EINVALID, "posture_engine_judge: NULL argument");
    return make_judgment(out, engine, snapshot->snapshot, reference_time);
  });
}

int posture_engine_judge_json(posture_judgment** out, const posture_engine* engine,
                              const char* data, size_t len, int64_t reference_time) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_engine_judge_json: out is NULL");
    *out = nullptr;
    if (!engine || (!data && len))
      return fail(POSTURE_EINVALID, "posture_engine_judge_json: NULL argument");
    auto parsed = posture::read_snapshot_json(std::string_view(data ? data : "", len));
    if (!parsed) return fail(parsed.err());
    return make_judgment(out, engine, *parsed, reference_time);
  });
}

void posture_judgment_free(posture_judgment* judgment) { delete judgment; }

const char* posture_judgment_asset(const posture_judgment* j) {
  return j ? j->judgment.asset.c_str() : nullptr;
}
const char* posture_judgment_policy(const posture_judgment* j) {
  return j ? j->judgment.policy.c_str() : nullptr;
}
const char* posture_judgment_action_policy(const posture_judgment* j) {
  return j ? j->judgment.action_policy.c_str() : nullptr;
}
int64_t posture_judgment_reference_time(const posture_judgment* j) {
  return j ? j->judgment.reference_time.seconds : 0;
}
int posture_judgment_level(const posture_judgment* j) {
  return j ? level_code(j->judgment.level) : POSTURE_LEVEL_NONE;
}
int posture_judgment_status(const posture_judgment* j) {
  return j ? static_cast<int>(j->judgment.status) : -1;
}
int posture_judgment_points(const posture_judgment* j) {
  return j && j->judgment.points ? *j->judgment.points : -1;
}

size_t posture_judgment_item_count(const posture_judgment* j) {
  return j ? j->judgment.items.size() : 0;
}
int posture_judgment_item_category(const posture_judgment* j, size_t item) {
  const auto* it = item_at(j, item);
  return it ? static_cast<int>(it->category) : -1;
}
int posture_judgment_item_status(const posture_judgment* j, size_t item) {
  const auto* it = item_at(j, item);
  return it ? static_cast<int>(it->status) : -1;
}
int posture_judgment_item_level(const posture_judgment* j, size_t item) {
  const auto* it = item_at(j, item);
  return it ? level_code(it->level) : POSTURE_LEVEL_NONE;
}

size_t posture_judgment_condition_count(const posture_judgment* j, size_t item) {
  const auto* it = item_at(j, item);
  return it ? it->conditions.size() : 0;
}
const char* posture_judgment_condition_name(const posture_judgment* j, size_t item,
                                            size_t condition) {
  const auto* c = condition_at(j, item, condition);
  return c ? c->name.c_str() : nullptr;
}
int posture_judgment_condition_status(const posture_judgment* j, size_t item, size_t condition) {
  const auto* c = condition_at(j, item, condition);
  return c ? static_cast<int>(c->status) : -1;
}
int posture_judgment_condition_level(const posture_judgment* j, size_t item, size_t condition) {
  const auto* c = condition_at(j, item, condition);
  return c ? level_code(c->level) : POSTURE_LEVEL_NONE;
}
size_t posture_judgment_evidence_count(const posture_judgment* j, size_t item, size_t condition) {
  const auto* c = condition_at(j, item, condition);
  return c ? c->evidence.size() : 0;
}
const char* posture_judgment_evidence_key(const posture_judgment* j, size_t item, size_t condition,
                                          size_t evidence) {
  const auto* e = evidence_at(j, item, condition, evidence);
  return e ? e->key.c_str() : nullptr;
}
const char* posture_judgment_evidence_value(const posture_judgment* j, size_t item,
                                            size_t condition, size_t evidence) {
  const auto* e = evidence_at(j, item, condition, evidence);
  return e ? e->value.c_str() : nullptr;
}

size_t posture_judgment_distribute_count(const posture_judgment* j) {
  return j ? j->judgment.distribute.size() : 0;
}
const char* posture_judgment_distribute(const posture_judgment* j, size_t index) {
  if (!j || index >= j->judgment.distribute.size()) return nullptr;
  return j->judgment.distribute[index].c_str();
}

const char* posture_judgment_json(const posture_judgment* j, size_t* len_out) {
  if (len_out) *len_out = 0;
  const char* result = nullptr;
  guarded([&]() -> int {
    if (!j) return fail(POSTURE_EINVALID, "posture_judgment_json: judgment is NULL");
    std::lock_guard<std::mutex> lock(j->json_mutex);
    if (!j->json_ready) {
      j->json = posture::write_judgment_json(j->judgment);
      j->json_ready = true;
    }
    result = j->json.c_str();
    if (len_out) *len_out = j->json.size();
    return succeed();
  });
  return result;
}

}  // extern "C"
