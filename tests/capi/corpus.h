/* The golden corpus for the C conformance test: what C cannot easily do itself.
 *
 * A test file ("posture-test/1", docs/policy-tests.md) is taken apart into the documents the C ABI
 * takes (policy, catalog, snapshots as JSON text or file paths) and, for each test, the C++ API's
 * own judgment of the same inputs and the matcher for the test's expectation. The C program does
 * the judging through posture.h alone. This helper is test code linked into the test program; it
 * is not part of the C ABI. */
#ifndef POSTURE_TESTS_CAPI_CORPUS_H
#define POSTURE_TESTS_CAPI_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "posture/posture.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct corpus_list corpus_list;
typedef struct corpus_file corpus_file;

/* Every *.test.json below `dir`, sorted by path. NULL when `dir` cannot be listed. */
corpus_list *corpus_list_open(const char *dir);
size_t corpus_list_count(const corpus_list *list);
const char *corpus_list_path(const corpus_list *list, size_t index);
void corpus_list_free(corpus_list *list);

/* Reads a test file. On failure returns NULL and sets *error to a message that lives until the
 * next call of corpus_file_open on this thread. */
corpus_file *corpus_file_open(const char *path, const char **error);
void corpus_file_free(corpus_file *file);

/* The policy document (inline text, or a file path with data NULL), and the catalog or NULL. */
const posture_document *corpus_policy(const corpus_file *file);
const posture_document *corpus_catalog(const corpus_file *file);
int corpus_require_agent_version(const corpus_file *file);

size_t corpus_test_count(const corpus_file *file);
const char *corpus_test_name(const corpus_file *file, size_t test);
/* The snapshot as JSON text (files are read for the caller). */
const char *corpus_test_snapshot(const corpus_file *file, size_t test, size_t *len);
int64_t corpus_test_at(const corpus_file *file, size_t test);

/* The C++ API's judgment of the test: its JSON, and its fields in the form corpus_dump_line
 * documents (one line each). NULL when the C++ side could not judge (its error is the text). */
const char *corpus_cpp_json(const corpus_file *file, size_t test);
const char *corpus_cpp_dump(const corpus_file *file, size_t test);

/* NULL when `judgment_json` meets the test's expectation; otherwise every difference, one per
 * line, valid until the next call on `file`. */
const char *corpus_mismatch(corpus_file *file, size_t test, const char *judgment_json);

/* The dump format both sides write, so that every accessor of the C ABI is compared with the C++
 * value it must show:
 *   judgment <asset>|<policy>|<action_policy>|<reference_time>|<level>|<status>|<points>
 *   item <category>|<status>|<level>
 *   condition <name>|<status>|<level>
 *   evidence <key>=<value>
 *   distribute <id>
 * Levels are codes (0 for none), statuses and categories the POSTURE_* numbers, absent points -1. */

#ifdef __cplusplus
}
#endif

#endif
