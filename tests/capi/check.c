#include "check.h"

int check_failures = 0;

void check_code_at(int got, int want, const char *what, const char *file, int line) {
  const posture_error *e = posture_error_last();
  if (got != want) {
    fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d (%s); last error: %s\n", file, line,
            what, got, posture_error_code_str(got), want, posture_error_code_str(want),
            e->message);
    ++check_failures;
    return;
  }
  if (e->code != want) {
    fprintf(stderr, "%s:%d: %s: posture_error_last()->code is %d, expected %d\n", file, line, what,
            e->code, want);
    ++check_failures;
  }
  if (e->message == NULL || e->file == NULL || (want != POSTURE_OK && e->message[0] == '\0')) {
    fprintf(stderr, "%s:%d: %s: the last error lacks a message\n", file, line, what);
    ++check_failures;
  }
  if ((want == POSTURE_OK) != (posture_error_diagnostic_count() == 0)) {
    fprintf(stderr, "%s:%d: %s: %zu diagnostics after code %d\n", file, line, what,
            posture_error_diagnostic_count(), want);
    ++check_failures;
  }
}

void check_str_at(const char *actual, const char *expected, const char *what, const char *file,
                  int line) {
  if (actual == NULL || expected == NULL ? actual != expected : strcmp(actual, expected) != 0) {
    fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", file, line, what,
            actual ? actual : "(null)", expected ? expected : "(null)");
    ++check_failures;
  }
}

int check_exit(const char *suite) {
  if (check_failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", suite, check_failures);
    return 1;
  }
  printf("%s: all checks passed\n", suite);
  return 0;
}
