#include <optional>

#include "handles.hpp"
#include "posture/batch.hpp"
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
    // The batch path: records straight into columns (each record its own client, as each gets a
    // verdict), judged together; a record's verdict is slotted where it was read.
    struct Record {
      std::size_t line;
      std::optional<std::size_t> client;
    };
    std::vector<Record> order;
    std::vector<posture::error> bad;
    posture::Fleet fleet;
    posture::IngestOptions ingest;
    ingest.mode = posture::IngestMode::append;
    auto read = posture::ingest_fleet(
        fleet, std::string_view(data ? data : "", len), ingest, bad,
        [&](std::size_t line, std::optional<std::size_t> client) { order.push_back({line, client}); });
    if (!read) return fail(read.err());
    const posture::Timestamp at{reference_time};
    posture::FleetJudge judge(engine->engine);
    const posture::FleetVerdicts v = judge.judge(fleet, at);
    std::size_t bad_seen = 0;
    for (const Record& r : order) {
      if (!r.client) {
        const auto& e = bad[bad_seen++];
        put(posture_verdict{POSTURE_LEVEL_NONE, -1, -1, static_cast<int32_t>(e.code()),
                            e.where().line});
        batch->errors.push_back(record_error(e));
        continue;
      }
      const std::size_t c = *r.client;
      put(posture_verdict{v.level[c] ? static_cast<int32_t>(v.level[c]) : POSTURE_LEVEL_NONE,
                          static_cast<int32_t>(v.status[c]), v.points[c], POSTURE_OK, r.line});
      if (want_json) {
        batch->jsonl += posture::write_judgment_json(judge.judgment(fleet, c, at));
        batch->jsonl += '\n';
      }
    }
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
