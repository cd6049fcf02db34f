// Security updates (spec/judgment.md §4.1, §9.5): latest or specified mode, then service packs.
#include <algorithm>
#include <unordered_set>

#include "eval/categories.hpp"
#include "eval/kernels.hpp"

namespace posture::eval {
namespace {

void describe_update(ConditionResult& c, std::string_view id, const UpdateRecord& record,
                     std::string_view fallback_bulletin) {
  add(c, "id", std::string(id));
  std::string_view bulletin = trim_space(record.bulletin);
  add(c, "bulletin", std::string(bulletin.empty() ? fallback_bulletin : bulletin));
  add(c, "severity", std::string(severity_name(record.severity)));
  add(c, "title", record.title);
}

void distribute_if_allowed(const Plan::Impl& plan, std::string_view id,
                           std::vector<std::string>& distribute) {
  if (contains_update(plan.distributable, id)) distribute.emplace_back(id);
}

// A violated requirement's update goes to the distribution list, whether it was reported missing
// or its absence is judged at a level by when_missing. `c` is null when only folding.
void distribute_violated(const ConditionResult* c, const Context& ctx,
                         std::vector<std::string>& distribute) {
  if (c && c->status == Status::judged && c->level && *c->level != Level::safe)
    distribute_if_allowed(ctx.plan, c->name, distribute);
}

void judge_latest(const SecurityUpdatesPolicy& p, const Context& ctx, Conditions& out,
                  std::vector<std::string>& distribute) {
  const auto& updates = *ctx.snapshot.updates;
  std::size_t ignored = 0;
  bool violated = false;
  std::unordered_set<std::string_view> reported;  // views into the snapshot's records
  for (const auto& record : updates.items) {
    if (record.state != UpdateState::missing) continue;
    std::string_view id = update_id_view(record.id);
    if (ctx.plan.excluded_ids.may_contain(id) && contains_update(ctx.plan.excluded_updates, id)) {
      ++ignored;
      continue;
    }
    Level level = p.level;
    if (p.levels_by_severity) {
      auto index = static_cast<std::size_t>(record.severity);
      const auto& mapped = (*p.levels_by_severity)[index < 5 ? index : 0];
      if (!mapped) {
        ++ignored;
        continue;
      }
      level = *mapped;
    }
    // A scanner may list one update twice (once per product it patches); it is one violation.
    if (!reported.insert(id).second) continue;
    violated = true;
    if (ConditionResult* c = out.judged(id, level)) {
      describe_update(*c, id, record, {});
      distribute_if_allowed(ctx.plan, id, distribute);
    }
  }
  if (violated) return;
  if (ConditionResult* c = out.judged("latest", Level::safe)) {
    add(*c, "missing", "0");
    add(*c, "checked", std::to_string(updates.items.size()));
    add(*c, "ignored", std::to_string(ignored));
  }
}

// Whether a mandatory row's OS and product scope covers the client; `what` names absent data.
Scope row_scope(const RequiredUpdate& row, const Context& ctx, std::string_view& what) {
  const Snapshot& snapshot = ctx.snapshot;
  Scope result = Scope::yes;
  if (row.os) {
    Scope os = os_scope_matches(*row.os, snapshot.os);
    if (os == Scope::no) return Scope::no;
    if (os == Scope::missing) {
      result = Scope::missing;
      what = "os";
    }
  }
  if (row.product) {
    if (!snapshot.software) {
      if (result == Scope::yes) what = "software";
      return Scope::missing;
    }
    bool found = false;
    for (std::uint32_t i : ctx.programs().of(row.product_pattern))
      if (version_satisfies(row.product_version, (*snapshot.software)[i])) {
        found = true;
        break;
      }
    if (!found) return Scope::no;
  }
  return result;
}

// What a client's scan says about one required update: the first installed record that satisfies
// it (the update itself or a superseder) and the first record reporting the update missing.
struct ScanFacts {
  const UpdateRecord* installed = nullptr;
  const UpdateRecord* missing = nullptr;
};

// One pass over the records, each looked up in the plan's sorted acceptor index (after a filter
// that turns away almost every record no row concerns), so that a large scan against a long
// mandatory list stays O(records × log ids). `facts` gets one entry per required update, as the
// result has one condition per required update.
void scan_facts(const Plan::Impl& plan, const UpdateSection& updates,
                std::vector<ScanFacts>& facts) {
  facts.assign(plan.required_updates.size(), ScanFacts{});
  auto before = [](const Plan::Impl::Acceptor& a, std::string_view id) { return a.id < id; };
  for (const auto& record : updates.items) {
    if (!plan.acceptor_ids.may_contain_raw(record.id)) continue;
    std::string_view id = update_id_view(record.id);
    if (!plan.acceptor_ids.may_contain(id)) continue;
    auto it = std::lower_bound(plan.acceptors.begin(), plan.acceptors.end(), id, before);
    for (; it != plan.acceptors.end() && it->id == id; ++it) {
      ScanFacts& f = facts[it->row];
      if (record.state == UpdateState::installed) {
        if (!f.installed) f.installed = &record;
      } else if (!f.missing && plan.required_updates[it->row].id == id) {
        f.missing = &record;
      }
    }
  }
}

// One required update's condition; returns it (null when only folding).
ConditionResult* judge_row(const SecurityUpdatesPolicy& p, const RequiredUpdate& row,
                           const ScanFacts& facts, const Context& ctx, Conditions& out) {
  std::string_view what;
  Scope scope = row_scope(row, ctx, what);
  if (scope == Scope::no) {
    ConditionResult* c = out.judged(row.id, Level::safe);
    if (c) add(*c, "applicable", "no");
    return c;
  }
  if (scope == Scope::missing) return out.missing(row.id, p.when_missing, row.level, what);
  if (facts.installed) {
    ConditionResult* c = out.judged(row.id, Level::safe);
    if (c) add(*c, "installed", std::string(update_id_view(facts.installed->id)));
    return c;
  }
  if (facts.missing) {
    ConditionResult* c = out.judged(row.id, row.level);
    if (c) describe_update(*c, row.id, *facts.missing, row.bulletin);
    return c;
  }
  if (ctx.snapshot.updates->complete) {
    // A complete scan lists every applicable update; one it does not list does not apply.
    ConditionResult* c = out.judged(row.id, Level::safe);
    if (c) {
      add(*c, "applicable", "no");
      add(*c, "reported", "no");
    }
    return c;
  }
  ConditionResult* c = out.missing(row.id, p.when_missing, row.level,
                                   out.evidence() ? "updates." + row.id : std::string());
  if (c) {
    add(*c, "reported", "no");
    add(*c, "scan", "incomplete");
  }
  return c;
}

std::string required_text(const ServicePackRule& rule) {
  std::string out(service_pack_number(rule.service_pack));
  out += rule.condition == ServicePackCondition::exact ? " exactly" : " or later";
  return out;
}

// Whether describe(program) is not empty (see software.cpp).
bool describable(const Program& program) noexcept {
  return !program.name.empty() || (program.version && !program.version->empty());
}

void judge_product_service_pack(const ServicePackRule& rule, std::uint32_t pattern,
                                std::string_view name, Level level, WhenMissing when_missing,
                                const Context& ctx, Conditions& out) {
  const Snapshot& snapshot = ctx.snapshot;
  if (!snapshot.software) {
    out.missing(name, when_missing, level, "software");
    return;
  }
  std::string installed, offending, unreadable;
  bool any_installed = false, any_offending = false, any_unreadable = false;
  for (std::uint32_t i : ctx.programs().of(pattern)) {
    const Program& prog = (*snapshot.software)[i];
    if (!version_satisfies(rule.product_version, prog)) continue;
    if (!prog.service_pack) {
      if (out.evidence())
        join(unreadable, describe(prog));
      else
        any_unreadable = any_unreadable || describable(prog);
      continue;
    }
    const bool bad = !service_pack_satisfies(*prog.service_pack, rule.service_pack,
                                             rule.condition);
    any_installed = true;
    any_offending = any_offending || bad;
    if (out.evidence()) {
      std::string found =
          describe(prog) + " SP" + std::string(service_pack_number(*prog.service_pack));
      if (bad) join(offending, found);
      join(installed, found);
    }
  }
  if (out.evidence()) any_unreadable = !unreadable.empty();
  ConditionResult* c;
  if (any_offending) {
    c = out.judged(name, level);
    if (c) add(*c, "installed", std::move(offending));
  } else if (any_unreadable) {
    c = out.missing(name, when_missing, level, "software.service_pack");
    if (c) add(*c, "unreadable", std::move(unreadable));
  } else if (!any_installed) {
    c = out.judged(name, Level::safe);
    if (c) add(*c, "applicable", "no");
    return;
  } else {
    c = out.judged(name, Level::safe);
    if (c) add(*c, "installed", std::move(installed));
  }
  if (c) add(*c, "required", required_text(rule));
}

void judge_os_service_pack(const ServicePackRule& rule, std::string_view name, Level level,
                           WhenMissing when_missing, const Snapshot& snapshot, Conditions& out) {
  const auto& os = *snapshot.os;
  if (!os.service_pack) {
    out.missing(name, when_missing, level, "os.service_pack");
    return;
  }
  bool ok = service_pack_satisfies(*os.service_pack, rule.service_pack, rule.condition);
  if (ConditionResult* c = out.judged(name, ok ? Level::safe : level)) {
    add(*c, "service_pack", std::string(service_pack_number(*os.service_pack)));
    add(*c, "required", required_text(rule));
  }
}

void judge_service_packs(const SecurityUpdatesPolicy& p, const Context& ctx, Conditions& out) {
  for (std::size_t r = 0; r < p.service_packs.size(); ++r) {
    const ServicePackRule& rule = p.service_packs[r];
    std::string name;
    if (out.evidence()) name = "sp:" + (rule.product ? rule.product->text() : rule.os->name.text());
    Level level = rule.level.value_or(p.level);
    if (rule.os) {
      Scope os = os_scope_matches(*rule.os, ctx.snapshot.os);
      if (os == Scope::no) {
        if (ConditionResult* c = out.judged(name, Level::safe)) add(*c, "applicable", "no");
        continue;
      }
      if (os == Scope::missing) {
        out.missing(name, p.when_missing, level, "os");
        continue;
      }
    }
    if (rule.product)
      judge_product_service_pack(rule, ctx.plan.service_pack_pattern[r], name, level,
                                 p.when_missing, ctx, out);
    else
      judge_os_service_pack(rule, name, level, p.when_missing, ctx.snapshot, out);
  }
}

}  // namespace

void judge_security_updates(const SecurityUpdatesPolicy& p, const Context& ctx, Conditions& out,
                            std::vector<std::string>& distribute) {
  if (!ctx.snapshot.updates) {
    // Without a scan every requirement follows when_missing; service packs are read from the OS
    // and software sections, so they are still judged.
    if (p.mode == UpdateMode::latest)
      out.missing("latest", p.when_missing, p.level, "updates");
    else
      for (const auto& row : ctx.plan.required_updates)
        distribute_violated(out.missing(row.id, p.when_missing, row.level, "updates"), ctx,
                            distribute);
  } else if (p.mode == UpdateMode::latest) {
    judge_latest(p, ctx, out, distribute);
  } else {
    const auto& rows = ctx.plan.required_updates;
    // Reused by the calls on one thread: a scan is judged without allocating.
    static thread_local std::vector<ScanFacts> facts;
    scan_facts(ctx.plan, *ctx.snapshot.updates, facts);
    out.reserve(rows.size() + p.service_packs.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      distribute_violated(judge_row(p, rows[i], facts[i], ctx, out), ctx, distribute);
  }
  judge_service_packs(p, ctx, out);
}

}  // namespace posture::eval
