// Rendering templates into the texts of an action plan, safely for where each text goes.
//
// Only substituted values are treated as hostile (they come from inventories: a host name is
// whatever the client said it is); the policy's own literal text is trusted but still kept on one
// line where a line is required. Every value is decoded as UTF-8 (invalid bytes become U+FFFD),
// loses its control characters (each becomes a space, so no value can add a line or a header),
// and in HTML is escaped. Outputs are cut to their byte limit on a unit boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "posture/action.hpp"

namespace posture::action {

/// Where a rendered text goes.
enum class TextKind : std::uint8_t {
  line,      ///< one line: a title, a mail subject, an event message
  text,      ///< a plain-text body
  html,      ///< an HTML body: values are escaped
  argument,  ///< one argv element
};

/// One client as templates see it.
struct ClientView {
  const ClientState* state = nullptr;
  const Judgment* judgment = nullptr;
  std::vector<std::string> violations;  ///< violation_lines(*judgment)
};

/// What a template is rendered for: one client (per-client actions) or a batch.
struct RenderScope {
  std::string_view policy;
  Level level = Level::safe;
  Timestamp time;  ///< %judgedate% outside per-client parts
  std::span<const ClientView> clients;
};

/// Renders a text of at most `cap` bytes. In a batch, each run of lines that uses a per-client
/// variable is repeated once per client, in order.
std::string render_text(const Template& text, TextKind kind, std::size_t cap,
                        const RenderScope& scope);

/// Renders one argument template: one argument, or one per client when it uses a per-client
/// variable. Each is at most `cap` bytes.
std::vector<std::string> render_argument(const Template& argument, std::size_t cap,
                                         const RenderScope& scope);

/// One line per violating condition (judged, worse than Safe) with its evidence, and one per item
/// worse than Safe whose conditions do not say why.
std::vector<std::string> violation_lines(const Judgment& judgment);

/// `text` with control characters as spaces and invalid UTF-8 as U+FFFD, cut to `cap` bytes.
std::string one_line(std::string_view text, std::size_t cap);

}  // namespace posture::action
