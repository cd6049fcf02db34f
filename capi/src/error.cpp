#include <cstring>

#include "handles.hpp"

namespace {

struct thread_error {
  std::vector<owned_error> all;
  std::vector<posture_error> views;
  posture_error ok_view{POSTURE_OK, "ok", "", 0, 0, 0};
};

thread_error& state() noexcept {
  thread_local thread_error s;
  return s;
}

void refresh_views(thread_error& s) {
  s.views.clear();
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

int fail(int code, std::string message) {
  auto& s = state();
  try {
    s.all.clear();
    owned_error o;
    o.code = code;
    o.message = std::move(message);
    s.all.push_back(std::move(o));
    refresh_views(s);
  } catch (...) {
    s.all.clear();
    s.views.clear();
  }
  return code;
}

int fail(const posture::error& e) {
  auto& s = state();
  try {
    s.all.clear();
    for (const auto& d : e.diagnostics()) s.all.push_back(to_owned(d));
    refresh_views(s);
  } catch (...) {
    s.all.clear();
    s.views.clear();
  }
  return static_cast<int>(e.code());
}

int succeed() noexcept {
  auto& s = state();
  s.all.clear();
  s.views.clear();
  return POSTURE_OK;
}

}  // namespace posture::capi

extern "C" {

const posture_error* posture_error_last(void) {
  auto& s = state();
  if (s.views.empty()) return &s.ok_view;
  return &s.views.front();
}

size_t posture_error_diagnostic_count(void) { return state().views.size(); }

const posture_error* posture_error_diagnostic(size_t index) {
  auto& s = state();
  return index < s.views.size() ? &s.views[index] : nullptr;
}

void posture_error_clear(void) { posture::capi::succeed(); }

const char* posture_error_code_str(int code) {
  return posture::errc_name(static_cast<posture::errc>(code));
}

}  // extern "C"
