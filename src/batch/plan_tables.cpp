#include "batch/plan_tables.hpp"

#include <algorithm>

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

std::size_t words_for(std::size_t bits) noexcept { return (bits + 63) / 64; }

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

PlanTables::PlanTables(const Plan& plan, const EvalOptions& options)
    : plan_(plan), impl_(&plan_.impl()), options_(options) {
  add_predicates();
}

std::uint32_t PlanTables::add_predicate(ProgramPredicate p) {
  predicates.push_back(p);
  return static_cast<std::uint32_t>(predicates.size() - 1);
}

std::uint32_t PlanTables::add_scope(const std::optional<OsScope>& scope) {
  if (!scope) return no_index;
  scopes.push_back(&*scope);
  return static_cast<std::uint32_t>(scopes.size() - 1);
}

void PlanTables::add_predicates() {
  const JudgmentPolicy& policy = impl_->policy;
  if (policy.prohibited_software)
    for (const auto& e : policy.prohibited_software->entries) {
      prohibited_predicate.push_back(add_predicate({&e.name, &e.version}));
      prohibited_scope.push_back(add_scope(e.os));
    }
  if (policy.mandatory_software) {
    group_begin.push_back(0);
    for (const auto& g : policy.mandatory_software->groups) {
      for (const auto& alternative : g.any_of)
        group_predicates.push_back(add_predicate({&alternative.name, &alternative.version}));
      group_begin.push_back(static_cast<std::uint32_t>(group_predicates.size()));
      group_scope.push_back(add_scope(g.os));
    }
  }
  if (policy.security_updates) {
    for (const auto& row : impl_->required_updates) {
      row_product_predicate.push_back(
          row.product ? add_predicate({&*row.product, &row.product_version}) : no_index);
      row_scope.push_back(add_scope(row.os));
    }
    for (const auto& rule : policy.security_updates->service_packs) {
      sp_scope.push_back(add_scope(rule.os));
      if (rule.product) {
        sp_offending_predicate.push_back(add_predicate(
            {&*rule.product, &rule.product_version, ProgramTest::service_pack_offending, &rule}));
        sp_unreadable_predicate.push_back(add_predicate(
            {&*rule.product, &rule.product_version, ProgramTest::service_pack_unreadable, &rule}));
      } else {
        sp_offending_predicate.push_back(no_index);
        sp_unreadable_predicate.push_back(no_index);
      }
    }
  }
  predicate_words = std::max<std::size_t>(1, words_for(predicates.size()));
  row_words = std::max<std::size_t>(1, words_for(impl_->required_updates.size()));

  if (policy.pc_security) {
    const auto& checks = policy.pc_security->checks;
    check_names.assign(checks.size(), no_index);
    for (std::size_t i = 0; i < checks.size(); ++i) {
      const auto& check = checks[i];
      if (check.check == CheckId::services_prohibited || check.check == CheckId::services_required) {
        check_names[i] = static_cast<std::uint32_t>(service_names.size());
        std::size_t n = impl_->check_services[i].size();
        service_names.push_back({i, n, std::max<std::size_t>(1, words_for(n)), {}, 0});
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
  program_bits.clear();
  program_any.clear();
  os_scope.clear();
  os_service_pack.clear();
  latest_level.clear();
  update_installed.clear();
  update_missing.clear();
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
  program_bits.resize(std::size_t{total} * predicate_words, 0);
  program_any.resize(total, 0);
  for (Id e = programs_done_; e < total; ++e) {
    const ProgramRecord& r = d.programs[e];
    if (name_begin_[r.name] == name_begin_[r.name + 1]) continue;
    const Program program = program_of(d, r);
    std::uint64_t* bits = &program_bits[std::size_t{e} * predicate_words];
    for (std::uint32_t i = name_begin_[r.name]; i < name_begin_[r.name + 1]; ++i) {
      const ProgramPredicate& p = predicates[name_predicates_[i]];
      if (!eval::program_matches(*p.name, *p.version, program)) continue;
      bool holds = true;
      if (p.test == ProgramTest::service_pack_unreadable)
        holds = !program.service_pack;
      else if (p.test == ProgramTest::service_pack_offending)
        holds = program.service_pack &&
                !eval::service_pack_satisfies(*program.service_pack, p.rule->service_pack,
                                              p.rule->condition);
      if (holds) {
        set_bit(bits, name_predicates_[i]);
        program_any[e] = 1;
      }
    }
  }
  programs_done_ = total;
}

void PlanTables::cover_os(const Dictionaries& d) {
  static const std::vector<ServicePackRule> none;
  const auto& rules =
      impl_->policy.security_updates ? impl_->policy.security_updates->service_packs : none;
  const std::size_t rows = d.os.size() + std::size_t{1};
  os_scope.resize(rows * scopes.size());
  os_service_pack.resize(rows * rules.size());
  // Row 0, "no os section", is filled on the first call along with entry 0.
  for (std::size_t row = os_done_ == 0 ? 0 : os_done_ + std::size_t{1}; row < rows; ++row) {
    std::optional<OsInfo> os;
    if (row > 0) {
      const OsRecord& r = d.os[static_cast<Id>(row - 1)];
      os = OsInfo{optional_text(d.text, r.name), optional_text(d.text, r.version),
                  optional_text(d.text, r.service_pack), optional_text(d.text, r.arch)};
    }
    for (std::size_t k = 0; k < scopes.size(); ++k)
      os_scope[row * scopes.size() + k] =
          static_cast<std::uint8_t>(eval::os_scope_matches(*scopes[k], os));
    for (std::size_t k = 0; k < rules.size(); ++k) {
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
  update_installed.resize(std::size_t{total} * row_words, 0);
  update_missing.resize(std::size_t{total} * row_words, 0);
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
      if (state == UpdateState::installed) {
        set_bit(&update_installed[std::size_t{e} * row_words], it->row);
        update_any[e] = 1;
      } else if (impl_->required_updates[it->row].id == id) {
        set_bit(&update_missing[std::size_t{e} * row_words], it->row);
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
