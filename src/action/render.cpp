#include "action/render.hpp"

#include <optional>

#include "action/safe_text.hpp"
#include "model/utf8.hpp"
#include "posture/report.hpp"

namespace posture::action {
namespace {

// One piece of a template line: a literal slice or a variable.
struct Piece {
  std::string_view literal;
  std::optional<TemplateVar> var;
};

struct Line {
  std::vector<Piece> pieces;
  bool per_client = false;
  bool ends_with_newline = false;
};

// Splits a template into lines (a literal '\n' ends one). An argument is never split: it is one
// value however many line breaks its literal text holds.
std::vector<Line> split_lines(const Template& t, bool split) {
  std::vector<Line> lines(1);
  for (const Template::Part& part : t.parts()) {
    if (part.var) {
      lines.back().pieces.push_back({{}, part.var});
      if (is_client_var(*part.var)) lines.back().per_client = true;
      continue;
    }
    std::string_view rest = part.literal;
    while (!rest.empty()) {
      const std::size_t nl = split ? rest.find('\n') : std::string_view::npos;
      if (nl == std::string_view::npos) {
        lines.back().pieces.push_back({rest, std::nullopt});
        break;
      }
      lines.back().pieces.push_back({rest.substr(0, nl + 1), std::nullopt});
      lines.back().ends_with_newline = true;
      lines.emplace_back();
      rest.remove_prefix(nl + 1);
    }
  }
  if (lines.size() > 1 && lines.back().pieces.empty()) lines.pop_back();
  return lines;
}

std::string join(const std::vector<std::string>& values, std::string_view separator) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += separator;
    out += v;
  }
  return out;
}

class Renderer {
 public:
  Renderer(TextKind kind, std::size_t cap, const RenderScope& scope)
      : kind_(kind), out_(cap), scope_(scope) {}

  void line(const Line& line, const ClientView* client) {
    for (const Piece& piece : line.pieces) {
      if (!piece.var) {
        literal(piece.literal);
      } else if (*piece.var == TemplateVar::violations && client != nullptr) {
        violations(client->violations);
      } else {
        value(value_of(*piece.var, client));
      }
    }
  }

  // Text the policy wrote: trusted, but one-line kinds still lose their control characters.
  void literal(std::string_view text) {
    const bool flatten = kind_ == TextKind::line || kind_ == TextKind::argument;
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t start = pos;
      const char32_t cp = utf8::decode(text, pos);
      if (flatten && utf8::is_control(cp)) {
        if (!out_.put(" ")) return;
      } else if (!out_.put(text.substr(start, pos - start))) {
        return;
      }
    }
  }

  // Text from an inventory: hostile until proven otherwise.
  void value(std::string_view text) {
    std::string unit;
    for (std::size_t pos = 0; pos < text.size();) {
      const char32_t cp = utf8::decode(text, pos);
      unit.clear();
      if (utf8::is_control(cp)) {
        unit = " ";
      } else if (kind_ != TextKind::html || !escape(cp, unit)) {
        utf8::encode(cp, unit);
      }
      if (!out_.put(unit)) return;
    }
  }

  void violations(const std::vector<std::string>& lines) {
    std::string_view separator = "; ";
    if (kind_ == TextKind::text) separator = "\n";
    if (kind_ == TextKind::html) separator = "<br>\n";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) literal(separator);
      value(lines[i]);
    }
  }

  std::string take() { return out_.take(); }

 private:
  static bool escape(char32_t cp, std::string& unit) {
    switch (cp) {
      case '&': unit = "&amp;"; return true;
      case '<': unit = "&lt;"; return true;
      case '>': unit = "&gt;"; return true;
      case '"': unit = "&quot;"; return true;
      case '\'': unit = "&#39;"; return true;
      default: return false;
    }
  }

  std::string value_of(TemplateVar var, const ClientView* client) const {
    switch (var) {
      case TemplateVar::judgedate:
        return format_timestamp(client ? client->judgment->reference_time : scope_.time);
      case TemplateVar::level: return std::string(level_title(scope_.level));
      case TemplateVar::policy: return std::string(scope_.policy);
      case TemplateVar::count: return std::to_string(scope_.clients.size());
      default: break;
    }
    if (client == nullptr) return {};
    const ClientState& s = *client->state;
    switch (var) {
      case TemplateVar::contdays: return std::to_string(s.consecutive_days());
      case TemplateVar::conttimes: return std::to_string(s.consecutive_times);
      case TemplateVar::asset: return s.asset;
      case TemplateVar::host: return s.host;
      case TemplateVar::user: return s.user;
      case TemplateVar::group: return s.group;
      case TemplateVar::ip: return join(s.ip, ", ");
      case TemplateVar::mac: return join(s.mac, ", ");
      case TemplateVar::violations: return join(client->violations, "; ");
      default: return {};
    }
  }

  TextKind kind_;
  CappedText out_;
  const RenderScope& scope_;
};

}  // namespace

std::string render_text(const Template& text, TextKind kind, std::size_t cap,
                        const RenderScope& scope) {
  const std::vector<Line> lines = split_lines(text, kind == TextKind::text || kind == TextKind::html);
  Renderer r(kind, cap, scope);
  for (std::size_t i = 0; i < lines.size();) {
    if (!lines[i].per_client) {
      r.line(lines[i++], nullptr);
      continue;
    }
    std::size_t end = i;
    while (end < lines.size() && lines[end].per_client) ++end;
    for (std::size_t c = 0; c < scope.clients.size(); ++c) {
      // A block that does not end a line would run into its own repetition.
      if (c > 0 && !lines[end - 1].ends_with_newline) r.literal(kind == TextKind::line ? "; " : "\n");
      for (std::size_t l = i; l < end; ++l) r.line(lines[l], &scope.clients[c]);
    }
    i = end;
  }
  return r.take();
}

std::vector<std::string> render_argument(const Template& argument, std::size_t cap,
                                         const RenderScope& scope) {
  const std::vector<Line> lines = split_lines(argument, false);
  std::vector<std::string> out;
  if (!lines.front().per_client) {
    Renderer r(TextKind::argument, cap, scope);
    r.line(lines.front(), nullptr);
    out.push_back(r.take());
    return out;
  }
  for (const ClientView& client : scope.clients) {
    Renderer r(TextKind::argument, cap, scope);
    r.line(lines.front(), &client);
    out.push_back(r.take());
  }
  return out;
}

std::vector<std::string> violation_lines(const Judgment& judgment) {
  std::vector<std::string> out;
  for (const ItemResult& item : judgment.items) {
    if (item.status != Status::judged || !item.level || *item.level == Level::safe) continue;
    bool said = false;
    for (const ConditionResult& c : item.conditions) {
      if (c.status == Status::judged && c.level && *c.level != Level::safe) {
        out.push_back(condition_reason(item.category, c));
        said = true;
      }
    }
    if (!said) {
      out.push_back(std::string(category_name(item.category)) + ": " +
                    std::string(level_title(*item.level)));
    }
  }
  return out;
}

std::string one_line(std::string_view text, std::size_t cap) {
  const RenderScope none;
  Renderer r(TextKind::line, cap, none);
  r.value(text);
  return r.take();
}

}  // namespace posture::action
