// Judgments built by hand for the report tests, so that they do not depend on the evaluator.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "posture/judgment.hpp"

namespace posture::test {

inline ConditionResult condition(std::string name, Status status, std::optional<Level> level,
                                 std::vector<Evidence> evidence = {}) {
  ConditionResult c;
  c.name = std::move(name);
  c.status = status;
  c.level = level;
  c.evidence = std::move(evidence);
  return c;
}

inline ItemResult item(Category category, Status status, std::optional<Level> level,
                       std::vector<ConditionResult> conditions = {}) {
  ItemResult i;
  i.category = category;
  i.status = status;
  i.level = level;
  i.conditions = std::move(conditions);
  return i;
}

inline Judgment judgment(std::string asset, std::vector<ItemResult> items,
                         std::string policy = "Company baseline") {
  Judgment j;
  j.asset = std::move(asset);
  j.policy = std::move(policy);
  j.reference_time = Timestamp{1708419600};  // 2024-02-20T09:00:00Z
  j.items = std::move(items);
  aggregate(j);
  return j;
}

inline Judgment not_judged(std::string asset) {
  Judgment j;
  j.asset = std::move(asset);
  j.policy = "Company baseline";
  j.status = Status::not_judged;
  return j;
}

/// A Danger client: old definitions (Danger), a prohibited program (Caution), a safe update item.
inline Judgment danger_client() {
  return judgment(
      "PC-004711",
      {item(Category::security_updates, Status::judged, Level::safe,
            {condition("5034765", Status::judged, Level::safe, {{"state", "installed"}})}),
       item(Category::antivirus, Status::judged, Level::danger,
            {condition("Microsoft Defender Antivirus", Status::judged, Level::danger,
                       {{"product_version", "ok: 4.18.24010.12 >= 4.18.23110.3"},
                        {"definition_age", "risk: 12 days > 3"},
                        {"definition_date", "2024-02-08"},
                        {"resident", "ok: resident"}})}),
       item(Category::prohibited_software, Status::judged, Level::caution,
            {condition("uTorrent*", Status::judged, Level::caution,
                       {{"checked", "42"}, {"installed", "uTorrent 3.6.0"}})})});
}

/// An unknown client: no update data, no anti-virus data.
inline Judgment unknown_client() {
  return judgment(
      "PC-000002",
      {item(Category::security_updates, Status::unknown, std::nullopt,
            {condition("5034765", Status::unknown, std::nullopt, {{"missing", "updates"}})}),
       item(Category::antivirus, Status::unknown, std::nullopt)});
}

inline Judgment safe_client() {
  return judgment("PC-000003",
                  {item(Category::antivirus, Status::judged, Level::safe,
                        {condition("Microsoft Defender Antivirus", Status::judged, Level::safe)}),
                   item(Category::pc_security, Status::no_item, std::nullopt)});
}

}  // namespace posture::test
