// The Fleet: storing, replacing and removing clients in the columns.
#include <limits>

#include "batch/client_row.hpp"
#include "batch/hash.hpp"

namespace posture {
namespace batch {
namespace {

// Applies `fn` to every per-client scalar column, so that growing, moving and measuring them
// cannot forget one.
template <class F, class Fn>
void for_each_scalar_column(F& f, Fn&& fn) {
  fn(f.asset_begin), fn(f.asset_size), fn(f.host), fn(f.user), fn(f.group), fn(f.location);
  fn(f.agent_version), fn(f.flags), fn(f.collected_at), fn(f.os), fn(f.updates_scanned_at);
  fn(f.updates_source), fn(f.guest_enabled), fn(f.admin_renamed), fn(f.password_min_length);
  fn(f.password_complexity), fn(f.auto_logon), fn(f.show_last_user), fn(f.anonymous_restrict);
  fn(f.update_mode), fn(f.screensaver_enabled), fn(f.screensaver_password);
  fn(f.screensaver_timeout), fn(f.digest);
}

template <class F, class Fn>
void for_each_list_column(F& f, Fn&& fn) {
  fn(f.ip), fn(f.mac), fn(f.updates), fn(f.software), fn(f.antivirus), fn(f.password_accounts);
  fn(f.shares), fn(f.services), fn(f.firewall), fn(f.drives), fn(f.fields);
}

// The row's list for each list column, in for_each_list_column order.
struct RowList {
  const std::vector<Id>* ids;
  const std::vector<std::int32_t>* dates;
};

std::uint64_t digest_hash(const SnapshotDigest& d) noexcept { return d.low; }
bool is_zero(const SnapshotDigest& d) noexcept { return d.low == 0 && d.high == 0; }

void index_asset(Fleet::Impl& f, std::string_view asset, std::uint32_t client) {
  f.by_asset.assign(hash64(asset), client, [&](std::uint32_t c) { return f.asset(c) == asset; });
}

void index_digest(Fleet::Impl& f, const SnapshotDigest& digest, std::uint32_t client) {
  if (is_zero(digest)) return;
  f.by_digest.assign(digest_hash(digest), client,
                     [&](std::uint32_t c) { return f.digest[c] == digest; });
}

void compact_assets(Fleet::Impl& f) {
  std::string arena;
  arena.reserve(f.asset_arena.size() - f.asset_garbage);
  for (std::size_t c = 0; c < f.size(); ++c) {
    std::string_view a = f.asset(c);
    f.asset_begin[c] = arena.size();
    arena.append(a);
  }
  f.asset_arena = std::move(arena);
  f.asset_garbage = 0;
}

}  // namespace

result<std::size_t> store(Fleet::Impl& f, const ClientRow& row, StoreMode mode) {
  std::optional<std::uint32_t> existing;
  if (mode == StoreMode::upsert)
    existing = f.by_asset.find(hash64(row.asset),
                               [&](std::uint32_t c) { return f.asset(c) == row.asset; });
  const RowList lists[] = {{&row.ip, nullptr},        {&row.mac, nullptr},
                           {&row.updates, nullptr},   {&row.software, nullptr},
                           {&row.antivirus, &row.antivirus_dates},
                           {&row.password_accounts, &row.password_dates},
                           {&row.shares, nullptr},    {&row.services, nullptr},
                           {&row.firewall, nullptr},  {&row.drives, nullptr},
                           {&row.fields, nullptr}};

  // Check every limit before the first write, so that a failure leaves the fleet as it was.
  bool fits = existing || f.size() < std::numeric_limits<std::uint32_t>::max() - 1;
  std::size_t li = 0;
  for_each_list_column(f, [&](ListColumn& col) { fits = fits && col.fits(lists[li++].ids->size()); });
  if (!fits) return error(errc::limit, "fleet: too many clients or list entries (limit 2^32)");

  const auto c = existing ? *existing : static_cast<std::uint32_t>(f.size());
  if (existing) {
    if (!is_zero(f.digest[c])) f.by_digest.erase(digest_hash(f.digest[c]), c);
  } else {
    for_each_scalar_column(f, [](auto& col) {
      reserve_more(col, 1);
      col.emplace_back();
    });
    f.asset_begin[c] = f.asset_arena.size();
    f.asset_size[c] = static_cast<std::uint32_t>(row.asset.size());
    reserve_more(f.asset_arena, row.asset.size());
    f.asset_arena.append(row.asset);
    if (mode == StoreMode::append && f.find_asset(row.asset)) ++f.duplicate_assets;
    index_asset(f, row.asset, c);
  }

  f.host[c] = row.host;
  f.user[c] = row.user;
  f.group[c] = row.group;
  f.location[c] = row.location;
  f.agent_version[c] = row.agent_version;
  f.flags[c] = row.flags;
  f.collected_at[c] = row.collected_at;
  f.os[c] = row.os;
  f.updates_scanned_at[c] = row.updates_scanned_at;
  f.updates_source[c] = row.updates_source;
  f.guest_enabled[c] = row.guest_enabled;
  f.admin_renamed[c] = row.admin_renamed;
  f.password_min_length[c] = row.password_min_length;
  f.password_complexity[c] = row.password_complexity;
  f.auto_logon[c] = row.auto_logon;
  f.show_last_user[c] = row.show_last_user;
  f.anonymous_restrict[c] = row.anonymous_restrict;
  f.update_mode[c] = row.update_mode;
  f.screensaver_enabled[c] = row.screensaver_enabled;
  f.screensaver_password[c] = row.screensaver_password;
  f.screensaver_timeout[c] = row.screensaver_timeout;
  f.digest[c] = row.digest;
  index_digest(f, row.digest, c);

  li = 0;
  for_each_list_column(f, [&](ListColumn& col) {
    const RowList& l = lists[li++];
    col.set(c, l.ids->data(), l.dates ? l.dates->data() : nullptr, l.ids->size());
  });
  return std::size_t{c};
}

}  // namespace batch

using batch::hash64;

std::optional<std::uint32_t> Fleet::Impl::find_asset(std::string_view a) const noexcept {
  return by_asset.find(hash64(a), [&](std::uint32_t c) { return asset(c) == a; });
}

Fleet::Fleet() : impl_(std::make_unique<Impl>()) {}
Fleet::~Fleet() = default;
Fleet::Fleet(Fleet&& other) noexcept = default;
Fleet& Fleet::operator=(Fleet&& other) noexcept = default;

Fleet::Fleet(const Fleet& other) : impl_(std::make_unique<Impl>(*other.impl_)) {
  // A copy gets dictionaries of its own: a judge's tables built for the original must not be
  // taken for the copy's, whose dictionaries may grow differently.
  impl_->dict = std::make_shared<batch::Dictionaries>(*other.impl_->dict);
}

Fleet& Fleet::operator=(const Fleet& other) {
  if (this != &other) *this = Fleet(other);
  return *this;
}

std::size_t Fleet::size() const noexcept { return impl_->size(); }

result<std::size_t> Fleet::upsert(const Snapshot& snapshot) {
  batch::ClientRow row;
  if (!batch::encode(snapshot, *impl_->dict, row))
    return error(errc::limit, "fleet: a dictionary is full (limit 2^32 entries)");
  return batch::store(*impl_, row, batch::StoreMode::upsert);
}

result<std::size_t> Fleet::append(const Snapshot& snapshot) {
  batch::ClientRow row;
  if (!batch::encode(snapshot, *impl_->dict, row))
    return error(errc::limit, "fleet: a dictionary is full (limit 2^32 entries)");
  return batch::store(*impl_, row, batch::StoreMode::append);
}

bool Fleet::remove(std::string_view asset) {
  Impl& f = *impl_;
  auto found = f.find_asset(asset);
  if (!found) return false;
  const std::uint32_t c = *found;
  const auto last = static_cast<std::uint32_t>(f.size() - 1);
  const std::uint64_t asset_hash = hash64(asset);

  f.by_asset.erase(asset_hash, c);
  if (f.digest[c] != SnapshotDigest{}) f.by_digest.erase(f.digest[c].low, c);
  f.asset_garbage += f.asset_size[c];
  if (c != last) {
    f.by_asset.renumber(hash64(f.asset(last)), last, c);
    if (f.digest[last] != SnapshotDigest{}) f.by_digest.renumber(f.digest[last].low, last, c);
    batch::for_each_scalar_column(f, [&](auto& col) { col[c] = col[last]; });
    batch::for_each_list_column(f, [&](batch::ListColumn& col) { col.move_last(last, c); });
  } else {
    batch::for_each_list_column(f, [](batch::ListColumn& col) { col.pop_back(); });
  }
  batch::for_each_scalar_column(f, [](auto& col) { col.pop_back(); });

  if (f.duplicate_assets > 0) {
    // An appended twin of the removed client becomes the one find() addresses.
    std::optional<std::uint32_t> twin;
    for (std::uint32_t k = 0; k < f.size(); ++k)
      if (f.asset(k) == asset) twin = k;
    if (twin) {
      batch::index_asset(f, asset, *twin);
      --f.duplicate_assets;
    }
  }
  if (f.asset_garbage > 4096 && f.asset_garbage > f.asset_arena.size() / 2)
    batch::compact_assets(f);
  return true;
}

void Fleet::clear() noexcept {
  Impl& f = *impl_;
  batch::for_each_scalar_column(f, [](auto& col) { col.clear(); });
  batch::for_each_list_column(f, [](batch::ListColumn& col) { col.clear(); });
  f.asset_arena.clear();
  f.asset_garbage = 0;
  f.duplicate_assets = 0;
  f.by_asset.clear();
  f.by_digest.clear();
}

std::optional<std::size_t> Fleet::find(std::string_view asset) const noexcept {
  auto c = impl_->find_asset(asset);
  if (!c) return std::nullopt;
  return std::size_t{*c};
}

std::string_view Fleet::asset(std::size_t client) const noexcept { return impl_->asset(client); }
std::string_view Fleet::host(std::size_t client) const noexcept {
  return impl_->dict->text.key(impl_->host[client]);
}
std::string_view Fleet::user(std::size_t client) const noexcept {
  return impl_->dict->text.key(impl_->user[client]);
}
std::string_view Fleet::group(std::size_t client) const noexcept {
  return impl_->dict->text.key(impl_->group[client]);
}

Snapshot Fleet::snapshot(std::size_t client) const { return batch::decode(*impl_, client); }

SnapshotDigest Fleet::digest(std::size_t client) const noexcept { return impl_->digest[client]; }

FleetMemory Fleet::memory() const noexcept {
  FleetMemory m;
  const Impl& f = *impl_;
  batch::for_each_scalar_column(f, [&](const auto& col) {
    m.columns += col.capacity() * sizeof(col[0]);
  });
  batch::for_each_list_column(f, [&](const batch::ListColumn& col) { m.columns += col.memory(); });
  m.columns += f.asset_arena.capacity() + f.by_asset.memory() + f.by_digest.memory();
  m.dictionaries = f.dict->memory();
  return m;
}

SnapshotDigest digest_of(std::string_view text) noexcept {
  std::uint64_t words[2];
  batch::hash_words(text, batch::HashKey{}, words);
  return SnapshotDigest{words[0], words[1]};
}

namespace batch {

std::size_t Dictionaries::memory() const noexcept {
  return program_names.memory() + program_versions.memory() + text.memory() + programs.memory() +
         updates.memory() + antivirus.memory() + os.memory() + accounts.memory() +
         shares.memory() + services.memory() + firewall.memory() + drives.memory() +
         fields.memory() + program_texts.memory() + update_texts.memory() +
         antivirus_texts.memory();
}

}  // namespace batch
}  // namespace posture
