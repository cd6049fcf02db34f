#include "batch/record_reader.hpp"

#include <simdjson.h>

#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "posture/name.hpp"
#include "posture/time.hpp"

namespace posture::batch {
namespace {

namespace od = simdjson::ondemand;
using od::json_type;

// The deepest value of an inventory record is a password account: root, settings, passwords,
// accounts, the account object. Below this many levels read_fleet() would refuse what the fast
// path reads, so such options send every record to it.
constexpr unsigned kInventoryDepth = 6;

constexpr std::uint32_t bit(int key) { return std::uint32_t{1} << key; }

// Whether the whole input was consumed: after its root value, a document has no further token.
bool at_end(od::document& doc) noexcept {
  const char* rest;
  return doc.current_location().get(rest) == simdjson::OUT_OF_BOUNDS;
}

// The position of `key` in `keys`, or -1 for a key the fast path does not know.
int key_index(std::string_view key, std::span<const std::string_view> keys) noexcept {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return static_cast<int>(i);
  return -1;
}

}  // namespace

struct RecordReader::State {
  State(Dictionaries& d, const ReadOptions& o) : dict(d), options(o) {}

  Dictionaries& dict;
  ReadOptions options;
  od::parser parser;
  od::parser object_parser;  // object texts seen for the first time
  std::string object_buffer;
  std::vector<std::string_view> field_names;
  std::vector<std::string_view> unknown_keys;
  std::vector<std::string_view> texts;  // of the list being read
  std::vector<KnownTexts::Hash> hashes;
};

namespace {

// Reads one record. Every member returns false to give the record up; `full` tells a full
// dictionary from a record outside the fast path.
class Reader {
 public:
  Reader(RecordReader::State& s, ClientRow& row) : s_(s), d_(s.dict), row_(row) {}

  bool full() const noexcept { return full_; }

  bool record(od::document& doc) {
    static constexpr std::string_view keys[] = {
        "format",        "asset",   "host",     "user",    "group",     "ip",
        "mac",           "location", "collected_at", "agent_version", "managed", "os",
        "updates",       "software", "antivirus", "settings", "fields"};
    enum {
      k_format, k_asset, k_host, k_user, k_group, k_ip, k_mac, k_location, k_collected_at,
      k_agent_version, k_managed, k_os, k_updates, k_software, k_antivirus, k_settings, k_fields
    };
    od::object root;
    if (doc.get_object().get(root)) return false;
    s_.field_names.clear();
    std::uint32_t seen = 0;
    for (auto member : root) {
      od::field f;
      std::string_view key;
      if (std::move(member).get(f) || f.unescaped_key().get(key) || !short_enough(key)) return false;
      od::value v = f.value();
      int k = key_index(key, keys);
      if (k < 0) {  // an unknown top-level key is kept as a field, in document order
        if (!field(key, v)) return false;
        continue;
      }
      if (seen & bit(k)) return false;
      seen |= bit(k);
      bool ok = true;
      switch (k) {
        case k_format: ok = format(v); break;
        case k_asset: ok = asset(v); break;
        case k_host: ok = text_or_empty(v, row_.host); break;
        case k_user: ok = text_or_empty(v, row_.user); break;
        case k_group: ok = group(v); break;
        case k_ip: ok = addresses(v, row_.ip); break;
        case k_mac: ok = addresses(v, row_.mac); break;
        case k_location: ok = text_or_empty(v, row_.location); break;
        case k_collected_at:
          ok = timestamp(v, row_.collected_at, row_.flags, has_collected_at);
          break;
        case k_agent_version: ok = optional_text(v, row_.agent_version); break;
        case k_managed: ok = managed(v); break;
        case k_os: ok = os(v); break;
        case k_updates: ok = updates(v); break;
        case k_software: ok = software(v); break;
        case k_antivirus: ok = antivirus(v); break;
        case k_settings: ok = settings(v); break;
        case k_fields: ok = fields(v); break;
        default: ok = false;
      }
      if (!ok) return false;
    }
    // Unset strings read as empty ones, as in a Snapshot.
    for (Id* id : {&row_.host, &row_.user, &row_.group, &row_.location})
      if (*id == no_id) *id = text(std::string_view());
    return (seen & bit(k_asset)) && at_end(doc) && !full_;
  }

 private:
  // ---- values ------------------------------------------------------------------------------

  bool short_enough(std::string_view s) const noexcept {
    return s.size() <= s_.options.max_string_bytes;
  }
  static bool type(od::value& v, json_type& t) { return !v.type().get(t); }
  static bool null(od::value& v) {
    bool is = false;
    return !v.is_null().get(is) && is;
  }
  // Consumes v when it is null: JSON null for an optional value means absent.
  static bool take_null(od::value& v, bool& was_null) {
    json_type t;
    if (!type(v, t)) return false;
    was_null = t == json_type::null;
    return !was_null || null(v);
  }
  bool string(od::value& v, std::string_view& out) {
    return !v.get_string().get(out) && short_enough(out);
  }
  bool optional_string(od::value& v, std::optional<std::string_view>& out) {
    bool was_null;
    if (!take_null(v, was_null)) return false;
    if (was_null) {
      out.reset();
      return true;
    }
    std::string_view s;
    if (!string(v, s)) return false;
    out = s;
    return true;
  }
  bool optional_bool(od::value& v, std::uint8_t& tri) {
    bool was_null;
    if (!take_null(v, was_null)) return false;
    if (was_null) {
      tri = tri_absent;
      return true;
    }
    bool b;
    if (v.get_bool().get(b)) return false;
    tri = b ? tri_true : tri_false;
    return true;
  }
  bool optional_int(od::value& v, std::int64_t& out, std::uint32_t& flags, Presence present) {
    bool was_null;
    if (!take_null(v, was_null)) return false;
    if (was_null) return true;
    if (v.get_int64().get(out)) return false;
    flags |= present;
    return true;
  }
  bool timestamp(od::value& v, std::int64_t& out, std::uint32_t& flags, Presence present) {
    std::optional<std::string_view> s;
    if (!optional_string(v, s)) return false;
    if (!s) return true;
    auto t = parse_timestamp(*s);
    if (!t) return false;
    out = t->seconds;
    flags |= present;
    return true;
  }
  bool date(od::value& v, std::int32_t& out) {
    std::optional<std::string_view> s;
    if (!optional_string(v, s)) return false;
    if (!s) return true;
    auto d = parse_date(*s);
    if (!d) return false;
    out = d->days;
    return true;
  }
  // A value under a key the fast path does not know, inside a known section: read_fleet()
  // ignores it, after checking that it is well-formed and within the limits.
  bool skip(od::value& v) {
    json_type t;
    if (!type(v, t)) return false;
    switch (t) {
      case json_type::string: {
        std::string_view s;
        return string(v, s);
      }
      case json_type::number: {
        od::number n;
        return !v.get_number().get(n);
      }
      case json_type::boolean: {
        bool b;
        return !v.get_bool().get(b);
      }
      case json_type::null: return null(v);
      default: return false;  // nested values: leave the depth and size rules to read_fleet()
    }
  }
  // The keys an object has that the fast path does not know: each may appear once. Objects nest,
  // so every object keeps its own stretch at the end of one list.
  class UnknownKeys {
   public:
    explicit UnknownKeys(std::vector<std::string_view>& all) : all_(all), base_(all.size()) {}
    ~UnknownKeys() { all_.resize(base_); }
    UnknownKeys(const UnknownKeys&) = delete;
    UnknownKeys& operator=(const UnknownKeys&) = delete;
    bool first(std::string_view key) {
      for (std::size_t i = base_; i < all_.size(); ++i)
        if (all_[i] == key) return false;
      all_.push_back(key);
      return true;
    }

   private:
    std::vector<std::string_view>& all_;
    std::size_t base_;
  };

  Id text(std::string_view s) { return check(d_.text.intern(s)); }
  Id check(Id id) noexcept {
    if (id == no_id) full_ = true;
    return id;
  }
  bool text_or_empty(od::value& v, Id& out) {
    std::optional<std::string_view> s;
    if (!optional_string(v, s)) return false;
    out = text(s ? *s : std::string_view());
    return true;
  }
  bool optional_text(od::value& v, Id& out) {
    std::optional<std::string_view> s;
    if (!optional_string(v, s)) return false;
    out = s ? text(*s) : no_id;
    return true;
  }

  // Iterates the members of an object value, calling member(k, value) with the key's index in
  // `keys`. A known key may appear once; an unknown one is checked and skipped, as read_fleet()
  // ignores it. `seen` receives the known keys met.
  template <class Member>
  bool members(od::value& v, std::span<const std::string_view> keys, Member&& member,
               std::uint32_t* seen_out = nullptr) {
    od::object o;
    if (v.get_object().get(o)) return false;
    UnknownKeys unknown(s_.unknown_keys);
    std::uint32_t seen = 0;
    for (auto m : o) {
      od::field f;
      std::string_view key;
      if (std::move(m).get(f) || f.unescaped_key().get(key) || !short_enough(key)) return false;
      od::value value = f.value();
      int k = key_index(key, keys);
      if (k < 0) {
        if (!unknown.first(key) || !skip(value)) return false;
        continue;
      }
      if (seen & bit(k)) return false;
      seen |= bit(k);
      if (!member(k, value)) return false;
    }
    if (seen_out) *seen_out = seen;
    return true;
  }
  // The same for an object value that may be null (absent): `present` says which it was.
  template <class Member>
  bool optional_members(od::value& v, std::span<const std::string_view> keys, bool& present,
                        Member&& member) {
    bool was_null;
    if (!take_null(v, was_null)) return false;
    present = !was_null;
    return was_null || members(v, keys, std::forward<Member>(member));
  }
  // Iterates the elements of an array value (null: absent).
  template <class Element>
  bool optional_elements(od::value& v, bool& present, Element&& element) {
    bool was_null;
    if (!take_null(v, was_null)) return false;
    present = !was_null;
    if (was_null) return true;
    od::array a;
    if (v.get_array().get(a)) return false;
    for (auto e : a) {
      od::value value;
      if (std::move(e).get(value) || !element(value)) return false;
    }
    return true;
  }

  // ---- identity ------------------------------------------------------------------------------

  bool format(od::value& v) {
    std::optional<std::string_view> s;
    return optional_string(v, s) && (!s || *s == "posture-inventory/1");
  }
  bool asset(od::value& v) {
    std::string_view s;
    if (!string(v, s) || trim_space(s).empty() || s.size() > 120) return false;
    row_.asset = s;
    return true;
  }
  bool group(od::value& v) {
    std::optional<std::string_view> s;
    if (!optional_string(v, s) || (s && s->size() > 1024)) return false;
    row_.group = text(s ? *s : std::string_view());
    return true;
  }
  bool addresses(od::value& v, std::vector<Id>& out) {
    bool present;
    return optional_elements(v, present, [&](od::value& e) {
      std::string_view s;
      if (!string(e, s)) return false;
      out.push_back(text(s));
      return true;
    });
  }
  bool managed(od::value& v) {
    std::uint8_t tri = tri_absent;
    if (!optional_bool(v, tri)) return false;
    if (tri == tri_false) row_.flags |= has_managed_false;
    return true;
  }

  // ---- sections ------------------------------------------------------------------------------

  bool os(od::value& v) {
    static constexpr std::string_view keys[] = {"name", "version", "service_pack", "arch"};
    OsRecord r{no_id, no_id, no_id, no_id};
    bool present;
    Id* slots[] = {&r.name, &r.version, &r.service_pack, &r.arch};
    if (!optional_members(v, keys, present,
                          [&](int k, od::value& value) { return optional_text(value, *slots[k]); }))
      return false;
    if (present) row_.os = check(d_.os.intern(r));
    return true;
  }

  bool updates(od::value& v) {
    static constexpr std::string_view keys[] = {"scanned_at", "source", "complete", "items"};
    bool present;
    Id source = no_id;
    bool ok = optional_members(v, keys, present, [&](int k, od::value& value) {
      switch (k) {
        case 0:
          return timestamp(value, row_.updates_scanned_at, row_.flags, has_updates_scanned_at);
        case 1: return text_or_empty(value, source);
        case 2: {
          std::uint8_t complete = tri_absent;
          if (!optional_bool(value, complete)) return false;
          if (complete == tri_true) row_.flags |= has_updates_complete;
          return true;
        }
        default: {
          bool listed;
          return known_list(value, listed, d_.update_texts, row_.updates, nullptr,
                            [&](od::value& root, Remembered& r) { return read_update(root, r.id); });
        }
      }
    });
    if (!ok) return false;
    if (present) {
      row_.flags |= has_updates;
      row_.updates_source = source == no_id ? text(std::string_view()) : source;
    }
    return true;
  }

  // The raw text of an object element, for recognising it; false when it is not an object.
  static bool object_text(od::value& v, std::string_view& text) {
    od::object o;
    return !v.get_object().get(o) && !o.raw_json().get(text);
  }

  // Parses an object text seen for the first time with the second parser, into `fill`.
  template <class Fill>
  bool first_reading(std::string_view text, Fill&& fill) {
    auto& buffer = s_.object_buffer;
    buffer.assign(text);
    buffer.resize(text.size() + simdjson::SIMDJSON_PADDING);
    od::document doc;
    if (s_.object_parser.iterate(buffer.data(), text.size(), buffer.size()).get(doc)) return false;
    od::value root;
    if (doc.get_value().get(root) || !fill(root)) return false;
    return at_end(doc);
  }

  // A list of objects known by their texts (programs, updates, anti-virus products): every
  // element's text is gathered, hashed and its slot prefetched before any is looked up, so that
  // the lookups' cache misses overlap. A text not known yet is read with `read(root, remembered)`.
  template <class Read>
  bool known_list(od::value& v, bool& present, KnownTexts& known, std::vector<Id>& ids,
                  std::vector<std::int32_t>* dates, Read&& read) {
    auto& texts = s_.texts;
    auto& hashes = s_.hashes;
    texts.clear();
    bool ok = optional_elements(v, present, [&](od::value& e) {
      std::string_view raw;
      if (!object_text(e, raw)) return false;
      texts.push_back(raw);
      return true;
    });
    if (!ok) return false;
    hashes.resize(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      hashes[i] = known.hash(texts[i]);
      known.prefetch(hashes[i]);
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      std::optional<Remembered> r;
      if (texts[i].size() <= s_.options.max_string_bytes) r = known.recall(hashes[i]);
      if (!r) {
        r.emplace();
        if (!first_reading(texts[i], [&](od::value& root) { return read(root, *r); }))
          return false;
        known.remember(hashes[i], *r);
      }
      ids.push_back(r->id);
      if (dates) dates->push_back(r->date);
    }
    return true;
  }

  bool read_update(od::value& v, Id& out) {
    static constexpr std::string_view keys[] = {"id",    "bulletin", "severity",
                                                "classification", "title", "state"};
    static constexpr std::string_view severities[] = {"unspecified", "low", "moderate",
                                                      "important", "critical"};
    UpdateRecordKey r{};
    r.bulletin = r.classification = r.title = no_id;
    std::uint32_t seen = 0;
    bool ok = members(v, keys, [&](int k, od::value& value) {
      std::optional<std::string_view> s;
      if (!optional_string(value, s)) return false;
      switch (k) {
        case 0: {  // required: null is a type error
          std::string id = s ? normalize_update_id(*s) : std::string();
          if (id.empty()) return false;
          r.id = text(id);
          return true;
        }
        case 1: r.bulletin = text(s ? normalize_bulletin(*s) : std::string()); return true;
        case 2: {
          if (!s) return true;
          if (trim_space(*s).empty()) return true;  // an empty severity is unspecified
          int sev = key_index(*s, severities);
          r.severity = static_cast<std::uint8_t>(sev);
          return sev >= 0;
        }
        case 3: r.classification = text(s.value_or(std::string_view())); return true;
        case 4: r.title = text(s.value_or(std::string_view())); return true;
        default:
          if (s == "installed")
            r.state = static_cast<std::uint8_t>(UpdateState::installed);
          else if (s == "missing")
            r.state = static_cast<std::uint8_t>(UpdateState::missing);
          else
            return false;
          return true;
      }
    }, &seen);
    if (!ok || !(seen & bit(0)) || !(seen & bit(5))) return false;
    for (Id* id : {&r.bulletin, &r.classification, &r.title})
      if (*id == no_id) *id = text(std::string_view());
    out = check(d_.updates.intern(r));
    return true;
  }

  bool software(od::value& v) {
    bool present;
    if (!known_list(v, present, d_.program_texts, row_.software, nullptr,
                    [&](od::value& root, Remembered& r) { return read_program(root, r.id); }))
      return false;
    if (present) row_.flags |= has_software;
    return true;
  }

  bool read_program(od::value& v, Id& out) {
    static constexpr std::string_view keys[] = {"name", "version", "publisher", "service_pack"};
    ProgramRecord r{no_id, no_id, no_id, no_id};
    std::uint32_t seen = 0;
    bool ok = members(v, keys, [&](int k, od::value& value) {
      std::optional<std::string_view> s;
      if (!optional_string(value, s)) return false;
      if (!s) return k != 0;
      switch (k) {
        case 0: r.name = check(d_.program_names.intern(*s)); break;
        case 1: r.version = check(d_.program_versions.intern(*s)); break;
        case 2: r.publisher = text(*s); break;
        default: r.service_pack = text(*s); break;
      }
      return true;
    }, &seen);
    if (!ok || !(seen & bit(0))) return false;
    if (r.publisher == no_id) r.publisher = text(std::string_view());
    out = check(d_.programs.intern(r));
    return true;
  }

  bool antivirus(od::value& v) {
    bool present;
    if (!known_list(v, present, d_.antivirus_texts, row_.antivirus, &row_.antivirus_dates,
                    [&](od::value& root, Remembered& r) { return read_product(root, r); }))
      return false;
    if (present) row_.flags |= has_antivirus;
    return true;
  }

  bool read_product(od::value& v, Remembered& out) {
    static constexpr std::string_view keys[] = {"name",           "product_version",
                                                "engine_version", "definition_version",
                                                "definition_date", "resident"};
    AntivirusRecord r{no_id, no_id, no_id, no_id, tri_absent};
    std::int32_t day = no_date;
    std::uint8_t resident = tri_absent;
    Id* texts[] = {&r.name, &r.product_version, &r.engine_version, &r.definition_version};
    std::uint32_t seen = 0;
    bool ok = members(v, keys, [&](int k, od::value& value) {
      if (k == 4) return date(value, day);
      if (k == 5) return optional_bool(value, resident);
      if (!optional_text(value, *texts[k])) return false;
      return k != 0 || *texts[0] != no_id;
    }, &seen);
    if (!ok || !(seen & bit(0))) return false;
    r.resident = resident;
    out = {check(d_.antivirus.intern(r)), day};
    return true;
  }

  // ---- settings ------------------------------------------------------------------------------

  bool settings(od::value& v) {
    static constexpr std::string_view keys[] = {
        "accounts", "passwords", "logon",     "shares",            "anonymous",
        "services", "firewall",  "automatic_updates", "screensaver", "encryption"};
    bool present;
    return optional_members(v, keys, present, [&](int k, od::value& value) {
      switch (k) {
        case 0: return pair_of_flags(value, "guest_enabled", "admin_renamed", has_accounts,
                                     row_.guest_enabled, row_.admin_renamed);
        case 1: return passwords(value);
        case 2: return pair_of_flags(value, "auto_logon", "show_last_user", has_logon,
                                     row_.auto_logon, row_.show_last_user);
        case 3: return named_flags(value, "everyone_write", has_shares, d_.shares, row_.shares);
        case 4: return anonymous(value);
        case 5: return named_flags(value, "running", has_services, d_.services, row_.services);
        case 6: return firewall(value);
        case 7: return automatic_updates(value);
        case 8: return screensaver(value);
        default: return drives(value);
      }
    });
  }

  bool pair_of_flags(od::value& v, std::string_view first, std::string_view second,
                     Presence group, std::uint8_t& a, std::uint8_t& b) {
    const std::string_view keys[] = {first, second};
    bool present;
    bool ok = optional_members(v, keys, present, [&](int k, od::value& value) {
      return optional_bool(value, k == 0 ? a : b);
    });
    if (ok && present) row_.flags |= group;
    return ok;
  }

  bool passwords(od::value& v) {
    static constexpr std::string_view keys[] = {"min_length", "complexity", "accounts"};
    bool present;
    bool ok = optional_members(v, keys, present, [&](int k, od::value& value) {
      switch (k) {
        case 0:
          return optional_int(value, row_.password_min_length, row_.flags,
                              has_password_min_length);
        case 1: return optional_bool(value, row_.password_complexity);
        default: {
          bool listed;
          if (!optional_elements(value, listed, [&](od::value& e) { return account(e); }))
            return false;
          if (listed) row_.flags |= has_password_accounts;
          return true;
        }
      }
    });
    if (ok && present) row_.flags |= has_passwords;
    return ok;
  }

  bool account(od::value& v) {
    static constexpr std::string_view keys[] = {"name", "blank", "never_expires", "last_changed"};
    AccountRecord r{};
    r.name = no_id;
    std::int32_t day = no_date;
    std::uint32_t seen = 0;
    bool ok = members(v, keys, [&](int k, od::value& value) {
      switch (k) {
        case 0: {
          std::string_view s;
          if (!string(value, s)) return false;
          r.name = text(s);
          return true;
        }
        case 1: return optional_bool(value, r.blank);
        case 2: return optional_bool(value, r.never_expires);
        default: return date(value, day);
      }
    }, &seen);
    if (!ok || !(seen & bit(0))) return false;
    row_.password_accounts.push_back(check(d_.accounts.intern(r)));
    row_.password_dates.push_back(day);
    return true;
  }

  // A list of {"name": …, "<flag>": bool} objects (shares, services).
  bool named_flags(od::value& v, std::string_view flag, Presence group,
                   RecordDictionary<NamedFlagRecord>& dictionary, std::vector<Id>& out) {
    const std::string_view keys[] = {"name", flag};
    bool present;
    bool ok = optional_elements(v, present, [&](od::value& e) {
      NamedFlagRecord r{no_id, tri_absent};
      std::uint8_t tri = tri_absent;
      std::uint32_t seen = 0;
      bool fine = members(e, keys, [&](int k, od::value& value) {
        if (k == 1) return optional_bool(value, tri);
        std::string_view s;
        if (!string(value, s)) return false;
        r.name = text(s);
        return true;
      }, &seen);
      if (!fine || !(seen & bit(0))) return false;
      r.flag = tri;
      out.push_back(check(dictionary.intern(r)));
      return true;
    });
    if (ok && present) row_.flags |= group;
    return ok;
  }

  bool anonymous(od::value& v) {
    static constexpr std::string_view keys[] = {"restrict"};
    bool present;
    bool ok = optional_members(v, keys, present, [&](int, od::value& value) {
      return optional_int(value, row_.anonymous_restrict, row_.flags, has_anonymous_restrict);
    });
    if (ok && present) row_.flags |= has_anonymous;
    return ok;
  }

  // {"domain": true, "private": null}: one profile per key, null meaning not reported.
  bool firewall(od::value& v) {
    bool was_null;
    if (!take_null(v, was_null)) return false;
    if (was_null) return true;
    od::object o;
    if (v.get_object().get(o)) return false;
    UnknownKeys profiles(s_.unknown_keys);
    for (auto m : o) {
      od::field f;
      std::string_view key;
      if (std::move(m).get(f) || f.unescaped_key().get(key) || !short_enough(key) || !profiles.first(key))
        return false;
      od::value value = f.value();
      std::uint8_t tri = tri_absent;
      if (!optional_bool(value, tri)) return false;
      NamedFlagRecord r{text(key), tri};
      row_.firewall.push_back(check(d_.firewall.intern(r)));
    }
    row_.flags |= has_firewall;
    return true;
  }

  bool automatic_updates(od::value& v) {
    static constexpr std::string_view keys[] = {"mode"};
    static constexpr std::string_view modes[] = {"disabled", "notify", "download_only",
                                                 "auto_install", "scheduled"};
    bool present;
    bool ok = optional_members(v, keys, present, [&](int, od::value& value) {
      std::optional<std::string_view> s;
      if (!optional_string(value, s)) return false;
      if (!s) return true;
      int mode = key_index(*s, modes);
      row_.update_mode = static_cast<std::uint8_t>(mode);
      return mode >= 0;
    });
    if (ok && present) row_.flags |= has_automatic_updates;
    return ok;
  }

  bool screensaver(od::value& v) {
    static constexpr std::string_view keys[] = {"enabled", "password", "timeout_min"};
    bool present;
    bool ok = optional_members(v, keys, present, [&](int k, od::value& value) {
      switch (k) {
        case 0: return optional_bool(value, row_.screensaver_enabled);
        case 1: return optional_bool(value, row_.screensaver_password);
        default:
          return optional_int(value, row_.screensaver_timeout, row_.flags,
                              has_screensaver_timeout);
      }
    });
    if (ok && present) row_.flags |= has_screensaver;
    return ok;
  }

  bool drives(od::value& v) {
    static constexpr std::string_view keys[] = {"drive", "system", "encrypted"};
    bool present;
    bool ok = optional_elements(v, present, [&](od::value& e) {
      DriveRecord r{};
      r.drive = no_id;
      std::uint32_t seen = 0;
      bool fine = members(e, keys, [&](int k, od::value& value) {
        if (k == 1) return optional_bool(value, r.system);
        if (k == 2) return optional_bool(value, r.encrypted);
        std::string_view s;
        if (!string(value, s)) return false;
        r.drive = text(s);
        return true;
      }, &seen);
      if (!fine || !(seen & bit(0))) return false;
      row_.drives.push_back(check(d_.drives.intern(r)));
      return true;
    });
    if (ok && present) row_.flags |= has_encryption;
    return ok;
  }

  // ---- fields --------------------------------------------------------------------------------

  bool fields(od::value& v) {
    bool was_null;
    if (!take_null(v, was_null)) return false;
    if (was_null) return true;
    od::object o;
    if (v.get_object().get(o)) return false;
    for (auto m : o) {
      od::field f;
      std::string_view key;
      if (std::move(m).get(f) || f.unescaped_key().get(key) || !short_enough(key)) return false;
      od::value value = f.value();
      if (!field(key, value)) return false;
    }
    return true;
  }

  // One field: a scalar kept as FieldValue. Numbers are taken only as integers a double holds
  // exactly, where every reader agrees on the value; anything else goes to read_fleet().
  bool field(std::string_view name, od::value& v) {
    for (std::string_view seen : s_.field_names)
      if (seen == name) return false;
    s_.field_names.push_back(name);
    FieldRecord r{};
    r.key = text(name);
    r.text = no_id;
    json_type t;
    if (!type(v, t)) return false;
    switch (t) {
      case json_type::string: {
        std::string_view s;
        if (!string(v, s)) return false;
        r.kind = static_cast<std::uint8_t>(FieldValue::Kind::string);
        r.text = text(s);
        break;
      }
      case json_type::boolean: {
        bool b;
        if (v.get_bool().get(b)) return false;
        r.kind = static_cast<std::uint8_t>(FieldValue::Kind::boolean);
        r.boolean = b ? 1 : 0;
        break;
      }
      case json_type::null:
        if (!null(v)) return false;
        r.kind = static_cast<std::uint8_t>(FieldValue::Kind::null);
        break;
      case json_type::number: {
        constexpr std::int64_t exact = std::int64_t{1} << 53;
        std::int64_t i;
        if (v.get_int64().get(i) || i > exact || i < -exact) return false;
        double d = static_cast<double>(i);
        r.kind = static_cast<std::uint8_t>(FieldValue::Kind::number);
        std::memcpy(r.number_bits, &d, sizeof d);
        break;
      }
      default: return false;
    }
    if (r.text == no_id) r.text = text(std::string_view());
    row_.fields.push_back(check(d_.fields.intern(r)));
    return true;
  }

  RecordReader::State& s_;
  Dictionaries& d_;
  ClientRow& row_;
  bool full_ = false;
};

}  // namespace

RecordReader::RecordReader(Dictionaries& dict, const ReadOptions& options)
    : s_(std::make_unique<State>(dict, options)) {}
RecordReader::~RecordReader() = default;

bool RecordReader::usable() const noexcept { return s_->options.max_depth >= kInventoryDepth; }

std::size_t RecordReader::padding() noexcept { return simdjson::SIMDJSON_PADDING; }

ReadOutcome RecordReader::read(const char* data, std::size_t size, std::size_t capacity,
                               ClientRow& row) {
  row.reset();
  od::document doc;
  if (s_->parser.iterate(data, size, capacity).get(doc)) return ReadOutcome::fallback;
  Reader reader(*s_, row);
  bool ok = reader.record(doc);
  if (reader.full()) return ReadOutcome::full;
  return ok ? ReadOutcome::ok : ReadOutcome::fallback;
}

}  // namespace posture::batch
