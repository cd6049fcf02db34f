#include "parse/policy_values.hpp"

#include <array>

#include "model/written_text.hpp"

namespace posture::json {
namespace {

constexpr std::array<std::string_view, 3> kLevelNames = {"caution", "warning", "danger"};
constexpr std::array<Level, 3> kLevels = {Level::caution, Level::warning, Level::danger};
constexpr std::array<std::string_view, 4> kWhenMissingNames = {"level", "safe", "no_item",
                                                               "unknown"};
constexpr std::array<WhenMissing, 4> kWhenMissing = {WhenMissing::level, WhenMissing::safe,
                                                     WhenMissing::no_item, WhenMissing::unknown};

}  // namespace

std::optional<Level> as_level(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kLevelNames);
  if (!i) return std::nullopt;
  return kLevels[*i];
}

std::optional<WhenMissing> as_when_missing(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kWhenMissingNames);
  if (!i) return std::nullopt;
  return kWhenMissing[*i];
}

std::optional<NamePattern> as_pattern(Walker& w, const Node& n, std::string_view name) {
  auto s = w.nonempty_string(n, name);
  if (!s) return std::nullopt;
  return NamePattern(*s);
}

std::optional<VersionConstraint> as_constraint(Walker& w, const Node& n, std::string_view name) {
  auto s = w.string(n, name);
  if (!s) return std::nullopt;
  auto parsed = VersionConstraint::parse(*s);
  if (!parsed) {
    w.report_at(errc::parse,
                n.begin + 1 + written_offset(w.written(n), parsed.err().where().offset),
                "invalid version constraint " + quote(*s) + " for " + quote(name) + ": " +
                    parsed.err().message());
    return std::nullopt;
  }
  return std::move(parsed).value();
}

std::optional<OsScope> as_os_scope(Walker& w, const Node& n, std::string_view name) {
  OsScope scope;
  if (n.kind == Kind::string) {
    auto p = as_pattern(w, n, name);
    if (!p) return std::nullopt;
    scope.name = std::move(*p);
    return scope;
  }
  if (n.kind != Kind::object) {
    w.wrong_type(n, name, "an OS name pattern or an object");
    return std::nullopt;
  }
  ObjectReader o(w, n, name, "OS scope");
  bool ok = o.need("name", scope.name, as_pattern);
  o.get("version", scope.version, as_constraint);
  o.get("service_pack", scope.service_pack, as_string);
  o.reject_unknown();
  if (!ok) return std::nullopt;
  return scope;
}

std::optional<std::string> as_update_id(Walker& w, const Node& n, std::string_view name) {
  auto s = w.string(n, name);
  if (!s) return std::nullopt;
  std::string id = normalize_update_id(*s);
  if (id.empty()) {
    w.report(errc::parse, n, "empty update id for " + quote(name));
    return std::nullopt;
  }
  return id;
}

std::optional<std::vector<std::string>> as_update_ids(Walker& w, const Node& n,
                                                      std::string_view name) {
  auto elements = w.array(n, name);
  std::vector<std::string> ids;
  bool ok = n.kind == Kind::array;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (auto id = as_update_id(w, w.tree().at(elements[i]), element_name(name, i)))
      ids.push_back(std::move(*id));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return ids;
}

std::optional<std::vector<NamePattern>> as_patterns(Walker& w, const Node& n,
                                                    std::string_view name) {
  auto elements = w.array(n, name);
  std::vector<NamePattern> out;
  bool ok = n.kind == Kind::array;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (auto p = as_pattern(w, w.tree().at(elements[i]), element_name(name, i)))
      out.push_back(std::move(*p));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace posture::json
