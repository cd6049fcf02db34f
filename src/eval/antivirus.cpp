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

// Judges one installed product by its row. With `evidence` null only the outcome is decided.
bool product_at_risk(const AntivirusRow& row, const AntivirusProduct& product,
                     Timestamp reference_time, ConditionResult* evidence) {
  bool risk = false;
  auto version_check = [&](std::string_view key, const std::optional<std::string>& installed,
                           const std::optional<std::string>& minimum) {
    Check check = minimum_version(view(installed), view(minimum));
    risk = risk || check == Check::risk;
    if (evidence) add(*evidence, key, version_evidence(check, view(installed), view(minimum)));
  };
  version_check("product_version", product.product_version, row.min_product_version);
  version_check("engine_version", product.engine_version, row.min_engine_version);
  version_check("definition_version", product.definition_version, row.min_definition_version);
  if (!evidence) {
    if (row.max_definition_age_days && product.definition_date &&
        older_than(age_in_days(*product.definition_date, reference_time),
                   *row.max_definition_age_days))
      risk = true;
    if (row.nonresident_is_risk && product.resident && !*product.resident) risk = true;
    return risk;
  }
  std::string text;
  risk = definition_age(row, product, reference_time, text) == Check::risk || risk;
  add(*evidence, "definition_age", std::move(text));
  if (product.definition_date)
    add(*evidence, "definition_date", format_date(*product.definition_date));
  risk = resident(row, product, text) == Check::risk || risk;
  add(*evidence, "resident", std::move(text));
  add(*evidence, "policy_row", row.name.text());
  return risk;
}

}  // namespace

void judge_antivirus(const AntivirusPolicy& p, const Context& ctx, Conditions& out) {
  if (!ctx.snapshot.antivirus) {
    // The rows' own conditions, combined as any item's: multiple_products is about products.
    for (const auto& row : p.products)
      out.missing(row.name.text(), p.when_missing, row.level, "antivirus");
    // With no rows the only condition that data could decide is not_installed.
    if (p.products.empty())
      out.missing("not_installed", p.when_missing, p.not_installed_level, "antivirus");
    return;
  }

  out.combine(p.multiple_products == MultipleProducts::best ? Combine::best : Combine::worst);
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
      if (out.evidence()) {
        ConditionResult c;
        c.name = product.name;
        c.status = Status::no_item;
        add(c, "listed", "no");
        out.push(std::move(c));
        join(unlisted, product.name);
      }
      continue;
    }
    any_listed = true;
    if (!out.evidence()) {
      out.judged({}, product_at_risk(*row, product, ctx.reference_time, nullptr) ? row->level
                                                                                 : Level::safe);
      continue;
    }
    ConditionResult c;
    const bool risk = product_at_risk(*row, product, ctx.reference_time, &c);
    c.name = product.name;
    c.status = Status::judged;
    c.level = risk ? row->level : Level::safe;
    out.push(std::move(c));
  }
  if (!any_listed) {
    if (ConditionResult* c = out.judged("not_installed", p.not_installed_level))
      add(*c, "installed", unlisted.empty() ? std::string("none") : std::move(unlisted));
  }
}

}  // namespace posture::eval
