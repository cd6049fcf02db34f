#include "handles.hpp"
#include "posture/io.hpp"

using posture::capi::fail;
using posture::capi::guarded;
using posture::capi::succeed;

namespace {

// One entry per unreadable record, as the header promises: the record's first problem gives the
// code and location, and the message carries every problem found in it.
posture::capi::owned_error record_error(const posture::error& e) {
  const auto& all = e.diagnostics();
  auto o = posture::capi::to_owned(all.empty() ? posture::diagnostic{e.code(), e.message(), e.where()}
                                               : all.front());
  for (std::size_t i = 1; i < all.size(); ++i) {
    o.message += "; ";
    o.message += all[i].to_string();
  }
  return o;
}

}  // namespace

extern "C" {

int posture_batch_options_init(posture_batch_options* opts, unsigned int version) {
  if (!opts) return fail(POSTURE_EINVALID, "posture_batch_options_init: opts is NULL");
  if (version == 0 || version > POSTURE_BATCH_OPTIONS_VERSION)
    return fail(POSTURE_EVERSION, "posture_batch_options_init: unsupported options version");
  *opts = posture_batch_options POSTURE_BATCH_OPTIONS_INIT;
  opts->version = version;
  return succeed();
}

int posture_engine_judge_batch(posture_batch** batch_out, size_t* count_out,
                               const posture_engine* engine, const char* data, size_t len,
                               int64_t reference_time, posture_verdict* verdicts, size_t capacity,
                               const posture_batch_options* options) {
  return guarded([&]() -> int {
    if (batch_out) *batch_out = nullptr;
    if (count_out) *count_out = 0;
    if (!count_out || !engine || (!data && len) || (!verdicts && capacity))
      return fail(POSTURE_EINVALID, "posture_engine_judge_batch: NULL argument");
    if (options && (options->version == 0 || options->version > POSTURE_BATCH_OPTIONS_VERSION))
      return fail(POSTURE_EVERSION, "posture_engine_judge_batch: unsupported options version");
    // Without a batch handle nobody could read the JSON, so it is not built.
    const bool want_json = batch_out && options && options->want_json;

    auto batch = std::make_unique<posture_batch>();
    std::size_t records = 0;
    auto put = [&](const posture_verdict& v) {
      if (records < capacity) verdicts[records] = v;
      ++records;
    };
    std::vector<posture::error> bad;
    std::size_t bad_seen = 0;
    // Bad records arrive in `bad` as reading goes on; slot each before the next good record so
    // that verdicts stay in input order.
    auto flush_bad = [&] {
      for (; bad_seen < bad.size(); ++bad_seen) {
        const auto& e = bad[bad_seen];
        put(posture_verdict{POSTURE_LEVEL_NONE, -1, -1, static_cast<int32_t>(e.code()),
                            e.where().line});
        batch->errors.push_back(record_error(e));
      }
    };
    auto sink = [&](posture::Snapshot&& s, std::size_t line) {
      flush_bad();
      auto j = engine->engine.judge(s, posture::Timestamp{reference_time});
      put(posture_verdict{j.level ? posture::level_code(*j.level) : POSTURE_LEVEL_NONE,
                          static_cast<int32_t>(j.status), j.points ? *j.points : -1, POSTURE_OK,
                          line});
      if (want_json) {
        batch->jsonl += posture::write_judgment_json(j);
        batch->jsonl += '\n';
      }
      return true;
    };
    auto read = posture::read_fleet(std::string_view(data ? data : "", len), {}, sink, bad);
    if (!read) return fail(read.err());
    flush_bad();
    *count_out = records;
    batch->views.reserve(batch->errors.size());
    for (const auto& e : batch->errors) batch->views.push_back(e.view());
    if (batch_out) *batch_out = batch.release();
    return succeed();
  });
}

const char* posture_batch_json(const posture_batch* batch, size_t* len_out) {
  if (!batch) {
    if (len_out) *len_out = 0;
    return nullptr;
  }
  if (len_out) *len_out = batch->jsonl.size();
  return batch->jsonl.c_str();
}

size_t posture_batch_error_count(const posture_batch* batch) {
  return batch ? batch->views.size() : 0;
}

const posture_error* posture_batch_error(const posture_batch* batch, size_t index) {
  if (!batch || index >= batch->views.size()) return nullptr;
  return &batch->views[index];
}

void posture_batch_free(posture_batch* batch) { delete batch; }

}  // extern "C"
