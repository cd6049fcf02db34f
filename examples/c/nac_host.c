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
 * Then it asks posture which actions the policy's action policies select for the run (immediate
 * mode: every client's identity observed from its snapshot, one selection for all judgments), and
 * prints them indented, in the order to carry them out:
 *
 *       notify_user PC-000123 (danger): Security level Danger: action needed
 *
 * With PLAN, it also writes the plan as `posture judge --actions PLAN` does. A real host would
 * keep the new client states for the next run (posture_action_plan_states) and perform the
 * actions; this one only shows them.
 *
 * Usage: nac_host POLICY CATALOG FLEET AT [PLAN]     (AT: "YYYY-MM-DDThh:mm:ssZ")
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

/* One line per action of the plan. */
static void print_actions(const posture_action_plan *plan) {
  size_t a, i, n = posture_action_plan_count(plan);
  for (a = 0; a < n; ++a) {
    int kind = posture_action_plan_kind(plan, a);
    printf("    %s", posture_action_kind_name(kind));
    for (i = 0; i < posture_action_plan_asset_count(plan, a); ++i)
      printf("%s%s", i ? "," : " ", posture_action_plan_asset(plan, a, i));
    printf(" (%s): ", posture_level_name(posture_action_plan_level(plan, a)));
    switch (kind) {
      case POSTURE_ACTION_NOTIFY_USER:
        printf("%s", posture_action_plan_title(plan, a));
        break;
      case POSTURE_ACTION_EMAIL_ADMIN:
        printf("mail %zu recipient(s): %s", posture_action_plan_recipient_count(plan, a),
               posture_action_plan_subject(plan, a));
        break;
      case POSTURE_ACTION_COMMAND: /* argv, never a shell line */
        for (i = 0; i < posture_action_plan_argc(plan, a); ++i)
          printf("%s[%s]", i ? " " : "", posture_action_plan_argv(plan, a, i));
        break;
      case POSTURE_ACTION_DISTRIBUTE:
        for (i = 0; i < posture_action_plan_update_count(plan, a); ++i)
          printf("%s%s", i ? " " : "", posture_action_plan_update(plan, a, i));
        if (posture_action_plan_antivirus_definitions(plan, a) == 1) printf(" +definitions");
        break;
      case POSTURE_ACTION_NETWORK:
        printf("%s -> %s",
               posture_quarantine_state_name(posture_action_plan_quarantine_from(plan, a)),
               posture_quarantine_state_name(posture_action_plan_quarantine_to(plan, a)));
        for (i = 0; i < posture_action_plan_change_count(plan, a); ++i) {
          const posture_connection_change *c = posture_action_plan_change(plan, a, i);
          printf("; %s %s", posture_control_op_name(c->op), c->mac[0] ? c->mac : c->ip);
        }
        break;
      case POSTURE_ACTION_EVENT:
        printf("%s: %s", posture_severity_name(posture_action_plan_severity(plan, a)),
               posture_action_plan_message(plan, a));
        break;
      default:
        break;
    }
    printf("\n");
  }
}

/* Selects the actions for the run's judgments and prints them; writes the plan to `plan_path`
 * when given. Returns 0, or 2 after printing the problem. */
static int act(const posture_engine *engine, const posture_judgment *const *judgments, size_t n,
               const posture_client_states *states, const char *plan_path) {
  posture_action_policies *policies = NULL;
  posture_action_plan *plan = NULL;
  int status = 0;

  if (posture_action_policies_new(&policies, engine) != POSTURE_OK) {
    print_error("action policies");
    return 2;
  }
  if (posture_action_select(&plan, policies, judgments, n, states, NULL) != POSTURE_OK) {
    print_error("actions");
    status = 2;
  } else {
    printf("actions: %zu\n", posture_action_plan_count(plan));
    print_actions(plan);
    if (plan_path != NULL) {
      size_t len = 0;
      const char *json = posture_action_plan_json(plan, POSTURE_JSON_PRETTY, &len);
      FILE *out = fopen(plan_path, "wb");
      if (json == NULL || out == NULL || fwrite(json, 1, len, out) != len || fputc('\n', out) == EOF) {
        perror(plan_path);
        status = 2;
      }
      if (out != NULL && fclose(out) != 0) status = 2;
    }
  }
  posture_action_plan_free(plan);
  posture_action_policies_free(policies);
  return status;
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
  posture_client_states *states = NULL;
  posture_judgment **judged = NULL;
  size_t judged_count = 0, judged_cap = 0, i;
  char *fleet, *line, *end;
  size_t len = 0, line_no = 0, bad = 0;
  int64_t at;
  int acted;

  if ((argc != 5 && argc != 6) || (at = parse_utc(argv[4])) < 0) {
    fprintf(stderr, "usage: %s POLICY CATALOG FLEET YYYY-MM-DDThh:mm:ssZ [PLAN]\n", argv[0]);
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
  if (fleet == NULL || posture_client_states_new(&states) != POSTURE_OK) {
    free(fleet);
    posture_engine_free(engine);
    return 2;
  }
  for (line = fleet; line < fleet + len; line = end + 1) {
    posture_snapshot *s = NULL;
    posture_judgment *j = NULL;
    end = memchr(line, '\n', (size_t)(fleet + len - line));
    if (end == NULL) end = fleet + len;
    ++line_no;
    if (blank(line, end)) continue;
    if (posture_snapshot_from_json(&s, line, (size_t)(end - line)) != POSTURE_OK) {
      /* One bad record must not stop the others: report it and go on. */
      const posture_error *e = posture_error_last();
      fprintf(stderr, "%s:%zu:%u: %s\n", argv[3], line_no, (unsigned)e->column, e->message);
      ++bad;
      continue;
    }
    /* The client's identity (host, addresses) is what templates and network changes use. */
    if (posture_engine_judge(&j, engine, s, at) != POSTURE_OK ||
        posture_client_states_observe(states, s) != POSTURE_OK) {
      print_error(argv[3]);
      posture_judgment_free(j);
      posture_snapshot_free(s);
      ++bad;
      continue;
    }
    posture_snapshot_free(s);
    decide(j);
    if (judged_count == judged_cap) {
      posture_judgment **bigger =
          realloc(judged, (judged_cap = judged_cap ? judged_cap * 2 : 64) * sizeof *judged);
      if (bigger == NULL) {
        fprintf(stderr, "out of memory\n");
        posture_judgment_free(j);
        ++bad;
        break;
      }
      judged = bigger;
    }
    judged[judged_count++] = j;
  }

  acted = act(engine, (const posture_judgment *const *)judged, judged_count, states,
              argc == 6 ? argv[5] : NULL);
  for (i = 0; i < judged_count; ++i) posture_judgment_free(judged[i]);
  free(judged);
  posture_client_states_free(states);
  free(fleet);
  posture_engine_free(engine);
  return bad || acted ? 2 : 0;
}
