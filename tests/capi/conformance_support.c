#include "conformance_support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posture/posture.h"

void append(text *t, const char *format, ...) {
  va_list args;
  int n;
  va_start(args, format);
  n = vsnprintf(NULL, 0, format, args);
  va_end(args);
  if (n < 0) abort();
  if (t->len + (size_t)n + 1 > t->cap) {
    size_t cap = (t->len + (size_t)n + 1) * 2;
    char *data = realloc(t->data, cap);
    if (data == NULL) abort();
    t->data = data;
    t->cap = cap;
  }
  va_start(args, format);
  vsnprintf(t->data + t->len, t->cap - t->len, format, args);
  va_end(args);
  t->len += (size_t)n;
}

char *copy(const char *s) {
  size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (c == NULL) abort();
  memcpy(c, s, n);
  return c;
}

int failures;

void fail(const char *file, const char *step, const char *format, ...) {
  va_list args;
  fprintf(stderr, "FAIL %s: %s: ", file, step);
  va_start(args, format);
  vfprintf(stderr, format, args);
  va_end(args);
  fputc('\n', stderr);
  ++failures;
}

void report_error(const char *file, const char *what) {
  size_t i;
  fail(file, what, "%s", posture_error_last()->message);
  for (i = 0; i < posture_error_diagnostic_count(); ++i) {
    const posture_error *d = posture_error_diagnostic(i);
    fprintf(stderr, "  %s:%u:%u: %s\n", d->file, (unsigned)d->line, (unsigned)d->column,
            d->message);
  }
}
