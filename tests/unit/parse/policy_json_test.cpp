#include <doctest/doctest.h>

#include <string>

#include "parse_test_util.hpp"
#include "posture/io.hpp"

using namespace posture;
using posture::test::first_problem;
using posture::test::problems;

namespace {

PolicySet read_ok(std::string_view text) {
  auto r = read_policy_json(text);
  INFO((r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

error read_bad(std::string_view text, const ReadOptions& options = {}) {
  auto r = read_policy_json(text, options);
  REQUIRE_FALSE(r.ok());
  return std::move(r).err();
}

std::string full_policy() {
  auto text = read_file(std::string(POSTURE_TEST_DATA_DIR) + "/parse/policy-full.json");
  REQUIRE(text.ok());
  return std::move(text).value();
}

// A policy document around one judgment policy's body.
std::string with_policy(std::string_view body) {
  return std::string(
             "{\"format\": \"posture-policy/1\", \"judgment_policies\": [{\"name\": \"P\"") +
         std::string(body) + "}]}";
}

}  // namespace

TEST_CASE("policy json: every key of the document is read") {
  std::string text = full_policy();
  ReadOptions options;
  options.file_name = "policy-full.json";
  auto r = read_policy_json(text, options);
  INFO((r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r.ok());
  const PolicySet& set = *r;

  REQUIRE(set.judgment_policies.size() == 2);
  const JudgmentPolicy& p = set.judgment_policies[0];
  CHECK(p.name == "Company baseline");
  CHECK(p.unknown_level == Level::warning);
  CHECK(p.where.file == "policy-full.json");
  CHECK(p.where.line == 3);
  CHECK(p.where.column == 25);

  REQUIRE(p.security_updates);
  const auto& su = *p.security_updates;
  CHECK(su.enabled);
  CHECK(su.mode == UpdateMode::specified);
  CHECK(su.level == Level::danger);
  REQUIRE(su.levels_by_severity);
  const auto& lbs = *su.levels_by_severity;
  CHECK(lbs[static_cast<int>(Severity::critical)] == Level::danger);
  CHECK(lbs[static_cast<int>(Severity::important)] == Level::warning);
  CHECK_FALSE(lbs[static_cast<int>(Severity::moderate)]);
  CHECK(lbs[static_cast<int>(Severity::low)] == Level::caution);
  CHECK(lbs[static_cast<int>(Severity::unspecified)] == Level::caution);
  CHECK(su.exclude == std::vector<std::string>{"5034441", "123456"});
  CHECK(su.exclude_groups == std::vector<std::string>{"Known bad"});
  REQUIRE(su.mandatory.size() == 2);
  CHECK(su.mandatory[0].id == "5035845");
  CHECK(su.mandatory[0].bulletin == "24-001");
  CHECK(su.mandatory[0].level == Level::danger);
  REQUIRE(su.mandatory[0].os);
  CHECK(su.mandatory[0].os->name.text() == "Windows 11*");
  CHECK_FALSE(su.mandatory[0].os->version);
  CHECK(su.mandatory[0].where.line == 12);
  CHECK(su.mandatory[0].where.column == 9);
  CHECK_FALSE(su.mandatory[1].level);
  REQUIRE(su.mandatory[1].os);
  CHECK(su.mandatory[1].os->name.text() == "Windows 10*");
  REQUIRE(su.mandatory[1].os->version);
  CHECK(su.mandatory[1].os->version->to_string() == ">= 10.0.19045");
  CHECK(su.mandatory[1].os->service_pack == "");
  REQUIRE(su.mandatory[1].product);
  CHECK(su.mandatory[1].product->text() == "Microsoft Office*");
  REQUIRE(su.mandatory[1].product_version);
  CHECK(su.mandatory[1].product_version->to_string() == "< 16.0");
  CHECK(su.mandatory_groups == std::vector<std::string>{"Baseline 2026-11"});
  REQUIRE(su.service_packs.size() == 2);
  CHECK(su.service_packs[0].os->name.text() == "Windows 7*");
  CHECK(su.service_packs[0].service_pack == "1");
  CHECK(su.service_packs[0].condition == ServicePackCondition::or_later);
  CHECK(su.service_packs[0].level == Level::warning);
  CHECK_FALSE(su.service_packs[1].os);
  CHECK(su.service_packs[1].product->text() == "Office 2010*");
  CHECK(su.service_packs[1].product_version->to_string() == ">= 14.0");
  CHECK(su.service_packs[1].service_pack == "2");
  CHECK(su.service_packs[1].condition == ServicePackCondition::exact);
  CHECK_FALSE(su.service_packs[1].level);
  CHECK(su.when_missing == WhenMissing::level);

  REQUIRE(p.antivirus);
  const auto& av = *p.antivirus;
  CHECK(av.not_installed_level == Level::warning);
  CHECK(av.multiple_products == MultipleProducts::best);
  CHECK(av.when_missing == WhenMissing::safe);
  REQUIRE(av.products.size() == 2);
  CHECK(av.products[0].name.text() == "Microsoft Defender Antivirus");
  CHECK(av.products[0].min_product_version == "4.18");
  CHECK(av.products[0].min_engine_version == "1.1.24000.0");
  CHECK(av.products[0].min_definition_version == "1.400.0.0");
  CHECK(av.products[0].max_definition_age_days == 3);
  CHECK_FALSE(av.products[0].nonresident_is_risk);
  CHECK(av.products[0].level == Level::caution);
  CHECK(av.products[1].name.text() == "Trend*");
  CHECK(av.products[1].nonresident_is_risk);
  CHECK(av.products[1].level == Level::danger);
  CHECK_FALSE(av.products[1].max_definition_age_days);

  REQUIRE(p.prohibited_software);
  CHECK_FALSE(p.prohibited_software->enabled);
  CHECK(p.prohibited_software->when_missing == WhenMissing::no_item);
  REQUIRE(p.prohibited_software->entries.size() == 2);
  CHECK(p.prohibited_software->entries[0].level == Level::caution);
  CHECK_FALSE(p.prohibited_software->entries[0].version);
  CHECK(p.prohibited_software->entries[1].version->to_string() == "< 8.0.4010");
  CHECK(p.prohibited_software->entries[1].os->name.text() == "Windows*");
  CHECK(p.prohibited_software->entries[1].level == Level::warning);

  REQUIRE(p.mandatory_software);
  REQUIRE(p.mandatory_software->groups.size() == 1);
  const auto& g = p.mandatory_software->groups[0];
  CHECK(g.name == "PDF reader");
  REQUIRE(g.any_of.size() == 2);
  CHECK(g.any_of[0].name.text() == "Adobe Acrobat*");
  CHECK_FALSE(g.any_of[0].version);
  CHECK(g.any_of[1].version->to_string() == ">= 3.5");
  CHECK(g.os->name.text() == "Windows*");
  CHECK(g.level == Level::danger);
  CHECK(p.mandatory_software->when_missing == WhenMissing::level);

  REQUIRE(p.pc_security);
  const auto& pc = *p.pc_security;
  REQUIRE(pc.excluded_users.size() == 2);
  CHECK(pc.excluded_users[1].text() == "svc_*");
  REQUIRE(pc.checks.size() == 10);
  CHECK(pc.checks[0].check == CheckId::accounts_guest_enabled);
  CHECK(pc.checks[0].level == Level::warning);
  CHECK(pc.checks[0].when_missing == WhenMissing::no_item);
  CHECK(pc.checks[1].max_age_days == 90);
  CHECK(pc.checks[1].when_missing == WhenMissing::level);
  CHECK(pc.checks[2].min_length == 12);
  CHECK(pc.checks[3].min_restrict == 2);
  CHECK(pc.checks[4].services == std::vector<std::string>{"RemoteRegistry"});
  CHECK(pc.checks[5].services == std::vector<std::string>{"WinDefend", "mpssvc"});
  CHECK(pc.checks[5].level == Level::danger);
  CHECK(pc.checks[6].profiles == std::vector<std::string>{"domain", "public"});
  CHECK(pc.checks[7].min_mode == AutoUpdateMode::download_only);
  CHECK(pc.checks[7].level == Level::warning);
  CHECK(pc.checks[8].max_timeout_min == 15);
  CHECK(pc.checks[8].when_missing == WhenMissing::unknown);
  CHECK(pc.checks[9].check == CheckId::encryption_system_drive);
  CHECK(pc.checks[9].level == Level::caution);

  REQUIRE(p.user_defined);
  REQUIRE(p.user_defined->items.size() == 1);
  const auto& item = p.user_defined->items[0];
  CHECK(item.name == "Automatic logon");
  CHECK(item.when == "fields[\"Registry.AutoAdminLogon\"] == \"1\"");
  CHECK(item.level == Level::warning);
  CHECK(item.when_missing == WhenMissing::safe);
  CHECK_FALSE(item.enabled);
  CHECK(item.when_where.line == 48);
  CHECK(item.when_where.column == 44);
  CHECK(text.substr(item.when_where.offset, 6) == "fields");

  const JudgmentPolicy& lab = set.judgment_policies[1];
  CHECK(lab.name == "Lab rules");
  CHECK_FALSE(lab.security_updates);
  CHECK_FALSE(lab.antivirus);
  CHECK_FALSE(lab.unknown_level);

  REQUIRE(set.update_groups.size() == 2);
  CHECK(set.update_groups[0].name == "Known bad");
  CHECK(set.update_groups[1].updates == std::vector<std::string>{"5046617", "5044284"});
  CHECK(set.update_groups[1].where.line == 52);

  CHECK(set.action_policies_json ==
        "[{\"name\": \"Quarantine\",\n                       \"levels\": {\"danger\": "
        "{\"network\": \"deny\"}}}]");
  CHECK(set.action_policies_where.line == 53);
  CHECK(set.action_policies_where.column == 22);

  REQUIRE(set.assignments.size() == 4);
  CHECK(set.assignments[0].scope == AssignmentScope::all);
  CHECK(set.assignments[0].judgment_policy == "Company baseline");
  CHECK(set.assignments[0].action_policy == "Quarantine");
  CHECK(set.assignments[1].scope == AssignmentScope::group);
  CHECK(set.assignments[1].group == "Kobe/Lab");
  CHECK(set.assignments[1].match == GroupMatch::exact);
  CHECK(set.assignments[2].match == GroupMatch::prefix);
  CHECK(set.assignments[2].judgment_policy.empty());
  CHECK(set.assignments[3].scope == AssignmentScope::pc);
  CHECK(set.assignments[3].asset == "PC-004711");
  CHECK(set.assignments[3].where.line == 59);
  CHECK(set.default_judgment_policy == "Company baseline");
  CHECK(set.default_action_policy == "Default");
}

TEST_CASE("policy json: a present section is enabled with the defaults of the spec") {
  PolicySet set = read_ok(with_policy(R"(,
    "security_updates": {}, "antivirus": {"products": [{"name": "X"}]},
    "prohibited_software": {"entries": [{"name": "Y"}]},
    "mandatory_software": {"groups": [{"name": "G", "any_of": [{"name": "Z"}]}]},
    "pc_security": {"checks": [{"check": "accounts.guest_enabled"},
                               {"check": "automatic_updates.enabled"},
                               {"check": "logon.auto_logon"}]},
    "user_defined": {"items": [{"name": "U", "when": "true", "level": "danger"}]})"));
  const JudgmentPolicy& p = set.judgment_policies.at(0);
  CHECK_FALSE(p.unknown_level);
  CHECK(p.security_updates->enabled);
  CHECK(p.security_updates->mode == UpdateMode::latest);
  CHECK(p.security_updates->level == Level::warning);
  CHECK_FALSE(p.security_updates->levels_by_severity);
  CHECK(p.security_updates->when_missing == WhenMissing::unknown);
  CHECK(p.antivirus->enabled);
  CHECK(p.antivirus->not_installed_level == Level::danger);
  CHECK(p.antivirus->multiple_products == MultipleProducts::worst);
  CHECK(p.antivirus->when_missing == WhenMissing::unknown);
  CHECK(p.antivirus->products[0].level == Level::danger);
  CHECK(p.antivirus->products[0].nonresident_is_risk);
  CHECK(p.prohibited_software->enabled);
  CHECK(p.prohibited_software->entries[0].level == Level::caution);
  CHECK(p.prohibited_software->when_missing == WhenMissing::unknown);
  CHECK(p.mandatory_software->groups[0].level == Level::caution);
  CHECK(p.mandatory_software->when_missing == WhenMissing::unknown);
  CHECK(p.pc_security->enabled);
  CHECK(p.pc_security->checks[0].level == Level::warning);
  CHECK(p.pc_security->checks[1].level == Level::warning);
  CHECK(p.pc_security->checks[2].level == Level::caution);
  CHECK(p.pc_security->checks[2].when_missing == WhenMissing::no_item);
  CHECK_FALSE(p.pc_security->checks[0].min_restrict);
  CHECK(p.user_defined->enabled);
  CHECK(p.user_defined->items[0].enabled);
  CHECK(p.user_defined->items[0].when_missing == WhenMissing::unknown);
  CHECK(set.default_judgment_policy.empty());
  CHECK(set.default_action_policy.empty());
  CHECK(set.action_policies_json.empty());
}

TEST_CASE("policy json: null means absent for optional values") {
  PolicySet set = read_ok(with_policy(R"(, "unknown_level": null, "antivirus": null,
    "security_updates": {"level": null, "exclude": null})"));
  const auto& p = set.judgment_policies.at(0);
  CHECK_FALSE(p.unknown_level);
  CHECK_FALSE(p.antivirus);
  CHECK(p.security_updates->level == Level::warning);
}

TEST_CASE("policy json: an unknown key is an error naming the expected keys and a likely fix") {
  auto e = read_bad(with_policy(R"(,
  "antivirus": {"products": [{"name": "X", "levle": "danger"}]})"));
  CHECK(e.code() == errc::check);
  CHECK(problems(e) ==
        std::vector<std::string>{
            "2:44: unknown key \"levle\" in antivirus product (expected one of: name, "
            "min_product_version, min_engine_version, min_definition_version, "
            "max_definition_age_days, nonresident_is_risk, level); did you mean \"level\"?"});
}

TEST_CASE("policy json: every problem of a document is reported at once, in input order") {
  auto e = read_bad(R"({"format": "posture-policy/1",
 "judgment_policies": [{"name": 7,
   "security_updates": {"mode": "newest", "level": "Danger"},
   "antivirus": {"products": [{"min_engine_version": "1.0"}]}}],
 "assignmnets": []})");
  CHECK(problems(e) ==
        std::vector<std::string>{
            "2:33: expected a string for \"name\", got a number",
            "3:33: invalid value \"newest\" for \"mode\" (expected one of: latest, specified)",
            "3:52: invalid value \"Danger\" for \"level\" (expected one of: caution, warning, "
            "danger); did you mean \"danger\"?",
            "4:31: missing required key \"name\" in antivirus product",
            "5:2: unknown key \"assignmnets\" in policy document (expected one of: format, "
            "judgment_policies, update_groups, action_policies, assignments, defaults); did you "
            "mean \"assignments\"?"});
  CHECK(e.code() == errc::parse);
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 33);
}

TEST_CASE("policy json: the format is required and must be posture-policy/1") {
  auto missing = read_bad(R"({"judgment_policies": []})");
  CHECK(missing.code() == errc::check);
  CHECK(first_problem(missing) == "1:1: missing required key \"format\" in policy document");

  auto other = read_bad(R"({"format": "posture-policy/2", "whatever": 1})");
  CHECK(other.code() == errc::version);
  CHECK(problems(other) ==
        std::vector<std::string>{"1:12: unsupported format \"posture-policy/2\" (expected "
                                 "\"posture-policy/1\")"});

  auto number = read_bad(R"({"format": 1})");
  CHECK(first_problem(number) == "1:12: expected a string for \"format\", got a number");

  auto array = read_bad("[]");
  CHECK(first_problem(array) == "1:1: expected an object, got an array");
}

TEST_CASE("policy json: version constraint errors point into the string") {
  auto e = read_bad(with_policy(R"(,
 "prohibited_software": {"entries": [{"name": "Java*", "version": ">= 1.0, <"}]})"));
  REQUIRE(e.diagnostics().size() == 1);
  const auto& d = e.diagnostics()[0];
  CHECK(d.code == errc::parse);
  CHECK(d.where.line == 2);
  // The string's text starts at column 68; the version missing after "<" is at its offset 9.
  CHECK(d.where.column == 77);
  CHECK(d.message ==
        "invalid version constraint \">= 1.0, <\" for \"version\": expected a version after the "
        "operator, as in \">= 1.2\"");
}

TEST_CASE("policy json: escapes before a constraint error move its column by their width") {
  // The value is the one above, ">= 1.0, <"; "\u003e" and "\u0020" are six bytes written for
  // one each, so the missing version is written ten bytes further right.
  auto e = read_bad(with_policy(R"(,
 "prohibited_software": {"entries": [{"name": "Java*", "version": "\u003e= 1.0,\u0020<"}]})"));
  REQUIRE(e.diagnostics().size() == 1);
  CHECK(e.diagnostics()[0].where.line == 2);
  CHECK(e.diagnostics()[0].where.column == 77 + 10);
}

TEST_CASE("policy json: an OS scope is a pattern or an object with name, version, service pack") {
  auto e = read_bad(with_policy(R"(,
 "prohibited_software": {"entries": [{"name": "a", "os": 3},
   {"name": "b", "os": {"version": "1"}}, {"name": "c", "os": {"name": "W", "sp": "1"}}]})"));
  CHECK(problems(e) ==
        std::vector<std::string>{
            "2:58: expected an OS name pattern or an object for \"os\", got a number",
            "3:24: missing required key \"name\" in OS scope",
            "3:77: unknown key \"sp\" in OS scope (expected one of: name, version, "
            "service_pack)"});
}

TEST_CASE("policy json: check parameters belong to their check, and required ones are required") {
  auto e = read_bad(with_policy(R"(,
 "pc_security": {"checks": [
  {"check": "passwords.max_age_days"},
  {"check": "screensaver.timeout", "max_timeout_min": 15, "max_age_days": 3},
  {"check": "services.required", "services": []},
  {"check": "passwords.blank", "level": "safe"},
  {"check": "pasword.blank", "anything": 1}]})"));
  CHECK(problems(e) ==
        std::vector<std::string>{
            "3:3: missing required key \"max_age_days\" in check",
            "4:59: unknown key \"max_age_days\" in check screensaver.timeout (expected one of: "
            "check, level, when_missing, max_timeout_min)",
            "5:46: \"services\" must list at least one service",
            "6:41: invalid value \"safe\" for \"level\" (expected one of: caution, warning, "
            "danger)",
            "7:13: invalid value \"pasword.blank\" for \"check\" (expected one of: "
            "accounts.guest_enabled, accounts.admin_not_renamed, passwords.blank, "
            "passwords.never_expires, passwords.max_age_days, passwords.min_length, "
            "passwords.complexity, logon.auto_logon, logon.show_last_user, shares.non_admin, "
            "shares.everyone_write, anonymous.restrict, services.prohibited, services.required, "
            "firewall.enabled, automatic_updates.enabled, screensaver.enabled, "
            "screensaver.password, screensaver.timeout, encryption.system_drive, "
            "encryption.all_fixed); did you mean \"passwords.blank\"?"});
}

TEST_CASE("policy json: negative and fractional counts are rejected") {
  auto e = read_bad(with_policy(R"(,
 "pc_security": {"checks": [{"check": "passwords.min_length", "min_length": -1},
                            {"check": "screensaver.timeout", "max_timeout_min": 1.5}]})"));
  CHECK(problems(e) == std::vector<std::string>{
                           "2:77: \"min_length\" must be between 0 and 2147483647, got -1",
                           "3:81: expected an integer for \"max_timeout_min\", got a number"});
}

TEST_CASE("policy json: user-defined items need a name, a condition and a level") {
  auto e = read_bad(with_policy(R"(,
 "user_defined": {"items": [{"name": "No level", "when": "true"}, {"name": "", "when": " ", "level": "warning"}]})"));
  CHECK(problems(e) == std::vector<std::string>{
                           "2:29: missing required key \"level\" in user-defined item",
                           "2:76: \"name\" must not be empty", "2:88: \"when\" must not be empty"});
}

TEST_CASE("policy json: service pack rules need exactly one of os and product") {
  auto e = read_bad(with_policy(R"(,
 "security_updates": {"service_packs": [{"service_pack": "1"},
   {"os": "W", "product": "P", "service_pack": "1"}, {"os": "W", "product_version": "1", "service_pack": "2"}]})"));
  CHECK(problems(e) ==
        std::vector<std::string>{"2:41: a service pack rule needs \"os\" or \"product\"",
                                 "3:4: a service pack rule takes \"os\" or \"product\", not both",
                                 "3:85: \"product_version\" needs \"product\""});
}

TEST_CASE("policy json: update ids are normalised and must not be empty") {
  PolicySet set = read_ok(with_policy(R"(, "security_updates": {"mode": "specified",
    "mandatory": [{"id": " kb5034441 "}, {"id": "Q123"}]})"));
  const auto& m = set.judgment_policies[0].security_updates->mandatory;
  CHECK(m[0].id == "5034441");
  CHECK(m[1].id == "123");
  auto e = read_bad(with_policy(R"(, "security_updates": {"exclude": [" ", ""]})"));
  CHECK(problems(e).size() == 2);
  CHECK(e.diagnostics()[0].message == "empty update id for \"exclude[0]\"");
}

TEST_CASE("policy json: assignment rows take the keys of their scope") {
  auto e = read_bad(R"({"format": "posture-policy/1", "assignments": [
  {"scope": "all", "group": "Kobe"},
  {"scope": "group", "judgment_policy": "P"},
  {"scope": "pc", "asset": "", "match": "exact"},
  {"scope": "PC"}]})");
  CHECK(problems(e) ==
        std::vector<std::string>{
            "2:20: unknown key \"group\" in assignment with scope \"all\" (expected one of: "
            "scope, judgment_policy, action_policy)",
            "3:3: missing required key \"group\" in assignment",
            "4:28: \"asset\" must not be empty",
            "4:32: unknown key \"match\" in assignment with scope \"pc\" (expected one of: scope, "
            "judgment_policy, action_policy, asset)",
            "5:13: invalid value \"PC\" for \"scope\" (expected one of: all, group, pc); did you "
            "mean \"pc\"?"});
}

TEST_CASE("policy json: names of judgment policies and update groups are unique in a document") {
  auto e = read_bad(R"({"format": "posture-policy/1",
 "judgment_policies": [{"name": "A"}, {"name": "A"}],
 "update_groups": [{"name": "G", "updates": []}, {"name": "G", "updates": []}]})");
  CHECK(problems(e) ==
        std::vector<std::string>{
            "2:39: judgment policy \"A\" is defined twice (first at line 2, column 24)",
            "3:50: update group \"G\" is defined twice (first at line 3, column 20)"});
}

TEST_CASE("policy json: a repeated key is an error") {
  auto e = read_bad(R"({"format": "posture-policy/1", "format": "posture-policy/1"})");
  CHECK(e.code() == errc::check);
  CHECK(first_problem(e) == "1:32: duplicate key \"format\" (first at line 1, column 2)");
}

TEST_CASE("policy json: action policies are kept as source text for the actions module") {
  PolicySet set = read_ok(R"({"format": "posture-policy/1",
  "action_policies": [ {"name": "A", "levels": {}} ]})");
  CHECK(set.action_policies_json == R"([ {"name": "A", "levels": {}} ])");
  CHECK(set.action_policies_where.line == 2);
  CHECK(set.action_policies_where.column == 22);

  auto e = read_bad(R"({"format": "posture-policy/1", "action_policies": {}})");
  CHECK(first_problem(e) == "1:51: expected an array for \"action_policies\", got an object");
}

TEST_CASE("policy json: defaults name the policies for unassigned clients") {
  auto e = read_bad(R"({"format": "posture-policy/1", "defaults": {"judgment": "A"}})");
  CHECK(first_problem(e) ==
        "1:45: unknown key \"judgment\" in defaults (expected one of: judgment_policy, "
        "action_policy)");
}

TEST_CASE("policy json: a BOM and CRLF line ends do not shift positions") {
  auto e = read_bad("\xEF\xBB\xBF{\"format\": \"posture-policy/1\",\r\n \"judgment_policies\": 3}");
  REQUIRE(e.diagnostics().size() == 1);
  CHECK(first_problem(e) == "2:23: expected an array for \"judgment_policies\", got a number");
  CHECK(e.where().offset == 3 + 32 + 22);
}

TEST_CASE("policy json: syntax errors and limits stop the read with their position") {
  ReadOptions options;
  options.file_name = "p.json";
  auto e = read_bad("{\"format\": \"posture-policy/1\",\n \"judgment_policies\": [}", options);
  CHECK(e.code() == errc::parse);
  CHECK(e.to_string() == "p.json:2:24: invalid JSON: Invalid value");

  options.max_depth = 3;
  e = read_bad(with_policy(R"(, "antivirus": {"products": [{"name": "x"}]})"), options);
  CHECK(e.code() == errc::limit);

  options = {};
  options.max_document_bytes = 10;
  e = read_bad(with_policy(""), options);
  CHECK(e.code() == errc::limit);
}

TEST_CASE("policy json: a hostile document reports at most a hundred problems") {
  std::string text = "{\"format\": \"posture-policy/1\"";
  for (int i = 0; i < 1000; ++i) text += ", \"k" + std::to_string(i) + "\": 1";
  text += "}";
  auto e = read_bad(text);
  REQUIRE(e.diagnostics().size() == 101);
  CHECK(e.diagnostics().back().message == "too many problems; only the first 100 are reported");
}

TEST_CASE("policy json: merged documents keep every policy and report a name defined twice") {
  PolicySet a = read_ok(R"({"format": "posture-policy/1", "judgment_policies": [{"name": "A"}]})");
  PolicySet b = read_ok(R"({"format": "posture-policy/1", "judgment_policies": [{"name": "B"}]})");
  REQUIRE(merge_policies(a, std::move(b)).ok());
  CHECK(a.judgment_policies.size() == 2);
  PolicySet again = read_ok(R"({"format": "posture-policy/1",
    "judgment_policies": [{"name": "A"}]})");
  auto merged = merge_policies(a, std::move(again));
  REQUIRE_FALSE(merged.ok());
  CHECK(merged.err().where().line == 2);
}
