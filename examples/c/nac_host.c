/* A network-access-control host built on posture's C ABI.
 *
 * It loads a policy and a patch catalog once, then judges each client of a fleet (JSON Lines, one
 * inventory snapshot per line, as agents would send them) and prints one decision per client:
 *
 *     PC-000123 DANGER points=25 -> deny network; distribute 5034765
 *
 * posture judges; the host decides what to do with a level. This host's rule: Danger is isolated
 * from the network and everything else is permitted; whatever posture lists to distribute is
 * pushed to the client; a client with no level (not judged, or nothing known) is left alone.
 *
 * Usage: nac_host POLICY CATALOG FLEET AT     (AT: "YYYY-MM-DDThh:mm:ssZ")
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posture/posture.h"

/* Seconds since the epoch for "YYYY-MM-DDThh:mm:ssZ" (C99 has no timegm). -1 when malformed. */
static int64_t parse_utc(const char *text) {
  int y, mo, d, h, mi, s;
  char z = 0;
  int64_t era, yoe, doy, doe, days;
  if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z' ||
      mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
    return -1;
  /* Days from civil (proleptic Gregorian), after H. Hinnant's public-domain algorithm. */
  y -= mo <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  days = era * 146097 + doe - 719468;
  return days * 86400 + h * 3600 + mi * 60 + s;
}

/* Reads a whole file; NULL (with a message) on failure. The caller frees. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  size_t cap = 0, n = 0, got;
  if (f == NULL) {
    perror(path);
    return NULL;
  }
  do {
    if (n == cap) {
      char *bigger = realloc(data, cap = cap ? cap * 2 : 65536);
      if (bigger == NULL) {
        free(data);
        fclose(f);
        fprintf(stderr, "%s: out of memory\n", path);
        return NULL;
      }
      data = bigger;
    }
    got = fread(data + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  if (ferror(f)) {
    perror(path);
    free(data);
    data = NULL;
  }
  fclose(f);
  *len = n;
  return data;
}

static void print_error(const char *what) {
  size_t i, n = posture_error_diagnostic_count();
  for (i = 0; i < n; ++i) {
    const posture_error *d = posture_error_diagnostic(i);
    fprintf(stderr, "%s: %s:%u:%u: %s\n", what, d->file, (unsigned)d->line, (unsigned)d->column,
            d->message);
  }
}

static int blank(const char *begin, const char *end) {
  for (; begin < end; ++begin)
    if (*begin != ' ' && *begin != '\t' && *begin != '\r') return 0;
  return 1;
}

static void upper(char *out, size_t size, const char *in) {
  size_t i;
  for (i = 0; in[i] != '\0' && i + 1 < size; ++i) out[i] = (char)toupper((unsigned char)in[i]);
  out[i] = '\0';
}

/* One decision line. The level, or the status when nothing was judged. */
static void decide(const posture_judgment *j) {
  int level = posture_judgment_level(j);
  int points = posture_judgment_points(j);
  size_t i, n = posture_judgment_distribute_count(j);
  char shown[32];

  upper(shown, sizeof shown,
        level != POSTURE_LEVEL_NONE ? posture_level_name(level)
                                    : posture_status_name(posture_judgment_status(j)));
  printf("%s %s points=", posture_judgment_asset(j), shown);
  if (points >= 0)
    printf("%d", points);
  else
    printf("-");
  if (level == POSTURE_LEVEL_NONE) {
    printf(" -> no action\n");
    return;
  }
  printf(" -> %s network", level == POSTURE_LEVEL_DANGER ? "deny" : "permit");
  if (n > 0) {
    printf("; distribute");
    for (i = 0; i < n; ++i) printf(" %s", posture_judgment_distribute(j, i));
  }
  printf("\n");
}

int main(int argc, char **argv) {
  posture_document policy, catalog;
  posture_engine *engine = NULL;
  char *fleet, *line, *end;
  size_t len = 0, line_no = 0, bad = 0;
  int64_t at;

  if (argc != 5 || (at = parse_utc(argv[4])) < 0) {
    fprintf(stderr, "usage: %s POLICY CATALOG FLEET YYYY-MM-DDThh:mm:ssZ\n", argv[0]);
    return 2;
  }
  if (posture_version_number() / 10000 != POSTURE_VERSION_MAJOR) {
    fprintf(stderr, "posture %s is not the version this host was built for (%s)\n",
            posture_version_string(), POSTURE_VERSION_STRING);
    return 2;
  }

  /* A NULL data pointer asks the library to read the file itself. */
  policy.data = NULL;
  policy.len = 0;
  policy.name = argv[1];
  catalog = policy;
  catalog.name = argv[2];
  if (posture_engine_new(&engine, &policy, 1, &catalog, NULL) != POSTURE_OK) {
    print_error("policy");
    return 2;
  }

  fleet = slurp(argv[3], &len);
  if (fleet == NULL) {
    posture_engine_free(engine);
    return 2;
  }
  for (line = fleet; line < fleet + len; line = end + 1) {
    posture_judgment *j = NULL;
    end = memchr(line, '\n', (size_t)(fleet + len - line));
    if (end == NULL) end = fleet + len;
    ++line_no;
    if (blank(line, end)) continue;
    if (posture_engine_judge_json(&j, engine, line, (size_t)(end - line), at) != POSTURE_OK) {
      /* One bad record must not stop the others: report it and go on. */
      const posture_error *e = posture_error_last();
      fprintf(stderr, "%s:%zu:%u: %s\n", argv[3], line_no, (unsigned)e->column, e->message);
      ++bad;
      continue;
    }
    decide(j);
    posture_judgment_free(j);
  }

  free(fleet);
  posture_engine_free(engine);
  return bad ? 2 : 0;
}
