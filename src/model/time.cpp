#include "posture/time.hpp"

#include <cstdio>

namespace posture {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

bool leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned month_days(int y, unsigned m) noexcept {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Reads exactly n digits at s[pos], advancing pos.
bool digits(std::string_view s, std::size_t& pos, int n, int& out) noexcept {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  out = v;
  return true;
}

bool parse_ymd(std::string_view s, std::size_t& pos, int& y, int& m, int& d) noexcept {
  if (!digits(s, pos, 4, y) || pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, m) ||
      pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, d))
    return false;
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 &&
         static_cast<unsigned>(d) <= month_days(y, static_cast<unsigned>(m));
}

// A zone offset can carry a time of 0001-01-01 or 9999-12-31 across the edge of the range
// every reader and writer supports; such an instant is refused rather than formatted wrongly.
std::optional<Timestamp> in_range(std::int64_t seconds) noexcept {
  constexpr std::int64_t first = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr std::int64_t last = 253402300799;   // 9999-12-31T23:59:59Z
  if (seconds < first || seconds > last) return std::nullopt;
  return Timestamp{seconds};
}

}  // namespace

Date make_date(int year, unsigned month, unsigned day) noexcept {
  return Date{static_cast<std::int32_t>(days_from_civil(year, month, day))};
}

std::optional<Date> parse_date(std::string_view text) noexcept {
  if (text.size() > 10) {
    auto t = parse_timestamp(text);
    if (!t) return std::nullopt;
    return date_of(*t);
  }
  std::size_t pos = 0;
  int y, m, d;
  if (!parse_ymd(text, pos, y, m, d) || pos != text.size()) return std::nullopt;
  return make_date(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<Timestamp> parse_timestamp(std::string_view s) noexcept {
  std::size_t pos = 0;
  int y, mo, d;
  if (!parse_ymd(s, pos, y, mo, d)) return std::nullopt;
  std::int64_t secs = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400;
  if (pos == s.size()) return Timestamp{secs};
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  int hh, mm, ss = 0;
  if (!digits(s, pos, 2, hh) || pos >= s.size() || s[pos++] != ':' || !digits(s, pos, 2, mm))
    return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!digits(s, pos, 2, ss)) return std::nullopt;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      std::size_t b = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == b) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  secs += hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
  if (pos == s.size()) return Timestamp{secs};
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return Timestamp{secs};
  if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om = 0;
    if (!digits(s, pos, 2, oh)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (pos < s.size() && !digits(s, pos, 2, om)) return std::nullopt;
    if (pos != s.size() || oh > 23 || om > 59) return std::nullopt;
    return in_range(secs - sign * (oh * 3600 + om * 60));
  }
  return std::nullopt;
}

Date date_of(Timestamp t) noexcept {
  std::int64_t days = t.seconds / 86400;
  if (t.seconds % 86400 < 0) --days;
  return Date{static_cast<std::int32_t>(days)};
}

Timestamp start_of(Date d) noexcept { return Timestamp{static_cast<std::int64_t>(d.days) * 86400}; }

std::int64_t days_between(Date from, Date to) noexcept {
  return static_cast<std::int64_t>(to.days) - from.days;
}

std::string format_date(Date d) {
  int y;
  unsigned m, day;
  civil_from_days(d.days, y, m, day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, day);
  return buf;
}

std::string format_timestamp(Timestamp t) {
  Date d = date_of(t);
  std::int64_t rem = t.seconds - static_cast<std::int64_t>(d.days) * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(d).c_str(),
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

}  // namespace posture
