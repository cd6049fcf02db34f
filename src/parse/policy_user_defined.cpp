// The user_defined section (spec/judgment.md §4.6). Expressions are kept as source text with the
// position of their first character; the expression compiler reports its own errors there.
#include "parse/policy_sections.hpp"
#include "parse/policy_values.hpp"

namespace posture::json {
namespace {

std::optional<UserDefinedItem> as_item(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "user-defined item");
  if (!o.valid()) return std::nullopt;
  UserDefinedItem item;
  item.where = w.where(n);
  o.need("name", item.name, as_nonempty_string);
  if (const Node* when = o.required("when")) {
    if (auto text = w.nonempty_string(*when, "when")) {
      item.when = std::move(*text);
      item.when_where = w.where_offset(when->begin + std::size_t{1});
      if (std::string_view written = w.written(*when); written != item.when)
        item.when_written = written;
    }
  }
  o.need("level", item.level, as_level);
  o.get("when_missing", item.when_missing, as_when_missing);
  o.get("enabled", item.enabled, as_bool);
  o.reject_unknown();
  return item;
}

}  // namespace

std::optional<UserDefinedPolicy> as_user_defined(Walker& w, const Node& n, std::string_view name) {
  ObjectReader o(w, n, name, "user_defined");
  if (!o.valid()) return std::nullopt;
  UserDefinedPolicy p;
  p.where = w.where(n);
  o.get("enabled", p.enabled, as_bool);
  o.get("items", p.items, list_of(as_item));
  o.reject_unknown();
  return p;
}

}  // namespace posture::json
