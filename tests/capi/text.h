/* A growing text buffer for the C conformance programs, which print what the accessors give and
 * compare it with what the C++ API gives. Allocation failure aborts: these are test programs. */
#ifndef POSTURE_TESTS_CAPI_TEXT_H
#define POSTURE_TESTS_CAPI_TEXT_H

#include <stddef.h>

typedef struct text {
  char *data; /* NUL-terminated once anything was appended; free() it */
  size_t len, cap;
} text;

/* Appends printf-style. */
void append(text *t, const char *format, ...);
/* A malloc'ed copy of `s`. */
char *copy(const char *s);

#endif
