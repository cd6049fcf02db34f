// compile() rejects name patterns past max_name_pattern_bytes or max_name_pattern_stars, in every
// place a policy holds one, naming the element.
#include <doctest/doctest.h>

#include <string>

#include "posture/plan.hpp"

using namespace posture;

namespace {

std::string compile_error(const JudgmentPolicy& policy) {
  PolicySet set;
  set.judgment_policies.push_back(policy);
  auto plan = compile(policy, set);
  return plan ? std::string() : plan.err().to_string();
}

JudgmentPolicy prohibiting(std::string pattern) {
  JudgmentPolicy p;
  p.name = "limits";
  ProhibitedSoftwarePolicy ps;
  ProhibitedEntry e;
  e.name = NamePattern(pattern);
  e.level = Level::warning;
  ps.entries.push_back(e);
  p.prohibited_software = ps;
  return p;
}

}  // namespace

TEST_CASE("compile: a name pattern at the limits is accepted") {
  CHECK(compile_error(prohibiting(std::string(max_name_pattern_bytes, 'a'))).empty());
  std::string stars;
  for (std::size_t i = 0; i < max_name_pattern_stars; ++i) stars += "x*";
  CHECK(compile_error(prohibiting(stars)).empty());
}

TEST_CASE("compile: a name pattern past the limits is an error naming the element") {
  std::string err = compile_error(prohibiting(std::string(max_name_pattern_bytes + 1, 'a')));
  CHECK(err.find("prohibited_software.entries[0].name") != std::string::npos);
  CHECK(err.find("257 bytes long; at most 256") != std::string::npos);

  std::string stars;
  for (std::size_t i = 0; i <= max_name_pattern_stars; ++i) stars += "*a";
  err = compile_error(prohibiting(stars));
  CHECK(err.find("17 '*' wildcards; at most 16") != std::string::npos);

  // The other places a policy holds patterns.
  JudgmentPolicy p;
  p.name = "limits";
  const NamePattern long_pattern(std::string(300, 'b') + "*");
  SecurityUpdatesPolicy su;
  su.mode = UpdateMode::specified;
  MandatoryUpdate m;
  m.id = "5034441";
  m.product = long_pattern;
  m.os = OsScope{long_pattern, std::nullopt, std::nullopt};
  su.mandatory.push_back(m);
  p.security_updates = su;
  AntivirusPolicy av;
  AntivirusRow row;
  row.name = long_pattern;
  av.products.push_back(row);
  p.antivirus = av;
  MandatorySoftwarePolicy ms;
  MandatoryGroup g;
  g.name = "group";
  g.any_of.push_back({long_pattern, std::nullopt});
  ms.groups.push_back(g);
  p.mandatory_software = ms;
  PcSecurityPolicy pc;
  pc.excluded_users.push_back(long_pattern);
  SecurityCheck services;
  services.check = CheckId::services_prohibited;
  services.level = Level::warning;
  services.services = {long_pattern.text()};
  pc.checks.push_back(services);
  p.pc_security = pc;
  UserDefinedPolicy user;
  UserDefinedItem item;
  item.name = "item";
  item.when = "host matches \"" + long_pattern.text() + "\"";
  item.level = Level::warning;
  user.items.push_back(item);
  p.user_defined = user;
  err = compile_error(p);
  for (const char* where : {"security_updates.mandatory[0].product", "security_updates.mandatory[0].os.name",
                            "antivirus.products[0].name", "mandatory_software.groups[0].any_of[0].name",
                            "pc_security.excluded_users[0]", "pc_security.checks[0].services[0]",
                            "user_defined.items[0].when"}) {
    CAPTURE(where);
    CHECK(err.find(where) != std::string::npos);
  }
}
