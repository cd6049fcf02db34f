// The RapidJSON headers the readers use, included in one place.
//
// RapidJSON 1.1.0 (the version Debian ships) adds an offset to a null pointer the first time its
// internal stack grows (Tencent/rapidjson#1724, fixed upstream after 1.1.0). The arithmetic is
// harmless in practice, but clang's UndefinedBehaviorSanitizer stops on it, which would hide real
// findings in sanitizer and fuzz builds. The pointer-overflow check is switched off for
// RapidJSON's own functions only; posture's code keeps every check.
#pragma once

#if defined(__clang__)
#pragma clang attribute push(__attribute__((no_sanitize("pointer-overflow"))), apply_to = function)
#endif
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#if defined(__clang__)
#pragma clang attribute pop
#endif
