// posture: embeddable client-security judgment engine. The umbrella header.
#pragma once

#include "posture/catalog.hpp"
#include "posture/engine.hpp"
#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/io.hpp"
#include "posture/judgment.hpp"
#include "posture/level.hpp"
#include "posture/library_version.hpp"
#include "posture/name.hpp"
#include "posture/plan.hpp"
#include "posture/policy.hpp"
#include "posture/report.hpp"
#include "posture/testcase.hpp"
#include "posture/time.hpp"
#include "posture/version.hpp"
