// The C ABI's handle types and its exception firewall. The C ABI is a thin face: every entry point
// checks its arguments, calls the C++ library, and turns failures into codes plus the thread's
// last error. No judgment logic lives here.
#pragma once

#include <cstdint>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
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
  std::string json;  // behind posture_snapshot_json; rebuilt on every call
};

struct posture_judgment {
  explicit posture_judgment(posture::Judgment j) : judgment(std::move(j)) {}

  posture::Judgment judgment;
  // posture_judgment_json takes a const handle, and read-only use from several threads at once is
  // allowed, so the lazily built JSON is guarded. (A mutex rather than std::call_once: libstdc++'s
  // call_once cannot be retried after the callable throws bad_alloc.)
  mutable std::mutex json_mutex;
  mutable std::string json;
  mutable bool json_ready = false;
};

namespace posture::capi {

/// An error kept with owned strings, exposed as a posture_error view.
struct owned_error {
  int code = POSTURE_OK;
  std::string message, file;
  std::uint32_t line = 0, column = 0;
  std::size_t offset = 0;

  posture_error view() const noexcept {
    return {code, message.c_str(), file.c_str(), line, column, offset};
  }
};

owned_error to_owned(const posture::diagnostic& d);

}  // namespace posture::capi

struct posture_batch {
  std::string jsonl;
  std::vector<posture::capi::owned_error> errors;  // one per record that could not be read
  std::vector<posture_error> views;                // of `errors`, built once they are final
};

namespace posture::capi {

/// Records a failure as the calling thread's last error and returns its code. Never throws: when
/// even the error cannot be stored, the code survives with a fixed message.
int fail(int code, std::string_view message) noexcept;
int fail(const posture::error& e) noexcept;
/// Marks success: the thread's last error becomes POSTURE_OK.
int succeed() noexcept;

/// Runs `body` behind the exception firewall: a C++ exception never crosses the C boundary.
template <class F>
int guarded(F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(POSTURE_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return fail(POSTURE_EINTERNAL, e.what());
  } catch (...) {
    return fail(POSTURE_EINTERNAL, "internal error: unknown exception");
  }
}

}  // namespace posture::capi
