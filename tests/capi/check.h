/* A minimal check harness for the C test programs: a failed check prints where and why and the
 * program goes on, so that one run reports every failure; check_exit() gives the exit status. */
#ifndef POSTURE_TESTS_CAPI_CHECK_H
#define POSTURE_TESTS_CAPI_CHECK_H

#include <stdio.h>
#include <string.h>

#include "posture/posture.h"

extern int check_failures;

#define CHECK(cond)                                                                   \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);        \
      ++check_failures;                                                               \
    }                                                                                 \
  } while (0)

/* `call` must return `code`, and on failure leave that code and a non-empty message in
 * posture_error_last(); on success the last error must be POSTURE_OK. */
#define CHECK_CODE(call, code) check_code_at((call), (code), #call, __FILE__, __LINE__)

#define CHECK_STR(actual, expected) \
  check_str_at((actual), (expected), #actual, __FILE__, __LINE__)

void check_code_at(int got, int want, const char *what, const char *file, int line);
void check_str_at(const char *actual, const char *expected, const char *what, const char *file,
                  int line);
/* Prints a summary line and returns the process exit status. */
int check_exit(const char *suite);

#endif
