// The C ABI's handle types and its exception firewall. The C ABI is a thin face: every entry point
// checks its arguments, calls the C++ library, and turns failures into codes plus the thread's
// last error. No judgment logic lives here.
#pragma once

#include <new>
#include <string>
#include <vector>

#include "posture/engine.hpp"
#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/judgment.hpp"
#include "posture/posture.h"

struct posture_engine {
  posture::Engine engine;
  std::vector<std::string> policy_names;
};

struct posture_snapshot {
  posture::Snapshot snapshot;
  std::string json;  // cache behind posture_snapshot_json
};

struct posture_judgment {
  posture::Judgment judgment;
  mutable std::string json;  // built on first posture_judgment_json call
  mutable bool json_ready = false;
};

/// An error kept with owned strings, exposed as posture_error views.
struct owned_error {
  int code = POSTURE_OK;
  std::string message, file;
  std::uint32_t line = 0, column = 0;
  std::size_t offset = 0;
  posture_error view() const noexcept {
    return {code, message.c_str(), file.c_str(), line, column, offset};
  }
};

struct posture_batch {
  std::string jsonl;
  std::vector<owned_error> errors;
  std::vector<posture_error> views;
};

namespace posture::capi {

/// Records a failure as the thread's last error and returns its code.
int fail(int code, std::string message);
int fail(const posture::error& e);
/// Marks success: the thread's last error becomes POSTURE_OK.
int succeed() noexcept;
owned_error to_owned(const posture::diagnostic& d);

/// Runs `body` behind the exception firewall: a C++ exception never crosses the C boundary.
template <class F>
int guarded(F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(POSTURE_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return fail(POSTURE_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(POSTURE_EINTERNAL, "internal error: unknown exception");
  }
}

}  // namespace posture::capi
