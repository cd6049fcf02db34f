#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

AntivirusRow defender_row() {
  AntivirusRow row;
  row.name = NamePattern("Microsoft Defender Antivirus");
  row.min_product_version = "4.18";
  row.min_engine_version = "1.1.24000.0";
  row.min_definition_version = "1.421";
  row.max_definition_age_days = 7;
  return row;
}

AntivirusProduct defender(int definition_day = 19) {
  AntivirusProduct p;
  p.name = "Microsoft Defender Antivirus";
  p.product_version = "4.18.24090.11";
  p.engine_version = "1.1.24090.11";
  p.definition_version = "1.421.123.0";
  p.definition_date = make_date(2026, 11, static_cast<unsigned>(definition_day));
  p.resident = true;
  return p;
}

JudgmentPolicy av_policy(std::vector<AntivirusRow> rows) {
  auto p = policy();
  p.antivirus.emplace();
  p.antivirus->products = std::move(rows);
  return p;
}

Snapshot with_av(std::vector<AntivirusProduct> products) {
  Snapshot s;
  s.antivirus = std::move(products);
  return s;
}

}  // namespace

TEST_CASE("eval: an up-to-date anti-virus product is Safe with every sub-check ok") {
  auto j = judge(av_policy({defender_row()}), with_av({defender()}));
  const auto& item = only_item(j);
  CHECK(item.status == Status::judged);
  CHECK(item.level == Level::safe);
  const auto& c = condition(item, "Microsoft Defender Antivirus");
  CHECK(is_safe(c));
  CHECK(evidence(c, "product_version") == "ok: 4.18.24090.11 >= 4.18");
  CHECK(evidence(c, "engine_version") == "ok: 1.1.24090.11 >= 1.1.24000.0");
  CHECK(evidence(c, "definition_version") == "ok: 1.421.123.0 >= 1.421");
  CHECK(evidence(c, "definition_age") == "ok: 1 days <= 7");
  CHECK(evidence(c, "definition_date") == "2026-11-19");
  CHECK(evidence(c, "resident") == "ok: resident");
}

TEST_CASE("eval: an old engine is a risk at the row level") {
  auto product = defender();
  product.engine_version = "1.1.23000.0";
  auto row = defender_row();
  row.level = Level::warning;
  const auto& c = first_condition(judge(av_policy({row}), with_av({product})));
  CHECK(c.level == Level::warning);
  CHECK(evidence(c, "engine_version") == "risk: 1.1.23000.0 < 1.1.24000.0");
  CHECK(evidence(c, "product_version").starts_with("ok: "));
}

TEST_CASE("eval: definition age - exactly the maximum passes, one day more is a risk") {
  auto p = av_policy({defender_row()});
  const auto& seven = first_condition(judge(p, with_av({defender(13)})));
  CHECK(is_safe(seven));
  CHECK(evidence(seven, "definition_age") == "ok: 7 days <= 7");
  const auto& eight = first_condition(judge(p, with_av({defender(12)})));
  CHECK(eight.level == Level::danger);
  CHECK(evidence(eight, "definition_age") == "risk: 8 days > 7");
}

TEST_CASE("eval: an undecidable sub-check is unknown, shown, and raises nothing") {
  auto product = defender();
  product.definition_date.reset();
  product.engine_version.reset();
  const auto& c = first_condition(judge(av_policy({defender_row()}), with_av({product})));
  CHECK(is_safe(c));
  CHECK(evidence(c, "definition_age").starts_with("unknown: "));
  CHECK(evidence(c, "engine_version").starts_with("unknown: "));
}

TEST_CASE("eval: a sub-check without a bound is no_item") {
  AntivirusRow row;
  row.name = NamePattern("Microsoft Defender Antivirus");
  row.nonresident_is_risk = false;
  auto product = defender();
  product.resident = false;
  const auto& c = first_condition(judge(av_policy({row}), with_av({product})));
  CHECK(is_safe(c));
  CHECK(evidence(c, "engine_version") == "no_item: 1.1.24090.11, no minimum");
  CHECK(evidence(c, "definition_age") == "no_item: no maximum");
  CHECK(evidence(c, "resident").starts_with("no_item: "));
}

TEST_CASE("eval: a non-resident product is a risk unless the row allows it") {
  auto product = defender();
  product.resident = false;
  const auto& c = first_condition(judge(av_policy({defender_row()}), with_av({product})));
  CHECK(c.level == Level::danger);
  CHECK(evidence(c, "resident") == "risk: not resident");
  product.resident.reset();
  CHECK(evidence(first_condition(judge(av_policy({defender_row()}), with_av({product}))),
                 "resident") == "unknown: not reported");
}

TEST_CASE("eval: a product is judged by the first row it matches") {
  AntivirusRow strict = defender_row();
  strict.name = NamePattern("Microsoft Defender*");
  strict.min_engine_version = "9";
  strict.level = Level::caution;
  AntivirusRow lenient;
  lenient.name = NamePattern("Microsoft Defender Antivirus");
  const auto& c = first_condition(judge(av_policy({strict, lenient}), with_av({defender()})));
  CHECK(c.level == Level::caution);
  CHECK(evidence(c, "policy_row") == "Microsoft Defender*");
}

TEST_CASE("eval: unlisted products are shown but not judged; none listed is not_installed") {
  AntivirusProduct other;
  other.name = "Some Other AV";
  auto p = av_policy({defender_row()});
  p.antivirus->not_installed_level = Level::warning;
  auto j = judge(p, with_av({other}));
  const auto& item = only_item(j);
  REQUIRE(item.conditions.size() == 2);
  CHECK(item.conditions[0].name == "Some Other AV");
  CHECK(item.conditions[0].status == Status::no_item);
  CHECK(evidence(item.conditions[0], "listed") == "no");
  CHECK(item.conditions[1].name == "not_installed");
  CHECK(item.conditions[1].level == Level::warning);
  CHECK(item.level == Level::warning);

  auto both = judge(p, with_av({other, defender()}));
  CHECK(only_item(both).level == Level::safe);
  CHECK(only_item(both).conditions.size() == 2);
}

TEST_CASE("eval: anti-virus absent follows when_missing, present but empty is not installed") {
  auto p = av_policy({defender_row()});
  Snapshot none;
  auto absent = only_item(judge(p, none));
  CHECK(absent.status == Status::unknown);
  REQUIRE(absent.conditions.size() == 1);
  CHECK(evidence(absent.conditions[0], "missing") == "antivirus");

  auto empty = only_item(judge(p, with_av({})));
  CHECK(empty.status == Status::judged);
  CHECK(empty.level == Level::danger);
  CHECK(condition(empty, "not_installed").level == Level::danger);

  auto no_rows = only_item(judge(av_policy({}), with_av({defender()})));
  CHECK(no_rows.level == Level::danger);
}

TEST_CASE("eval: several products - worst by default, best when the policy says so") {
  auto stale = defender(1);
  stale.name = "Microsoft Defender Antivirus (old)";
  auto row = defender_row();
  row.name = NamePattern("Microsoft Defender Antivirus*");
  auto p = av_policy({row});
  CHECK(only_item(judge(p, with_av({stale, defender()}))).level == Level::danger);
  p.antivirus->multiple_products = MultipleProducts::best;
  CHECK(only_item(judge(p, with_av({stale, defender()}))).level == Level::safe);
  CHECK(only_item(judge(p, with_av({stale}))).level == Level::danger);
}

TEST_CASE("eval: anti-virus versions compare by parts, 1.2 equals 1.2.0") {
  AntivirusRow row;
  row.name = NamePattern("AV");
  row.min_product_version = "1.2.0";
  AntivirusProduct av;
  av.name = "av";  // names match case-insensitively
  av.product_version = "1.2";
  av.resident = true;
  CHECK(is_safe(first_condition(judge(av_policy({row}), with_av({av})))));
  av.product_version = "1.1.99";
  CHECK(first_condition(judge(av_policy({row}), with_av({av}))).level == Level::danger);
}
