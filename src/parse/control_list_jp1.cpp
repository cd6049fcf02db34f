// JP1/CSC's text files for network control (spec/formats.md §5): the connection control list of
// cscrimport/cscrexport ("MAC,IP,status") and the client list of cscnetctrl -f ("MAC,IP,host").
// Values may be bare or in double quotes ("" inside for a quote); lines end in CRLF or LF; blank
// lines are ignored. Every bad line is reported with its line and column, all at once.
#include <vector>

#include "posture/name.hpp"
#include "posture/quarantine.hpp"

namespace posture {
namespace {

constexpr std::size_t kMaxProblems = 100;
constexpr std::size_t kMaxHostBytes = 64;

struct Field {
  std::string text;
  std::uint32_t column = 1;
};

class Lines {
 public:
  Lines(std::string_view text, const ReadOptions& options) : text_(text), options_(options) {
    if (text_.starts_with("\xEF\xBB\xBF")) {
      text_.remove_prefix(3);
      offset_ = 3;
    }
  }

  // The fields of the next non-blank line; false at the end.
  bool next(std::vector<Field>& fields) {
    while (pos_ < text_.size()) {
      std::size_t end = text_.find('\n', pos_);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view line = text_.substr(pos_, end - pos_);
      line_start_ = pos_;
      pos_ = end + 1;
      ++line_;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (trim_space(line).empty()) continue;
      split(line, fields);
      return true;
    }
    return false;
  }

  void problem(const Field& at, std::string message) {
    if (problems_.size() >= kMaxProblems) return;
    source_location where;
    where.file = options_.file_name;
    where.line = line_;
    where.column = at.column;
    where.offset = offset_ + line_start_ + at.column - 1;
    problems_.push_back({errc::parse, std::move(message), std::move(where)});
  }

  bool failed() const noexcept { return !problems_.empty(); }
  error take_error() { return error(std::move(problems_)); }

 private:
  void split(std::string_view line, std::vector<Field>& fields) {
    fields.clear();
    std::size_t i = 0;
    while (true) {
      Field f;
      f.column = static_cast<std::uint32_t>(i + 1);
      while (i < line.size() && line[i] == ' ') ++i;
      if (i < line.size() && line[i] == '"') {
        ++i;
        while (i < line.size()) {
          if (line[i] == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') {
              f.text += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          f.text += line[i++];
        }
        while (i < line.size() && line[i] != ',') ++i;
      } else {
        const std::size_t comma = std::min(line.find(',', i), line.size());
        f.text = std::string(trim_space(line.substr(i, comma - i)));
        i = comma;
      }
      fields.push_back(std::move(f));
      if (i >= line.size()) return;
      ++i;  // the comma
    }
  }

  std::string_view text_;
  const ReadOptions& options_;
  std::size_t offset_ = 0;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  std::uint32_t line_ = 0;
  std::vector<diagnostic> problems_;
};

result<void> size_ok(std::string_view text, const ReadOptions& options) {
  if (text.size() > options.max_document_bytes)
    return error(errc::limit, "the file is larger than max_document_bytes (" +
                                  std::to_string(options.max_document_bytes) + ")");
  return {};
}

// Reads the MAC and IP columns shared by both files. `spaces` allows a space as MAC separator.
bool address_fields(Lines& lines, const std::vector<Field>& f, bool spaces, std::string& mac,
                    std::string& ip) {
  bool ok = true;
  if (!f[0].text.empty()) {
    auto m = normalize_mac(f[0].text);
    if (!m || (!spaces && f[0].text.find(' ') != std::string::npos)) {
      lines.problem(f[0], "not a MAC address (12 hex digits, with '-' or ':'" +
                              std::string(spaces ? ", ' '" : "") + " or nothing between pairs): \"" +
                              f[0].text + "\"");
      ok = false;
    } else {
      mac = std::move(*m);
    }
  }
  if (!f[1].text.empty()) {
    if (!is_ipv4_address(f[1].text)) {
      lines.problem(f[1], "not an IPv4 address: \"" + f[1].text + "\"");
      ok = false;
    } else {
      ip = f[1].text;
    }
  }
  return ok;
}

}  // namespace

std::string write_control_list_jp1(const ConnectionControlList& list) {
  std::string out;
  for (const ControlEntry& e : list.entries) {
    if (e.mac.empty()) continue;
    out += '"' + e.mac + "\",\"";
    if (is_ipv4_address(e.ip)) out += e.ip;
    out += "\",\"";
    out += e.control == NetworkControl::permit ? '2' : '1';
    out += "\"\r\n";
  }
  return out;
}

result<ConnectionControlList> read_control_list_jp1(std::string_view text,
                                                    const ReadOptions& options) {
  if (auto ok = size_ok(text, options); !ok) return std::move(ok).err();
  Lines lines(text, options);
  ConnectionControlList list;
  std::vector<Field> f;
  while (lines.next(f)) {
    if (f.size() != 3) {
      lines.problem(f.front(), "expected 3 values (MAC address, IP address, status), got " +
                                   std::to_string(f.size()));
      continue;
    }
    ControlEntry e;
    bool ok = address_fields(lines, f, true, e.mac, e.ip);
    if (f[2].text == "1") {
      e.control = NetworkControl::deny;
    } else if (f[2].text == "2") {
      e.control = NetworkControl::permit;
    } else {
      lines.problem(f[2], "the status is 1 (deny) or 2 (permit), not \"" + f[2].text + "\"");
      ok = false;
    }
    if (ok && e.mac.empty() && e.ip.empty()) {
      lines.problem(f[0], "a line names its client by MAC or IP address");
      ok = false;
    }
    if (ok) list.entries.push_back(std::move(e));
  }
  if (lines.failed()) return lines.take_error();
  return list;
}

result<std::vector<ClientKey>> read_client_keys_jp1(std::string_view text,
                                                    const ReadOptions& options) {
  if (auto ok = size_ok(text, options); !ok) return std::move(ok).err();
  Lines lines(text, options);
  std::vector<ClientKey> keys;
  std::vector<Field> f;
  while (lines.next(f)) {
    if (f.size() != 3) {
      lines.problem(f.front(), "expected 3 values (MAC address, IP address, host name), got " +
                                   std::to_string(f.size()));
      continue;
    }
    ClientKey k;
    bool ok = address_fields(lines, f, false, k.mac, k.ip);
    if (f[2].text.size() > kMaxHostBytes) {
      lines.problem(f[2], "a host name has at most 64 bytes");
      ok = false;
    } else {
      k.host = f[2].text;
    }
    if (ok && k.empty()) {
      lines.problem(f[0], "a line names its client by MAC address, IP address or host name");
      ok = false;
    }
    if (ok) keys.push_back(std::move(k));
  }
  if (lines.failed()) return lines.take_error();
  return keys;
}

}  // namespace posture
