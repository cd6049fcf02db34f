// Dates and instants. posture never reads the wall clock in the core: every age is measured
// against a reference time the caller passes in (spec/judgment.md §3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace posture {

/// A calendar day: days since 1970-01-01 (UTC). Range years 0001–9999.
struct Date {
  std::int32_t days = 0;
  friend constexpr auto operator<=>(Date, Date) = default;
};

/// An instant: seconds since 1970-01-01T00:00:00Z.
struct Timestamp {
  std::int64_t seconds = 0;
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;
};

/// Parses "YYYY-MM-DD". Also accepts a full timestamp and takes its UTC date.
std::optional<Date> parse_date(std::string_view text) noexcept;
/// Parses RFC 3339 / ISO 8601: "YYYY-MM-DDThh:mm[:ss[.frac]](Z|±hh:mm)", a space instead of 'T',
/// no zone meaning UTC, or a bare date meaning its midnight UTC. An instant outside years
/// 0001–9999 in UTC (a zone offset moving the first or last day across the edge) is refused.
std::optional<Timestamp> parse_timestamp(std::string_view text) noexcept;

Date date_of(Timestamp t) noexcept;
Timestamp start_of(Date d) noexcept;
/// Whole UTC calendar days from `from`'s date to `to`'s date (spec/judgment.md §9.3).
std::int64_t days_between(Date from, Date to) noexcept;

std::string format_date(Date d);            ///< "YYYY-MM-DD"
std::string format_timestamp(Timestamp t);  ///< "YYYY-MM-DDThh:mm:ssZ"

/// Date from civil year/month/day (no validation beyond arithmetic).
Date make_date(int year, unsigned month, unsigned day) noexcept;

}  // namespace posture
