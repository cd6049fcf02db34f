#include "batch/plan_tables.hpp"

#include <algorithm>

#include "batch/client_row.hpp"
#include "expr/program.hpp"
#include "expr/schema.hpp"

namespace posture::batch {
namespace {

std::string text_of(const Interner& in, Id id) { return std::string(in.key(id)); }
std::optional<std::string> optional_text(const Interner& in, Id id) {
  if (id == no_id) return std::nullopt;
  return std::string(in.key(id));
}

void set_bit(std::uint64_t* words, std::size_t bit) noexcept {
  words[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

// The Program a record stands for, as the scalar evaluator would see it.
Program program_of(const Dictionaries& d, const ProgramRecord& r) {
  Program p;
  p.name = std::string(d.program_names.key(r.name));
  if (r.version != no_id) p.version = std::string(d.program_versions.key(r.version));
  p.publisher = text_of(d.text, r.publisher);
  p.service_pack = optional_text(d.text, r.service_pack);
  return p;
}

}  // namespace

void LevelMasks::assign(const std::vector<Level>& levels) {
  const std::size_t words = words_for(levels.size());
  for (auto* m : {&all, &caution, &warning, &danger}) m->assign(words, 0);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    set_bit(all.data(), i);
    switch (levels[i]) {
      case Level::caution: set_bit(caution.data(), i); break;
      case Level::warning: set_bit(warning.data(), i); break;
      case Level::danger: set_bit(danger.data(), i); break;
      case Level::safe: break;  // compile() refuses Safe on a condition
    }
  }
}

void extract(const std::uint64_t* source, std::size_t source_words, const BitRun& run,
             std::uint64_t* out) noexcept {
  const std::size_t words = run.words();
  for (std::size_t w = 0; w < words; ++w) {
    const std::size_t bit = run.first + 64 * w;
    const std::size_t at = bit / 64, shift = bit % 64;
    std::uint64_t v = at < source_words ? source[at] >> shift : 0;
    if (shift && at + 1 < source_words) v |= source[at + 1] << (64 - shift);
    out[w] = v;
  }
  if (run.count % 64) out[words - 1] &= (std::uint64_t{1} << (run.count % 64)) - 1;
  if (run.count == 0) out[0] = 0;
}

namespace {

// The section of the snapshot a field path of the expression language lies in.
unsigned section_of_field(std::string_view path) {
  if (path.starts_with("os.")) return section_os;
  if (path.starts_with("updates.")) return section_updates;
  if (path.starts_with("settings.")) return section_settings;
  static constexpr std::string_view identity[] = {"asset",   "host",          "user",
                                                  "group",   "location",      "agent_version",
                                                  "managed", "collected_at"};
  for (std::string_view field : identity)
    if (path == field) return section_identity;
  return section_all;  // a path this table does not know yet: rebuild everything
}

unsigned section_of_collection(std::string_view name) {
  if (name == "software") return section_software;
  if (name == "updates") return section_updates;
  if (name == "antivirus") return section_antivirus;
  static constexpr std::string_view settings[] = {"services", "shares", "drives", "accounts",
                                                  "firewall"};
  for (std::string_view s : settings)
    if (name == s) return section_settings;
  return section_all;
}

// What a compiled expression can read: the sections of its fields and collections.
unsigned sections_read(const expr::Program& program) {
  unsigned sections = 0;
  const auto fields = expr::snapshot_fields();
  const auto collections = expr::collections();
  const auto& p = program.impl();
  for (const expr::Instr& in : p.code) {
    switch (in.op) {
      case expr::Op::load:
      case expr::Op::exists:
        sections |= in.a < fields.size() ? section_of_field(fields[in.a].path) : section_all;
        break;
      case expr::Op::load_user:
      case expr::Op::exists_user: sections |= section_fields; break;
      case expr::Op::exists_collection:
        sections |= in.a < collections.size() ? section_of_collection(collections[in.a].name)
                                              : section_all;
        break;
      case expr::Op::loop_begin:
        sections |= in.c < p.loops.size() && p.loops[in.c].collection < collections.size()
                        ? section_of_collection(collections[p.loops[in.c].collection].name)
                        : section_all;
        break;
      default: break;
    }
  }
  return sections;
}

}  // namespace

PlanTables::PlanTables(const Plan& plan, const EvalOptions& options)
    : plan_(plan), impl_(&plan_.impl()), options_(options) {
  add_predicates();
  for (const auto& condition : impl_->conditions) condition_sections.push_back(sections_read(condition));
}


void PlanTables::add_predicates() {
  const JudgmentPolicy& policy = impl_->policy;
  std::vector<Level> levels;
  std::vector<const OsScope*> scopes;
  auto scope_of = [](const std::optional<OsScope>& s) { return s ? &*s : nullptr; };
  std::uint32_t bits = 0;
  auto ask = [&](ProgramPredicate p, std::uint32_t bit, std::uint32_t group) {
    predicates.push_back(p);
    predicate_bit_.push_back(bit);
    predicate_group_.push_back(group);
  };

  if (policy.prohibited_software)
    for (const auto& e : policy.prohibited_software->entries) {
      ask({&e.name, &e.version}, bits++, no_index);
      levels.push_back(e.level);
      scopes.push_back(scope_of(e.os));
    }
  prohibited_run = {0, bits};
  prohibited_levels.assign(levels);
  prohibited_scopes.scopes = scopes;

  levels.clear(), scopes.clear();
  if (policy.mandatory_software)
    for (const auto& g : policy.mandatory_software->groups) {
      for (const auto& alternative : g.any_of)
        ask({&alternative.name, &alternative.version}, no_index,
            bits + static_cast<std::uint32_t>(levels.size()));
      levels.push_back(g.level);
      scopes.push_back(scope_of(g.os));
    }
  group_run = {bits, static_cast<std::uint32_t>(levels.size())};
  bits += group_run.count;
  group_levels.assign(levels);
  group_scopes.scopes = scopes;

  levels.clear(), scopes.clear();
  const auto& rows = impl_->required_updates;
  product_rows.assign(words_for(rows.size()), 0);
  product_run.first = bits;
  if (policy.security_updates)
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].product) {
        ask({&*rows[r].product, &rows[r].product_version}, bits++, no_index);
        product_rows_list.push_back(static_cast<std::uint32_t>(r));
        set_bit(product_rows.data(), r);
      }
      levels.push_back(rows[r].level);
      scopes.push_back(scope_of(rows[r].os));
    }
  product_run.count = bits - product_run.first;
  row_levels.assign(levels);
  row_scopes.scopes = scopes;

  const auto* rules = policy.security_updates ? &policy.security_updates->service_packs : nullptr;
  std::uint32_t with_product = 0;
  if (rules)
    for (const auto& rule : *rules) {
      sp_bit.push_back(rule.product ? with_product++ : no_index);
    }
  sp_offending_run = {bits, with_product};
  sp_unreadable_run = {bits + with_product, with_product};
  if (rules)
    for (std::size_t k = 0; k < rules->size(); ++k) {
      const ServicePackRule& rule = (*rules)[k];
      if (!rule.product) continue;
      ask({&*rule.product, &rule.product_version, ProgramTest::service_pack_offending, &rule},
          sp_offending_run.first + sp_bit[k], no_index);
      ask({&*rule.product, &rule.product_version, ProgramTest::service_pack_unreadable, &rule},
          sp_unreadable_run.first + sp_bit[k], no_index);
    }
  bits += 2 * with_product;

  program_words = words_for(bits);
  row_words = words_for(rows.size());
  for (ScopeMasks* m : {&prohibited_scopes, &group_scopes, &row_scopes})
    m->words = words_for(m->scopes.size());
  class_bits.assign(program_words, 0);  // class 0: no answer
  classes_.intern(std::string_view(reinterpret_cast<const char*>(class_bits.data()),
                                   program_words * sizeof(std::uint64_t)));

  if (policy.pc_security) {
    const auto& checks = policy.pc_security->checks;
    check_names.assign(checks.size(), no_index);
    for (std::size_t i = 0; i < checks.size(); ++i) {
      const auto& check = checks[i];
      if (check.check == CheckId::services_prohibited || check.check == CheckId::services_required) {
        check_names[i] = static_cast<std::uint32_t>(service_names.size());
        std::size_t n = impl_->check_services[i].size();
        service_names.push_back({i, n, words_for(n), {}, 0});
      } else if (check.check == CheckId::firewall_enabled && !check.profiles.empty()) {
        check_names[i] = static_cast<std::uint32_t>(firewall_names.size());
        std::size_t n = check.profiles.size();
        firewall_names.push_back({i, n, words_for(n), {}, 0});
      }
    }
  }
}

void PlanTables::reset() {
  name_begin_.assign(1, 0);
  name_predicates_.clear();
  program_class.clear();
  for (ScopeMasks* m : {&prohibited_scopes, &group_scopes, &row_scopes}) m->masks.clear();
  sp_scope.clear();
  os_service_pack.clear();
  latest_level.clear();
  update_rows.clear();
  update_any.clear();
  antivirus_row.clear();
  antivirus_static_risk.clear();
  account_excluded.clear();
  share_administrative.clear();
  for (auto* lists : {&service_names, &firewall_names})
    for (auto& l : *lists) {
      l.bits.clear();
      l.done = 0;
    }
  programs_done_ = os_done_ = updates_done_ = antivirus_done_ = accounts_done_ = shares_done_ = 0;
}

void PlanTables::cover(const std::shared_ptr<Dictionaries>& dict) {
  if (dict_.lock() != dict) {
    reset();
    dict_ = dict;
  }
  const Dictionaries& d = *dict;
  cover_programs(d);
  cover_os(d);
  cover_updates(d);
  cover_antivirus(d);
  cover_settings(d);
}

void PlanTables::cover_programs(const Dictionaries& d) {
  // Name patterns are matched once per distinct name; version constraints and service packs
  // once per distinct program record, and only for the patterns its name matched.
  for (Id n = static_cast<Id>(name_begin_.size() - 1); n < d.program_names.size(); ++n) {
    std::string_view name = d.program_names.key(n);
    for (std::uint32_t p = 0; p < predicates.size(); ++p)
      if (predicates[p].name->matches(name)) name_predicates_.push_back(p);
    name_begin_.push_back(static_cast<std::uint32_t>(name_predicates_.size()));
  }
  const Id total = d.programs.size();
  program_class.resize(total, 0);
  std::vector<std::uint64_t> mask(program_words);
  for (Id e = programs_done_; e < total; ++e) {
    const ProgramRecord& r = d.programs[e];
    if (name_begin_[r.name] == name_begin_[r.name + 1]) continue;
    const Program program = program_of(d, r);
    std::fill(mask.begin(), mask.end(), 0);
    for (std::uint32_t i = name_begin_[r.name]; i < name_begin_[r.name + 1]; ++i) {
      const std::uint32_t k = name_predicates_[i];
      const ProgramPredicate& p = predicates[k];
      if (!eval::program_matches(*p.name, *p.version, program)) continue;
      bool holds = true;
      if (p.test == ProgramTest::service_pack_unreadable)
        holds = !program.service_pack;
      else if (p.test == ProgramTest::service_pack_offending)
        holds = program.service_pack &&
                !eval::service_pack_satisfies(*program.service_pack, p.rule->service_pack,
                                              p.rule->condition);
      if (holds) set_bit(mask.data(), predicate_bit_[k] != no_index ? predicate_bit_[k]
                                                                     : predicate_group_[k]);
    }
    bool added;
    const Id cls = classes_.intern(std::string_view(reinterpret_cast<const char*>(mask.data()),
                                                    program_words * sizeof(std::uint64_t)),
                                   added);
    if (added) class_bits.insert(class_bits.end(), mask.begin(), mask.end());
    program_class[e] = cls;
  }
  programs_done_ = total;
}

void PlanTables::cover_os(const Dictionaries& d) {
  static const std::vector<ServicePackRule> none;
  const auto& rules =
      impl_->policy.security_updates ? impl_->policy.security_updates->service_packs : none;
  const std::size_t rows = d.os.size() + std::size_t{1};
  for (ScopeMasks* m : {&prohibited_scopes, &group_scopes, &row_scopes})
    m->masks.resize(rows * 2 * m->words, 0);
  sp_scope.resize(rows * rules.size());
  os_service_pack.resize(rows * rules.size());
  // Row 0, "no os section", is filled on the first call along with entry 0.
  for (std::size_t row = os_done_ == 0 ? 0 : os_done_ + std::size_t{1}; row < rows; ++row) {
    std::optional<OsInfo> os;
    if (row > 0) {
      const OsRecord& r = d.os[static_cast<Id>(row - 1)];
      os = OsInfo{optional_text(d.text, r.name), optional_text(d.text, r.version),
                  optional_text(d.text, r.service_pack), optional_text(d.text, r.arch)};
    }
    for (ScopeMasks* m : {&prohibited_scopes, &group_scopes, &row_scopes}) {
      std::uint64_t* out = &m->masks[row * 2 * m->words];
      std::fill(out, out + 2 * m->words, 0);
      for (std::size_t i = 0; i < m->scopes.size(); ++i) {
        if (!m->scopes[i]) continue;
        switch (eval::os_scope_matches(*m->scopes[i], os)) {
          case eval::Scope::no: set_bit(out, i); break;
          case eval::Scope::missing: set_bit(out + m->words, i); break;
          case eval::Scope::yes: break;
        }
      }
    }
    for (std::size_t k = 0; k < rules.size(); ++k) {
      sp_scope[row * rules.size() + k] = static_cast<std::uint8_t>(
          rules[k].os ? eval::os_scope_matches(*rules[k].os, os) : eval::Scope::yes);
      OsServicePack outcome = OsServicePack::absent;
      if (os && os->service_pack)
        outcome = eval::service_pack_satisfies(*os->service_pack, rules[k].service_pack,
                                               rules[k].condition)
                      ? OsServicePack::ok
                      : OsServicePack::short_of;
      os_service_pack[row * rules.size() + k] = static_cast<std::uint8_t>(outcome);
    }
  }
  os_done_ = d.os.size();
}

void PlanTables::cover_updates(const Dictionaries& d) {
  const Id total = d.updates.size();
  latest_level.resize(total, 0);
  update_rows.resize(std::size_t{total} * 2 * row_words, 0);
  update_any.resize(total, 0);
  const auto& policy = impl_->policy.security_updates;
  if (!policy) {
    updates_done_ = total;
    return;
  }
  using Acceptor = Plan::Impl::Acceptor;
  for (Id e = updates_done_; e < total; ++e) {
    const UpdateRecordKey& r = d.updates[e];
    const std::string_view id = eval::update_id_view(d.text.key(r.id));
    const auto state = static_cast<UpdateState>(r.state);
    // Latest mode (judge_latest): a missing record that is neither excluded nor unmapped.
    if (state == UpdateState::missing && !eval::contains_update(impl_->excluded_updates, id)) {
      std::optional<Level> level = policy->level;
      if (policy->levels_by_severity) {
        auto index = static_cast<std::size_t>(r.severity);
        level = (*policy->levels_by_severity)[index < 5 ? index : 0];
      }
      if (level) latest_level[e] = static_cast<std::uint8_t>(static_cast<int>(*level) / 100);
    }
    // Specified mode (scan_facts): the rows this record satisfies or reports missing.
    auto it = std::lower_bound(impl_->acceptors.begin(), impl_->acceptors.end(), id,
                               [](const Acceptor& a, std::string_view v) { return a.id < v; });
    for (; it != impl_->acceptors.end() && it->id == id; ++it) {
      std::uint64_t* rows = &update_rows[std::size_t{e} * 2 * row_words];
      if (state == UpdateState::installed) {
        set_bit(rows, it->row);
        update_any[e] = 1;
      } else if (impl_->required_updates[it->row].id == id) {
        set_bit(rows + row_words, it->row);
        update_any[e] = 1;
      }
    }
  }
  updates_done_ = total;
}

void PlanTables::cover_antivirus(const Dictionaries& d) {
  const Id total = d.antivirus.size();
  antivirus_row.resize(total, -1);
  antivirus_static_risk.resize(total, 0);
  const auto& policy = impl_->policy.antivirus;
  if (!policy) {
    antivirus_done_ = total;
    return;
  }
  for (Id e = antivirus_done_; e < total; ++e) {
    const AntivirusRecord& r = d.antivirus[e];
    const std::string name = text_of(d.text, r.name);
    for (std::size_t i = 0; i < policy->products.size(); ++i)
      if (policy->products[i].name.matches(name)) {
        antivirus_row[e] = static_cast<std::int32_t>(i);
        break;
      }
    if (antivirus_row[e] < 0) continue;
    // judge_product: the version sub-checks and the resident sub-check; the definition age is
    // the one that depends on the reference time and the client's date.
    const AntivirusRow& row = policy->products[static_cast<std::size_t>(antivirus_row[e])];
    auto below = [&](Id installed, const std::optional<std::string>& minimum) {
      std::optional<std::string> value = optional_text(d.text, installed);
      return eval::minimum_version(eval::view(value), eval::view(minimum)) == eval::Check::risk;
    };
    bool risk = below(r.product_version, row.min_product_version) ||
                below(r.engine_version, row.min_engine_version) ||
                below(r.definition_version, row.min_definition_version) ||
                (row.nonresident_is_risk && r.resident == tri_false);
    antivirus_static_risk[e] = risk ? 1 : 0;
  }
  antivirus_done_ = total;
}

void PlanTables::cover_settings(const Dictionaries& d) {
  const auto& policy = impl_->policy.pc_security;
  account_excluded.resize(d.accounts.size(), 0);
  share_administrative.resize(d.shares.size(), 0);
  if (!policy) return;
  for (Id e = accounts_done_; e < d.accounts.size(); ++e) {
    std::string_view name = d.text.key(d.accounts[e].name);
    account_excluded[e] = std::any_of(policy->excluded_users.begin(), policy->excluded_users.end(),
                                      [&](const NamePattern& p) { return p.matches(name); });
  }
  accounts_done_ = d.accounts.size();
  for (Id e = shares_done_; e < d.shares.size(); ++e)
    share_administrative[e] = eval::is_administrative_share(d.text.key(d.shares[e].name)) ? 1 : 0;
  shares_done_ = d.shares.size();

  for (auto& l : service_names) {
    const auto& patterns = impl_->check_services[l.check];
    l.bits.resize(std::size_t{d.services.size()} * l.words, 0);
    for (Id e = l.done; e < d.services.size(); ++e) {
      std::string_view name = d.text.key(d.services[e].name);
      for (std::size_t k = 0; k < patterns.size(); ++k)
        if (patterns[k].matches(name)) set_bit(&l.bits[std::size_t{e} * l.words], k);
    }
    l.done = d.services.size();
  }
  for (auto& l : firewall_names) {
    const auto& wanted = policy->checks[l.check].profiles;
    l.bits.resize(std::size_t{d.firewall.size()} * l.words, 0);
    for (Id e = l.done; e < d.firewall.size(); ++e) {
      std::string_view profile = d.text.key(d.firewall[e].name);
      for (std::size_t k = 0; k < wanted.size(); ++k)
        if (names_equal(profile, wanted[k])) set_bit(&l.bits[std::size_t{e} * l.words], k);
    }
    l.done = d.firewall.size();
  }
}

}  // namespace posture::batch
