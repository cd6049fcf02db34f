// Anti-virus products (spec/judgment.md §4.2, §9.4): each installed product is judged by the first
// row it matches, on five sub-checks recorded as "<ok|risk|unknown|no_item>: details".
#include "eval/categories.hpp"
#include "eval/kernels.hpp"
#include "posture/time.hpp"

namespace posture::eval {
namespace {

std::string version_evidence(Check check, std::optional<std::string_view> installed,
                             std::optional<std::string_view> minimum) {
  std::string out(check_name(check));
  out += ": ";
  switch (check) {
    case Check::ok: out += std::string(*installed) + " >= " + std::string(*minimum); break;
    case Check::risk: out += std::string(*installed) + " < " + std::string(*minimum); break;
    case Check::unknown: out += "not reported, min " + std::string(*minimum); break;
    case Check::no_item:
      if (installed) out += std::string(*installed) + ", ";
      out += "no minimum";
      break;
  }
  return out;
}

Check definition_age(const AntivirusRow& row, const AntivirusProduct& product,
                     Timestamp reference_time, std::string& evidence) {
  Check check;
  if (!row.max_definition_age_days) {
    check = Check::no_item;
    evidence = "no_item: no maximum";
  } else if (!product.definition_date) {
    check = Check::unknown;
    evidence = "unknown: no definition date, max " + std::to_string(*row.max_definition_age_days);
  } else {
    std::int64_t age = age_in_days(*product.definition_date, reference_time);
    bool old = older_than(age, *row.max_definition_age_days);
    check = old ? Check::risk : Check::ok;
    evidence = std::string(check_name(check)) + ": " + std::to_string(age) + " days " +
               (old ? "> " : "<= ") + std::to_string(*row.max_definition_age_days);
  }
  return check;
}

Check resident(const AntivirusRow& row, const AntivirusProduct& product, std::string& evidence) {
  if (!row.nonresident_is_risk) {
    evidence = "no_item: not checked";
    return Check::no_item;
  }
  if (!product.resident) {
    evidence = "unknown: not reported";
    return Check::unknown;
  }
  evidence = *product.resident ? "ok: resident" : "risk: not resident";
  return *product.resident ? Check::ok : Check::risk;
}

ConditionResult judge_product(const AntivirusRow& row, const AntivirusProduct& product,
                              Timestamp reference_time) {
  bool risk = false;
  ConditionResult c;
  auto version_check = [&](std::string_view key, const std::optional<std::string>& installed,
                           const std::optional<std::string>& minimum) {
    Check check = minimum_version(view(installed), view(minimum));
    risk = risk || check == Check::risk;
    add(c, key, version_evidence(check, view(installed), view(minimum)));
  };
  version_check("product_version", product.product_version, row.min_product_version);
  version_check("engine_version", product.engine_version, row.min_engine_version);
  version_check("definition_version", product.definition_version, row.min_definition_version);

  std::string evidence;
  risk = definition_age(row, product, reference_time, evidence) == Check::risk || risk;
  add(c, "definition_age", std::move(evidence));
  if (product.definition_date) add(c, "definition_date", format_date(*product.definition_date));
  risk = resident(row, product, evidence) == Check::risk || risk;
  add(c, "resident", std::move(evidence));
  add(c, "policy_row", row.name.text());

  c.name = product.name;
  c.status = Status::judged;
  c.level = risk ? row.level : Level::safe;
  return c;
}

}  // namespace

ItemResult judge_antivirus(const AntivirusPolicy& p, const Context& ctx) {
  ItemResult item;
  item.category = Category::antivirus;
  if (!ctx.snapshot.antivirus) {
    for (const auto& row : p.products)
      item.conditions.push_back(missing(row.name.text(), p.when_missing, row.level, "antivirus"));
    // With no rows the only condition that data could decide is not_installed.
    if (p.products.empty())
      item.conditions.push_back(
          missing("not_installed", p.when_missing, p.not_installed_level, "antivirus"));
    settle(item);
    return item;
  }

  bool any_listed = false;
  std::string unlisted;
  for (const auto& product : *ctx.snapshot.antivirus) {
    const AntivirusRow* row = nullptr;
    for (const auto& candidate : p.products)
      if (candidate.name.matches(product.name)) {
        row = &candidate;
        break;
      }
    if (!row) {
      // Not in the policy: shown, so that an administrator sees what to add, but not judged.
      ConditionResult c;
      c.name = product.name;
      c.status = Status::no_item;
      add(c, "listed", "no");
      item.conditions.push_back(std::move(c));
      join(unlisted, product.name);
      continue;
    }
    any_listed = true;
    item.conditions.push_back(judge_product(*row, product, ctx.reference_time));
  }
  if (!any_listed) {
    ConditionResult c = judged("not_installed", p.not_installed_level);
    add(c, "installed", unlisted.empty() ? std::string("none") : std::move(unlisted));
    item.conditions.push_back(std::move(c));
  }
  settle(item, p.multiple_products == MultipleProducts::best ? Combine::best : Combine::worst);
  return item;
}

}  // namespace posture::eval
