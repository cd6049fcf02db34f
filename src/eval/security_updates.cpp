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

void judge_latest(const SecurityUpdatesPolicy& p, const Context& ctx, ItemResult& item,
                  std::vector<std::string>& distribute) {
  const auto& updates = *ctx.snapshot.updates;
  std::size_t ignored = 0;
  bool violated = false;
  std::unordered_set<std::string_view> reported;  // views into the snapshot's records
  for (const auto& record : updates.items) {
    if (record.state != UpdateState::missing) continue;
    std::string_view id = update_id_view(record.id);
    if (contains_update(ctx.plan.excluded_updates, id)) {
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
    ConditionResult c = judged(std::string(id), level);
    describe_update(c, id, record, {});
    item.conditions.push_back(std::move(c));
    distribute_if_allowed(ctx.plan, id, distribute);
  }
  if (violated) return;
  ConditionResult c = judged("latest", Level::safe);
  add(c, "missing", "0");
  add(c, "checked", std::to_string(updates.items.size()));
  add(c, "ignored", std::to_string(ignored));
  item.conditions.push_back(std::move(c));
}

// Whether a mandatory row's OS and product scope covers the client; `what` names absent data.
Scope row_scope(const RequiredUpdate& row, const Snapshot& snapshot, std::string_view& what) {
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
    bool found = std::any_of(snapshot.software->begin(), snapshot.software->end(),
                             [&](const Program& prog) {
                               return program_matches(*row.product, row.product_version, prog);
                             });
    if (!found) return Scope::no;
  }
  return result;
}

// Appends a row's condition; a violated row's update goes to the distribution list, whether it was
// reported missing or its absence is judged at a level by when_missing.
void push_row(ConditionResult c, const Context& ctx, ItemResult& item,
              std::vector<std::string>& distribute) {
  if (c.status == Status::judged && c.level && *c.level != Level::safe)
    distribute_if_allowed(ctx.plan, c.name, distribute);
  item.conditions.push_back(std::move(c));
}

// What a client's scan says about one required update: the first installed record that satisfies
// it (the update itself or a superseder) and the first record reporting the update missing.
struct ScanFacts {
  const UpdateRecord* installed = nullptr;
  const UpdateRecord* missing = nullptr;
};

// One pass over the records, each looked up in the plan's sorted acceptor index, so that a large
// scan against a long mandatory list stays O(records × log ids). The vector has one entry per
// required update, as the result has one condition per required update.
std::vector<ScanFacts> scan_facts(const Plan::Impl& plan, const UpdateSection& updates) {
  std::vector<ScanFacts> facts(plan.required_updates.size());
  auto before = [](const Plan::Impl::Acceptor& a, std::string_view id) { return a.id < id; };
  for (const auto& record : updates.items) {
    std::string_view id = update_id_view(record.id);
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
  return facts;
}

ConditionResult judge_row(const SecurityUpdatesPolicy& p, const RequiredUpdate& row,
                          const ScanFacts& facts, const Context& ctx) {
  std::string_view what;
  Scope scope = row_scope(row, ctx.snapshot, what);
  if (scope == Scope::no) {
    ConditionResult c = judged(row.id, Level::safe);
    add(c, "applicable", "no");
    return c;
  }
  if (scope == Scope::missing) return missing(row.id, p.when_missing, row.level, what);
  if (facts.installed) {
    ConditionResult c = judged(row.id, Level::safe);
    add(c, "installed", std::string(update_id_view(facts.installed->id)));
    return c;
  }
  if (facts.missing) {
    ConditionResult c = judged(row.id, row.level);
    describe_update(c, row.id, *facts.missing, row.bulletin);
    return c;
  }
  if (ctx.snapshot.updates->complete) {
    // A complete scan lists every applicable update; one it does not list does not apply.
    ConditionResult c = judged(row.id, Level::safe);
    add(c, "applicable", "no");
    add(c, "reported", "no");
    return c;
  }
  ConditionResult c = missing(row.id, p.when_missing, row.level, "updates." + row.id);
  add(c, "reported", "no");
  add(c, "scan", "incomplete");
  return c;
}

std::string required_text(const ServicePackRule& rule) {
  std::string out(service_pack_number(rule.service_pack));
  out += rule.condition == ServicePackCondition::exact ? " exactly" : " or later";
  return out;
}

ConditionResult judge_product_service_pack(const ServicePackRule& rule, std::string name,
                                           Level level, WhenMissing when_missing,
                                           const Snapshot& snapshot) {
  if (!snapshot.software) return missing(std::move(name), when_missing, level, "software");
  std::string installed, offending, unreadable;
  for (const auto& prog : *snapshot.software) {
    if (!program_matches(*rule.product, rule.product_version, prog)) continue;
    if (!prog.service_pack) {
      join(unreadable, describe(prog));
      continue;
    }
    std::string found = describe(prog) + " SP" + std::string(service_pack_number(*prog.service_pack));
    if (!service_pack_satisfies(*prog.service_pack, rule.service_pack, rule.condition))
      join(offending, found);
    join(installed, found);
  }
  ConditionResult c;
  if (!offending.empty()) {
    c = judged(std::move(name), level);
    add(c, "installed", std::move(offending));
  } else if (!unreadable.empty()) {
    c = missing(std::move(name), when_missing, level, "software.service_pack");
    add(c, "unreadable", std::move(unreadable));
  } else if (installed.empty()) {
    c = judged(std::move(name), Level::safe);
    add(c, "applicable", "no");
    return c;
  } else {
    c = judged(std::move(name), Level::safe);
    add(c, "installed", std::move(installed));
  }
  add(c, "required", required_text(rule));
  return c;
}

ConditionResult judge_os_service_pack(const ServicePackRule& rule, std::string name, Level level,
                                      WhenMissing when_missing, const Snapshot& snapshot) {
  const auto& os = *snapshot.os;
  if (!os.service_pack) return missing(std::move(name), when_missing, level, "os.service_pack");
  bool ok = service_pack_satisfies(*os.service_pack, rule.service_pack, rule.condition);
  ConditionResult c = judged(std::move(name), ok ? Level::safe : level);
  add(c, "service_pack", std::string(service_pack_number(*os.service_pack)));
  add(c, "required", required_text(rule));
  return c;
}

void judge_service_packs(const SecurityUpdatesPolicy& p, const Context& ctx, ItemResult& item) {
  for (const auto& rule : p.service_packs) {
    std::string name = "sp:" + (rule.product ? rule.product->text() : rule.os->name.text());
    Level level = rule.level.value_or(p.level);
    if (rule.os) {
      Scope os = os_scope_matches(*rule.os, ctx.snapshot.os);
      if (os == Scope::no) {
        ConditionResult c = judged(std::move(name), Level::safe);
        add(c, "applicable", "no");
        item.conditions.push_back(std::move(c));
        continue;
      }
      if (os == Scope::missing) {
        item.conditions.push_back(missing(std::move(name), p.when_missing, level, "os"));
        continue;
      }
    }
    item.conditions.push_back(
        rule.product
            ? judge_product_service_pack(rule, std::move(name), level, p.when_missing, ctx.snapshot)
            : judge_os_service_pack(rule, std::move(name), level, p.when_missing, ctx.snapshot));
  }
}

}  // namespace

ItemResult judge_security_updates(const SecurityUpdatesPolicy& p, const Context& ctx,
                                  std::vector<std::string>& distribute) {
  ItemResult item;
  item.category = Category::security_updates;
  if (!ctx.snapshot.updates) {
    // Without a scan every requirement follows when_missing; service packs are read from the OS
    // and software sections, so they are still judged.
    if (p.mode == UpdateMode::latest)
      item.conditions.push_back(missing("latest", p.when_missing, p.level, "updates"));
    else
      for (const auto& row : ctx.plan.required_updates)
        push_row(missing(row.id, p.when_missing, row.level, "updates"), ctx, item, distribute);
  } else if (p.mode == UpdateMode::latest) {
    judge_latest(p, ctx, item, distribute);
  } else {
    const auto& rows = ctx.plan.required_updates;
    std::vector<ScanFacts> facts = scan_facts(ctx.plan, *ctx.snapshot.updates);
    for (std::size_t i = 0; i < rows.size(); ++i)
      push_row(judge_row(p, rows[i], facts[i], ctx), ctx, item, distribute);
  }
  judge_service_packs(p, ctx, item);
  settle(item);
  return item;
}

}  // namespace posture::eval
