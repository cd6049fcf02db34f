// One connection change as a JSON object, shared by the action plan and the changes document so
// that a NAC connector reads the same shape from both.
#pragma once

#include "parse/json_writer.hpp"
#include "posture/quarantine.hpp"

namespace posture::json {

/// {"asset", "mac", "ip", "host", "op"}.
void write_change(Writer& w, const ConnectionChange& change);

}  // namespace posture::json
