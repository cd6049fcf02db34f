/* One engine judged from several threads at once: every thread gets the single-threaded answer,
 * a judgment shared read-only gives every thread the same JSON, and each thread's errors are its
 * own. Run under ThreadSanitizer or AddressSanitizer this is also a data-race and leak check. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixtures.h"

#define THREADS 4
#define ROUNDS 50

static posture_engine *engine;
static posture_judgment *shared; /* read by every thread at once */
static char *expected_danger, *expected_safe;

typedef struct worker {
  int index;
  int failures;
} worker;

static char *copy(const char *s) {
  size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (c) memcpy(c, s, n);
  return c;
}

static void *work(void *arg) {
  worker *w = arg;
  int round;
  for (round = 0; round < ROUNDS; ++round) {
    posture_judgment *j = NULL;
    const char *snapshot = (round + w->index) % 2 ? FIXTURE_SNAPSHOT_DANGER : FIXTURE_SNAPSHOT_SAFE;
    const char *expected = (round + w->index) % 2 ? expected_danger : expected_safe;
    const char *json;

    if (posture_engine_judge_json(&j, engine, snapshot, strlen(snapshot), FIXTURE_AT) != POSTURE_OK ||
        strcmp(posture_judgment_json(j, NULL), expected) != 0)
      ++w->failures;
    posture_judgment_free(j);

    json = posture_judgment_json(shared, NULL);
    if (json == NULL || strcmp(json, expected_danger) != 0) ++w->failures;

    /* Odd threads fail on purpose; the failure must stay in their own error state. */
    if (w->index % 2) {
      if (posture_engine_judge_json(&j, engine, "{", 1, FIXTURE_AT) != POSTURE_EPARSE ||
          posture_error_last()->code != POSTURE_EPARSE)
        ++w->failures;
    } else if (posture_error_last()->code != POSTURE_OK) {
      ++w->failures;
    }
  }
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  worker workers[THREADS];
  posture_judgment *j = NULL;
  int i;

  engine = fixture_engine();
  CHECK(engine != NULL);
  if (engine == NULL) return check_exit("capi threads");
  CHECK_CODE(posture_engine_judge_json(&j, engine, FIXTURE_SNAPSHOT_SAFE,
                                       strlen(FIXTURE_SNAPSHOT_SAFE), FIXTURE_AT),
             POSTURE_OK);
  expected_safe = copy(posture_judgment_json(j, NULL));
  posture_judgment_free(j);
  CHECK_CODE(posture_engine_judge_json(&shared, engine, FIXTURE_SNAPSHOT_DANGER,
                                       strlen(FIXTURE_SNAPSHOT_DANGER), FIXTURE_AT),
             POSTURE_OK);
  /* The shared judgment's JSON is built by whichever thread asks first. */
  {
    posture_judgment *d = NULL;
    CHECK_CODE(posture_engine_judge_json(&d, engine, FIXTURE_SNAPSHOT_DANGER,
                                         strlen(FIXTURE_SNAPSHOT_DANGER), FIXTURE_AT),
               POSTURE_OK);
    expected_danger = copy(posture_judgment_json(d, NULL));
    posture_judgment_free(d);
  }
  CHECK(expected_safe != NULL && expected_danger != NULL);
  CHECK(strcmp(expected_safe, expected_danger) != 0);

  for (i = 0; i < THREADS; ++i) {
    workers[i].index = i;
    workers[i].failures = 0;
    CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
  }
  for (i = 0; i < THREADS; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    if (workers[i].failures) fprintf(stderr, "thread %d: %d failures\n", i, workers[i].failures);
    CHECK(workers[i].failures == 0);
  }
  /* This thread's error state saw none of the workers' failures. */
  CHECK(posture_error_last()->code == POSTURE_OK);

  posture_judgment_free(shared);
  posture_engine_free(engine);
  free(expected_safe);
  free(expected_danger);
  return check_exit("capi threads");
}
