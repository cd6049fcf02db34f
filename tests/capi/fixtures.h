/* Documents shared by the C test programs. */
#ifndef POSTURE_TESTS_CAPI_FIXTURES_H
#define POSTURE_TESTS_CAPI_FIXTURES_H

#include <stdint.h>

#include "posture/posture.h"

/* 2026-11-22T00:00:00Z */
#define FIXTURE_AT ((int64_t)1795305600)

/* One judgment policy touching three categories, so that judgments have items, conditions,
 * evidence and updates to distribute. */
#define FIXTURE_POLICY                                                                         \
  "{\"format\": \"posture-policy/1\",\n"                                                       \
  " \"judgment_policies\": [{\n"                                                               \
  "   \"name\": \"Baseline\",\n"                                                               \
  "   \"security_updates\": {\"mode\": \"latest\"},\n"                                         \
  "   \"antivirus\": {\"products\": [{\"name\": \"Microsoft Defender Antivirus\",\n"           \
  "                                 \"max_definition_age_days\": 3}]},\n"                     \
  "   \"prohibited_software\": {\"entries\": [{\"name\": \"uTorrent*\", \"level\": \"danger\"}]}\n" \
  " }]}\n"

#define FIXTURE_CATALOG                                                                        \
  "{\"format\": \"posture-catalog/1\", \"updates\": [\n"                                       \
  "  {\"id\": \"5034765\", \"severity\": \"critical\", \"distributable\": true}]}"

/* Danger (prohibited program), a missing update to distribute, an up-to-date anti-virus. */
#define FIXTURE_SNAPSHOT_DANGER                                                                \
  "{\"asset\": \"PC-000123\", \"host\": \"kobe-01\",\n"                                        \
  " \"antivirus\": [{\"name\": \"Microsoft Defender Antivirus\", \"definition_date\": "        \
  "\"2026-11-21\", \"resident\": true}],\n"                                                    \
  " \"software\": [{\"name\": \"uTorrent\", \"version\": \"3.6\"}],\n"                         \
  " \"updates\": {\"complete\": true, \"items\": [\n"                                          \
  "   {\"id\": \"KB5034765\", \"state\": \"missing\", \"severity\": \"critical\"}]}}"

#define FIXTURE_SNAPSHOT_SAFE                                                                  \
  "{\"asset\": \"PC-000124\",\n"                                                               \
  " \"antivirus\": [{\"name\": \"Microsoft Defender Antivirus\", \"definition_date\": "        \
  "\"2026-11-21\", \"resident\": true}],\n"                                                    \
  " \"software\": [],\n"                                                                       \
  " \"updates\": {\"complete\": true, \"items\": []}}"

/* Builds an engine from FIXTURE_POLICY and FIXTURE_CATALOG; NULL (and a message) on failure. */
posture_engine *fixture_engine(void);

#endif
