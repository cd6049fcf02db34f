#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdio>

#include "posture/report.hpp"

namespace posture {

void FleetSummary::add(const Judgment& judgment) noexcept {
  ++clients;
  if (judgment.status == Status::judged && judgment.level) {
    switch (*judgment.level) {
      case Level::safe: ++safe; break;
      case Level::caution: ++caution; break;
      case Level::warning: ++warning; break;
      case Level::danger: ++danger; break;
    }
  } else if (judgment.status == Status::unknown) {
    ++unknown;
  } else if (judgment.status == Status::not_judged) {
    ++not_judged;
  } else {
    // no_item, and the statuses a client result never has: nothing was judgeable.
    ++no_item;
  }
  if (judgment.points) {
    ++scored;
    points_total += *judgment.points;
    if (!lowest_points || *judgment.points < *lowest_points) lowest_points = *judgment.points;
  }
}

std::size_t FleetSummary::at_level(Level level) const noexcept {
  switch (level) {
    case Level::safe: return safe;
    case Level::caution: return caution;
    case Level::warning: return warning;
    case Level::danger: return danger;
  }
  return 0;
}

std::optional<double> FleetSummary::average_points() const noexcept {
  if (scored == 0) return std::nullopt;
  return static_cast<double>(points_total) / static_cast<double>(scored);
}

FleetSummary summarize(std::span<const Judgment> judgments) noexcept {
  FleetSummary s;
  for (const auto& j : judgments) s.add(j);
  return s;
}

namespace {

// One decimal is what a person compares; the JSON keeps the same rounding so both agree.
double round1(double v) noexcept { return std::round(v * 10.0) / 10.0; }

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", round1(v));
  return buf;
}

}  // namespace

std::string format_summary(const FleetSummary& s) {
  std::string out =
      "summary: " + std::to_string(s.clients) + (s.clients == 1 ? " client" : " clients");
  out += ": Safe " + std::to_string(s.safe);
  out += ", Caution " + std::to_string(s.caution);
  out += ", Warning " + std::to_string(s.warning);
  out += ", Danger " + std::to_string(s.danger);
  out += ", unknown " + std::to_string(s.unknown);
  out += ", no_item " + std::to_string(s.no_item);
  out += ", not_judged " + std::to_string(s.not_judged);
  if (auto avg = s.average_points()) {
    out += "; points average " + one_decimal(*avg);
    out += ", lowest " + std::to_string(*s.lowest_points);
  } else {
    out += "; no points";
  }
  return out;
}

std::string write_summary_json(const FleetSummary& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto count = [&w](const char* key, std::size_t n) {
    w.Key(key);
    w.Uint64(n);
  };
  w.StartObject();
  count("clients", s.clients);
  count("safe", s.safe);
  count("caution", s.caution);
  count("warning", s.warning);
  count("danger", s.danger);
  count("unknown", s.unknown);
  count("no_item", s.no_item);
  count("not_judged", s.not_judged);
  w.Key("average_points");
  if (auto avg = s.average_points())
    w.Double(round1(*avg));
  else
    w.Null();
  w.Key("lowest_points");
  if (s.lowest_points)
    w.Int(*s.lowest_points);
  else
    w.Null();
  w.EndObject();
  return buf.GetString();
}

}  // namespace posture
