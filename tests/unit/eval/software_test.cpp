#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

ProhibitedEntry prohibited(std::string_view name, std::optional<std::string_view> version = {},
                           Level level = Level::caution) {
  ProhibitedEntry e;
  e.name = NamePattern(name);
  if (version) e.version = constraint(*version);
  e.level = level;
  return e;
}

JudgmentPolicy prohibited_policy(std::vector<ProhibitedEntry> entries) {
  auto p = policy();
  p.prohibited_software.emplace();
  p.prohibited_software->entries = std::move(entries);
  return p;
}

MandatoryGroup group(std::string name, std::vector<SoftwareAlternative> any_of) {
  MandatoryGroup g;
  g.name = std::move(name);
  g.any_of = std::move(any_of);
  return g;
}

SoftwareAlternative alternative(std::string_view name,
                                std::optional<std::string_view> version = {}) {
  SoftwareAlternative a;
  a.name = NamePattern(name);
  if (version) a.version = constraint(*version);
  return a;
}

JudgmentPolicy mandatory_policy(std::vector<MandatoryGroup> groups) {
  auto p = policy();
  p.mandatory_software.emplace();
  p.mandatory_software->groups = std::move(groups);
  return p;
}

Snapshot with_software(std::vector<Program> programs) {
  Snapshot s;
  s.software = std::move(programs);
  return s;
}

}  // namespace

TEST_CASE("eval: prohibited software - every installed match is named, at the entry level") {
  auto p = prohibited_policy({prohibited("uTorrent*"), prohibited("Java*", "< 8.0.4010", Level::warning)});
  auto s = with_software({program("µTorrent", "3.6"), program("uTorrent Web", "1.4"),
                          program("UTORRENT", std::nullopt), program("Java 8 Update 391", "8.0.3910"),
                          program("Java 8 Update 401", "8.0.4010")});
  auto item = only_item(judge(p, s));
  REQUIRE(item.conditions.size() == 2);
  const auto& torrent = item.conditions[0];
  CHECK(torrent.name == "uTorrent*");
  CHECK(torrent.level == Level::caution);
  CHECK(evidence(torrent, "installed") == "uTorrent Web 1.4;UTORRENT");
  const auto& java = item.conditions[1];
  CHECK(java.level == Level::warning);
  CHECK(evidence(java, "installed") == "Java 8 Update 391 8.0.3910");
  CHECK(evidence(java, "version") == "< 8.0.4010");
  CHECK(item.level == Level::warning);
}

TEST_CASE("eval: prohibited software - nothing installed is Safe, a version constraint needs a version") {
  auto p = prohibited_policy({prohibited("Java*", ">= 1")});
  auto item = only_item(judge(p, with_software({program("Java 8 Update 391"), program("Firefox", "132")})));
  CHECK(item.level == Level::safe);
  CHECK(evidence(item.conditions[0], "checked") == "2");
}

TEST_CASE("eval: prohibited software - an OS scope limits the entry") {
  auto entry = prohibited("Telnet*");
  entry.os = os_scope("Windows 7*");
  auto p = prohibited_policy({entry});
  auto s = with_software({program("Telnet Client")});
  s.os = os("Windows 11 Pro");
  CHECK(evidence(first_condition(judge(p, s)), "applicable") == "no");
  s.os = os("Windows 7 Professional");
  CHECK(first_condition(judge(p, s)).level == Level::caution);
  s.os.reset();
  CHECK(first_condition(judge(p, s)).status == Status::unknown);
}

TEST_CASE("eval: software absent follows when_missing; an empty list of rules is no_item") {
  Snapshot none;
  auto p = prohibited_policy({prohibited("A"), prohibited("B")});
  auto absent = only_item(judge(p, none));
  CHECK(absent.status == Status::unknown);
  REQUIRE(absent.conditions.size() == 2);
  CHECK(evidence(absent.conditions[1], "missing") == "software");
  p.prohibited_software->when_missing = WhenMissing::level;
  CHECK(only_item(judge(p, none)).level == Level::caution);

  auto m = mandatory_policy({group("PDF", {alternative("SumatraPDF")})});
  m.mandatory_software->when_missing = WhenMissing::safe;
  CHECK(only_item(judge(m, none)).level == Level::safe);

  auto empty = only_item(judge(prohibited_policy({}), with_software({program("A")})));
  CHECK(empty.status == Status::no_item);
  CHECK(empty.conditions.empty());
}

TEST_CASE("eval: mandatory software - any alternative satisfies a group") {
  auto p = mandatory_policy({group("PDF reader", {alternative("Adobe Acrobat*"),
                                                  alternative("SumatraPDF", ">= 3.5")})});
  const auto& ok = first_condition(judge(p, with_software({program("SumatraPDF", "3.5.2")})));
  CHECK(is_safe(ok));
  CHECK(evidence(ok, "installed") == "SumatraPDF 3.5.2");
  CHECK(is_safe(first_condition(judge(p, with_software({program("Adobe Acrobat Reader DC")})))));
}

TEST_CASE("eval: mandatory software - an unsatisfied group names what was found instead") {
  auto g = group("PDF reader", {alternative("SumatraPDF", ">= 3.5")});
  g.level = Level::warning;
  auto p = mandatory_policy({g, group("Browser", {alternative("Firefox*")})});
  auto item = only_item(judge(p, with_software({program("SumatraPDF", "3.4.6"), program("Firefox", "132")})));
  const auto& pdf = condition(item, "PDF reader");
  CHECK(pdf.level == Level::warning);
  CHECK(evidence(pdf, "found") == "SumatraPDF 3.4.6");
  CHECK(evidence(pdf, "required") == "SumatraPDF >= 3.5");
  CHECK(is_safe(condition(item, "Browser")));
  CHECK(item.level == Level::warning);

  const auto& nothing = first_condition(judge(mandatory_policy({g}), with_software({})));
  CHECK(nothing.level == Level::warning);
  CHECK(evidence(nothing, "found") == "<none>");
}

TEST_CASE("eval: mandatory software - a group outside its OS scope is Safe") {
  auto g = group("HIBUN", {alternative("JP1/HIBUN*")});
  g.os = os_scope("Windows 11*");
  auto s = with_software({});
  s.os = os("Windows 10 Pro");
  CHECK(evidence(first_condition(judge(mandatory_policy({g}), s)), "applicable") == "no");
  s.os = os("Windows 11 Pro");
  CHECK(first_condition(judge(mandatory_policy({g}), s)).level == Level::caution);
}
