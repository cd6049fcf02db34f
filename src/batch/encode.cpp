// Snapshot ⇄ columns. decode() is the exact inverse of encode(): a fleet can always give back the
// snapshot it was given, which is how the batch path explains a verdict (FleetJudge::judgment).
#include <cstring>

#include "batch/client_row.hpp"

namespace posture::batch {
namespace {

// Interns into one dictionary and remembers whether any dictionary was full, so that encode()
// reads as a plain list of fields and checks once at the end.
class Encoder {
 public:
  explicit Encoder(Dictionaries& dict) : d(dict) {}

  Id str(Interner& in, std::string_view s) { return check(in.intern(s)); }
  Id text(std::string_view s) { return str(d.text, s); }
  Id text(const std::string& s) { return str(d.text, s); }
  Id text(const std::optional<std::string>& s) { return s ? text(*s) : no_id; }
  template <class T>
  Id record(RecordDictionary<T>& dictionary, const T& r) {
    return check(dictionary.intern(r));
  }
  bool ok() const noexcept { return ok_; }

  Dictionaries& d;

 private:
  Id check(Id id) noexcept {
    if (id == no_id) ok_ = false;
    return id;
  }
  bool ok_ = true;
};

std::int32_t date_or_none(const std::optional<Date>& d) noexcept { return d ? d->days : no_date; }

NamedFlagRecord named_flag(Encoder& e, const std::string& name, const std::optional<bool>& flag) {
  NamedFlagRecord r{};
  r.name = e.text(name);
  r.flag = to_tri(flag);
  return r;
}

}  // namespace

void ClientRow::reset() noexcept {
  std::vector<Id>* lists[] = {&ip, &mac, &updates, &software, &antivirus, &password_accounts,
                              &shares, &services, &firewall, &drives, &fields};
  for (auto* l : lists) l->clear();
  antivirus_dates.clear();
  password_dates.clear();
  asset = {};
  host = user = group = location = agent_version = no_id;
  flags = 0;
  collected_at = 0;
  os = no_id;
  updates_scanned_at = 0;
  updates_source = no_id;
  guest_enabled = admin_renamed = password_complexity = auto_logon = show_last_user = tri_absent;
  screensaver_enabled = screensaver_password = tri_absent;
  password_min_length = anonymous_restrict = screensaver_timeout = 0;
  update_mode = no_mode;
  digest = {};
}

bool encode(const Snapshot& s, Dictionaries& dict, ClientRow& row) {
  Encoder e(dict);
  row.reset();
  row.asset = s.asset;
  row.host = e.text(s.host);
  row.user = e.text(s.user);
  row.group = e.text(s.group);
  row.location = e.text(s.location);
  row.agent_version = e.text(s.agent_version);
  for (const auto& ip : s.ip) row.ip.push_back(e.text(ip));
  for (const auto& mac : s.mac) row.mac.push_back(e.text(mac));
  if (!s.managed) row.flags |= has_managed_false;
  if (s.collected_at) {
    row.flags |= has_collected_at;
    row.collected_at = s.collected_at->seconds;
  }

  if (s.os) {
    OsRecord r{};
    r.name = e.text(s.os->name);
    r.version = e.text(s.os->version);
    r.service_pack = e.text(s.os->service_pack);
    r.arch = e.text(s.os->arch);
    row.os = e.record(dict.os, r);
  }
  if (s.updates) {
    const auto& u = *s.updates;
    row.flags |= has_updates;
    if (u.scanned_at) {
      row.flags |= has_updates_scanned_at;
      row.updates_scanned_at = u.scanned_at->seconds;
    }
    if (u.complete) row.flags |= has_updates_complete;
    row.updates_source = e.text(u.source);
    for (const auto& item : u.items) {
      UpdateRecordKey r{};
      r.id = e.text(item.id);
      r.bulletin = e.text(item.bulletin);
      r.classification = e.text(item.classification);
      r.title = e.text(item.title);
      r.severity = static_cast<std::uint8_t>(item.severity);
      r.state = static_cast<std::uint8_t>(item.state);
      row.updates.push_back(e.record(dict.updates, r));
    }
  }
  if (s.software) {
    row.flags |= has_software;
    for (const auto& p : *s.software) {
      ProgramRecord r{};
      r.name = e.str(dict.program_names, p.name);
      r.version = p.version ? e.str(dict.program_versions, *p.version) : no_id;
      r.publisher = e.text(p.publisher);
      r.service_pack = e.text(p.service_pack);
      row.software.push_back(e.record(dict.programs, r));
    }
  }
  if (s.antivirus) {
    row.flags |= has_antivirus;
    for (const auto& a : *s.antivirus) {
      AntivirusRecord r{};
      r.name = e.text(a.name);
      r.product_version = e.text(a.product_version);
      r.engine_version = e.text(a.engine_version);
      r.definition_version = e.text(a.definition_version);
      r.resident = to_tri(a.resident);
      row.antivirus.push_back(e.record(dict.antivirus, r));
      row.antivirus_dates.push_back(date_or_none(a.definition_date));
    }
  }

  const Settings& st = s.settings;
  if (st.accounts) {
    row.flags |= has_accounts;
    row.guest_enabled = to_tri(st.accounts->guest_enabled);
    row.admin_renamed = to_tri(st.accounts->admin_renamed);
  }
  if (st.passwords) {
    row.flags |= has_passwords;
    if (st.passwords->min_length) {
      row.flags |= has_password_min_length;
      row.password_min_length = *st.passwords->min_length;
    }
    row.password_complexity = to_tri(st.passwords->complexity);
    if (st.passwords->accounts) {
      row.flags |= has_password_accounts;
      for (const auto& a : *st.passwords->accounts) {
        AccountRecord r{};
        r.name = e.text(a.name);
        r.blank = to_tri(a.blank);
        r.never_expires = to_tri(a.never_expires);
        row.password_accounts.push_back(e.record(dict.accounts, r));
        row.password_dates.push_back(date_or_none(a.last_changed));
      }
    }
  }
  if (st.logon) {
    row.flags |= has_logon;
    row.auto_logon = to_tri(st.logon->auto_logon);
    row.show_last_user = to_tri(st.logon->show_last_user);
  }
  if (st.shares) {
    row.flags |= has_shares;
    for (const auto& sh : *st.shares)
      row.shares.push_back(e.record(dict.shares, named_flag(e, sh.name, sh.everyone_write)));
  }
  if (st.anonymous) {
    row.flags |= has_anonymous;
    if (st.anonymous->restrict) {
      row.flags |= has_anonymous_restrict;
      row.anonymous_restrict = *st.anonymous->restrict;
    }
  }
  if (st.services) {
    row.flags |= has_services;
    for (const auto& sv : *st.services)
      row.services.push_back(e.record(dict.services, named_flag(e, sv.name, sv.running)));
  }
  if (st.firewall) {
    row.flags |= has_firewall;
    for (const auto& f : *st.firewall)
      row.firewall.push_back(
          e.record(dict.firewall, named_flag(e, f.profile, f.enabled)));
  }
  if (st.automatic_updates) {
    row.flags |= has_automatic_updates;
    if (st.automatic_updates->mode)
      row.update_mode = static_cast<std::uint8_t>(*st.automatic_updates->mode);
  }
  if (st.screensaver) {
    row.flags |= has_screensaver;
    row.screensaver_enabled = to_tri(st.screensaver->enabled);
    row.screensaver_password = to_tri(st.screensaver->password);
    if (st.screensaver->timeout_min) {
      row.flags |= has_screensaver_timeout;
      row.screensaver_timeout = *st.screensaver->timeout_min;
    }
  }
  if (st.encryption) {
    row.flags |= has_encryption;
    for (const auto& d : *st.encryption) {
      DriveRecord r{};
      r.drive = e.text(d.drive);
      r.system = to_tri(d.system);
      r.encrypted = to_tri(d.encrypted);
      row.drives.push_back(e.record(dict.drives, r));
    }
  }
  for (const auto& [key, value] : s.fields) {
    FieldRecord r{};
    r.key = e.text(key);
    r.kind = static_cast<std::uint8_t>(value.kind);
    r.boolean = value.boolean ? 1 : 0;
    r.text = e.text(value.text);
    std::memcpy(r.number_bits, &value.number, sizeof value.number);
    row.fields.push_back(e.record(dict.fields, r));
  }
  return e.ok();
}

namespace {

// Assigns into strings that may already hold capacity: a scratch snapshot rebuilt for one client
// after another then allocates only when a value outgrows its predecessor.
class Decoder {
 public:
  explicit Decoder(const Dictionaries& dict) : d(dict) {}
  void text(std::string& out, Id id) const { out.assign(d.text.key(id)); }
  void optional_text(std::optional<std::string>& out, Id id) const {
    if (id == no_id) {
      out.reset();
      return;
    }
    if (!out) out.emplace();
    out->assign(d.text.key(id));
  }
  std::string text(Id id) const { return std::string(d.text.key(id)); }
  const Dictionaries& d;
};

std::optional<Date> date_of_column(std::int32_t days) noexcept {
  if (days == no_date) return std::nullopt;
  return Date{days};
}

std::optional<std::int64_t> if_flag(std::uint32_t flags, Presence bit, std::int64_t v) noexcept {
  if (!(flags & bit)) return std::nullopt;
  return v;
}

// An optional list resized for `present` clients' n entries, or reset.
template <class T>
std::vector<T>* list_of(std::optional<std::vector<T>>& list, bool present, std::size_t n) {
  if (!present) {
    list.reset();
    return nullptr;
  }
  if (!list) list.emplace();
  list->resize(n);
  return &*list;
}

// A client's named on/off records (services: running; firewall profiles: enabled) as model values.
template <class T>
std::vector<T> named_flags(const Decoder& d, const batch::ListColumn& column,
                           const RecordDictionary<NamedFlagRecord>& records, std::size_t c) {
  std::vector<T> out;
  for (std::uint32_t i = 0; i < column.count(c); ++i) {
    const NamedFlagRecord& r = records[column.ids(c)[i]];
    out.push_back(T{d.text(r.name), from_tri(r.flag)});
  }
  return out;
}

}  // namespace

void decode_into(const Fleet::Impl& f, std::size_t c, unsigned sections, Snapshot& s) {
  const Dictionaries& dict = *f.dict;
  Decoder d(dict);
  const std::uint32_t flags = f.flags[c];

  if (sections & section_identity) {
    s.asset.assign(f.asset(c));
    d.text(s.host, f.host[c]);
    d.text(s.user, f.user[c]);
    d.text(s.group, f.group[c]);
    d.text(s.location, f.location[c]);
    d.optional_text(s.agent_version, f.agent_version[c]);
    s.ip.resize(f.ip.count(c));
    for (std::uint32_t i = 0; i < f.ip.count(c); ++i) d.text(s.ip[i], f.ip.ids(c)[i]);
    s.mac.resize(f.mac.count(c));
    for (std::uint32_t i = 0; i < f.mac.count(c); ++i) d.text(s.mac[i], f.mac.ids(c)[i]);
    s.managed = !(flags & has_managed_false);
    s.collected_at.reset();
    if (flags & has_collected_at) s.collected_at = Timestamp{f.collected_at[c]};
  }

  if (sections & section_os) {
    if (f.os[c] == no_id) {
      s.os.reset();
    } else {
      const OsRecord& r = dict.os[f.os[c]];
      if (!s.os) s.os.emplace();
      d.optional_text(s.os->name, r.name);
      d.optional_text(s.os->version, r.version);
      d.optional_text(s.os->service_pack, r.service_pack);
      d.optional_text(s.os->arch, r.arch);
    }
  }
  if (sections & section_updates) {
    if (!(flags & has_updates)) {
      s.updates.reset();
    } else {
      if (!s.updates) s.updates.emplace();
      UpdateSection& u = *s.updates;
      u.scanned_at.reset();
      if (flags & has_updates_scanned_at) u.scanned_at = Timestamp{f.updates_scanned_at[c]};
      d.text(u.source, f.updates_source[c]);
      u.complete = (flags & has_updates_complete) != 0;
      u.items.resize(f.updates.count(c));
      for (std::uint32_t i = 0; i < f.updates.count(c); ++i) {
        const UpdateRecordKey& r = dict.updates[f.updates.ids(c)[i]];
        UpdateRecord& item = u.items[i];
        d.text(item.id, r.id);
        d.text(item.bulletin, r.bulletin);
        item.severity = static_cast<Severity>(r.severity);
        d.text(item.classification, r.classification);
        d.text(item.title, r.title);
        item.state = static_cast<UpdateState>(r.state);
      }
    }
  }
  if (sections & section_software) {
    if (auto* software = list_of(s.software, flags & has_software, f.software.count(c)))
      for (std::uint32_t i = 0; i < f.software.count(c); ++i) {
        const ProgramRecord& r = dict.programs[f.software.ids(c)[i]];
        Program& p = (*software)[i];
        p.name.assign(dict.program_names.key(r.name));
        if (r.version == no_id) {
          p.version.reset();
        } else {
          if (!p.version) p.version.emplace();
          p.version->assign(dict.program_versions.key(r.version));
        }
        d.text(p.publisher, r.publisher);
        d.optional_text(p.service_pack, r.service_pack);
      }
  }
  if (sections & section_antivirus) {
    if (auto* products = list_of(s.antivirus, flags & has_antivirus, f.antivirus.count(c)))
      for (std::uint32_t i = 0; i < f.antivirus.count(c); ++i) {
        const AntivirusRecord& r = dict.antivirus[f.antivirus.ids(c)[i]];
        AntivirusProduct& a = (*products)[i];
        d.text(a.name, r.name);
        d.optional_text(a.product_version, r.product_version);
        d.optional_text(a.engine_version, r.engine_version);
        d.optional_text(a.definition_version, r.definition_version);
        a.definition_date = date_of_column(f.antivirus.dates(c)[i]);
        a.resident = from_tri(r.resident);
      }
  }

  if (sections & section_settings) {
    Settings& st = s.settings;
    st = Settings{};
    if (flags & has_accounts)
      st.accounts = AccountSettings{from_tri(f.guest_enabled[c]), from_tri(f.admin_renamed[c])};
    if (flags & has_passwords) {
      PasswordSettings p;
      p.min_length = if_flag(flags, has_password_min_length, f.password_min_length[c]);
      p.complexity = from_tri(f.password_complexity[c]);
      if (flags & has_password_accounts) {
        std::vector<PasswordAccount> accounts;
        for (std::uint32_t i = 0; i < f.password_accounts.count(c); ++i) {
          const AccountRecord& r = dict.accounts[f.password_accounts.ids(c)[i]];
          accounts.push_back(PasswordAccount{d.text(r.name), from_tri(r.blank),
                                             from_tri(r.never_expires),
                                             date_of_column(f.password_accounts.dates(c)[i])});
        }
        p.accounts = std::move(accounts);
      }
      st.passwords = std::move(p);
    }
    if (flags & has_logon)
      st.logon = LogonSettings{from_tri(f.auto_logon[c]), from_tri(f.show_last_user[c])};
    if (flags & has_shares) {
      std::vector<Share> shares;
      for (std::uint32_t i = 0; i < f.shares.count(c); ++i) {
        const NamedFlagRecord& r = dict.shares[f.shares.ids(c)[i]];
        shares.push_back(Share{d.text(r.name), from_tri(r.flag)});
      }
      st.shares = std::move(shares);
    }
    if (flags & has_anonymous)
      st.anonymous =
          AnonymousSettings{if_flag(flags, has_anonymous_restrict, f.anonymous_restrict[c])};
    if (flags & has_services) st.services = named_flags<Service>(d, f.services, dict.services, c);
    if (flags & has_firewall)
      st.firewall = named_flags<FirewallProfile>(d, f.firewall, dict.firewall, c);
    if (flags & has_automatic_updates) {
      AutomaticUpdates au;
      if (f.update_mode[c] != no_mode) au.mode = static_cast<AutoUpdateMode>(f.update_mode[c]);
      st.automatic_updates = au;
    }
    if (flags & has_screensaver)
      st.screensaver = ScreensaverSettings{
          from_tri(f.screensaver_enabled[c]), from_tri(f.screensaver_password[c]),
          if_flag(flags, has_screensaver_timeout, f.screensaver_timeout[c])};
    if (flags & has_encryption) {
      std::vector<Drive> drives;
      for (std::uint32_t i = 0; i < f.drives.count(c); ++i) {
        const DriveRecord& r = dict.drives[f.drives.ids(c)[i]];
        drives.push_back(Drive{d.text(r.drive), from_tri(r.system), from_tri(r.encrypted)});
      }
      st.encryption = std::move(drives);
    }
  }
  if (sections & section_fields) {
    s.fields.resize(f.fields.count(c));
    for (std::uint32_t i = 0; i < f.fields.count(c); ++i) {
      const FieldRecord& r = dict.fields[f.fields.ids(c)[i]];
      auto& [key, v] = s.fields[i];
      d.text(key, r.key);
      v.kind = static_cast<FieldValue::Kind>(r.kind);
      v.boolean = r.boolean != 0;
      std::memcpy(&v.number, r.number_bits, sizeof v.number);
      d.text(v.text, r.text);
    }
  }
}

Snapshot decode(const Fleet::Impl& f, std::size_t c) {
  Snapshot s;
  decode_into(f, c, section_all, s);
  return s;
}

}  // namespace posture::batch
