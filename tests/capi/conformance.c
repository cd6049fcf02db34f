/* The golden corpus through the C ABI: every test of every tests/data file is judged through
 * posture.h alone — as one snapshot from JSON, as a snapshot handle, and inside a batch — and must
 * meet its expectation and equal, byte for byte and accessor by accessor, the C++ API's judgment
 * of the same inputs.
 * Usage: posture_capi_conformance <corpus folder> */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "posture/posture.h"
#include "conformance_support.h"

/* The judgment read through every accessor, in corpus.h's dump format. */
static void dump(text *out, const posture_judgment *j) {
  size_t i, c, e;
  out->len = 0;
  append(out, "judgment %s|%s|%s|%" PRId64 "|%d|%d|%d\n", posture_judgment_asset(j),
         posture_judgment_policy(j), posture_judgment_action_policy(j),
         posture_judgment_reference_time(j), posture_judgment_level(j), posture_judgment_status(j),
         posture_judgment_points(j));
  for (i = 0; i < posture_judgment_item_count(j); ++i) {
    append(out, "item %d|%d|%d\n", posture_judgment_item_category(j, i),
           posture_judgment_item_status(j, i), posture_judgment_item_level(j, i));
    for (c = 0; c < posture_judgment_condition_count(j, i); ++c) {
      append(out, "condition %s|%d|%d\n", posture_judgment_condition_name(j, i, c),
             posture_judgment_condition_status(j, i, c), posture_judgment_condition_level(j, i, c));
      for (e = 0; e < posture_judgment_evidence_count(j, i, c); ++e)
        append(out, "evidence %s=%s\n", posture_judgment_evidence_key(j, i, c, e),
               posture_judgment_evidence_value(j, i, c, e));
    }
  }
  for (i = 0; i < posture_judgment_distribute_count(j); ++i)
    append(out, "distribute %s\n", posture_judgment_distribute(j, i));
}

/* One test judged from JSON and from a snapshot handle; returns the JSON (caller frees) or NULL. */
static char *judge_one(const char *path, corpus_file *f, size_t t, const posture_engine *engine,
                       text *scratch) {
  const char *name = corpus_test_name(f, t);
  const char *cpp_json = corpus_cpp_json(f, t);
  size_t len = 0;
  const char *snapshot = corpus_test_snapshot(f, t, &len);
  posture_judgment *j = NULL, *again = NULL;
  posture_snapshot *s = NULL;
  const char *json, *mismatch;
  char *result;

  if (posture_engine_judge_json(&j, engine, snapshot, len, corpus_test_at(f, t)) != POSTURE_OK) {
    report_error(path, name);
    return NULL;
  }
  json = posture_judgment_json(j, &len);
  if (json == NULL || len != strlen(json)) fail(path, name, "posture_judgment_json failed");
  mismatch = corpus_mismatch(f, t, json);
  if (mismatch) fail(path, name, "expectation not met:\n%s", mismatch);
  if (cpp_json == NULL)
    fail(path, name, "%s", corpus_cpp_dump(f, t));
  else if (strcmp(json, cpp_json) != 0)
    fail(path, name, "the C ABI's JSON differs from the C++ API's:\n  C:   %s\n  C++: %s", json,
         cpp_json);
  dump(scratch, j);
  if (strcmp(scratch->data, corpus_cpp_dump(f, t)) != 0)
    fail(path, name, "accessors differ from the C++ judgment:\n--- C\n%s--- C++\n%s", scratch->data,
         corpus_cpp_dump(f, t));

  if (posture_snapshot_from_json(&s, snapshot, strlen(snapshot)) != POSTURE_OK ||
      posture_engine_judge(&again, engine, s, corpus_test_at(f, t)) != POSTURE_OK)
    report_error(path, name);
  else if (strcmp(posture_judgment_json(again, NULL), json) != 0)
    fail(path, name, "judging a snapshot handle differs from judging its JSON");

  result = copy(json);
  posture_judgment_free(again);
  posture_snapshot_free(s);
  posture_judgment_free(j);
  return result;
}

/* The tests that share test `first`'s reference time, judged in one batch call (as a JSON array,
 * since snapshot files may span lines), must give the single judgments' JSON and levels. */
static void judge_batch(const char *path, corpus_file *f, size_t first, const posture_engine *engine,
                        char **single, int *batched) {
  size_t n = corpus_test_count(f), t, k = 0, count = 0, len = 0;
  int64_t at = corpus_test_at(f, first);
  text input = {NULL, 0, 0};
  posture_batch_options opts = POSTURE_BATCH_OPTIONS_INIT;
  posture_verdict *verdicts = calloc(n, sizeof *verdicts);
  posture_batch *batch = NULL;
  const char *jsonl;

  if (verdicts == NULL) abort();
  append(&input, "[");
  for (t = first; t < n; ++t) {
    size_t slen;
    if (corpus_test_at(f, t) != at) continue;
    append(&input, "%s%s", k++ ? ",\n" : "", corpus_test_snapshot(f, t, &slen));
  }
  append(&input, "]");
  opts.want_json = 1;
  if (posture_engine_judge_batch(&batch, &count, engine, input.data, input.len, at, verdicts, n,
                                 &opts) != POSTURE_OK) {
    report_error(path, "batch");
  } else if (count != k || posture_batch_error_count(batch) != 0) {
    fail(path, "batch", "%zu records and %zu errors for %zu snapshots", count,
         posture_batch_error_count(batch), k);
  } else {
    jsonl = posture_batch_json(batch, &len);
    k = 0;
    for (t = first; t < n; ++t) {
      const char *end = strchr(jsonl, '\n');
      if (corpus_test_at(f, t) != at) continue;
      batched[t] = 1;
      if (end == NULL) {
        fail(path, corpus_test_name(f, t), "the batch JSON Lines end early");
        break;
      }
      if (single[t] && (strlen(single[t]) != (size_t)(end - jsonl) ||
                        strncmp(single[t], jsonl, (size_t)(end - jsonl)) != 0))
        fail(path, corpus_test_name(f, t), "the batch judgment differs from the single one");
      if (verdicts[k].error != POSTURE_OK || verdicts[k].status < 0)
        fail(path, corpus_test_name(f, t), "the batch could not read the snapshot");
      jsonl = end + 1;
      ++k;
    }
  }
  posture_batch_free(batch);
  free(verdicts);
  free(input.data);
}

/* Levels, statuses and points of batch verdicts equal the accessors of single judgments. */
static void compare_verdicts(const char *path, corpus_file *f, const posture_engine *engine) {
  size_t t, count = 0, len = 0;
  for (t = 0; t < corpus_test_count(f); ++t) {
    posture_verdict v;
    posture_judgment *j = NULL;
    const char *snapshot = corpus_test_snapshot(f, t, &len);
    text one = {NULL, 0, 0};
    append(&one, "[%s]", snapshot);
    if (posture_engine_judge_batch(NULL, &count, engine, one.data, one.len, corpus_test_at(f, t),
                                   &v, 1, NULL) != POSTURE_OK ||
        posture_engine_judge_json(&j, engine, snapshot, len, corpus_test_at(f, t)) != POSTURE_OK) {
      report_error(path, corpus_test_name(f, t));
    } else if (count != 1 || v.level != posture_judgment_level(j) ||
               v.status != posture_judgment_status(j) || v.points != posture_judgment_points(j)) {
      fail(path, corpus_test_name(f, t), "verdict %d/%d/%d, judgment %d/%d/%d", v.level, v.status,
           v.points, posture_judgment_level(j), posture_judgment_status(j),
           posture_judgment_points(j));
    }
    posture_judgment_free(j);
    free(one.data);
  }
}

static size_t run_file(const char *path, text *scratch) {
  const char *error = NULL;
  corpus_file *f = corpus_file_open(path, &error);
  posture_engine_options opts = POSTURE_ENGINE_OPTIONS_INIT;
  posture_engine *engine = NULL;
  char **single;
  int *batched;
  size_t t, n;

  if (f == NULL) {
    fail(path, "reading the test file", "%s", error);
    return 0;
  }
  n = corpus_test_count(f);
  opts.require_agent_version = corpus_require_agent_version(f);
  if (posture_engine_new(&engine, corpus_policy(f), 1, corpus_catalog(f), &opts) != POSTURE_OK) {
    report_error(path, "posture_engine_new");
    corpus_file_free(f);
    return 0;
  }
  single = calloc(n + 1, sizeof *single);
  batched = calloc(n + 1, sizeof *batched);
  if (single == NULL || batched == NULL) abort();
  for (t = 0; t < n; ++t) single[t] = judge_one(path, f, t, engine, scratch);
  for (t = 0; t < n; ++t)
    if (!batched[t]) judge_batch(path, f, t, engine, single, batched);
  compare_verdicts(path, f, engine);
  for (t = 0; t < n; ++t) free(single[t]);
  free(single);
  free(batched);
  posture_engine_free(engine);
  corpus_file_free(f);
  return n;
}

int main(int argc, char **argv) {
  corpus_list *list;
  size_t i, tests = 0, files;
  text scratch = {NULL, 0, 0};

  if (argc != 2) {
    fprintf(stderr, "usage: %s <corpus folder>\n", argv[0]);
    return 2;
  }
  list = corpus_list_open(argv[1]);
  if (list == NULL || corpus_list_count(list) == 0) {
    fprintf(stderr, "no *.test.json files under %s\n", argv[1]);
    return 1;
  }
  files = corpus_list_count(list);
  for (i = 0; i < files; ++i) tests += run_file(corpus_list_path(list, i), &scratch);
  corpus_list_free(list);
  free(scratch.data);
  printf("capi conformance: %zu files, %zu tests, %d failures\n", files, tests, failures);
  return failures ? 1 : 0;
}
