/* The action golden cases through the C ABI: every step of every tests/data/actions case runs
 * through posture.h alone — orders on client states, then selection — and must meet its
 * expectation and equal, byte for byte and accessor by accessor, what the C++ API gives for the
 * same inputs: the plan in both JSON styles, the connection changes and the new states.
 * Usage: posture_capi_action_conformance <folder of action cases> */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_corpus.h"
#include "posture/posture.h"
#include "conformance_support.h"

static void dump_change(text *out, const posture_connection_change *c) {
  append(out, "change %d|%s|%s|%s|%s\n", c->op, c->asset, c->mac, c->ip, c->host);
}

/* The plan read through every accessor, in action_corpus.h's dump format. */
static void dump(text *out, const posture_action_plan *p) {
  size_t a, i, n = posture_action_plan_count(p);
  out->len = 0;
  append(out, "run_time %" PRId64 "\n", posture_action_plan_run_time(p));
  for (a = 0; a < n; ++a) {
    int kind = posture_action_plan_kind(p, a);
    append(out, "action %d|%d|%s\n", kind, posture_action_plan_level(p, a),
           posture_action_plan_policy(p, a));
    for (i = 0; i < posture_action_plan_asset_count(p, a); ++i)
      append(out, "asset %s\n", posture_action_plan_asset(p, a, i));
    switch (kind) {
      case POSTURE_ACTION_NOTIFY_USER:
        append(out, "notify %s|%s|%s\n", posture_action_plan_title(p, a),
               posture_action_plan_text(p, a), posture_action_plan_html(p, a));
        break;
      case POSTURE_ACTION_EMAIL_ADMIN:
        append(out, "mail %s|%s|%s\n", posture_action_plan_mail_from(p, a),
               posture_action_plan_subject(p, a), posture_action_plan_body(p, a));
        for (i = 0; i < posture_action_plan_recipient_count(p, a); ++i)
          append(out, "to %s\n", posture_action_plan_recipient(p, a, i));
        break;
      case POSTURE_ACTION_NETWORK:
        append(out, "network %d|%d|%d\n", posture_action_plan_network_control(p, a),
               posture_action_plan_quarantine_from(p, a), posture_action_plan_quarantine_to(p, a));
        for (i = 0; i < posture_action_plan_change_count(p, a); ++i)
          dump_change(out, posture_action_plan_change(p, a, i));
        break;
      case POSTURE_ACTION_COMMAND:
        append(out, "command %s|%s\n", posture_action_plan_command_name(p, a),
               posture_action_plan_folder(p, a));
        for (i = 0; i < posture_action_plan_argc(p, a); ++i)
          append(out, "arg %s\n", posture_action_plan_argv(p, a, i));
        for (i = 0; i < posture_action_plan_file_count(p, a); ++i) {
          size_t len = 0;
          const char *content = posture_action_plan_file_content(p, a, i, &len);
          append(out, "file %s|%.*s\n", posture_action_plan_file_name(p, a, i), (int)len, content);
        }
        break;
      case POSTURE_ACTION_DISTRIBUTE:
        append(out, "distribute %d\n", posture_action_plan_antivirus_definitions(p, a));
        for (i = 0; i < posture_action_plan_update_count(p, a); ++i)
          append(out, "update %s\n", posture_action_plan_update(p, a, i));
        break;
      case POSTURE_ACTION_EVENT:
        append(out, "event %d|%s\n", posture_action_plan_severity(p, a),
               posture_action_plan_message(p, a));
        break;
      default:
        append(out, "unknown kind %d\n", kind);
    }
  }
  for (a = 0; a < posture_action_plan_client_count(p); ++a) {
    append(out, "client %s|%s|%d|%s\n", posture_action_plan_client_asset(p, a),
           posture_action_plan_client_policy(p, a), posture_action_plan_client_level(p, a),
           posture_action_plan_client_note(p, a));
    for (i = 0; i < posture_action_plan_decision_count(p, a); ++i)
      append(out, "decision %d|%d|%s\n", posture_action_plan_decision_kind(p, a, i),
             posture_action_plan_decision_selected(p, a, i),
             posture_action_plan_decision_why(p, a, i));
  }
}

/* Another kind's field is NULL, 0 or -1, never another action's data. */
static void check_other_kinds(const char *path, const char *step, const posture_action_plan *p) {
  size_t a;
  for (a = 0; a < posture_action_plan_count(p); ++a) {
    int kind = posture_action_plan_kind(p, a);
    if ((kind == POSTURE_ACTION_NOTIFY_USER) != (posture_action_plan_title(p, a) != NULL) ||
        (kind == POSTURE_ACTION_EMAIL_ADMIN) != (posture_action_plan_subject(p, a) != NULL) ||
        (kind == POSTURE_ACTION_COMMAND) != (posture_action_plan_folder(p, a) != NULL) ||
        (kind == POSTURE_ACTION_DISTRIBUTE) != (posture_action_plan_antivirus_definitions(p, a) >= 0) ||
        (kind == POSTURE_ACTION_NETWORK) != (posture_action_plan_quarantine_to(p, a) >= 0) ||
        (kind == POSTURE_ACTION_EVENT) != (posture_action_plan_message(p, a) != NULL))
      fail(path, step, "action %zu (%s) answers for another kind", a, posture_action_kind_name(kind));
  }
  if (posture_action_plan_kind(p, a) != -1 || posture_action_plan_policy(p, a) != NULL ||
      posture_action_plan_change(p, a, 0) != NULL)
    fail(path, step, "an action index out of range answers");
}

/* Runs the step's orders on `states`; the changes JSON of each, for the expectation (caller
 * frees), or NULL after a failure. */
static char **apply_orders(const char *path, action_case *c, size_t step,
                           posture_client_states *states) {
  const char *name = action_case_step_name(c, step);
  size_t o, n = action_case_order_count(c, step);
  char **out = calloc(n + 1, sizeof *out);
  if (out == NULL) abort();
  for (o = 0; o < n; ++o) {
    posture_network_changes *changes = NULL;
    const char *json;
    size_t len = 0, k;
    if (posture_client_states_apply(&changes, states, action_case_order(c, step, o)) !=
        POSTURE_OK) {
      report_error(path, name);
      return out;
    }
    json = posture_network_changes_json(changes, POSTURE_JSON_PRETTY, &len);
    if (json == NULL || len != strlen(json) || strcmp(json, action_case_cpp_changes(c, step, o)))
      fail(path, name, "order %zu: changes differ from C++:\n  C:   %s\n  C++: %s", o,
           json ? json : "(null)", action_case_cpp_changes(c, step, o));
    else
      out[o] = copy(json);
    for (k = 0; k < posture_network_changes_count(changes); ++k)
      if (posture_network_changes_at(changes, k) == NULL ||
          posture_network_changes_at(changes, k)->asset == NULL)
        fail(path, name, "change %zu has no view", k);
    if (posture_network_changes_at(changes, k) != NULL) fail(path, name, "change out of range");
    posture_network_changes_free(changes);
  }
  return out;
}

/* One step: orders, selection, comparisons. Returns the states to carry on with. */
static posture_client_states *run_step(const char *path, action_case *c, size_t step,
                                       const posture_action_policies *policies,
                                       posture_client_states *states, text *scratch) {
  const char *name = action_case_step_name(c, step);
  size_t o, n = action_case_order_count(c, step), len = 0;
  char **changes = apply_orders(path, c, step, states);
  const char *judgments = action_case_judgments(c, step, &len);
  posture_action_plan *plan = NULL;
  posture_client_states *next = NULL;
  int rc;

  if (judgments)
    rc = posture_action_select_json(&plan, policies, judgments, len, states,
                                    action_case_options(c, step));
  else
    rc = posture_action_select(&plan, policies, NULL, 0, states, action_case_options(c, step));
  if (rc != POSTURE_OK) {
    report_error(path, name);
  } else {
    const char *compact = posture_action_plan_json(plan, POSTURE_JSON_COMPACT, &len);
    const char *pretty = posture_action_plan_json(plan, POSTURE_JSON_PRETTY, NULL);
    const char *new_states = NULL, *mismatch;
    if (compact == NULL || len != strlen(compact) ||
        strcmp(compact, action_case_cpp_plan(c, step, POSTURE_JSON_COMPACT)) != 0)
      fail(path, name, "compact plan differs from C++:\n  C:   %s\n  C++: %s",
           compact ? compact : "(null)", action_case_cpp_plan(c, step, POSTURE_JSON_COMPACT));
    if (pretty == NULL || strcmp(pretty, action_case_cpp_plan(c, step, POSTURE_JSON_PRETTY)) != 0)
      fail(path, name, "pretty plan differs from C++");
    dump(scratch, plan);
    if (strcmp(scratch->data, action_case_cpp_dump(c, step)) != 0)
      fail(path, name, "accessors differ from the C++ plan:\n--- C\n%s--- C++\n%s", scratch->data,
           action_case_cpp_dump(c, step));
    check_other_kinds(path, name, plan);

    if (posture_action_plan_states(&next, plan) != POSTURE_OK) {
      report_error(path, name);
    } else {
      new_states = posture_client_states_json(next, POSTURE_JSON_PRETTY, &len);
      if (new_states == NULL || strcmp(new_states, action_case_cpp_states(c, step)) != 0)
        fail(path, name, "states differ from C++:\n--- C\n%s\n--- C++\n%s",
             new_states ? new_states : "(null)", action_case_cpp_states(c, step));
      if (strcmp(posture_action_plan_states_json(plan, POSTURE_JSON_PRETTY, NULL),
                 action_case_cpp_states(c, step)) != 0)
        fail(path, name, "posture_action_plan_states_json differs from the states handle's JSON");
    }
    mismatch = action_case_mismatch(c, step, compact ? compact : "{}", n ? (const char *const *)changes : NULL,
                                    new_states ? new_states : "{}");
    if (mismatch) fail(path, name, "expectation not met:\n%s", mismatch);
  }
  for (o = 0; o < n; ++o) free(changes[o]);
  free(changes);
  posture_action_plan_free(plan);
  if (next == NULL) return states;
  posture_client_states_free(states);
  return next;
}

static size_t run_case(const char *path, text *scratch) {
  const char *error = NULL;
  action_case *c = action_case_open(path, &error);
  posture_engine *engine = NULL;
  posture_action_policies *policies = NULL;
  posture_client_states *states = NULL;
  size_t step, steps, len = 0;
  const char *initial;

  if (c == NULL) {
    fail(path, "reading the case", "%s", error);
    return 0;
  }
  steps = action_case_step_count(c);
  /* The action policies come as they do in production: from the policy document an engine is
   * built from. */
  if (posture_engine_new(&engine, action_case_policy(c), 1, NULL, NULL) != POSTURE_OK ||
      posture_action_policies_new(&policies, engine) != POSTURE_OK) {
    report_error(path, "loading the action policies");
    steps = 0;
  }
  posture_engine_free(engine); /* the policies do not refer to it */
  initial = action_case_states(c, &len);
  if (steps &&
      (initial ? posture_client_states_from_json(&states, initial, len)
               : posture_client_states_new(&states)) != POSTURE_OK) {
    report_error(path, "reading the states");
    steps = 0;
  }
  for (step = 0; step < steps; ++step) states = run_step(path, c, step, policies, states, scratch);
  posture_client_states_free(states);
  posture_action_policies_free(policies);
  action_case_free(c);
  return steps;
}

int main(int argc, char **argv) {
  char **list;
  size_t i, files = 0, steps = 0;
  text scratch = {NULL, 0, 0};

  if (argc != 2) {
    fprintf(stderr, "usage: %s <folder of action cases>\n", argv[0]);
    return 2;
  }
  list = action_case_list(argv[1], &files);
  if (list == NULL || files == 0) {
    fprintf(stderr, "no action cases in %s\n", argv[1]);
    return 1;
  }
  for (i = 0; i < files; ++i) steps += run_case(list[i], &scratch);
  action_case_list_free(list, files);
  free(scratch.data);
  printf("capi action conformance: %zu cases, %zu steps, %d failures\n", files, steps, failures);
  return failures ? 1 : 0;
}
