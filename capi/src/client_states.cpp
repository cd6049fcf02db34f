// Client states and network-control orders (docs/actions.md §4, §5): a thin face over
// read/write_client_states_json, observe_snapshot, record_judgment and apply_orders. Every
// mutation is built on a copy and swapped in, so a failure leaves the caller's states as they were.
#include <memory>

#include "handles.hpp"
#include "posture/io.hpp"
#include "posture/name.hpp"

using posture::capi::fail;
using posture::capi::guarded;
using posture::capi::succeed;

namespace {

const posture::ClientState* state_at(const posture_client_states* s, size_t index) noexcept {
  return s && index < s->states.size() ? &s->states[index] : nullptr;
}

// The client with `asset`, added when never seen before.
posture::ClientState& client(posture_client_states& h, const std::string& asset) {
  if (!h.indexed) {
    h.by_asset = posture::index_states(h.states);
    h.indexed = true;
  }
  return posture::state_of(h.states, h.by_asset, asset);
}

// Keeps `states` whole when adding a client throws: the element is appended last, so removing
// it restores the old vector (and the index is rebuilt on next use).
template <class Change>
int update(posture_client_states* states, const std::string& asset, Change change) {
  const std::size_t before = states->states.size();
  try {
    posture::ClientState& s = client(*states, asset);
    posture::ClientState next = s;
    change(next);
    s = std::move(next);
  } catch (...) {
    states->states.resize(before);
    states->indexed = false;
    throw;
  }
  return succeed();
}

int observe(posture_client_states* states, const posture::Snapshot& snapshot) {
  return update(states, snapshot.asset,
                [&](posture::ClientState& s) { posture::observe_snapshot(s, snapshot); });
}

// An optional key of an order: NULL is "not given"; invalid UTF-8 is refused.
int key_text(const char* value, const char* what, std::string& out) {
  if (!value) return POSTURE_OK;
  const std::string_view v(value);
  if (!posture::valid_utf8(v))
    return fail(POSTURE_EPARSE, std::string("posture_client_states_apply: ") + what +
                                    " is not valid UTF-8");
  out = std::string(v);
  return POSTURE_OK;
}

}  // namespace

extern "C" {

const char* posture_quarantine_state_name(int state) {
  if (state < 0 || state > static_cast<int>(posture::QuarantineState::removed)) return "";
  return posture::quarantine_state_name(static_cast<posture::QuarantineState>(state)).data();
}

const char* posture_control_op_name(int op) {
  if (op < 0 || op > static_cast<int>(posture::ControlOp::remove_entry)) return "";
  return posture::control_op_name(static_cast<posture::ControlOp>(op)).data();
}

int posture_client_states_new(posture_client_states** out) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_client_states_new: out is NULL");
    *out = new posture_client_states{};
    return succeed();
  });
}

int posture_client_states_from_json(posture_client_states** out, const char* data, size_t len) {
  return guarded([&]() -> int {
    if (!out) return fail(POSTURE_EINVALID, "posture_client_states_from_json: out is NULL");
    *out = nullptr;
    if (!data && len) return fail(POSTURE_EINVALID, "posture_client_states_from_json: data is NULL");
    auto read = posture::read_client_states_json(std::string_view(data ? data : "", len));
    if (!read) return fail(read.err());
    auto states = std::make_unique<posture_client_states>();
    states->states = std::move(*read);
    *out = states.release();
    return succeed();
  });
}

void posture_client_states_free(posture_client_states* states) { delete states; }

size_t posture_client_states_count(const posture_client_states* states) {
  return states ? states->states.size() : 0;
}

const char* posture_client_states_asset(const posture_client_states* states, size_t index) {
  const auto* s = state_at(states, index);
  return s ? s->asset.c_str() : nullptr;
}

int posture_client_states_quarantine(const posture_client_states* states, size_t index) {
  const auto* s = state_at(states, index);
  return s ? static_cast<int>(s->quarantine) : -1;
}

int posture_client_states_level(const posture_client_states* states, size_t index) {
  const auto* s = state_at(states, index);
  return s && s->level ? posture::level_code(*s->level) : POSTURE_LEVEL_NONE;
}

uint32_t posture_client_states_consecutive_times(const posture_client_states* states,
                                                 size_t index) {
  const auto* s = state_at(states, index);
  return s ? s->consecutive_times : 0;
}

int posture_client_states_observe(posture_client_states* states, const posture_snapshot* snapshot) {
  return guarded([&]() -> int {
    if (!states || !snapshot)
      return fail(POSTURE_EINVALID, "posture_client_states_observe: NULL argument");
    return observe(states, snapshot->snapshot);
  });
}

int posture_client_states_observe_json(posture_client_states* states, const char* data,
                                       size_t len) {
  return guarded([&]() -> int {
    if (!states || (!data && len))
      return fail(POSTURE_EINVALID, "posture_client_states_observe_json: NULL argument");
    auto snapshot = posture::read_snapshot_json(std::string_view(data ? data : "", len));
    if (!snapshot) return fail(snapshot.err());
    return observe(states, *snapshot);
  });
}

int posture_client_states_record(posture_client_states* states, const posture_judgment* judgment) {
  return guarded([&]() -> int {
    if (!states || !judgment)
      return fail(POSTURE_EINVALID, "posture_client_states_record: NULL argument");
    const posture::Judgment& j = judgment->judgment;
    return update(states, j.asset, [&](posture::ClientState& s) {
      s = posture::record_judgment(std::move(s), j);
    });
  });
}

const char* posture_client_states_json(posture_client_states* states, int style, size_t* len_out) {
  if (len_out) *len_out = 0;
  const char* result = nullptr;
  guarded([&]() -> int {
    if (!states) return fail(POSTURE_EINVALID, "posture_client_states_json: states is NULL");
    const auto s = posture::capi::json_style(style);
    if (!s) return fail(POSTURE_EINVALID, "posture_client_states_json: unknown style");
    states->json = posture::write_client_states_json(states->states, *s);
    result = states->json.c_str();
    if (len_out) *len_out = states->json.size();
    return succeed();
  });
  return result;
}

int posture_network_order_init(posture_network_order* order, unsigned int version) {
  if (!order) return fail(POSTURE_EINVALID, "posture_network_order_init: order is NULL");
  if (version == 0 || version > POSTURE_NETWORK_ORDER_VERSION)
    return fail(POSTURE_EVERSION, "posture_network_order_init: unsupported order version");
  *order = posture_network_order POSTURE_NETWORK_ORDER_INIT;
  order->version = version;
  return succeed();
}

int posture_client_states_apply(posture_network_changes** changes_out,
                                posture_client_states* states, const posture_network_order* order) {
  return guarded([&]() -> int {
    if (changes_out) *changes_out = nullptr;
    if (!states || !order)
      return fail(POSTURE_EINVALID, "posture_client_states_apply: NULL argument");
    if (order->version == 0 || order->version > POSTURE_NETWORK_ORDER_VERSION)
      return fail(POSTURE_EVERSION, "posture_client_states_apply: unsupported order version");
    if (order->event < 0 || order->event > static_cast<int>(posture::QuarantineEventKind::clear_exempt))
      return fail(POSTURE_EINVALID, "posture_client_states_apply: unknown event " +
                                        std::to_string(order->event));
    if (order->control != POSTURE_NETWORK_PERMIT && order->control != POSTURE_NETWORK_DENY)
      return fail(POSTURE_EINVALID, "posture_client_states_apply: unknown control " +
                                        std::to_string(order->control));
    posture::ClientKey key;
    if (int rc = key_text(order->asset, "order->asset", key.asset)) return rc;
    if (int rc = key_text(order->mac, "order->mac", key.mac)) return rc;
    if (int rc = key_text(order->ip, "order->ip", key.ip)) return rc;
    if (int rc = key_text(order->host, "order->host", key.host)) return rc;
    if (key.empty())
      return fail(POSTURE_EINVALID,
                  "posture_client_states_apply: name the clients by asset, mac, ip or host");

    posture::QuarantineEvent event;
    event.kind = static_cast<posture::QuarantineEventKind>(order->event);
    event.control = static_cast<posture::NetworkControl>(order->control);
    event.auto_refuse = order->auto_refuse != 0;
    auto done = posture::apply_orders(states->states, {&key, 1}, event);
    if (!done.unmatched.empty())
      return fail(POSTURE_ENOTFOUND, "posture_client_states_apply: no client matches the order");
    std::unique_ptr<posture_network_changes> changes;
    if (changes_out) changes = std::make_unique<posture_network_changes>(std::move(done.changes));
    states->states = std::move(done.clients);
    states->indexed = false;
    if (changes_out) *changes_out = changes.release();
    return succeed();
  });
}

void posture_network_changes_free(posture_network_changes* changes) { delete changes; }

size_t posture_network_changes_count(const posture_network_changes* changes) {
  return changes ? changes->views.size() : 0;
}

const posture_connection_change* posture_network_changes_at(const posture_network_changes* changes,
                                                             size_t index) {
  if (!changes || index >= changes->views.size()) return nullptr;
  return &changes->views[index];
}

}  // extern "C"
