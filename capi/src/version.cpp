#include "handles.hpp"
#include "posture/level.hpp"

#define POSTURE_STR2(x) #x
#define POSTURE_STRINGIFY(x) POSTURE_STR2(x)

// posture.h carries its own version macros; capi/CMakeLists.txt refuses to build when they drift
// from the project's version.

extern "C" {

int posture_version_number(void) { return POSTURE_VERSION_NUMBER; }
const char* posture_version_string(void) { return POSTURE_VERSION_STRING; }

const char* posture_build_info(void) {
  return "{\"version\":\"" POSTURE_VERSION_STRING "\",\"compiler\":\""
#if defined(__clang__)
         "clang " __clang_version__
#elif defined(__GNUC__)
         "gcc " __VERSION__
#else
         "unknown"
#endif
         "\",\"cplusplus\":" POSTURE_STRINGIFY(__cplusplus) "}";
}

const char* posture_level_name(int level) {
  auto l = posture::level_from_code(level);
  return l ? posture::level_name(*l).data() : "";
}

const char* posture_status_name(int status) {
  if (status < 0 || status > static_cast<int>(posture::Status::not_judged)) return "";
  return posture::status_name(static_cast<posture::Status>(status)).data();
}

const char* posture_category_name(int category) {
  if (category < 0 || category > static_cast<int>(posture::Category::user_defined)) return "";
  return posture::category_name(static_cast<posture::Category>(category)).data();
}

}  // extern "C"
