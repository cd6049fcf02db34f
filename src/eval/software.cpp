// Prohibited and mandatory software (spec/judgment.md §4.3, §4.4, §9.6).
#include "eval/categories.hpp"
#include "eval/kernels.hpp"

namespace posture::eval {
namespace {

// A row limited to some OSes: a condition when the scope excludes the client or cannot be decided,
// nothing when the row applies.
std::optional<ConditionResult> out_of_scope(const std::optional<OsScope>& scope,
                                            const std::string& name, WhenMissing when_missing,
                                            Level level, const Snapshot& snapshot) {
  if (!scope) return std::nullopt;
  switch (os_scope_matches(*scope, snapshot.os)) {
    case Scope::yes: return std::nullopt;
    case Scope::missing: return missing(name, when_missing, level, "os");
    case Scope::no: break;
  }
  ConditionResult c = judged(name, Level::safe);
  add(c, "applicable", "no");
  return c;
}

std::string describe_alternative(const SoftwareAlternative& alternative) {
  std::string out = alternative.name.text();
  if (alternative.version) out += " " + alternative.version->to_string();
  return out;
}

ConditionResult judge_entry(const ProhibitedEntry& entry, WhenMissing when_missing,
                            const Snapshot& snapshot) {
  if (auto c = out_of_scope(entry.os, entry.name.text(), when_missing, entry.level, snapshot))
    return std::move(*c);
  std::string found;
  for (const auto& prog : *snapshot.software)
    if (program_matches(entry.name, entry.version, prog)) join(found, describe(prog));
  ConditionResult c = judged(entry.name.text(), found.empty() ? Level::safe : entry.level);
  if (found.empty())
    add(c, "checked", std::to_string(snapshot.software->size()));
  else
    add(c, "installed", std::move(found));
  if (entry.version) add(c, "version", entry.version->to_string());
  return c;
}

ConditionResult judge_group(const MandatoryGroup& group, WhenMissing when_missing,
                            const Snapshot& snapshot) {
  if (auto c = out_of_scope(group.os, group.name, when_missing, group.level, snapshot))
    return std::move(*c);
  for (const auto& alternative : group.any_of)
    for (const auto& prog : *snapshot.software)
      if (program_matches(alternative.name, alternative.version, prog)) {
        ConditionResult c = judged(group.name, Level::safe);
        add(c, "installed", describe(prog));
        return c;
      }
  // Unsatisfied: name what is there instead, typically the right program in a too-old version.
  std::string found, required;
  for (const auto& alternative : group.any_of) {
    join(required, describe_alternative(alternative));
    for (const auto& prog : *snapshot.software)
      if (alternative.version && alternative.name.matches(prog.name)) join(found, describe(prog));
  }
  ConditionResult c = judged(group.name, group.level);
  add(c, "required", std::move(required));
  if (!found.empty()) add(c, "found", std::move(found));
  return c;
}

}  // namespace

ItemResult judge_prohibited_software(const ProhibitedSoftwarePolicy& p, const Context& ctx) {
  ItemResult item;
  item.category = Category::prohibited_software;
  for (const auto& entry : p.entries)
    item.conditions.push_back(
        ctx.snapshot.software
            ? judge_entry(entry, p.when_missing, ctx.snapshot)
            : missing(entry.name.text(), p.when_missing, entry.level, "software"));
  settle(item);
  return item;
}

ItemResult judge_mandatory_software(const MandatorySoftwarePolicy& p, const Context& ctx) {
  ItemResult item;
  item.category = Category::mandatory_software;
  for (const auto& group : p.groups)
    item.conditions.push_back(ctx.snapshot.software
                                  ? judge_group(group, p.when_missing, ctx.snapshot)
                                  : missing(group.name, p.when_missing, group.level, "software"));
  settle(item);
  return item;
}

}  // namespace posture::eval
