/* The C ABI under misuse and bad input: every call returns a code with a message, never crashes.
 * Usage: posture_capi_misuse <policy file> (any readable posture-policy/1 document). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixtures.h"

static const char *policy_path;

static posture_document text_document(const char *text, const char *name) {
  posture_document d;
  d.data = text;
  d.len = strlen(text);
  d.name = name;
  return d;
}

static void versions(void) {
  const char *info = posture_build_info();
  CHECK(posture_version_number() == POSTURE_VERSION_NUMBER);
  CHECK_STR(posture_version_string(), POSTURE_VERSION_STRING);
  CHECK(POSTURE_VERSION_CHECK(0, 1, 0));
  CHECK(!POSTURE_VERSION_CHECK(POSTURE_VERSION_MAJOR + 1, 0, 0));
  CHECK(info != NULL && info[0] == '{' && strstr(info, "\"version\":\"" POSTURE_VERSION_STRING "\""));
}

static void names(void) {
  int code;
  CHECK_STR(posture_level_name(POSTURE_LEVEL_SAFE), "safe");
  CHECK_STR(posture_level_name(POSTURE_LEVEL_DANGER), "danger");
  CHECK_STR(posture_level_name(POSTURE_LEVEL_NONE), "");
  CHECK_STR(posture_level_name(250), "");
  CHECK_STR(posture_status_name(POSTURE_STATUS_NOT_JUDGED), "not_judged");
  CHECK_STR(posture_status_name(-1), "");
  CHECK_STR(posture_status_name(5), "");
  CHECK_STR(posture_category_name(POSTURE_CATEGORY_USER_DEFINED), "user_defined");
  CHECK_STR(posture_category_name(6), "");
  for (code = POSTURE_OK; code >= POSTURE_EIO; --code) {
    const char *s = posture_error_code_str(code);
    CHECK(s != NULL && s[0] != '\0');
  }
  CHECK(posture_error_code_str(12345) != NULL);
  CHECK_STR(posture_error_code_str(POSTURE_EPARSE), "parse error");
}

static void error_state(void) {
  posture_engine_options opts;
  CHECK_CODE(posture_engine_options_init(NULL, POSTURE_ENGINE_OPTIONS_VERSION), POSTURE_EINVALID);
  CHECK(posture_error_diagnostic_count() == 1);
  CHECK(posture_error_diagnostic(0) == posture_error_last());
  CHECK(posture_error_diagnostic(1) == NULL);
  posture_error_clear();
  CHECK(posture_error_last()->code == POSTURE_OK);
  CHECK(posture_error_diagnostic_count() == 0);
  CHECK(posture_error_diagnostic(0) == NULL);
  CHECK_CODE(posture_engine_options_init(NULL, 1), POSTURE_EINVALID);
  /* A success clears the previous failure. */
  CHECK_CODE(posture_engine_options_init(&opts, POSTURE_ENGINE_OPTIONS_VERSION), POSTURE_OK);
}

static void options_versions(void) {
  posture_engine_options eo = POSTURE_ENGINE_OPTIONS_INIT;
  posture_batch_options bo = POSTURE_BATCH_OPTIONS_INIT;
  posture_document policy = text_document(FIXTURE_POLICY, "policy.json");
  posture_engine *engine = (posture_engine *)&eo; /* must be reset to NULL on failure */
  size_t count = 99;

  CHECK(eo.version == POSTURE_ENGINE_OPTIONS_VERSION && eo.require_agent_version == 0);
  CHECK(bo.version == POSTURE_BATCH_OPTIONS_VERSION && bo.want_json == 0);
  eo.require_agent_version = 1;
  CHECK_CODE(posture_engine_options_init(&eo, 0), POSTURE_EVERSION);
  CHECK_CODE(posture_engine_options_init(&eo, POSTURE_ENGINE_OPTIONS_VERSION + 1),
             POSTURE_EVERSION);
  CHECK_CODE(posture_engine_options_init(&eo, POSTURE_ENGINE_OPTIONS_VERSION), POSTURE_OK);
  CHECK(eo.version == POSTURE_ENGINE_OPTIONS_VERSION && eo.require_agent_version == 0);
  CHECK_CODE(posture_batch_options_init(NULL, 1), POSTURE_EINVALID);
  CHECK_CODE(posture_batch_options_init(&bo, 0), POSTURE_EVERSION);
  CHECK_CODE(posture_batch_options_init(&bo, POSTURE_BATCH_OPTIONS_VERSION + 1), POSTURE_EVERSION);
  CHECK_CODE(posture_batch_options_init(&bo, POSTURE_BATCH_OPTIONS_VERSION), POSTURE_OK);

  eo.version = 0;
  CHECK_CODE(posture_engine_new(&engine, &policy, 1, NULL, &eo), POSTURE_EVERSION);
  CHECK(engine == NULL);
  eo.version = POSTURE_ENGINE_OPTIONS_VERSION + 7;
  CHECK_CODE(posture_engine_new(&engine, &policy, 1, NULL, &eo), POSTURE_EVERSION);

  engine = fixture_engine();
  CHECK(engine != NULL);
  bo.version = 0;
  CHECK_CODE(posture_engine_judge_batch(NULL, &count, engine, "", 0, FIXTURE_AT, NULL, 0, &bo),
             POSTURE_EVERSION);
  CHECK(count == 0);
  posture_engine_free(engine);
}

static void engine_misuse(void) {
  posture_document policy = text_document(FIXTURE_POLICY, "policy.json");
  posture_document nothing = {NULL, 0, NULL};
  posture_document missing_file = {NULL, 0, "no/such/policy.json"};
  posture_document from_file = {NULL, 0, NULL};
  posture_engine *engine = NULL;

  CHECK_CODE(posture_engine_new(NULL, &policy, 1, NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_new(&engine, NULL, 1, NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_new(&engine, &policy, 0, NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_new(&engine, &nothing, 1, NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_new(&engine, &policy, 1, &nothing, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_new(&engine, &missing_file, 1, NULL, NULL), POSTURE_EIO);
  CHECK(strstr(posture_error_last()->message, "no/such/policy.json") != NULL ||
        strcmp(posture_error_last()->file, "no/such/policy.json") == 0);
  CHECK(engine == NULL);

  CHECK(posture_engine_policy_count(NULL) == 0);
  CHECK(posture_engine_policy_name(NULL, 0) == NULL);
  posture_engine_free(NULL);

  /* A document given by path is read by the library. */
  from_file.name = policy_path;
  CHECK_CODE(posture_engine_new(&engine, &from_file, 1, NULL, NULL), POSTURE_OK);
  CHECK(engine != NULL && posture_engine_policy_count(engine) >= 1);
  CHECK(posture_engine_policy_name(engine, posture_engine_policy_count(engine)) == NULL);
  posture_engine_free(engine);

  engine = fixture_engine();
  CHECK(engine != NULL);
  CHECK(posture_engine_policy_count(engine) == 1);
  CHECK_STR(posture_engine_policy_name(engine, 0), "Baseline");
  posture_engine_free(engine);
}

static void snapshot_misuse(void) {
  posture_snapshot *s = NULL;
  char long_asset[200];
  size_t len = 7;

  CHECK_CODE(posture_snapshot_from_json(NULL, "{}", 2), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_from_json(&s, NULL, 5), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_from_json(&s, NULL, 0), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_from_json(&s, "", 0), POSTURE_EPARSE);
  CHECK(s == NULL);
  CHECK_CODE(posture_snapshot_new(NULL, "PC-1"), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_new(&s, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_new(&s, ""), POSTURE_EINVALID);
  memset(long_asset, 'A', sizeof long_asset - 1);
  long_asset[sizeof long_asset - 1] = '\0';
  CHECK_CODE(posture_snapshot_new(&s, long_asset), POSTURE_EINVALID);
  CHECK(s == NULL);
  posture_snapshot_free(NULL);

  CHECK_CODE(posture_snapshot_set(NULL, "host", "h"), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_program(NULL, "p", NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_update(NULL, "1", "missing", NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_antivirus(NULL, "av", NULL, NULL, NULL, NULL, -1),
             POSTURE_EINVALID);
  CHECK(posture_snapshot_json(NULL, &len) == NULL);
  CHECK(len == 0);
  CHECK(posture_error_last()->code == POSTURE_EINVALID);

  CHECK_CODE(posture_snapshot_new(&s, "PC-1"), POSTURE_OK);
  CHECK_CODE(posture_snapshot_set(s, NULL, "h"), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_set(s, "host", NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_set(s, "no.such.path", "x"), POSTURE_ENOTFOUND);
  CHECK_CODE(posture_snapshot_set(s, "settings.logon.auto_logon", "maybe"), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_add_program(s, NULL, "1.0", NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_update(s, NULL, "missing", NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_update(s, "KB1", NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_update(s, "KB1", "lost", NULL), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_add_update(s, "KB1", "missing", "dire"), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_add_antivirus(s, NULL, NULL, NULL, NULL, NULL, 1), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_antivirus(s, "av", NULL, NULL, NULL, NULL, 2), POSTURE_EINVALID);
  CHECK_CODE(posture_snapshot_add_antivirus(s, "av", NULL, NULL, NULL, "yesterday", 1),
             POSTURE_EPARSE);
  posture_snapshot_free(s);
}

static void judgment_misuse(void) {
  posture_engine *engine = fixture_engine();
  posture_snapshot *s = NULL;
  posture_judgment *j = (posture_judgment *)&s; /* must be reset to NULL on failure */
  size_t len = 7;

  CHECK(engine != NULL);
  CHECK_CODE(posture_snapshot_new(&s, "PC-1"), POSTURE_OK);
  CHECK_CODE(posture_engine_judge(NULL, engine, s, FIXTURE_AT), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_judge(&j, NULL, s, FIXTURE_AT), POSTURE_EINVALID);
  CHECK(j == NULL);
  CHECK_CODE(posture_engine_judge(&j, engine, NULL, FIXTURE_AT), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_judge_json(NULL, engine, "{}", 2, FIXTURE_AT), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_judge_json(&j, NULL, "{}", 2, FIXTURE_AT), POSTURE_EINVALID);
  CHECK_CODE(posture_engine_judge_json(&j, engine, NULL, 2, FIXTURE_AT), POSTURE_EINVALID);
  CHECK(j == NULL);

  /* Every getter tolerates NULL and out-of-range indexes. */
  CHECK(posture_judgment_asset(NULL) == NULL);
  CHECK(posture_judgment_policy(NULL) == NULL);
  CHECK(posture_judgment_action_policy(NULL) == NULL);
  CHECK(posture_judgment_reference_time(NULL) == 0);
  CHECK(posture_judgment_level(NULL) == POSTURE_LEVEL_NONE);
  CHECK(posture_judgment_status(NULL) == -1);
  CHECK(posture_judgment_points(NULL) == -1);
  CHECK(posture_judgment_item_count(NULL) == 0);
  CHECK(posture_judgment_item_category(NULL, 0) == -1);
  CHECK(posture_judgment_item_status(NULL, 0) == -1);
  CHECK(posture_judgment_item_level(NULL, 0) == POSTURE_LEVEL_NONE);
  CHECK(posture_judgment_condition_count(NULL, 0) == 0);
  CHECK(posture_judgment_condition_name(NULL, 0, 0) == NULL);
  CHECK(posture_judgment_condition_status(NULL, 0, 0) == -1);
  CHECK(posture_judgment_condition_level(NULL, 0, 0) == POSTURE_LEVEL_NONE);
  CHECK(posture_judgment_evidence_count(NULL, 0, 0) == 0);
  CHECK(posture_judgment_evidence_key(NULL, 0, 0, 0) == NULL);
  CHECK(posture_judgment_evidence_value(NULL, 0, 0, 0) == NULL);
  CHECK(posture_judgment_distribute_count(NULL) == 0);
  CHECK(posture_judgment_distribute(NULL, 0) == NULL);
  CHECK(posture_judgment_json(NULL, &len) == NULL);
  CHECK(len == 0);
  CHECK(posture_error_last()->code == POSTURE_EINVALID);
  CHECK(posture_judgment_json(NULL, NULL) == NULL);
  posture_judgment_free(NULL);

  CHECK_CODE(posture_engine_judge_json(&j, engine, FIXTURE_SNAPSHOT_DANGER,
                                       strlen(FIXTURE_SNAPSHOT_DANGER), FIXTURE_AT),
             POSTURE_OK);
  {
    size_t items = posture_judgment_item_count(j);
    size_t conditions = posture_judgment_condition_count(j, 0);
    CHECK(items == 3);
    CHECK(posture_judgment_item_category(j, items) == -1);
    CHECK(posture_judgment_item_status(j, items) == -1);
    CHECK(posture_judgment_item_level(j, items) == POSTURE_LEVEL_NONE);
    CHECK(posture_judgment_condition_count(j, items) == 0);
    CHECK(posture_judgment_condition_name(j, 0, conditions) == NULL);
    CHECK(posture_judgment_condition_name(j, items, 0) == NULL);
    CHECK(posture_judgment_condition_status(j, 0, conditions) == -1);
    CHECK(posture_judgment_condition_level(j, 0, conditions) == POSTURE_LEVEL_NONE);
    CHECK(posture_judgment_evidence_count(j, 0, conditions) == 0);
    CHECK(posture_judgment_evidence_key(j, 0, 0, 1000) == NULL);
    CHECK(posture_judgment_evidence_value(j, 0, 0, 1000) == NULL);
    CHECK(posture_judgment_distribute(j, posture_judgment_distribute_count(j)) == NULL);
  }
  /* A judgment outlives the engine that made it. */
  posture_engine_free(engine);
  CHECK_STR(posture_judgment_asset(j), "PC-000123");
  CHECK(posture_judgment_level(j) == POSTURE_LEVEL_DANGER);
  CHECK(posture_judgment_json(j, NULL) != NULL);
  posture_judgment_free(j);
  posture_snapshot_free(s);
}

/* The judgment of FIXTURE_SNAPSHOT_DANGER read through every getter. */
static void judgment_getters(void) {
  posture_engine *engine = fixture_engine();
  posture_judgment *j = NULL;
  size_t i, c, len = 0;
  int saw_prohibited = 0;
  const char *json;

  CHECK_CODE(posture_engine_judge_json(&j, engine, FIXTURE_SNAPSHOT_DANGER,
                                       strlen(FIXTURE_SNAPSHOT_DANGER), FIXTURE_AT),
             POSTURE_OK);
  CHECK_STR(posture_judgment_asset(j), "PC-000123");
  CHECK_STR(posture_judgment_policy(j), "Baseline");
  CHECK(posture_judgment_action_policy(j) != NULL);
  CHECK(posture_judgment_reference_time(j) == FIXTURE_AT);
  CHECK(posture_judgment_level(j) == POSTURE_LEVEL_DANGER);
  CHECK(posture_judgment_status(j) == POSTURE_STATUS_JUDGED);
  /* Warning (updates) x Safe (anti-virus) x Danger (prohibited): floor(100 x 0.5 x 0.25). */
  CHECK(posture_judgment_points(j) == 12);
  CHECK(posture_judgment_distribute_count(j) == 1);
  CHECK_STR(posture_judgment_distribute(j, 0), "5034765");
  for (i = 0; i < posture_judgment_item_count(j); ++i) {
    if (posture_judgment_item_category(j, i) != POSTURE_CATEGORY_PROHIBITED_SOFTWARE) continue;
    saw_prohibited = 1;
    CHECK(posture_judgment_item_level(j, i) == POSTURE_LEVEL_DANGER);
    CHECK(posture_judgment_item_status(j, i) == POSTURE_STATUS_JUDGED);
    for (c = 0; c < posture_judgment_condition_count(j, i); ++c) {
      CHECK(posture_judgment_condition_name(j, i, c) != NULL);
      CHECK(posture_judgment_evidence_count(j, i, c) > 0);
      CHECK(posture_judgment_evidence_key(j, i, c, 0) != NULL);
      CHECK(posture_judgment_evidence_value(j, i, c, 0) != NULL);
    }
  }
  CHECK(saw_prohibited);
  json = posture_judgment_json(j, &len);
  CHECK(json != NULL && len == strlen(json) && json[0] == '{');
  CHECK(strchr(json, '\n') == NULL);
  /* The same pointer every time: the text lives as long as the judgment. */
  CHECK(posture_judgment_json(j, NULL) == json);
  posture_judgment_free(j);
  posture_engine_free(engine);
}

/* A snapshot built field by field judges like the same snapshot read from JSON, and its JSON
 * form reads back to the same judgment. */
static void snapshot_building(void) {
  posture_engine *engine = fixture_engine();
  posture_snapshot *built = NULL, *reread = NULL;
  posture_judgment *a = NULL, *b = NULL, *c = NULL;
  const char *text;
  size_t len = 0;

  CHECK_CODE(posture_snapshot_new(&built, "PC-000123"), POSTURE_OK);
  CHECK_CODE(posture_snapshot_set(built, "host", "kobe-01"), POSTURE_OK);
  CHECK_CODE(posture_snapshot_add_antivirus(built, "Microsoft Defender Antivirus", NULL, NULL, NULL,
                                            "2026-11-21", 1),
             POSTURE_OK);
  CHECK_CODE(posture_snapshot_add_program(built, "uTorrent", "3.6", NULL), POSTURE_OK);
  CHECK_CODE(posture_snapshot_add_update(built, "KB5034765", "missing", "critical"), POSTURE_OK);
  CHECK_CODE(posture_snapshot_set(built, "updates.complete", "true"), POSTURE_OK);
  CHECK_CODE(posture_engine_judge(&a, engine, built, FIXTURE_AT), POSTURE_OK);
  CHECK_CODE(posture_engine_judge_json(&b, engine, FIXTURE_SNAPSHOT_DANGER,
                                       strlen(FIXTURE_SNAPSHOT_DANGER), FIXTURE_AT),
             POSTURE_OK);
  CHECK_STR(posture_judgment_json(a, NULL), posture_judgment_json(b, NULL));

  text = posture_snapshot_json(built, &len);
  CHECK(text != NULL && len == strlen(text));
  CHECK_CODE(posture_snapshot_from_json(&reread, text, len), POSTURE_OK);
  CHECK_CODE(posture_engine_judge(&c, engine, reread, FIXTURE_AT), POSTURE_OK);
  CHECK_STR(posture_judgment_json(c, NULL), posture_judgment_json(a, NULL));

  posture_judgment_free(a);
  posture_judgment_free(b);
  posture_judgment_free(c);
  posture_snapshot_free(built);
  posture_snapshot_free(reread);
  posture_engine_free(engine);
}

static void require_agent_version(void) {
  posture_document policy = text_document(FIXTURE_POLICY, "policy.json");
  posture_engine_options opts = POSTURE_ENGINE_OPTIONS_INIT;
  posture_engine *engine = NULL;
  posture_judgment *j = NULL;
  size_t i;

  opts.require_agent_version = 1;
  CHECK_CODE(posture_engine_new(&engine, &policy, 1, NULL, &opts), POSTURE_OK);
  CHECK_CODE(posture_engine_judge_json(&j, engine, FIXTURE_SNAPSHOT_SAFE,
                                       strlen(FIXTURE_SNAPSHOT_SAFE), FIXTURE_AT),
             POSTURE_OK);
  CHECK(posture_judgment_status(j) == POSTURE_STATUS_UNKNOWN);
  CHECK(posture_judgment_item_count(j) > 0);
  for (i = 0; i < posture_judgment_item_count(j); ++i)
    CHECK(posture_judgment_item_status(j, i) == POSTURE_STATUS_UNKNOWN);
  posture_judgment_free(j);
  posture_engine_free(engine);
}

static void bad_utf8(void) {
  static const char policy[] =
      "{\"format\": \"posture-policy/1\", \"judgment_policies\": [{\"name\": \"Bad \xff name\"}]}";
  static const char snapshot[] = "{\"asset\": \"PC-\xc3\x28\"}";
  posture_document doc = text_document(policy, "bad-utf8.json");
  posture_engine *engine = NULL;
  posture_snapshot *s = NULL;
  posture_judgment *j = NULL;

  CHECK_CODE(posture_engine_new(&engine, &doc, 1, NULL, NULL), POSTURE_EPARSE);
  CHECK(posture_error_last()->line == 1);
  CHECK_CODE(posture_snapshot_from_json(&s, snapshot, strlen(snapshot)), POSTURE_EPARSE);
  engine = fixture_engine();
  CHECK_CODE(posture_engine_judge_json(&j, engine, snapshot, strlen(snapshot), FIXTURE_AT),
             POSTURE_EPARSE);
  CHECK(j == NULL);
  CHECK_CODE(posture_snapshot_new(&s, "PC-\xc3\x28"), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_new(&s, "PC-1"), POSTURE_OK);
  CHECK_CODE(posture_snapshot_set(s, "host", "\xed\xa0\x80"), POSTURE_EPARSE); /* a surrogate */
  CHECK_CODE(posture_snapshot_add_program(s, "\xc0\xaf", NULL, NULL), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_add_program(s, "ok", "\xff", NULL), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_add_update(s, "\xfe", "missing", NULL), POSTURE_EPARSE);
  CHECK_CODE(posture_snapshot_add_antivirus(s, "av", "\x80", NULL, NULL, NULL, -1), POSTURE_EPARSE);
  posture_snapshot_free(s);
  posture_engine_free(engine);
}

/* A syntax error is reported with the document's name, line and column. */
static void bad_json_location(void) {
  static const char policy[] =
      "{\"format\": \"posture-policy/1\",\n"
      " \"judgment_policies\": [\n"
      "   {\"name\": \"Baseline\" \"antivirus\": {}}]}\n";
  static const char snapshot[] = "{\"asset\": \"PC-1\",\n \"host\": }";
  posture_document doc = text_document(policy, "syntax.json");
  posture_engine *engine = NULL;
  posture_snapshot *s = NULL;
  const posture_error *e;

  CHECK_CODE(posture_engine_new(&engine, &doc, 1, NULL, NULL), POSTURE_EPARSE);
  e = posture_error_last();
  CHECK_STR(e->file, "syntax.json");
  CHECK(e->line == 3);
  CHECK(e->column == 24); /* the second string, where a comma or '}' was expected */
  CHECK(e->offset == (size_t)(strstr(policy, "\"antivirus\"") - policy));

  CHECK_CODE(posture_snapshot_from_json(&s, snapshot, strlen(snapshot)), POSTURE_EPARSE);
  e = posture_error_last();
  CHECK(e->line == 2);
  CHECK(e->column == 10);
  CHECK(s == NULL);
}

/* Every problem of every document comes back, each with its own location. */
static void all_diagnostics(void) {
  static const char first[] =
      "{\"format\": \"posture-policy/1\",\n"
      " \"judgment_policies\": [{\n"
      "   \"name\": \"One\",\n"
      "   \"antivirus\": {\"prodcts\": []},\n"
      "   \"prohibited_software\": {\"entries\": [{\"name\": \"x\", \"level\": \"severe\"}]},\n"
      "   \"pc_security\": {\"checks\": [{\"check\": \"accounts.guest_enabld\"}]}\n"
      " }]}\n";
  static const char second[] =
      "{\"format\": \"posture-policy/1\",\n"
      " \"judgment_policies\": [{\"name\": \"Two\", \"colour\": \"blue\"}]}\n";
  posture_document docs[2];
  posture_engine *engine = NULL;
  size_t i, n;
  unsigned lines_seen = 0;

  docs[0] = text_document(first, "first.json");
  docs[1] = text_document(second, "second.json");
  CHECK(posture_engine_new(&engine, docs, 2, NULL, NULL) != POSTURE_OK);
  CHECK(engine == NULL);
  n = posture_error_diagnostic_count();
  CHECK(n == 4);
  CHECK(posture_error_diagnostic(0) == posture_error_last());
  for (i = 0; i < n; ++i) {
    const posture_error *d = posture_error_diagnostic(i);
    CHECK(d != NULL && d->code < 0 && d->message[0] != '\0' && d->line > 0 && d->column > 0);
    if (d == NULL) continue;
    if (strcmp(d->file, "first.json") == 0 && d->line >= 4 && d->line <= 6)
      lines_seen |= 1u << d->line;
    if (strcmp(d->file, "second.json") == 0 && d->line == 2) lines_seen |= 1u;
  }
  CHECK(lines_seen == (1u | 1u << 4 | 1u << 5 | 1u << 6));
  CHECK(posture_error_diagnostic(n) == NULL);
}

/* JSON Lines: a Danger client, a record that is not JSON, a Safe client. */
static const char fleet[] =
    "{\"asset\": \"PC-A\", \"software\": [{\"name\": \"uTorrent\"}]}\n"
    "{\"asset\": \"PC-B\", \"software\": [}\n"
    "{\"asset\": \"PC-C\", \"software\": []}\n";

static void batch_bad_record(void) {
  posture_engine *engine = fixture_engine();
  posture_batch_options opts = POSTURE_BATCH_OPTIONS_INIT;
  posture_verdict v[4];
  posture_batch *batch = NULL;
  posture_judgment *a = NULL, *c = NULL;
  const posture_error *e;
  const char *jsonl;
  size_t count = 0, len = 0;
  char expected[8192];

  memset(v, 0x5a, sizeof v);
  opts.want_json = 1;
  CHECK_CODE(posture_engine_judge_batch(&batch, &count, engine, fleet, strlen(fleet), FIXTURE_AT,
                                        v, 4, &opts),
             POSTURE_OK);
  CHECK(count == 3);
  CHECK(v[0].error == POSTURE_OK && v[0].status == POSTURE_STATUS_JUDGED && v[0].line == 1);
  CHECK(v[0].level == POSTURE_LEVEL_DANGER);
  CHECK(v[1].error == POSTURE_EPARSE && v[1].status == -1 && v[1].line == 2);
  CHECK(v[1].level == POSTURE_LEVEL_NONE && v[1].points == -1);
  CHECK(v[2].error == POSTURE_OK && v[2].line == 3);
  CHECK(posture_batch_error_count(batch) == 1);
  e = posture_batch_error(batch, 0);
  CHECK(e != NULL && e->code == POSTURE_EPARSE && e->line == 2 && e->message[0] != '\0');
  CHECK(posture_batch_error(batch, 1) == NULL);

  /* The batch's JSON Lines are the single-snapshot judgments of the good records. */
  CHECK_CODE(posture_engine_judge_json(&a, engine, fleet, strchr(fleet, '\n') - fleet, FIXTURE_AT),
             POSTURE_OK);
  CHECK_CODE(posture_engine_judge_json(&c, engine, strstr(fleet, "{\"asset\": \"PC-C\""),
                                       strlen(strstr(fleet, "{\"asset\": \"PC-C\"")), FIXTURE_AT),
             POSTURE_OK);
  snprintf(expected, sizeof expected, "%s\n%s\n", posture_judgment_json(a, NULL),
           posture_judgment_json(c, NULL));
  jsonl = posture_batch_json(batch, &len);
  CHECK_STR(jsonl, expected);
  CHECK(len == strlen(expected));
  CHECK(v[0].level == posture_judgment_level(a) && v[0].points == posture_judgment_points(a));
  CHECK(v[2].level == posture_judgment_level(c) && v[2].points == posture_judgment_points(c));
  posture_batch_free(batch);

  /* Without want_json the handle still carries the record errors. */
  batch = NULL;
  CHECK_CODE(posture_engine_judge_batch(&batch, &count, engine, fleet, strlen(fleet), FIXTURE_AT,
                                        v, 4, NULL),
             POSTURE_OK);
  CHECK_STR(posture_batch_json(batch, &len), "");
  CHECK(len == 0);
  CHECK(posture_batch_error_count(batch) == 1);
  posture_batch_free(batch);

  posture_judgment_free(a);
  posture_judgment_free(c);
  posture_engine_free(engine);
}

static void batch_capacity(void) {
  posture_engine *engine = fixture_engine();
  posture_verdict v[2];
  size_t count = 0, len = 5;

  memset(v, 0x5a, sizeof v);
  CHECK_CODE(posture_engine_judge_batch(NULL, &count, engine, fleet, strlen(fleet), FIXTURE_AT, v,
                                        1, NULL),
             POSTURE_OK);
  CHECK(count == 3);
  CHECK(v[0].line == 1 && v[0].level == POSTURE_LEVEL_DANGER);
  CHECK(v[1].line == 0x5a5a5a5a5a5a5a5aULL); /* beyond capacity: untouched */

  count = 0;
  CHECK_CODE(posture_engine_judge_batch(NULL, &count, engine, fleet, strlen(fleet), FIXTURE_AT,
                                        NULL, 0, NULL),
             POSTURE_OK);
  CHECK(count == 3);

  CHECK_CODE(posture_engine_judge_batch(NULL, &count, engine, "", 0, FIXTURE_AT, NULL, 0, NULL),
             POSTURE_OK);
  CHECK(count == 0);

  CHECK_CODE(posture_engine_judge_batch(NULL, NULL, engine, fleet, strlen(fleet), FIXTURE_AT, v, 2,
                                        NULL),
             POSTURE_EINVALID);
  CHECK_CODE(posture_engine_judge_batch(NULL, &count, NULL, fleet, strlen(fleet), FIXTURE_AT, v, 2,
                                        NULL),
             POSTURE_EINVALID);
  CHECK_CODE(posture_engine_judge_batch(NULL, &count, engine, NULL, 4, FIXTURE_AT, v, 2, NULL),
             POSTURE_EINVALID);
  CHECK_CODE(posture_engine_judge_batch(NULL, &count, engine, fleet, strlen(fleet), FIXTURE_AT,
                                        NULL, 2, NULL),
             POSTURE_EINVALID);
  CHECK(count == 0);

  CHECK(posture_batch_json(NULL, &len) == NULL);
  CHECK(len == 0);
  CHECK(posture_batch_error_count(NULL) == 0);
  CHECK(posture_batch_error(NULL, 0) == NULL);
  posture_batch_free(NULL);
  posture_engine_free(engine);
}

/* ---- actions ---------------------------------------------------------------------------------- */

/* The fixture's judgment policy with an action policy assigned to every client: a message and a
 * network denial at Danger, a permit at Safe. */
#define ACTION_POLICY                                                                          \
  "{\"format\": \"posture-policy/1\",\n"                                                       \
  " \"judgment_policies\": [{\"name\": \"Baseline\",\n"                                        \
  "   \"prohibited_software\": {\"entries\": [{\"name\": \"uTorrent*\", \"level\": \"danger\"}]}}],\n" \
  " \"action_policies\": [{\"name\": \"Q\", \"levels\": {\n"                                   \
  "   \"danger\": {\"notify_user\": {\"title\": \"Isolated\", \"text\": \"%host% is isolated\"},\n" \
  "              \"network\": \"deny\"},\n"                                                    \
  "   \"safe\": {\"network\": \"permit\"}}}],\n"                                               \
  " \"defaults\": {\"action_policy\": \"Q\"}}\n"

#define SNAPSHOT_WITH_MAC                                                                      \
  "{\"asset\": \"PC-000123\", \"host\": \"kobe-01\", \"mac\": [\"00-1a-2b-3c-4d-5e\"],\n"      \
  " \"ip\": [\"10.0.0.5\"], \"software\": [{\"name\": \"uTorrent\", \"version\": \"3.6\"}]}"

static posture_engine *action_engine(void) {
  posture_document policy = text_document(ACTION_POLICY, "actions.json");
  posture_engine *engine = NULL;
  CHECK_CODE(posture_engine_new(&engine, &policy, 1, NULL, NULL), POSTURE_OK);
  return engine;
}

static void action_names(void) {
  CHECK_STR(posture_action_kind_name(POSTURE_ACTION_NOTIFY_USER), "notify_user");
  CHECK_STR(posture_action_kind_name(POSTURE_ACTION_EVENT), "event");
  CHECK_STR(posture_action_kind_name(-1), "");
  CHECK_STR(posture_action_kind_name(6), "");
  CHECK_STR(posture_quarantine_state_name(POSTURE_QUARANTINE_EMERGENCY_DENIED), "emergency_denied");
  CHECK_STR(posture_quarantine_state_name(POSTURE_QUARANTINE_REMOVED), "removed");
  CHECK_STR(posture_quarantine_state_name(6), "");
  CHECK_STR(posture_control_op_name(POSTURE_CONTROL_REMOVE_ENTRY), "remove_entry");
  CHECK_STR(posture_control_op_name(4), "");
  CHECK_STR(posture_severity_name(POSTURE_SEVERITY_CRITICAL), "critical");
  CHECK_STR(posture_severity_name(-1), "");
}

static void action_policies_misuse(void) {
  posture_engine *engine = fixture_engine();
  posture_action_policies *policies = (posture_action_policies *)&policy_path;
  const char *bad = "{\"format\": \"posture-policy/1\",\n"
                    " \"action_policies\": [{\"name\": \"Q\", \"levels\": {\n"
                    "   \"danger\": {\"notify_user\": {\"title\": \"%nosuch%\", \"text\": \"x\"}}}}]}";
  const char *unassigned = "{\"format\": \"posture-policy/1\",\n"
                           " \"defaults\": {\"action_policy\": \"Missing\"}}";
  posture_document doc = text_document(bad, "bad.json");
  posture_engine *other = NULL;

  CHECK_CODE(posture_action_policies_new(NULL, engine), POSTURE_EINVALID);
  CHECK_CODE(posture_action_policies_new(&policies, NULL), POSTURE_EINVALID);
  CHECK(policies == NULL);
  CHECK(posture_action_policies_count(NULL) == 0);
  CHECK(posture_action_policies_name(NULL, 0) == NULL);
  posture_action_policies_free(NULL);

  /* A document without action policies has the presets. */
  CHECK_CODE(posture_action_policies_new(&policies, engine), POSTURE_OK);
  CHECK(posture_action_policies_count(policies) == 2);
  CHECK_STR(posture_action_policies_name(policies, 0), "Default");
  CHECK_STR(posture_action_policies_name(policies, 1), "Initial");
  CHECK(posture_action_policies_name(policies, 2) == NULL);
  posture_action_policies_free(policies);

  /* An engine reads the judgment policies only; a bad action policy is found when the action
   * policies are read, at its line and column in the document. */
  CHECK_CODE(posture_engine_new(&other, &doc, 1, NULL, NULL), POSTURE_OK);
  CHECK_CODE(posture_action_policies_new(&policies, other), POSTURE_EPARSE);
  CHECK(policies == NULL);
  CHECK_STR(posture_error_last()->file, "bad.json");
  CHECK(posture_error_last()->line == 3);
  CHECK(strstr(posture_error_last()->message, "nosuch") != NULL);
  posture_engine_free(other);

  doc = text_document(unassigned, "unassigned.json");
  CHECK_CODE(posture_engine_new(&other, &doc, 1, NULL, NULL), POSTURE_OK);
  CHECK_CODE(posture_action_policies_new(&policies, other), POSTURE_ECHECK);
  CHECK(strstr(posture_error_last()->message, "Missing") != NULL);
  posture_engine_free(other);
  posture_engine_free(engine);
}

static void client_states_misuse(void) {
  posture_client_states *states = (posture_client_states *)&policy_path;
  const char *dup = "{\"format\": \"posture-client-states/1\", \"clients\": "
                    "[{\"asset\": \"A\"}, {\"asset\": \"A\"}]}";
  const char *bad_utf8 = "{\"format\": \"posture-client-states/1\", \"clients\": "
                         "[{\"asset\": \"\xff\"}]}";
  const char *one = "{\"format\": \"posture-client-states/1\", \"clients\": "
                    "[{\"asset\": \"PC-1\", \"quarantine\": \"denied\", \"level\": \"danger\", "
                    "\"consecutive\": {\"times\": 2, \"since\": \"2026-11-20\"}}]}";
  size_t len = 99;

  CHECK_CODE(posture_client_states_new(NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_client_states_from_json(NULL, one, strlen(one)), POSTURE_EINVALID);
  CHECK_CODE(posture_client_states_from_json(&states, NULL, 4), POSTURE_EINVALID);
  CHECK(states == NULL);
  CHECK_CODE(posture_client_states_from_json(&states, "{", 1), POSTURE_EPARSE);
  CHECK(posture_error_last()->line == 1);
  CHECK_CODE(posture_client_states_from_json(&states, bad_utf8, strlen(bad_utf8)), POSTURE_EPARSE);
  CHECK_CODE(posture_client_states_from_json(&states, dup, strlen(dup)), POSTURE_ECHECK);
  CHECK(states == NULL);
  CHECK_CODE(posture_client_states_from_json(&states, "", 0), POSTURE_EPARSE);

  CHECK(posture_client_states_count(NULL) == 0);
  CHECK(posture_client_states_asset(NULL, 0) == NULL);
  CHECK(posture_client_states_quarantine(NULL, 0) == -1);
  CHECK(posture_client_states_level(NULL, 0) == POSTURE_LEVEL_NONE);
  CHECK(posture_client_states_consecutive_times(NULL, 0) == 0);
  CHECK(posture_client_states_json(NULL, POSTURE_JSON_COMPACT, &len) == NULL);
  CHECK(len == 0);
  CHECK(posture_error_last()->code == POSTURE_EINVALID);
  CHECK_CODE(posture_client_states_observe(NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_client_states_observe_json(NULL, "{}", 2), POSTURE_EINVALID);
  CHECK_CODE(posture_client_states_record(NULL, NULL), POSTURE_EINVALID);
  posture_client_states_free(NULL);

  CHECK_CODE(posture_client_states_from_json(&states, one, strlen(one)), POSTURE_OK);
  CHECK(posture_client_states_count(states) == 1);
  CHECK_STR(posture_client_states_asset(states, 0), "PC-1");
  CHECK(posture_client_states_asset(states, 1) == NULL);
  CHECK(posture_client_states_quarantine(states, 0) == POSTURE_QUARANTINE_DENIED);
  CHECK(posture_client_states_quarantine(states, 1) == -1);
  CHECK(posture_client_states_level(states, 0) == POSTURE_LEVEL_DANGER);
  CHECK(posture_client_states_consecutive_times(states, 0) == 2);
  CHECK(posture_client_states_json(states, 2, &len) == NULL);
  CHECK(posture_error_last()->code == POSTURE_EINVALID);

  /* A bad snapshot leaves the states as they were. */
  CHECK_CODE(posture_client_states_observe_json(states, "{\"asset\": 5}", 12), POSTURE_EPARSE);
  CHECK_CODE(posture_client_states_observe_json(states, NULL, 3), POSTURE_EINVALID);
  CHECK(posture_client_states_count(states) == 1);
  CHECK_CODE(posture_client_states_observe(states, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_client_states_record(states, NULL), POSTURE_EINVALID);

  /* The JSON round-trips. */
  {
    const char *json = posture_client_states_json(states, POSTURE_JSON_COMPACT, &len);
    posture_client_states *again = NULL;
    char *saved;
    CHECK(json != NULL && len == strlen(json) && strchr(json, '\n') == NULL);
    saved = malloc(len + 1);
    if (saved == NULL) abort();
    memcpy(saved, json, len + 1);
    CHECK_CODE(posture_client_states_from_json(&again, saved, len), POSTURE_OK);
    CHECK_STR(posture_client_states_json(again, POSTURE_JSON_COMPACT, NULL), saved);
    posture_client_states_free(again);
    free(saved);
  }
  posture_client_states_free(states);
}

/* A host observing its fleet one client at a time, round after round, keeps one state per asset,
   also after an order has replaced the states; what the order did stays. */
static void client_states_one_per_asset(void) {
  posture_client_states *states = NULL;
  posture_network_order order = POSTURE_NETWORK_ORDER_INIT;
  posture_network_changes *changes = NULL;
  char snapshot[96];
  size_t i, seven = 99;
  int round, n;

  CHECK_CODE(posture_client_states_new(&states), POSTURE_OK);
  for (round = 0; round < 3; ++round) {
    for (i = 0; i < 50; ++i) {
      n = snprintf(snapshot, sizeof snapshot, "{\"asset\": \"PC-%u\", \"mac\": [\"00-00-00-00-00-%02X\"]}",
                   (unsigned)i, (unsigned)i);
      CHECK_CODE(posture_client_states_observe_json(states, snapshot, (size_t)n), POSTURE_OK);
    }
    CHECK(posture_client_states_count(states) == 50);
    if (round == 0) {
      order.event = POSTURE_NETWORK_EVENT_EMERGENCY_DENY;
      order.asset = "PC-7";
      CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_OK);
      posture_network_changes_free(changes);
    }
  }
  for (i = 0; i < posture_client_states_count(states); ++i)
    if (strcmp(posture_client_states_asset(states, i), "PC-7") == 0) seven = i;
  CHECK(seven < 50);
  CHECK(posture_client_states_quarantine(states, seven) == POSTURE_QUARANTINE_EMERGENCY_DENIED);
  posture_client_states_free(states);
}

static void network_orders(void) {
  const char *one = "{\"format\": \"posture-client-states/1\", \"clients\": [{\"asset\": \"PC-1\", "
                    "\"mac\": [\"00:1A:2B:3C:4D:5E\"], \"ip\": [\"10.0.0.5\"], "
                    "\"quarantine\": \"permitted\"}]}";
  posture_network_order order = POSTURE_NETWORK_ORDER_INIT;
  posture_client_states *states = NULL;
  posture_network_changes *changes = (posture_network_changes *)&policy_path;
  const posture_connection_change *c;
  size_t len = 99;

  CHECK_CODE(posture_network_order_init(NULL, 1), POSTURE_EINVALID);
  CHECK_CODE(posture_network_order_init(&order, 0), POSTURE_EVERSION);
  CHECK_CODE(posture_network_order_init(&order, POSTURE_NETWORK_ORDER_VERSION + 1), POSTURE_EVERSION);
  CHECK_CODE(posture_network_order_init(&order, POSTURE_NETWORK_ORDER_VERSION), POSTURE_OK);
  CHECK(order.event == -1 && order.asset == NULL && order.auto_refuse == 0);
  CHECK_CODE(posture_client_states_from_json(&states, one, strlen(one)), POSTURE_OK);

  CHECK_CODE(posture_client_states_apply(&changes, NULL, &order), POSTURE_EINVALID);
  CHECK(changes == NULL);
  CHECK_CODE(posture_client_states_apply(NULL, states, NULL), POSTURE_EINVALID);
  /* The INIT value names no event: an order must say what it does. */
  order.mac = "00-1a-2b-3c-4d-5e";
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_EINVALID);
  order.event = 8;
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_EINVALID);
  order.event = POSTURE_NETWORK_EVENT_JUDGED;
  order.control = 2;
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_EINVALID);
  order.control = POSTURE_NETWORK_PERMIT;
  order.event = POSTURE_NETWORK_EVENT_EMERGENCY_DENY;
  order.mac = NULL;
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_EINVALID);
  order.host = "";
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_EINVALID);
  order.host = "\xc3\x28";
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_EPARSE);
  order.host = NULL;
  order.version = 0;
  order.asset = "PC-1";
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_EVERSION);
  order.version = POSTURE_NETWORK_ORDER_VERSION;
  order.asset = "PC-2";
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_ENOTFOUND);
  CHECK(changes == NULL);
  CHECK(posture_client_states_quarantine(states, 0) == POSTURE_QUARANTINE_PERMITTED);

  /* Emergency denial by MAC in another spelling; only an explicit permit ends it. */
  order.asset = NULL;
  order.mac = "00-1a-2b-3c-4d-5e";
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_OK);
  CHECK(posture_client_states_quarantine(states, 0) == POSTURE_QUARANTINE_EMERGENCY_DENIED);
  CHECK(posture_network_changes_count(changes) == 1);
  c = posture_network_changes_at(changes, 0);
  CHECK(c != NULL && c->op == POSTURE_CONTROL_EMERGENCY_DENY);
  if (c) {
    CHECK_STR(c->asset, "PC-1");
    CHECK_STR(c->mac, "00:1A:2B:3C:4D:5E");
    CHECK_STR(c->ip, "10.0.0.5");
    CHECK_STR(c->host, "");
  }
  CHECK(posture_network_changes_at(changes, 1) == NULL);
  CHECK(strstr(posture_network_changes_json(changes, POSTURE_JSON_COMPACT, &len),
               "\"op\":\"emergency_deny\"") != NULL);
  CHECK(posture_network_changes_json(changes, -1, &len) == NULL);
  CHECK(len == 0);
  posture_network_changes_free(changes);

  order.event = POSTURE_NETWORK_EVENT_ADMIN_DENY;
  CHECK_CODE(posture_client_states_apply(&changes, states, &order), POSTURE_OK);
  CHECK(posture_network_changes_count(changes) == 0); /* an ordinary deny does not apply */
  CHECK(posture_client_states_quarantine(states, 0) == POSTURE_QUARANTINE_EMERGENCY_DENIED);
  posture_network_changes_free(changes);
  order.event = POSTURE_NETWORK_EVENT_ADMIN_PERMIT;
  CHECK_CODE(posture_client_states_apply(NULL, states, &order), POSTURE_OK);
  CHECK(posture_client_states_quarantine(states, 0) == POSTURE_QUARANTINE_PERMITTED);

  CHECK(posture_network_changes_count(NULL) == 0);
  CHECK(posture_network_changes_at(NULL, 0) == NULL);
  CHECK(posture_network_changes_json(NULL, POSTURE_JSON_COMPACT, NULL) == NULL);
  posture_network_changes_free(NULL);
  posture_client_states_free(states);
}

static void select_misuse(void) {
  posture_engine *engine = action_engine();
  posture_action_policies *policies = NULL;
  posture_action_plan *plan = (posture_action_plan *)&policy_path;
  posture_judgment *j = NULL;
  const posture_judgment *js[2];
  posture_action_options opts = POSTURE_ACTION_OPTIONS_INIT;
  const char *stored = "{\"asset\": \"PC-1\", \"reference_time\": \"2026-11-22T00:00:00Z\", "
                       "\"status\": \"judged\", \"level\": \"danger\"}";
  size_t len = 99;

  CHECK_CODE(posture_action_policies_new(&policies, engine), POSTURE_OK);
  CHECK_CODE(posture_engine_judge_json(&j, engine, SNAPSHOT_WITH_MAC, strlen(SNAPSHOT_WITH_MAC),
                                       FIXTURE_AT),
             POSTURE_OK);
  js[0] = j;
  js[1] = NULL;

  CHECK_CODE(posture_action_options_init(NULL, 1), POSTURE_EINVALID);
  CHECK_CODE(posture_action_options_init(&opts, 0), POSTURE_EVERSION);
  CHECK_CODE(posture_action_options_init(&opts, POSTURE_ACTION_OPTIONS_VERSION), POSTURE_OK);
  CHECK(opts.policy == NULL && opts.mail_from == NULL && opts.command_folder == NULL);

  CHECK_CODE(posture_action_select(NULL, policies, js, 1, NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_action_select(&plan, NULL, js, 1, NULL, NULL), POSTURE_EINVALID);
  CHECK(plan == NULL);
  CHECK_CODE(posture_action_select(&plan, policies, NULL, 1, NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_action_select(&plan, policies, js, 2, NULL, NULL), POSTURE_EINVALID);
  CHECK(strstr(posture_error_last()->message, "judgment 1") != NULL);
  opts.version = POSTURE_ACTION_OPTIONS_VERSION + 1;
  CHECK_CODE(posture_action_select(&plan, policies, js, 1, NULL, &opts), POSTURE_EVERSION);
  opts.version = POSTURE_ACTION_OPTIONS_VERSION;
  opts.policy = "Initial";
  CHECK_CODE(posture_action_select(&plan, policies, js, 1, NULL, &opts), POSTURE_EINVALID);
  opts.policy = "No such policy";
  CHECK_CODE(posture_action_select(&plan, policies, js, 1, NULL, &opts), POSTURE_ENOTFOUND);
  opts.policy = "Q\xff";
  CHECK_CODE(posture_action_select(&plan, policies, js, 1, NULL, &opts), POSTURE_EPARSE);
  opts.policy = NULL;
  opts.mail_from = "a@b\r\nBcc: x@y";
  CHECK_CODE(posture_action_select(&plan, policies, js, 1, NULL, &opts), POSTURE_EINVALID);
  opts.mail_from = NULL;
  CHECK(plan == NULL);

  CHECK_CODE(posture_action_select_json(NULL, policies, stored, strlen(stored), NULL, NULL),
             POSTURE_EINVALID);
  CHECK_CODE(posture_action_select_json(&plan, policies, NULL, 5, NULL, NULL), POSTURE_EINVALID);
  CHECK_CODE(posture_action_select_json(&plan, policies, "{\"asset\": ", 10, NULL, NULL),
             POSTURE_EPARSE);
  CHECK_CODE(posture_action_select_json(&plan, policies, "{\"asset\": \"\xff\"}", 15, NULL, NULL),
             POSTURE_EPARSE);
  CHECK(plan == NULL);

  /* No judgments select nothing. */
  CHECK_CODE(posture_action_select(&plan, policies, NULL, 0, NULL, NULL), POSTURE_OK);
  CHECK(posture_action_plan_count(plan) == 0 && posture_action_plan_client_count(plan) == 0);
  posture_action_plan_free(plan);

  /* Getters on NULL and out of range. */
  CHECK(posture_action_plan_json(NULL, POSTURE_JSON_COMPACT, &len) == NULL);
  CHECK(len == 0);
  CHECK(posture_action_plan_states_json(NULL, POSTURE_JSON_PRETTY, NULL) == NULL);
  CHECK_CODE(posture_action_plan_states(NULL, NULL), POSTURE_EINVALID);
  {
    posture_client_states *s = (posture_client_states *)&policy_path;
    CHECK_CODE(posture_action_plan_states(&s, NULL), POSTURE_EINVALID);
    CHECK(s == NULL);
  }
  CHECK(posture_action_plan_run_time(NULL) == 0);
  CHECK(posture_action_plan_count(NULL) == 0);
  CHECK(posture_action_plan_kind(NULL, 0) == -1);
  CHECK(posture_action_plan_level(NULL, 0) == POSTURE_LEVEL_NONE);
  CHECK(posture_action_plan_policy(NULL, 0) == NULL);
  CHECK(posture_action_plan_asset_count(NULL, 0) == 0);
  CHECK(posture_action_plan_asset(NULL, 0, 0) == NULL);
  CHECK(posture_action_plan_title(NULL, 0) == NULL);
  CHECK(posture_action_plan_recipient(NULL, 0, 0) == NULL);
  CHECK(posture_action_plan_argc(NULL, 0) == 0);
  CHECK(posture_action_plan_argv(NULL, 0, 0) == NULL);
  CHECK(posture_action_plan_file_content(NULL, 0, 0, &len) == NULL && len == 0);
  CHECK(posture_action_plan_antivirus_definitions(NULL, 0) == -1);
  CHECK(posture_action_plan_network_control(NULL, 0) == -1);
  CHECK(posture_action_plan_change(NULL, 0, 0) == NULL);
  CHECK(posture_action_plan_severity(NULL, 0) == -1);
  CHECK(posture_action_plan_client_count(NULL) == 0);
  CHECK(posture_action_plan_client_asset(NULL, 0) == NULL);
  CHECK(posture_action_plan_decision_count(NULL, 0) == 0);
  CHECK(posture_action_plan_decision_kind(NULL, 0, 0) == -1);
  CHECK(posture_action_plan_decision_selected(NULL, 0, 0) == -1);
  CHECK(posture_action_plan_decision_why(NULL, 0, 0) == NULL);
  posture_action_plan_free(NULL);

  posture_judgment_free(j);
  posture_action_policies_free(policies);
  posture_engine_free(engine);
}

/* Immediate mode as a NAC host runs it: judge, observe the snapshot, select; the engine may go
 * first, the policies and the plan stay valid. */
static void select_immediate(void) {
  posture_engine *engine = action_engine();
  posture_action_policies *policies = NULL;
  posture_snapshot *s = NULL;
  posture_judgment *j = NULL;
  posture_client_states *states = NULL, *next = NULL;
  posture_action_plan *plan = NULL, *again = NULL;
  const posture_judgment *js[1];
  const posture_connection_change *c;

  CHECK_CODE(posture_action_policies_new(&policies, engine), POSTURE_OK);
  CHECK_CODE(posture_snapshot_from_json(&s, SNAPSHOT_WITH_MAC, strlen(SNAPSHOT_WITH_MAC)),
             POSTURE_OK);
  CHECK_CODE(posture_engine_judge(&j, engine, s, FIXTURE_AT), POSTURE_OK);
  posture_engine_free(engine);
  CHECK_CODE(posture_client_states_new(&states), POSTURE_OK);
  CHECK_CODE(posture_client_states_observe(states, s), POSTURE_OK);
  CHECK_CODE(posture_client_states_observe(states, s), POSTURE_OK); /* the same client again */
  CHECK(posture_client_states_count(states) == 1);
  js[0] = j;
  CHECK_CODE(posture_action_select(&plan, policies, js, 1, states, NULL), POSTURE_OK);
  CHECK(posture_action_plan_run_time(plan) == FIXTURE_AT);
  CHECK(posture_action_plan_count(plan) == 2);
  /* The user hears of the denial before it cuts them off. */
  CHECK(posture_action_plan_kind(plan, 0) == POSTURE_ACTION_NOTIFY_USER);
  CHECK_STR(posture_action_plan_title(plan, 0), "Isolated");
  CHECK_STR(posture_action_plan_text(plan, 0), "kobe-01 is isolated");
  CHECK_STR(posture_action_plan_html(plan, 0), "");
  CHECK(posture_action_plan_subject(plan, 0) == NULL);
  CHECK(posture_action_plan_kind(plan, 1) == POSTURE_ACTION_NETWORK);
  CHECK(posture_action_plan_level(plan, 1) == POSTURE_LEVEL_DANGER);
  CHECK_STR(posture_action_plan_policy(plan, 1), "Q");
  CHECK_STR(posture_action_plan_asset(plan, 1, 0), "PC-000123");
  CHECK(posture_action_plan_asset(plan, 1, 1) == NULL);
  CHECK(posture_action_plan_network_control(plan, 1) == POSTURE_NETWORK_DENY);
  CHECK(posture_action_plan_quarantine_from(plan, 1) == POSTURE_QUARANTINE_UNREGISTERED);
  CHECK(posture_action_plan_quarantine_to(plan, 1) == POSTURE_QUARANTINE_DENIED);
  CHECK(posture_action_plan_change_count(plan, 1) == 1);
  c = posture_action_plan_change(plan, 1, 0);
  CHECK(c != NULL && c->op == POSTURE_CONTROL_DENY);
  if (c) CHECK_STR(c->mac, "00:1A:2B:3C:4D:5E");
  CHECK(posture_action_plan_change(plan, 1, 1) == NULL);
  CHECK(posture_action_plan_change(plan, 0, 0) == NULL);
  CHECK(posture_action_plan_client_count(plan) == 1);
  CHECK(posture_action_plan_client_level(plan, 0) == POSTURE_LEVEL_DANGER);
  CHECK_STR(posture_action_plan_client_note(plan, 0), "");
  CHECK(posture_action_plan_decision_count(plan, 0) == 2);
  CHECK(posture_action_plan_decision_selected(plan, 0, 1) == 1);
  CHECK(posture_action_plan_decision_why(plan, 0, 2) == NULL);
  CHECK(posture_action_plan_json(plan, 7, NULL) == NULL);
  CHECK(posture_error_last()->code == POSTURE_EINVALID);

  /* The input states are not changed; the plan holds the new ones. */
  CHECK(posture_client_states_quarantine(states, 0) == POSTURE_QUARANTINE_UNREGISTERED);
  CHECK_CODE(posture_action_plan_states(&next, plan), POSTURE_OK);
  CHECK(posture_client_states_quarantine(next, 0) == POSTURE_QUARANTINE_DENIED);
  CHECK(posture_client_states_consecutive_times(next, 0) == 1);

  /* Selecting again from the same judgment counts nothing twice and repeats no network change. */
  CHECK_CODE(posture_action_select(&again, policies, js, 1, next, NULL), POSTURE_OK);
  CHECK(posture_action_plan_count(again) == 1);
  CHECK(posture_action_plan_kind(again, 0) == POSTURE_ACTION_NOTIFY_USER);
  posture_action_plan_free(again);
  again = NULL;

  /* Deferred mode: the judgment recorded first, then selected, counts once too. */
  CHECK_CODE(posture_client_states_record(states, j), POSTURE_OK);
  CHECK_CODE(posture_client_states_record(states, j), POSTURE_OK);
  CHECK(posture_client_states_consecutive_times(states, 0) == 1);
  CHECK(posture_client_states_level(states, 0) == POSTURE_LEVEL_DANGER);
  CHECK_CODE(posture_action_select(&again, policies, js, 1, states, NULL), POSTURE_OK);
  CHECK_STR(posture_action_plan_json(again, POSTURE_JSON_COMPACT, NULL),
            posture_action_plan_json(plan, POSTURE_JSON_COMPACT, NULL));
  CHECK_STR(posture_action_plan_states_json(again, POSTURE_JSON_PRETTY, NULL),
            posture_action_plan_states_json(plan, POSTURE_JSON_PRETTY, NULL));

  posture_action_plan_free(again);
  posture_action_plan_free(plan);
  posture_client_states_free(next);
  posture_client_states_free(states);
  posture_judgment_free(j);
  posture_snapshot_free(s);
  posture_action_policies_free(policies);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <policy file>\n", argv[0]);
    return 2;
  }
  policy_path = argv[1];
  versions();
  names();
  error_state();
  options_versions();
  engine_misuse();
  snapshot_misuse();
  judgment_misuse();
  judgment_getters();
  snapshot_building();
  require_agent_version();
  bad_utf8();
  bad_json_location();
  all_diagnostics();
  batch_bad_record();
  batch_capacity();
  action_names();
  action_policies_misuse();
  client_states_misuse();
  client_states_one_per_asset();
  network_orders();
  select_misuse();
  select_immediate();
  return check_exit("capi misuse");
}
