#include "parse/result_values.hpp"

#include <array>

namespace posture::json {
namespace {

constexpr std::array<std::string_view, 4> kLevels = {"safe", "caution", "warning", "danger"};
constexpr std::array<std::string_view, 5> kStatuses = {"judged", "unknown", "no_item",
                                                       "not_target", "not_judged"};
constexpr std::array<std::string_view, 6> kCategories = {
    "security_updates", "antivirus", "prohibited_software", "mandatory_software", "pc_security",
    "user_defined"};

}  // namespace

std::optional<Level> as_result_level(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kLevels);
  if (!i) return std::nullopt;
  return static_cast<Level>((*i + 1) * 100);
}

std::optional<Status> as_status(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kStatuses);
  if (!i) return std::nullopt;
  return static_cast<Status>(*i);
}

std::optional<Category> as_category(Walker& w, const Node& n, std::string_view name) {
  auto i = w.one_of(n, name, kCategories);
  if (!i) return std::nullopt;
  return static_cast<Category>(*i);
}

}  // namespace posture::json
