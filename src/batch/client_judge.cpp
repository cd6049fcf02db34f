#include "batch/client_judge.hpp"

#include <algorithm>

#include "batch/client_row.hpp"
#include "posture/expr.hpp"

namespace posture::batch {
namespace {

using eval::Check;
using eval::Scope;

Level level_of_code(std::uint8_t hundreds) noexcept {
  return static_cast<Level>(static_cast<std::uint16_t>(hundreds) * 100);
}

// A flag of a settings group (pc_security.cpp flag()): absent group or value is missing data.
Check flag(std::uint32_t flags, Presence group, std::uint8_t value, bool risky) noexcept {
  if (!(flags & group) || value == tri_absent) return Check::unknown;
  return (value == tri_true) == risky ? Check::risk : Check::ok;
}

// A number of a settings group against a bound (pc_security.cpp bounded()).
Check bounded(std::uint32_t flags, Presence group, Presence present, std::int64_t value,
              std::int64_t bound, bool risk_below) noexcept {
  if (!(flags & group) || !(flags & present)) return Check::unknown;
  return (risk_below ? value < bound : value > bound) ? Check::risk : Check::ok;
}

void fold_check(ItemFold& fold, Check outcome, const SecurityCheck& check) noexcept {
  if (outcome == Check::unknown)
    fold.missing(check.when_missing, check.level);
  else
    fold.judged(outcome == Check::risk ? check.level : Level::safe);
}

}  // namespace

ClientJudge::ClientJudge(const Fleet::Impl& fleet, const PlanTables& tables,
                         Timestamp reference_time)
    : f_(fleet), d_(*fleet.dict), t_(tables), plan_(tables.plan()),
      reference_time_(reference_time), programs_(tables.program_words),
      installed_(tables.row_words), missing_(tables.row_words) {}

void settle_client(ClientVerdict& v) noexcept {
  // aggregate() and evaluation_points() (model/judgment.cpp) over item verdicts: the worst judged
  // level; judged, else unknown, else no_item; points = floor(100 × Π quarters / 4) exactly.
  bool any_judged = false, any_unknown = false;
  std::uint16_t level = 0;
  std::int64_t num = 1, den = 1;
  for (const ItemVerdict& item : v.items) {
    if (!item.configured) continue;
    if (item.status == Status::judged && item.level) {
      any_judged = true;
      level = std::max(level, item.level);
      num *= 5 - item.level / 100;  // Safe 4, Caution 3, Warning 2, Danger 1
      den *= 4;
    } else if (item.status == Status::unknown) {
      any_unknown = true;
    }
  }
  v.level = level;
  v.status = any_judged ? Status::judged : (any_unknown ? Status::unknown : Status::no_item);
  v.points = any_judged ? static_cast<std::int8_t>(100 * num / den) : std::int8_t{-1};
}

namespace {

// The OR of the answer masks of `n` program records, `Words` words each: one load of a record's
// class and, for each word, one load from the small class table; no branches.
template <std::size_t Words>
void or_classes(const Id* ids, std::uint32_t n, const std::uint32_t* classes,
                const std::uint64_t* bits, std::uint64_t* out) noexcept {
  std::uint64_t acc[Words] = {};
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t* m = bits + std::size_t{classes[ids[i]]} * Words;
    for (std::size_t w = 0; w < Words; ++w) acc[w] |= m[w];
  }
  for (std::size_t w = 0; w < Words; ++w) out[w] = acc[w];
}

}  // namespace

void ClientJudge::accumulate_programs(std::size_t c) {
  std::fill(programs_.begin(), programs_.end(), 0);
  if (!(f_.flags[c] & has_software) || t_.predicates.empty()) return;
  const Id* ids = f_.software.ids(c);
  const std::uint32_t n = f_.software.count(c);
  const std::uint32_t* classes = t_.program_class.data();
  const std::uint64_t* bits = t_.class_bits.data();
  switch (t_.program_words) {
    case 1: or_classes<1>(ids, n, classes, bits, programs_.data()); return;
    case 2: or_classes<2>(ids, n, classes, bits, programs_.data()); return;
    case 3: or_classes<3>(ids, n, classes, bits, programs_.data()); return;
    case 4: or_classes<4>(ids, n, classes, bits, programs_.data()); return;
    default: break;
  }
  const std::size_t words = t_.program_words;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t* m = bits + std::size_t{classes[ids[i]]} * words;
    for (std::size_t w = 0; w < words; ++w) programs_[w] |= m[w];
  }
}

void ClientJudge::accumulate_updates(std::size_t c) {
  const Id* ids = f_.updates.ids(c);
  const std::uint32_t n = f_.updates.count(c);
  if (plan_.policy.security_updates->mode == UpdateMode::latest) {
    std::uint8_t worst = 0;
    for (std::uint32_t i = 0; i < n; ++i) worst = std::max(worst, t_.latest_level[ids[i]]);
    latest_ = worst;
    return;
  }
  const std::size_t words = t_.row_words;
  const std::uint64_t* rows = t_.update_rows.data();
  if (words == 1) {
    // At most 64 required updates: two branch-free ORs per record.
    std::uint64_t installed = 0, missing = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      installed |= rows[2 * std::size_t{ids[i]}];
      missing |= rows[2 * std::size_t{ids[i]} + 1];
    }
    installed_[0] = installed;
    missing_[0] = missing;
    return;
  }
  std::fill(installed_.begin(), installed_.end(), 0);
  std::fill(missing_.begin(), missing_.end(), 0);
  const std::uint8_t* any = t_.update_any.data();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!any[ids[i]]) continue;
    const std::uint64_t* r = rows + std::size_t{ids[i]} * 2 * words;
    for (std::size_t w = 0; w < words; ++w) {
      installed_[w] |= r[w];
      missing_[w] |= r[words + w];
    }
  }
}

// The required updates of specified mode (security_updates.cpp judge_row, row_scope) as masks:
// the OS scope first, then the product scope; in scope, an installed acceptable record satisfies
// the row, a record reporting it missing violates it, and an unreported row is Safe after a
// complete scan and missing data otherwise.
void ClientJudge::rows_masks(ItemFold& fold, WhenMissing rule, bool complete) {
  const std::size_t words = t_.row_words;
  std::uint64_t* found = scratch(0, words);
  std::uint64_t* violated = scratch(1, words);
  std::uint64_t* safe = scratch(2, words);
  std::uint64_t* missing = scratch(3, words);
  // The product answers are numbered by the rows that have a product scope; spread them out.
  std::fill(found, found + words, 0);
  for (std::uint32_t k = 0; k < t_.product_rows_list.size(); ++k)
    if (program_has(t_.product_run.first + k)) {
      const std::uint32_t row = t_.product_rows_list[k];
      found[row / 64] |= std::uint64_t{1} << (row % 64);
    }
  const std::uint64_t* os_no = &t_.row_scopes.masks[os_row_ * 2 * words];
  const std::uint64_t* os_undecided = os_no + words;
  for (std::size_t w = 0; w < words; ++w) {
    const std::uint64_t all = t_.row_levels.all[w], product = t_.product_rows[w];
    const std::uint64_t no = os_no[w] | (software_ ? product & ~found[w] : 0);
    const std::uint64_t undecided = ~no & (os_undecided[w] | (software_ ? 0 : product)) & all;
    const std::uint64_t in_scope = all & ~no & ~undecided;
    const std::uint64_t installed = in_scope & installed_[w];
    const std::uint64_t reported = in_scope & ~installed_[w] & missing_[w];
    const std::uint64_t unreported = in_scope & ~installed_[w] & ~missing_[w];
    violated[w] = reported;
    safe[w] = no | installed | (complete ? unreported : 0);
    missing[w] = undecided | (complete ? 0 : unreported);
  }
  fold.masks(violated, safe, missing, words, rule, t_.row_levels);
}

ItemVerdict ClientJudge::security_updates(std::size_t c, const SecurityUpdatesPolicy& p) {
  const std::uint32_t flags = f_.flags[c];
  ItemFold fold;
  if (!(flags & has_updates)) {
    if (p.mode == UpdateMode::latest) {
      fold.missing(p.when_missing, p.level);
    } else {
      const std::size_t words = t_.row_words;
      fold.masks(zeros(words), zeros(words), t_.row_levels.all.data(), words, p.when_missing,
                 t_.row_levels);
    }
  } else if (p.mode == UpdateMode::latest) {
    accumulate_updates(c);
    fold.judged(latest_ ? level_of_code(latest_) : Level::safe);
  } else {
    accumulate_updates(c);
    rows_masks(fold, p.when_missing, (flags & has_updates_complete) != 0);
  }
  for (std::size_t k = 0; k < p.service_packs.size(); ++k) {
    const ServicePackRule& rule = p.service_packs[k];
    const Level level = rule.level.value_or(p.level);
    if (rule.os) {
      auto s = static_cast<Scope>(t_.sp_scope[os_row_ * p.service_packs.size() + k]);
      if (s == Scope::no) {
        fold.judged(Level::safe);
        continue;
      }
      if (s == Scope::missing) {
        fold.missing(p.when_missing, level);
        continue;
      }
    }
    if (rule.product) {
      if (!(flags & has_software))
        fold.missing(p.when_missing, level);
      else if (program_has(t_.sp_offending_run.first + t_.sp_bit[k]))
        fold.judged(level);
      else if (program_has(t_.sp_unreadable_run.first + t_.sp_bit[k]))
        fold.missing(p.when_missing, level);
      else
        fold.judged(Level::safe);
    } else {
      auto sp = static_cast<OsServicePack>(
          t_.os_service_pack[os_row_ * p.service_packs.size() + k]);
      if (sp == OsServicePack::absent)
        fold.missing(p.when_missing, level);
      else
        fold.judged(sp == OsServicePack::ok ? Level::safe : level);
    }
  }
  return fold.verdict();
}

ItemVerdict ClientJudge::antivirus(std::size_t c, const AntivirusPolicy& p) {
  if (!(f_.flags[c] & has_antivirus)) {
    // Without the section the rows' missing-data conditions combine as worst, "best" choosing
    // among installed products only (judge_antivirus).
    ItemFold absent;
    for (const auto& row : p.products) absent.missing(p.when_missing, row.level);
    // With no rows the only condition that data could decide is not_installed.
    if (p.products.empty()) absent.missing(p.when_missing, p.not_installed_level);
    return absent.verdict();
  }
  ItemFold fold(p.multiple_products == MultipleProducts::best);
  bool any_listed = false;
  const Id* ids = f_.antivirus.ids(c);
  const std::int32_t* dates = f_.antivirus.dates(c);
  for (std::uint32_t i = 0; i < f_.antivirus.count(c); ++i) {
    const std::int32_t row_index = t_.antivirus_row[ids[i]];
    if (row_index < 0) continue;  // not in the policy: shown, not judged
    any_listed = true;
    const AntivirusRow& row = p.products[static_cast<std::size_t>(row_index)];
    bool risk = t_.antivirus_static_risk[ids[i]] != 0;
    if (!risk && row.max_definition_age_days && dates[i] != no_date)
      risk = eval::older_than(eval::age_in_days(Date{dates[i]}, reference_time_),
                              *row.max_definition_age_days);
    fold.judged(risk ? row.level : Level::safe);
  }
  if (!any_listed) fold.judged(p.not_installed_level);
  return fold.verdict();
}

// Prohibited entries and mandatory groups (software.cpp): with no software section every
// condition is missing data; otherwise out of scope is Safe, undecided scope is missing data, and
// in scope the condition is violated by a matching program (prohibited) or by none (mandatory).
ItemVerdict ClientJudge::software_masks(const BitRun& run, const ScopeMasks& scopes,
                                        const LevelMasks& levels, WhenMissing rule,
                                        bool violated_when_matched) {
  const std::size_t words = run.words();
  std::uint64_t* matched = scratch(0, words);
  std::uint64_t* violated = scratch(1, words);
  std::uint64_t* safe = scratch(2, words);
  std::uint64_t* missing = scratch(3, words);
  ItemFold fold;
  if (!software_) {
    fold.masks(zeros(words), zeros(words), levels.all.data(), words, rule, levels);
    return fold.verdict();
  }
  extract(programs_.data(), programs_.size(), run, matched);
  const std::uint64_t* no = &scopes.masks[os_row_ * 2 * scopes.words];
  const std::uint64_t* undecided = no + scopes.words;
  for (std::size_t w = 0; w < words; ++w) {
    const std::uint64_t in_scope = levels.all[w] & ~no[w] & ~undecided[w];
    const std::uint64_t hit = violated_when_matched ? matched[w] : ~matched[w];
    violated[w] = in_scope & hit;
    safe[w] = no[w] | (in_scope & ~hit);
    missing[w] = undecided[w];
  }
  fold.masks(violated, safe, missing, words, rule, levels);
  return fold.verdict();
}

ItemVerdict ClientJudge::prohibited_software(std::size_t, const ProhibitedSoftwarePolicy& p) {
  return software_masks(t_.prohibited_run, t_.prohibited_scopes, t_.prohibited_levels,
                        p.when_missing, true);
}

ItemVerdict ClientJudge::mandatory_software(std::size_t, const MandatorySoftwarePolicy& p) {
  return software_masks(t_.group_run, t_.group_scopes, t_.group_levels, p.when_missing, false);
}

Check ClientJudge::password_accounts(std::size_t c, const SecurityCheck& check) {
  const std::uint32_t flags = f_.flags[c];
  if (!(flags & has_passwords) || !(flags & has_password_accounts)) return Check::unknown;
  const Id* ids = f_.password_accounts.ids(c);
  const std::int32_t* dates = f_.password_accounts.dates(c);
  for (std::uint32_t i = 0; i < f_.password_accounts.count(c); ++i) {
    if (t_.account_excluded[ids[i]]) continue;
    const AccountRecord& a = d_.accounts[ids[i]];
    bool risk = false;
    switch (check.check) {
      case CheckId::passwords_blank: risk = a.blank == tri_true; break;
      case CheckId::passwords_never_expires: risk = a.never_expires == tri_true; break;
      default:
        risk = dates[i] != no_date &&
               eval::older_than(eval::age_in_days(Date{dates[i]}, reference_time_),
                                *check.max_age_days);
        break;
    }
    if (risk) return Check::risk;
  }
  return Check::ok;
}

Check ClientJudge::required_services(std::size_t c, const ListedNames& names) {
  // Per listed name: running somewhere, present at all, present with an unreadable state.
  listed_.assign(3 * names.words, 0);
  std::uint64_t* running = listed_.data();
  std::uint64_t* present = running + names.words;
  std::uint64_t* unread = present + names.words;
  const Id* ids = f_.services.ids(c);
  for (std::uint32_t i = 0; i < f_.services.count(c); ++i) {
    const std::uint64_t* bits = &names.bits[std::size_t{ids[i]} * names.words];
    const std::uint32_t state = d_.services[ids[i]].flag;
    for (std::size_t w = 0; w < names.words; ++w) {
      present[w] |= bits[w];
      if (state == tri_absent) unread[w] |= bits[w];
      if (state == tri_true) running[w] |= bits[w];
    }
  }
  for (std::size_t k = 0; k < names.count; ++k) {
    const std::uint64_t bit = std::uint64_t{1} << (k % 64);
    const std::size_t w = k / 64;
    if (running[w] & bit) continue;
    if (!(present[w] & bit) || !(unread[w] & bit)) return Check::risk;
  }
  return Check::ok;
}

Check ClientJudge::firewall(std::size_t c, const SecurityCheck& check, std::size_t index) {
  if (!(f_.flags[c] & has_firewall)) return Check::unknown;
  const Id* ids = f_.firewall.ids(c);
  const std::uint32_t n = f_.firewall.count(c);
  bool off = false, unreported = false;
  if (check.profiles.empty()) {
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint32_t state = d_.firewall[ids[i]].flag;
      if (state == tri_absent)
        unreported = true;
      else if (state == tri_false)
        off = true;
    }
  } else {
    // Each listed profile takes the state of the first reported profile of its name.
    const ListedNames& names = t_.firewall_names[t_.check_names[index]];
    for (std::size_t k = 0; k < names.count; ++k) {
      std::uint32_t state = tri_absent;
      for (std::uint32_t i = 0; i < n; ++i)
        if ((names.bits[std::size_t{ids[i]} * names.words + k / 64] >> (k % 64)) & 1u) {
          state = d_.firewall[ids[i]].flag;
          break;
        }
      if (state == tri_absent)
        unreported = true;
      else if (state == tri_false)
        off = true;
    }
  }
  if (off) return Check::risk;
  if (n == 0 || unreported) return Check::unknown;
  return Check::ok;
}

Check ClientJudge::check(std::size_t c, std::size_t index, const SecurityCheck& check) {
  const std::uint32_t flags = f_.flags[c];
  switch (check.check) {
    case CheckId::accounts_guest_enabled:
      return flag(flags, has_accounts, f_.guest_enabled[c], true);
    case CheckId::accounts_admin_not_renamed:
      return flag(flags, has_accounts, f_.admin_renamed[c], false);
    case CheckId::passwords_blank:
    case CheckId::passwords_never_expires:
    case CheckId::passwords_max_age_days: return password_accounts(c, check);
    case CheckId::passwords_min_length:
      return bounded(flags, has_passwords, has_password_min_length, f_.password_min_length[c],
                     *check.min_length, true);
    case CheckId::passwords_complexity:
      return flag(flags, has_passwords, f_.password_complexity[c], false);
    case CheckId::logon_auto_logon: return flag(flags, has_logon, f_.auto_logon[c], true);
    case CheckId::logon_show_last_user: return flag(flags, has_logon, f_.show_last_user[c], true);
    case CheckId::shares_non_admin:
    case CheckId::shares_everyone_write: {
      if (!(flags & has_shares)) return Check::unknown;
      const Id* ids = f_.shares.ids(c);
      for (std::uint32_t i = 0; i < f_.shares.count(c); ++i) {
        bool risk = check.check == CheckId::shares_non_admin
                        ? !t_.share_administrative[ids[i]]
                        : d_.shares[ids[i]].flag == tri_true;
        if (risk) return Check::risk;
      }
      return Check::ok;
    }
    case CheckId::anonymous_restrict:
      return bounded(flags, has_anonymous, has_anonymous_restrict, f_.anonymous_restrict[c],
                     check.min_restrict.value_or(1), true);
    case CheckId::services_prohibited: {
      if (!(flags & has_services)) return Check::unknown;
      const ListedNames& names = t_.service_names[t_.check_names[index]];
      const Id* ids = f_.services.ids(c);
      for (std::uint32_t i = 0; i < f_.services.count(c); ++i) {
        if (d_.services[ids[i]].flag != tri_true) continue;
        const std::uint64_t* bits = &names.bits[std::size_t{ids[i]} * names.words];
        if (std::any_of(bits, bits + names.words, [](std::uint64_t w) { return w != 0; }))
          return Check::risk;
      }
      return Check::ok;
    }
    case CheckId::services_required:
      if (!(flags & has_services)) return Check::unknown;
      return required_services(c, t_.service_names[t_.check_names[index]]);
    case CheckId::firewall_enabled: return firewall(c, check, index);
    case CheckId::automatic_updates_enabled:
      if (!(flags & has_automatic_updates) || f_.update_mode[c] == no_mode) return Check::unknown;
      return eval::update_mode_below(static_cast<AutoUpdateMode>(f_.update_mode[c]),
                                     check.min_mode)
                 ? Check::risk
                 : Check::ok;
    case CheckId::screensaver_enabled:
      return flag(flags, has_screensaver, f_.screensaver_enabled[c], false);
    case CheckId::screensaver_password:
      return flag(flags, has_screensaver, f_.screensaver_password[c], false);
    case CheckId::screensaver_timeout:
      return bounded(flags, has_screensaver, has_screensaver_timeout, f_.screensaver_timeout[c],
                     *check.max_timeout_min, false);
    case CheckId::encryption_system_drive: {
      if (!(flags & has_encryption)) return Check::unknown;
      const Id* ids = f_.drives.ids(c);
      for (std::uint32_t i = 0; i < f_.drives.count(c); ++i) {
        const DriveRecord& drive = d_.drives[ids[i]];
        if (drive.system != tri_true) continue;
        if (drive.encrypted == tri_absent) return Check::unknown;
        return drive.encrypted == tri_false ? Check::risk : Check::ok;
      }
      return Check::unknown;
    }
    case CheckId::encryption_all_fixed: {
      if (!(flags & has_encryption)) return Check::unknown;
      const Id* ids = f_.drives.ids(c);
      const std::uint32_t n = f_.drives.count(c);
      bool unreadable = false;
      for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint8_t encrypted = d_.drives[ids[i]].encrypted;
        if (encrypted == tri_false) return Check::risk;
        unreadable = unreadable || encrypted == tri_absent;
      }
      return n == 0 || unreadable ? Check::unknown : Check::ok;
    }
  }
  return Check::unknown;
}

ItemVerdict ClientJudge::pc_security(std::size_t c, const PcSecurityPolicy& p) {
  ItemFold fold;
  for (std::size_t i = 0; i < p.checks.size(); ++i) fold_check(fold, check(c, i, p.checks[i]), p.checks[i]);
  return fold.verdict();
}

ItemVerdict ClientJudge::user_defined(std::size_t c, const UserDefinedPolicy& p) {
  ItemFold fold;
  unsigned decoded = 0;  // sections of snapshot_ that hold this client
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const UserDefinedItem& item = p.items[i];
    if (!item.enabled) continue;  // a not_target condition: it neither judges nor is unknown
    const unsigned needed = t_.condition_sections[i] & ~decoded;
    if (needed) {
      decode_into(f_, c, needed, snapshot_);
      decoded |= needed;
    }
    switch (expr::evaluate(plan_.conditions[i], snapshot_, reference_time_).truth) {
      case expr::Truth::yes: fold.judged(item.level); break;
      case expr::Truth::no: fold.judged(Level::safe); break;
      case expr::Truth::missing: fold.missing(item.when_missing, item.level); break;
    }
  }
  return fold.verdict();
}

void ClientJudge::judge(std::size_t c, ClientVerdict& out) {
  for (auto& item : out.items) item = ItemVerdict{};
  if (f_.flags[c] & has_managed_false) {
    out.status = Status::not_judged;
    out.level = 0;
    out.points = -1;
    return;
  }
  const JudgmentPolicy& policy = plan_.policy;
  os_row_ = f_.os[c] == no_id ? 0 : std::size_t{f_.os[c]} + 1;
  software_ = (f_.flags[c] & has_software) != 0;
  bool agent_missing = false;
  if (t_.options().require_agent_version) {
    const Id agent = f_.agent_version[c];
    agent_missing = agent == no_id || trim_space(d_.text.key(agent)).empty();
  }
  if (!agent_missing) accumulate_programs(c);

  auto run = [&](Category category, const auto& section, auto&& judge_item) {
    if (!section) return;
    out.items[static_cast<std::size_t>(category)] =
        item_verdict(section->enabled, agent_missing, policy.unknown_level,
                     [&] { return judge_item(*section); });
  };
  run(Category::security_updates, policy.security_updates,
      [&](const auto& p) { return security_updates(c, p); });
  run(Category::antivirus, policy.antivirus, [&](const auto& p) { return antivirus(c, p); });
  run(Category::prohibited_software, policy.prohibited_software,
      [&](const auto& p) { return prohibited_software(c, p); });
  run(Category::mandatory_software, policy.mandatory_software,
      [&](const auto& p) { return mandatory_software(c, p); });
  run(Category::pc_security, policy.pc_security, [&](const auto& p) { return pc_security(c, p); });
  run(Category::user_defined, policy.user_defined,
      [&](const auto& p) { return user_defined(c, p); });
  settle_client(out);
}

}  // namespace posture::batch
