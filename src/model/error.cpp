#include "posture/error.hpp"

namespace posture {

const char* errc_name(errc code) noexcept {
  switch (code) {
    case errc::ok: return "ok";
    case errc::generic: return "error";
    case errc::invalid: return "invalid argument";
    case errc::parse: return "parse error";
    case errc::check: return "check error";
    case errc::not_found: return "not found";
    case errc::nomem: return "out of memory";
    case errc::limit: return "limit exceeded";
    case errc::version: return "unsupported version";
    case errc::user: return "stopped by caller";
    case errc::internal: return "internal error";
    case errc::io: return "i/o error";
  }
  return "error";
}

std::string diagnostic::to_string() const {
  std::string out;
  if (!where.file.empty()) out += where.file;
  if (where.line != 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(where.line);
    if (where.column != 0) out += ':' + std::to_string(where.column);
  }
  if (!out.empty()) out += ": ";
  out += message;
  return out;
}

error::error(errc code, std::string message, source_location where)
    : code_(code), message_(std::move(message)), where_(std::move(where)) {
  diagnostics_.push_back({code_, message_, where_});
}

error::error(std::vector<diagnostic> all) : diagnostics_(std::move(all)) {
  if (diagnostics_.empty()) diagnostics_.push_back({errc::generic, "unknown error", {}});
  code_ = diagnostics_.front().code;
  message_ = diagnostics_.front().message;
  where_ = diagnostics_.front().where;
}

std::string error::to_string() const {
  std::string out;
  for (const auto& d : diagnostics_) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  return out;
}

}  // namespace posture
