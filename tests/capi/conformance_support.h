/* What the C conformance programs share: a growing text buffer for printing what the accessors
 * give (compared with what the C++ API gives), and failure reports that name the file and the case.
 * Allocation failure aborts: these are test programs. */
#ifndef POSTURE_TESTS_CAPI_CONFORMANCE_SUPPORT_H
#define POSTURE_TESTS_CAPI_CONFORMANCE_SUPPORT_H

#include <stddef.h>

typedef struct text {
  char *data; /* NUL-terminated once anything was appended; free() it */
  size_t len, cap;
} text;

/* Appends printf-style. */
void append(text *t, const char *format, ...);
/* A malloc'ed copy of `s`. */
char *copy(const char *s);

/* Failures reported so far; the program exits nonzero when there are any. */
extern int failures;
/* Reports a failure of `step` (a test or action step) in `file`, printf-style. */
void fail(const char *file, const char *step, const char *format, ...);
/* Reports the failed call `what` with posture_error_last() and every diagnostic. */
void report_error(const char *file, const char *what);

#endif
