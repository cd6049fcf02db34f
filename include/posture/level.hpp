// Security levels, result statuses and the "when data is missing" rule (spec/judgment.md §2, §4).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace posture {

/// A security level. The numeric values are JP1/CSC's level codes and appear in files and the C ABI.
enum class Level : std::uint16_t { safe = 100, caution = 200, warning = 300, danger = 400 };

/// Lower-case name: "safe", "caution", "warning", "danger".
std::string_view level_name(Level level) noexcept;
/// Capitalised display name: "Safe", "Caution", …
std::string_view level_title(Level level) noexcept;
/// Parses a lower-case name (ASCII case-insensitive). Empty optional for anything else.
std::optional<Level> parse_level(std::string_view text) noexcept;
/// Parses a JP1 code "100".."400".
std::optional<Level> level_from_code(int code) noexcept;
constexpr int level_code(Level level) noexcept { return static_cast<int>(level); }
constexpr Level worst(Level a, Level b) noexcept { return a < b ? b : a; }

/// What a result is, besides its level (spec/judgment.md §2).
enum class Status : std::uint8_t {
  judged = 0,      ///< evaluated; the level is meaningful
  unknown = 1,     ///< data missing or unreadable and the rule says "unknown"
  no_item = 2,     ///< nothing to judge
  not_target = 3,  ///< switched off in the policy
  not_judged = 4,  ///< client never judged (security management disabled)
};
std::string_view status_name(Status status) noexcept;
std::optional<Status> parse_status(std::string_view text) noexcept;

/// What a condition yields when the data it needs is absent from the snapshot.
enum class WhenMissing : std::uint8_t {
  level = 0,    ///< the condition's own level (treat as a violation)
  safe = 1,     ///< satisfied
  no_item = 2,  ///< nothing to judge
  unknown = 3,  ///< unknown
};
std::string_view when_missing_name(WhenMissing rule) noexcept;
std::optional<WhenMissing> parse_when_missing(std::string_view text) noexcept;

/// The six judgment categories, in the order results list them.
enum class Category : std::uint8_t {
  security_updates = 0,
  antivirus = 1,
  prohibited_software = 2,
  mandatory_software = 3,
  pc_security = 4,
  user_defined = 5,
};
/// The policy/JSON key: "security_updates", "antivirus", …
std::string_view category_name(Category category) noexcept;
std::optional<Category> parse_category(std::string_view text) noexcept;

}  // namespace posture
