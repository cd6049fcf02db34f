/* Judges one snapshot through the installed C ABI. */
#include <stdio.h>
#include <string.h>

#include "posture/posture.h"

static const char policy_text[] =
    "{\"format\": \"posture-policy/1\", \"judgment_policies\": [{\"name\": \"P\","
    " \"prohibited_software\": {\"entries\": [{\"name\": \"uTorrent*\", \"level\": \"danger\"}]}}]}";
static const char snapshot[] = "{\"asset\": \"PC-1\", \"software\": [{\"name\": \"uTorrent\"}]}";

int main(void) {
  posture_document policy = {policy_text, sizeof policy_text - 1, "policy.json"};
  posture_engine *engine = NULL;
  posture_judgment *j = NULL;
  if (posture_version_number() != POSTURE_VERSION_NUMBER) {
    fprintf(stderr, "header %s, library %s\n", POSTURE_VERSION_STRING, posture_version_string());
    return 1;
  }
  if (posture_engine_new(&engine, &policy, 1, NULL, NULL) != POSTURE_OK ||
      posture_engine_judge_json(&j, engine, snapshot, strlen(snapshot), 0) != POSTURE_OK) {
    fprintf(stderr, "%s\n", posture_error_last()->message);
    return 1;
  }
  printf("%s %s\n", posture_judgment_asset(j), posture_level_name(posture_judgment_level(j)));
  posture_judgment_free(j);
  posture_engine_free(engine);
  return 0;
}
