#include "posture/level.hpp"

#include "posture/name.hpp"

namespace posture {

std::string_view level_name(Level level) noexcept {
  switch (level) {
    case Level::safe: return "safe";
    case Level::caution: return "caution";
    case Level::warning: return "warning";
    case Level::danger: return "danger";
  }
  return "safe";
}

std::string_view level_title(Level level) noexcept {
  switch (level) {
    case Level::safe: return "Safe";
    case Level::caution: return "Caution";
    case Level::warning: return "Warning";
    case Level::danger: return "Danger";
  }
  return "Safe";
}

std::optional<Level> parse_level(std::string_view text) noexcept {
  for (Level l : {Level::safe, Level::caution, Level::warning, Level::danger})
    if (names_equal(text, level_name(l))) return l;
  return std::nullopt;
}

std::optional<Level> level_from_code(int code) noexcept {
  switch (code) {
    case 100: return Level::safe;
    case 200: return Level::caution;
    case 300: return Level::warning;
    case 400: return Level::danger;
    default: return std::nullopt;
  }
}

std::string_view status_name(Status status) noexcept {
  switch (status) {
    case Status::judged: return "judged";
    case Status::unknown: return "unknown";
    case Status::no_item: return "no_item";
    case Status::not_target: return "not_target";
    case Status::not_judged: return "not_judged";
  }
  return "judged";
}

std::optional<Status> parse_status(std::string_view text) noexcept {
  for (Status s : {Status::judged, Status::unknown, Status::no_item, Status::not_target,
                   Status::not_judged})
    if (text == status_name(s)) return s;
  return std::nullopt;
}

std::string_view when_missing_name(WhenMissing rule) noexcept {
  switch (rule) {
    case WhenMissing::level: return "level";
    case WhenMissing::safe: return "safe";
    case WhenMissing::no_item: return "no_item";
    case WhenMissing::unknown: return "unknown";
  }
  return "unknown";
}

std::optional<WhenMissing> parse_when_missing(std::string_view text) noexcept {
  for (WhenMissing w : {WhenMissing::level, WhenMissing::safe, WhenMissing::no_item,
                        WhenMissing::unknown})
    if (text == when_missing_name(w)) return w;
  return std::nullopt;
}

std::string_view category_name(Category category) noexcept {
  switch (category) {
    case Category::security_updates: return "security_updates";
    case Category::antivirus: return "antivirus";
    case Category::prohibited_software: return "prohibited_software";
    case Category::mandatory_software: return "mandatory_software";
    case Category::pc_security: return "pc_security";
    case Category::user_defined: return "user_defined";
  }
  return "security_updates";
}

std::optional<Category> parse_category(std::string_view text) noexcept {
  for (int i = 0; i <= static_cast<int>(Category::user_defined); ++i) {
    auto c = static_cast<Category>(i);
    if (text == category_name(c)) return c;
  }
  return std::nullopt;
}

}  // namespace posture
