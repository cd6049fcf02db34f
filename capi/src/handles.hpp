// The C ABI's handle types and its exception firewall. The C ABI is a thin face: every entry point
// checks its arguments, calls the C++ library, and turns failures into codes plus the thread's
// last error. No judgment logic lives here.
#pragma once

#include <cstdint>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "posture/action.hpp"
#include "posture/client_state.hpp"
#include "posture/engine.hpp"
#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/judgment.hpp"
#include "posture/posture.h"
#include "posture/quarantine.hpp"

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

struct posture_action_policies {
  posture::ActionPolicySet set;
};

struct posture_client_states {
  std::vector<posture::ClientState> states;
  std::string json;  // behind posture_client_states_json; rebuilt on every call
  // So that a host observing or recording a fleet one client at a time pays O(1) per call rather
  // than a scan. Built on first use; `indexed` is cleared whenever `states` is replaced.
  posture::StateIndex by_asset;
  bool indexed = false;
};

namespace posture::capi {

/// JSON built on first use per style, for handles that several threads may read at once. (A mutex
/// rather than std::call_once, for the reason given at posture_judgment.)
class LazyJson {
 public:
  template <class Write>
  const std::string& get(posture::JsonStyle style, Write write) const {
    const auto i = static_cast<std::size_t>(style);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!ready_[i]) {
      text_[i] = write(style);
      ready_[i] = true;
    }
    return text_[i];
  }

 private:
  mutable std::mutex mutex_;
  mutable std::string text_[2];
  mutable bool ready_[2] = {false, false};
};

/// Views of connection changes as posture_connection_change; they point into `changes`, which
/// must not change afterwards.
std::vector<posture_connection_change> change_views(
    const std::vector<posture::ConnectionChange>& changes);

}  // namespace posture::capi

struct posture_network_changes {
  explicit posture_network_changes(std::vector<posture::ConnectionChange> c)
      : changes(std::move(c)), views(posture::capi::change_views(changes)) {}

  const std::vector<posture::ConnectionChange> changes;
  const std::vector<posture_connection_change> views;
  posture::capi::LazyJson json;
};

struct posture_action_plan {
  explicit posture_action_plan(posture::Selection s);

  const posture::Selection selection;
  const std::vector<std::vector<posture_connection_change>> changes;  // per action; network only
  posture::capi::LazyJson json;
  posture::capi::LazyJson states_json;
};

namespace posture::capi {

/// The JsonStyle of a POSTURE_JSON_* value, or nothing for an unknown one.
std::optional<posture::JsonStyle> json_style(int style) noexcept;

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
