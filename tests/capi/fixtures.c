#include "fixtures.h"

#include <stdio.h>

posture_engine *fixture_engine(void) {
  posture_document policy = {FIXTURE_POLICY, sizeof FIXTURE_POLICY - 1, "policy.json"};
  posture_document catalog = {FIXTURE_CATALOG, sizeof FIXTURE_CATALOG - 1, "catalog.json"};
  posture_engine *engine = NULL;
  if (posture_engine_new(&engine, &policy, 1, &catalog, NULL) != POSTURE_OK) {
    size_t i;
    for (i = 0; i < posture_error_diagnostic_count(); ++i) {
      const posture_error *d = posture_error_diagnostic(i);
      fprintf(stderr, "fixture engine: %s:%u:%u: %s\n", d->file, (unsigned)d->line,
              (unsigned)d->column, d->message);
    }
    return NULL;
  }
  return engine;
}
