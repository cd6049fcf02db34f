/* The action golden cases (tests/data/actions, "posture-action-test/1", docs/actions.md §8) for
 * the C conformance test: what C cannot easily do itself.
 *
 * A case file is taken apart into what the C ABI takes (a policy document holding the case's
 * action policies, the initial client states, each step's orders, judgments and options), and the
 * C++ API runs the same steps the way tests/unit/action/golden_test.cpp does, keeping its plan,
 * changes and states as JSON and as a dump (below) for the C side to equal. This helper is test
 * code linked into the test program; it is not part of the C ABI. */
#ifndef POSTURE_TESTS_CAPI_ACTION_CORPUS_H
#define POSTURE_TESTS_CAPI_ACTION_CORPUS_H

#include <stddef.h>

#include "posture/posture.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct action_case action_case;

/* Every *.json directly in `dir` (the case files), sorted; *count receives how many. The array
 * and its strings live until action_case_list_free. NULL when `dir` cannot be listed. */
char **action_case_list(const char *dir, size_t *count);
void action_case_list_free(char **list, size_t count);

/* Reads a case and runs it through the C++ API. On failure returns NULL and sets *error to a
 * message that lives until the next call on this thread. */
action_case *action_case_open(const char *path, const char **error);
void action_case_free(action_case *c);

/* A posture-policy/1 document with the case's action policies (and no judgment policy). */
const posture_document *action_case_policy(const action_case *c);
/* The initial client states as posture-client-states/1 JSON, or NULL when the case has none. */
const char *action_case_states(const action_case *c, size_t *len);

size_t action_case_step_count(const action_case *c);
const char *action_case_step_name(const action_case *c, size_t step);
size_t action_case_order_count(const action_case *c, size_t step);
const posture_network_order *action_case_order(const action_case *c, size_t step, size_t order);
/* The step's judgments as a JSON array, or NULL when it has none. */
const char *action_case_judgments(const action_case *c, size_t step, size_t *len);
const posture_action_options *action_case_options(const action_case *c, size_t step);

/* What the C++ API gave for the step: the connection changes of order o
 * (posture-connection-changes/1, pretty), the plan (POSTURE_JSON_* style), the states after the
 * step (pretty) and the plan's dump. */
const char *action_case_cpp_changes(const action_case *c, size_t step, size_t order);
const char *action_case_cpp_plan(const action_case *c, size_t step, int style);
const char *action_case_cpp_states(const action_case *c, size_t step);
const char *action_case_cpp_dump(const action_case *c, size_t step);

/* NULL when the step's expectation holds for the given JSON texts (`changes` holds one
 * posture-connection-changes/1 text per order, NULL when the step has no orders); otherwise every
 * difference, one per line, valid until the next call on `c`. */
const char *action_case_mismatch(action_case *c, size_t step, const char *plan_json,
                                 const char *const *changes, const char *states_json);

/* The dump format both sides write, so that every accessor of the C ABI is compared with the C++
 * value it must show (levels and kinds as their POSTURE_* numbers):
 *   run_time <seconds>
 *   action <kind>|<level>|<policy>
 *   asset <asset>                                  (each asset of the action)
 *   notify <title>|<text>|<html>
 *   mail <from>|<subject>|<body>    then   to <recipient>
 *   command <name>|<folder>         then   arg <argv[i]>   and   file <name>|<content>
 *   distribute <antivirus 0|1>      then   update <id>
 *   network <control>|<from>|<to>   then   change <op>|<asset>|<mac>|<ip>|<host>
 *   event <severity>|<message>
 *   client <asset>|<policy>|<level>|<note>
 *   decision <kind>|<selected 0|1>|<why>                                               */

#ifdef __cplusplus
}
#endif

#endif
