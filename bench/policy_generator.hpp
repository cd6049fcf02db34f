// Generated judgment policies of a given size for the benchmarks and the batch property tests:
// `conditions` rules spread over the categories as a company baseline spreads them (required
// updates, anti-virus rows, prohibited and mandatory software, PC-security checks), written
// against the names and update ids FleetGenerator produces so that every rule meets real data.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

#include "fleet_generator.hpp"
#include "posture/policy.hpp"

namespace posture::bench {

namespace detail {

inline VersionConstraint constraint(std::string_view text) {
  auto c = VersionConstraint::parse(text);
  return c ? std::move(c).value() : VersionConstraint{};
}

inline OsScope os_scope(std::string_view pattern) {
  OsScope s;
  s.name = NamePattern(pattern);
  return s;
}

inline Level level_of(std::size_t i) {
  static constexpr Level levels[] = {Level::caution, Level::warning, Level::danger};
  return levels[i % 3];
}

inline constexpr CheckId checks[] = {
    CheckId::accounts_guest_enabled,    CheckId::passwords_min_length,
    CheckId::firewall_enabled,          CheckId::automatic_updates_enabled,
    CheckId::screensaver_timeout,       CheckId::passwords_max_age_days,
    CheckId::encryption_system_drive,   CheckId::logon_auto_logon,
    CheckId::shares_everyone_write,     CheckId::services_prohibited,
    CheckId::accounts_admin_not_renamed, CheckId::passwords_blank,
    CheckId::passwords_never_expires,   CheckId::passwords_complexity,
    CheckId::logon_show_last_user,      CheckId::shares_non_admin,
    CheckId::anonymous_restrict,        CheckId::services_required,
    CheckId::screensaver_enabled,       CheckId::screensaver_password,
    CheckId::encryption_all_fixed};

inline SecurityCheck make_check(std::size_t i) {
  SecurityCheck c;
  c.check = checks[i];
  c.level = default_check_level(c.check);
  c.when_missing = i % 5 == 4 ? WhenMissing::unknown : WhenMissing::no_item;
  switch (c.check) {
    case CheckId::passwords_min_length: c.min_length = 8; break;
    case CheckId::passwords_max_age_days: c.max_age_days = 90; break;
    case CheckId::screensaver_timeout: c.max_timeout_min = 15; break;
    case CheckId::anonymous_restrict: c.min_restrict = 1; break;
    case CheckId::services_prohibited: c.services = {"RemoteRegistry", "TlntSvr", "SNMP"}; break;
    case CheckId::services_required: c.services = {"mpssvc", "EventLog"}; break;
    case CheckId::automatic_updates_enabled: c.min_mode = AutoUpdateMode::download_only; break;
    default: break;
  }
  return c;
}

}  // namespace detail

/// A judgment policy of about `conditions` conditions (at least 6), deterministic for a seed.
inline JudgmentPolicy make_policy(std::size_t conditions, std::uint64_t seed = 1) {
  using namespace detail;
  Rng r(seed);
  const std::size_t n = conditions < 6 ? 6 : conditions;
  // Shares of a company baseline: a quarter required updates, a fifth PC-security checks (each
  // check at most once), a twelfth anti-virus rows, a sixth mandatory groups, the rest
  // prohibited software.
  const std::size_t updates = n / 4, checks_n = std::min(n / 5, std::size(checks)),
                    antivirus = n / 12 < 1 ? 1 : n / 12, mandatory = n / 6 < 1 ? 1 : n / 6;
  const std::size_t prohibited = n - updates - checks_n - antivirus - mandatory;

  JudgmentPolicy p;
  p.name = "Generated baseline " + std::to_string(n);

  SecurityUpdatesPolicy su;
  su.mode = UpdateMode::specified;
  for (std::size_t i = 0; i < updates; ++i) {
    MandatoryUpdate m;
    m.id = std::to_string(kb_number(r.skewed(kb_pool)));
    m.level = level_of(i);
    if (i % 3 == 1) m.os = os_scope(i % 2 ? "Windows 11*" : "Windows 10*");
    if (i % 7 == 5) m.product = NamePattern("Microsoft Office Professional Plus 2016*");
    su.mandatory.push_back(std::move(m));
  }
  ServicePackRule sp;
  sp.os = os_scope("Windows 7*");
  sp.service_pack = "1";
  sp.level = Level::danger;
  su.service_packs.push_back(std::move(sp));
  p.security_updates = std::move(su);

  AntivirusPolicy av;
  av.multiple_products = seed % 2 ? MultipleProducts::best : MultipleProducts::worst;
  for (std::size_t i = 0; i < antivirus; ++i) {
    const AvProduct& product = antivirus_products[i % std::size(antivirus_products)];
    AntivirusRow row;
    row.name = NamePattern(i < std::size(antivirus_products) ? product.name
                                                             : std::string_view("*Antivirus*"));
    row.min_product_version = "4.18.24000.0";
    if (i % 2 == 0) row.min_engine_version = std::string(product.engine_version);
    row.max_definition_age_days = static_cast<std::int64_t>(3 + i % 5);
    row.level = level_of(i + 2);
    av.products.push_back(std::move(row));
  }
  p.antivirus = std::move(av);

  static constexpr std::string_view banned[][2] = {
      {"uTorrent*", ""},          {"BitTorrent*", ""},
      {"Tor Browser*", ""},       {"Adobe Flash Player*", ""},
      {"Java 8 Update *", "< 8.0.4010"}, {"TeamViewer*", "< 15"},
      {"AnyDesk*", ""},           {"WinRAR*", "< 6.24"},
      {"qBittorrent*", ""},       {"Microsoft Silverlight*", ""},
      {"7-Zip 19.00*", ""},       {"iTunes*", ""}};
  ProhibitedSoftwarePolicy ps;
  for (std::size_t i = 0; i < prohibited; ++i) {
    ProhibitedEntry e;
    if (i < std::size(banned)) {
      e.name = NamePattern(banned[i][0]);
      if (!banned[i][1].empty()) e.version = constraint(banned[i][1]);
    } else {
      // Beyond the classic list: outdated versions of ordinary programs, as a vulnerability
      // feed would produce them.
      std::size_t v = r.below(vocabulary_size());
      e.name = NamePattern(program_name(v).substr(0, 12) + "*");
      e.version = constraint("< " + std::to_string(1 + r.below(20)));
      if (i % 4 == 3) e.os = os_scope("Windows 10*");
    }
    e.level = level_of(i);
    ps.entries.push_back(std::move(e));
  }
  p.prohibited_software = std::move(ps);

  static constexpr std::string_view required[][3] = {
      {"PDF reader", "Adobe Acrobat*", "SumatraPDF*"},
      {"Endpoint agent", "CrowdStrike*", "Elastic Agent*"},
      {"Browser", "Google Chrome*", "Mozilla Firefox*"},
      {"Asset agent", "JP1/IT Desktop Management 2*", "SKYSEA*"},
      {"VPN", "Cisco*", "GlobalProtect*"},
      {"Office", "Microsoft 365 Apps*", "Microsoft Office*"}};
  MandatorySoftwarePolicy ms;
  for (std::size_t i = 0; i < mandatory; ++i) {
    MandatoryGroup g;
    const auto& row = required[i % std::size(required)];
    g.name = std::string(row[0]) + (i < std::size(required) ? "" : " " + std::to_string(i));
    g.any_of.push_back({NamePattern(row[1]), std::nullopt});
    SoftwareAlternative second{NamePattern(row[2]), std::nullopt};
    if (i >= std::size(required)) second.version = constraint(">= " + std::to_string(i % 10));
    g.any_of.push_back(std::move(second));
    g.level = level_of(i);
    if (i % 5 == 4) g.os = os_scope("Windows 11*");
    ms.groups.push_back(std::move(g));
  }
  p.mandatory_software = std::move(ms);

  PcSecurityPolicy pc;
  pc.excluded_users = {NamePattern("svc_*")};
  for (std::size_t i = 0; i < checks_n; ++i) pc.checks.push_back(make_check(i));
  p.pc_security = std::move(pc);
  return p;
}

}  // namespace posture::bench
