// JP1/CSC user definitions → condition language. JP1 stores each condition as class, property,
// comparison, value and a treatment for an unset property; the manual's comparison table (16-8)
// was not available, so the accepted names are the product's English and Japanese display names
// as far as they are known, plus the operators themselves (docs/expressions.md lists them).
#include <algorithm>
#include <optional>

#include "expr/problem.hpp"
#include "expr/text.hpp"
#include "posture/expr.hpp"
#include "posture/name.hpp"

namespace posture::expr {
namespace {

enum class Jp1Op { eq, ne, lt, le, gt, ge, contains, starts_with };

struct Jp1OpName {
  std::string_view name;
  Jp1Op op;
};

constexpr Jp1OpName op_names[] = {
    {"match", Jp1Op::eq},
    {"matches", Jp1Op::eq},
    {"equal", Jp1Op::eq},
    {"equal to", Jp1Op::eq},
    {"=", Jp1Op::eq},
    {"==", Jp1Op::eq},
    {"\xE4\xB8\x80\xE8\x87\xB4\xE3\x81\x99\xE3\x82\x8B", Jp1Op::eq},  // 一致する
    {"do not match", Jp1Op::ne},
    {"does not match", Jp1Op::ne},
    {"not equal", Jp1Op::ne},
    {"not equal to", Jp1Op::ne},
    {"!=", Jp1Op::ne},
    {"<>", Jp1Op::ne},
    {"\xE4\xB8\x80\xE8\x87\xB4\xE3\x81\x97\xE3\x81\xAA\xE3\x81\x84", Jp1Op::ne},  // 一致しない
    {"less than", Jp1Op::lt},
    {"<", Jp1Op::lt},
    {"\xE6\x9C\xAA\xE6\xBA\x80", Jp1Op::lt},  // 未満
    {"less than or equal to", Jp1Op::le},
    {"or less", Jp1Op::le},
    {"<=", Jp1Op::le},
    {"\xE4\xBB\xA5\xE4\xB8\x8B", Jp1Op::le},  // 以下
    {"greater than", Jp1Op::gt},
    {">", Jp1Op::gt},
    {"\xE3\x82\x88\xE3\x82\x8A\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84", Jp1Op::gt},  // より大きい
    {"greater than or equal to", Jp1Op::ge},
    {"or more", Jp1Op::ge},
    {">=", Jp1Op::ge},
    {"\xE4\xBB\xA5\xE4\xB8\x8A", Jp1Op::ge},  // 以上
    {"contains", Jp1Op::contains},
    {"includes", Jp1Op::contains},
    {"starts with", Jp1Op::starts_with},
    {"begins with", Jp1Op::starts_with},
};

std::optional<Jp1Op> parse_op(std::string_view text) noexcept {
  for (const auto& entry : op_names)
    if (names_equal(text, entry.name)) return entry.op;
  return std::nullopt;
}

std::string_view symbol(Jp1Op op) noexcept {
  switch (op) {
    case Jp1Op::eq: return "==";
    case Jp1Op::ne: return "!=";
    case Jp1Op::lt: return "<";
    case Jp1Op::le: return "<=";
    case Jp1Op::gt: return ">";
    case Jp1Op::ge: return ">=";
    case Jp1Op::contains: return "contains";
    case Jp1Op::starts_with: return "starts_with";
  }
  return "==";
}

std::optional<WhenMissing> parse_treatment(std::string_view text) noexcept {
  text = trim_space(text);
  if (text.empty()) return WhenMissing::unknown;
  for (WhenMissing rule :
       {WhenMissing::level, WhenMissing::safe, WhenMissing::no_item, WhenMissing::unknown})
    if (names_equal(text, when_missing_name(rule))) return rule;
  if (names_equal(text, "security level") || names_equal(text, "use the security level"))
    return WhenMissing::level;
  if (names_equal(text, "no judgment item") || names_equal(text, "no item"))
    return WhenMissing::no_item;
  return std::nullopt;
}

// The comparison value as a literal. Equality and text searches compare text, as JP1 compares the
// stored property; orderings compare numbers or dates when the value is one (JP1's numeric and
// date-time properties), else text.
std::string literal(std::string_view value, Jp1Op op) {
  bool ordering = op == Jp1Op::lt || op == Jp1Op::le || op == Jp1Op::gt || op == Jp1Op::ge;
  if (ordering) {
    std::string_view trimmed = trim_space(value);
    if (parse_number(trimmed)) return std::string(trimmed);
    std::string dashed(trimmed);
    std::replace(dashed.begin(), dashed.end(), '/', '-');
    if (auto d = parse_date(dashed)) return "d\"" + format_date(*d) + "\"";
  }
  return string_literal(value);
}

}  // namespace

result<Jp1Translation> translate_jp1_conditions(std::span<const Jp1Condition> conditions) {
  if (conditions.empty())
    return error(errc::check, "a user-defined item needs at least one condition");
  std::vector<diagnostic> problems;
  auto problem = [&](std::size_t i, std::string message) {
    problems.push_back({errc::check, "condition " + std::to_string(i + 1) + ": " + message, {}});
  };
  Jp1Translation out;
  std::optional<WhenMissing> plain_rule;
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    const Jp1Condition& c = conditions[i];
    const std::size_t problems_before = problems.size();
    if (trim_space(c.class_name).empty()) problem(i, "the class name is empty");
    if (trim_space(c.property_name).empty()) problem(i, "the property name is empty");
    std::optional<Jp1Op> op = parse_op(c.comparison);
    if (!op)
      problem(i, "unknown comparison " + quote(c.comparison) +
                     "; expected Match, Do not match, Less than, Less than or equal to, Greater "
                     "than, Greater than or equal to, Contains or Starts with");
    std::optional<WhenMissing> rule = parse_treatment(c.when_unset);
    if (!rule)
      problem(i, "unknown treatment of an unset property " + quote(c.when_unset) +
                     "; expected level, safe, unknown or no_item");
    if (problems.size() != problems_before) continue;

    std::string field =
        "fields[" + string_literal(std::string(trim_space(c.class_name)) + "." +
                          std::string(trim_space(c.property_name))) +
        "]";
    std::string test = field + " " + std::string(symbol(*op)) + " " + literal(c.value, *op);
    std::string term;
    switch (*rule) {
      case WhenMissing::level: term = "(not exists(" + field + ") or " + test + ")"; break;
      case WhenMissing::safe: term = "(exists(" + field + ") and " + test + ")"; break;
      case WhenMissing::unknown:
      case WhenMissing::no_item:
        if (plain_rule && *plain_rule != *rule)
          problem(i, "treats an unset property as " + std::string(when_missing_name(*rule)) +
                         " but condition " + std::to_string(plain_from + 1) + " as " +
                         std::string(when_missing_name(*plain_rule)) +
                         "; one item can have only one of the two");
        if (!plain_rule) {
          plain_rule = rule;
          plain_from = i;
        }
        term = std::move(test);
        break;
    }
    if (!out.when.empty()) out.when += " and ";
    out.when += term;
  }
  if (!problems.empty()) return error(std::move(problems));
  out.when_missing = plain_rule.value_or(WhenMissing::unknown);
  return out;
}

}  // namespace posture::expr
