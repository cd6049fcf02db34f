// Template compilation: a text becomes literal runs and variables once, when the policy is read,
// so that rendering never parses and an unknown variable is a policy error with its position.
#include <algorithm>

#include "model/utf8.hpp"
#include "posture/action.hpp"

namespace posture {
namespace {

source_location shifted(const source_location& origin, std::size_t bytes) {
  source_location at = origin;
  at.offset += bytes;
  if (at.line != 0) at.column += static_cast<std::uint32_t>(std::min<std::size_t>(bytes, UINT32_MAX - at.column));
  return at;
}

bool is_name_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string variable_list() {
  std::string list;
  for (int i = 0; i <= static_cast<int>(TemplateVar::count); ++i) {
    if (!list.empty()) list += ", ";
    list += '%';
    list += template_var_name(static_cast<TemplateVar>(i));
    list += '%';
  }
  return list;
}

}  // namespace

result<Template> Template::compile(std::string_view source, const source_location& start) {
  std::vector<diagnostic> problems;
  auto problem = [&](std::size_t at, std::string message) {
    problems.push_back({errc::parse, std::move(message), shifted(start, at)});
  };

  for (std::size_t pos = 0; pos < source.size();) {
    const std::size_t at = pos;
    if (utf8::decode(source, pos) == utf8::replacement &&
        source.substr(at, 3) != "\xEF\xBF\xBD") {
      problem(at, "invalid UTF-8 in a text");
      break;
    }
  }

  Template t;
  t.source_ = std::string(source);
  t.where_ = start;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) t.parts_.push_back({std::move(literal), std::nullopt});
    literal.clear();
  };
  for (std::size_t i = 0; i < source.size();) {
    if (source[i] != '%') {
      literal += source[i++];
      continue;
    }
    if (i + 1 < source.size() && source[i + 1] == '%') {
      literal += '%';
      i += 2;
      continue;
    }
    std::size_t end = i + 1;
    while (end < source.size() && end - i <= 32 && is_name_char(source[end])) ++end;
    if (end >= source.size() || source[end] != '%' || end == i + 1) {
      problem(i, "'%' starts no variable; write %% for a percent sign");
      ++i;
      continue;
    }
    const std::string_view name = source.substr(i + 1, end - i - 1);
    if (auto var = parse_template_var(name)) {
      flush();
      t.parts_.push_back({std::string(), var});
    } else {
      problem(i, "unknown variable %" + std::string(name) + "% (known: " + variable_list() + ")");
    }
    i = end + 1;
  }
  flush();
  if (!problems.empty()) return error(std::move(problems));
  return t;
}

bool Template::uses(TemplateVar var) const noexcept {
  return std::any_of(parts_.begin(), parts_.end(), [var](const Part& p) { return p.var == var; });
}

bool Template::uses_client_vars() const noexcept {
  return std::any_of(parts_.begin(), parts_.end(),
                     [](const Part& p) { return p.var && is_client_var(*p.var); });
}

std::size_t Template::literal_bytes() const noexcept {
  std::size_t n = 0;
  for (const Part& p : parts_) n += p.literal.size();
  return n;
}

}  // namespace posture
