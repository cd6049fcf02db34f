#include "handles.hpp"

namespace {

using posture::capi::owned_error;

// The calling thread's last error. Lives here alone so that no other translation unit (and no
// public header) sees error storage.
struct thread_error {
  std::vector<owned_error> all;
  std::vector<posture_error> views;  // of `all`; built once `all` is final
  // What posture_error_last() shows while `views` is empty: success, or a failure whose details
  // could not be stored because recording them ran out of memory.
  posture_error bare{POSTURE_OK, "ok", "", 0, 0, 0};
};

thread_error& state() noexcept {
  thread_local thread_error s;
  return s;
}

void reset(thread_error& s, int code) noexcept {
  s.all.clear();
  s.views.clear();
  s.bare = posture_error{code, code == POSTURE_OK ? "ok" : "out of memory while recording an error",
                         "", 0, 0, 0};
}

void publish(thread_error& s) {
  s.views.reserve(s.all.size());
  for (const auto& e : s.all) s.views.push_back(e.view());
}

}  // namespace

namespace posture::capi {

owned_error to_owned(const posture::diagnostic& d) {
  owned_error o;
  o.code = static_cast<int>(d.code);
  o.message = d.message;
  o.file = d.where.file;
  o.line = d.where.line;
  o.column = d.where.column;
  o.offset = d.where.offset;
  return o;
}

int fail(int code, std::string_view message) noexcept {
  auto& s = state();
  reset(s, code);
  try {
    owned_error o;
    o.code = code;
    o.message = std::string(message);
    s.all.push_back(std::move(o));
    publish(s);
  } catch (...) {
    reset(s, code);
  }
  return code;
}

int fail(const posture::error& e) noexcept {
  const int code = static_cast<int>(e.code());
  if (e.diagnostics().empty()) return fail(code, e.message());
  auto& s = state();
  reset(s, code);
  try {
    for (const auto& d : e.diagnostics()) s.all.push_back(to_owned(d));
    publish(s);
  } catch (...) {
    reset(s, code);
  }
  return code;
}

int succeed() noexcept {
  reset(state(), POSTURE_OK);
  return POSTURE_OK;
}

}  // namespace posture::capi

extern "C" {

const posture_error* posture_error_last(void) {
  auto& s = state();
  return s.views.empty() ? &s.bare : &s.views.front();
}

size_t posture_error_diagnostic_count(void) {
  const auto& s = state();
  if (!s.views.empty()) return s.views.size();
  return s.bare.code == POSTURE_OK ? 0 : 1;
}

const posture_error* posture_error_diagnostic(size_t index) {
  auto& s = state();
  if (!s.views.empty()) return index < s.views.size() ? &s.views[index] : nullptr;
  return index == 0 && s.bare.code != POSTURE_OK ? &s.bare : nullptr;
}

void posture_error_clear(void) { posture::capi::succeed(); }

const char* posture_error_code_str(int code) {
  return posture::errc_name(static_cast<posture::errc>(code));
}

}  // extern "C"
