// Prohibited and mandatory software (spec/judgment.md §4.3, §4.4, §9.6).
#include "eval/categories.hpp"
#include "eval/kernels.hpp"

namespace posture::eval {
namespace {

// A row limited to some OSes: a condition when the scope excludes the client or cannot be decided
// (returns true), nothing when the row applies.
bool out_of_scope(const std::optional<OsScope>& scope, std::string_view name,
                  WhenMissing when_missing, Level level, const Snapshot& snapshot,
                  Conditions& out) {
  if (!scope) return false;
  switch (os_scope_matches(*scope, snapshot.os)) {
    case Scope::yes: return false;
    case Scope::missing: out.missing(name, when_missing, level, "os"); return true;
    case Scope::no: break;
  }
  if (ConditionResult* c = out.judged(name, Level::safe)) add(*c, "applicable", "no");
  return true;
}

std::string describe_alternative(const SoftwareAlternative& alternative) {
  std::string out = alternative.name.text();
  if (alternative.version) out += " " + alternative.version->to_string();
  return out;
}

// Whether describe(program) is not empty: a program listed with neither name nor version adds
// nothing to a list of findings, and such a list decides as if it had not been found.
bool describable(const Program& program) noexcept {
  return !program.name.empty() || (program.version && !program.version->empty());
}

void judge_entry(const ProhibitedEntry& entry, std::uint32_t pattern, WhenMissing when_missing,
                 const Context& ctx, Conditions& out) {
  if (out_of_scope(entry.os, entry.name.text(), when_missing, entry.level, ctx.snapshot, out))
    return;
  const auto& software = *ctx.snapshot.software;
  std::string found;
  bool any = false;
  for (std::uint32_t i : ctx.programs().of(pattern)) {
    const Program& prog = software[i];
    if (!version_satisfies(entry.version, prog)) continue;
    if (out.evidence()) {
      join(found, describe(prog));
    } else if (describable(prog)) {
      any = true;
      break;
    }
  }
  if (out.evidence()) any = !found.empty();
  ConditionResult* c = out.judged(entry.name.text(), any ? entry.level : Level::safe);
  if (!c) return;
  if (!any)
    add(*c, "checked", std::to_string(software.size()));
  else
    add(*c, "installed", std::move(found));
  if (entry.version) add(*c, "version", entry.version->to_string());
}

void judge_group(const MandatoryGroup& group, const std::uint32_t* patterns,
                 WhenMissing when_missing, const Context& ctx, Conditions& out) {
  if (out_of_scope(group.os, group.name, when_missing, group.level, ctx.snapshot, out)) return;
  const auto& software = *ctx.snapshot.software;
  const ProgramMatches& matches = ctx.programs();
  for (std::size_t a = 0; a < group.any_of.size(); ++a)
    for (std::uint32_t i : matches.of(patterns[a]))
      if (version_satisfies(group.any_of[a].version, software[i])) {
        if (ConditionResult* c = out.judged(group.name, Level::safe))
          add(*c, "installed", describe(software[i]));
        return;
      }
  ConditionResult* c = out.judged(group.name, group.level);
  if (!c) return;
  // Unsatisfied: name what is there instead, typically the right program in a too-old version.
  std::string found, required;
  for (std::size_t a = 0; a < group.any_of.size(); ++a) {
    const SoftwareAlternative& alternative = group.any_of[a];
    join(required, describe_alternative(alternative));
    if (alternative.version)
      for (std::uint32_t i : matches.of(patterns[a])) join(found, describe(software[i]));
  }
  add(*c, "required", std::move(required));
  if (!found.empty()) add(*c, "found", std::move(found));
}

}  // namespace

void judge_prohibited_software(const ProhibitedSoftwarePolicy& p, const Context& ctx,
                               Conditions& out) {
  out.reserve(p.entries.size());
  for (std::size_t e = 0; e < p.entries.size(); ++e) {
    const ProhibitedEntry& entry = p.entries[e];
    if (ctx.snapshot.software)
      judge_entry(entry, ctx.plan.prohibited_pattern[e], p.when_missing, ctx, out);
    else
      out.missing(entry.name.text(), p.when_missing, entry.level, "software");
  }
}

void judge_mandatory_software(const MandatorySoftwarePolicy& p, const Context& ctx,
                              Conditions& out) {
  out.reserve(p.groups.size());
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    const MandatoryGroup& group = p.groups[g];
    if (ctx.snapshot.software)
      judge_group(group, ctx.plan.mandatory_pattern.data() + ctx.plan.mandatory_first[g],
                  p.when_missing, ctx, out);
    else
      out.missing(group.name, p.when_missing, group.level, "software");
  }
}

}  // namespace posture::eval
