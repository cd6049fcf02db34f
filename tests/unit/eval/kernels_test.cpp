#include <doctest/doctest.h>

#include "eval/kernels.hpp"
#include "fixtures.hpp"

using namespace posture;
using namespace posture::eval;
using posture::test::os;
using posture::test::os_scope;
using posture::test::program;

TEST_CASE("eval: a minimum version compares by parts, 1.2 equals 1.2.0") {
  CHECK(minimum_version("1.2", "1.2.0") == Check::ok);
  CHECK(minimum_version("1.2.0", "1.2") == Check::ok);
  CHECK(minimum_version("1.10", "1.9") == Check::ok);
  CHECK(minimum_version("1.1.23000.0", "1.1.24000.0") == Check::risk);
  CHECK(minimum_version(std::nullopt, "1.0") == Check::unknown);
  CHECK(minimum_version("  ", "1.0") == Check::unknown);
  CHECK(minimum_version("1.0", std::nullopt) == Check::no_item);
}

TEST_CASE("eval: ages are whole UTC days and older means strictly more") {
  Timestamp late_evening{start_of(make_date(2026, 11, 20)).seconds + 23 * 3600 + 59 * 60};
  CHECK(age_in_days(make_date(2026, 11, 17), late_evening) == 3);
  CHECK(age_in_days(make_date(2026, 11, 20), Timestamp{start_of(make_date(2026, 11, 20))}) == 0);
  CHECK(age_in_days(make_date(2026, 11, 21), late_evening) == -1);
  CHECK_FALSE(older_than(3, 3));
  CHECK(older_than(4, 3));
}

TEST_CASE("eval: update ids match with or without KB or Q") {
  CHECK(update_id_view(" KB5034441 ") == "5034441");
  CHECK(update_id_view("kb5034441") == "5034441");
  CHECK(update_id_view("Q123") == "123");
  CHECK(update_id_view("KBX") == "KBX");
  std::vector<std::string> ids{"100", "5034441"};
  CHECK(contains_update(ids, "KB5034441"));
  CHECK_FALSE(contains_update(ids, "5034442"));
}

TEST_CASE("eval: service packs are compared by number") {
  CHECK(service_pack_number("Service Pack 1") == "1");
  CHECK(service_pack_number("SP1") == "1");
  CHECK(service_pack_number("sp 2") == "2");
  CHECK(service_pack_number("1") == "1");
  CHECK(service_pack_number("") == "0");
  CHECK(service_pack_number("Service Pack") == "0");
  CHECK(service_pack_satisfies("Service Pack 1", "SP1", ServicePackCondition::exact));
  CHECK_FALSE(service_pack_satisfies("2", "1", ServicePackCondition::exact));
  CHECK(service_pack_satisfies("2", "1", ServicePackCondition::or_later));
  CHECK_FALSE(service_pack_satisfies("", "1", ServicePackCondition::or_later));
}

TEST_CASE("eval: programs match by pattern and constraint; no version never satisfies") {
  NamePattern java("Java*");
  auto old = test::constraint("< 8.0.4010");
  CHECK(program_matches(java, std::nullopt, program("Java 8 Update 391")));
  CHECK(program_matches(java, old, program("java 8", "8.0.3910")));
  CHECK_FALSE(program_matches(java, old, program("Java 8", "8.0.4010")));
  CHECK_FALSE(program_matches(java, old, program("Java 8")));
  CHECK_FALSE(program_matches(java, std::nullopt, program("OpenJDK")));
}

TEST_CASE("eval: an OS scope decides by name first, then version and service pack") {
  OsScope win11 = os_scope("Windows 11*");
  win11.version = test::constraint(">= 10.0.22621");
  CHECK(os_scope_matches(win11, os("Windows 11 Pro", "10.0.22631.4460")) == Scope::yes);
  CHECK(os_scope_matches(win11, os("Windows 11 Pro", "10.0.22000.1")) == Scope::no);
  CHECK(os_scope_matches(win11, os("Windows 10 Pro")) == Scope::no);
  CHECK(os_scope_matches(win11, os("Windows 11 Pro")) == Scope::missing);
  CHECK(os_scope_matches(win11, std::nullopt) == Scope::missing);
  OsScope sp1 = os_scope("Windows 7*");
  sp1.service_pack = "1";
  CHECK(os_scope_matches(sp1, os("Windows 7 Enterprise", "6.1", "Service Pack 1")) == Scope::yes);
  CHECK(os_scope_matches(sp1, os("Windows 7 Enterprise", "6.1", "")) == Scope::no);
}

TEST_CASE("eval: administrative shares are ADMIN$, IPC$ and drive shares") {
  CHECK(is_administrative_share("ADMIN$"));
  CHECK(is_administrative_share("ipc$"));
  CHECK(is_administrative_share("C$"));
  CHECK_FALSE(is_administrative_share("Public"));
  CHECK_FALSE(is_administrative_share("print$"));
  CHECK_FALSE(is_administrative_share("CD$"));
}

TEST_CASE("eval: automatic-update modes are ordered; without a minimum only disabled fails") {
  CHECK(update_mode_below(AutoUpdateMode::disabled, std::nullopt));
  CHECK_FALSE(update_mode_below(AutoUpdateMode::notify, std::nullopt));
  CHECK(update_mode_below(AutoUpdateMode::download_only, AutoUpdateMode::auto_install));
  CHECK_FALSE(update_mode_below(AutoUpdateMode::scheduled, AutoUpdateMode::auto_install));
}
