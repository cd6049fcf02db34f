#include <doctest/doctest.h>

#include "action_fixtures.hpp"

using namespace posture;
using namespace posture::test;

namespace {

std::vector<ClientState> fleet() {
  ClientState a = client("A", "alpha", {"00-0d-60-aa-01-10"}, {"192.168.40.10"});
  a.quarantine = QuarantineState::permitted;
  ClientState b = client("B", "beta", {"000D60AA0111", "000D60AA0112"}, {"192.168.40.11"});
  b.quarantine = QuarantineState::emergency_denied;
  ClientState c = client("C", "gamma", {}, {"192.168.40.12"});
  c.quarantine = QuarantineState::denied;
  ClientState d = client("D", "delta");
  d.quarantine = QuarantineState::exempt;
  return {a, b, c, d};
}

}  // namespace

TEST_CASE("action: the connection control list holds every controlled client, one entry per MAC") {
  const ConnectionControlList list = connection_control_list(fleet());
  REQUIRE(list.entries.size() == 4);
  CHECK(list.entries[0] == ControlEntry{"00:0D:60:AA:01:10", "192.168.40.10", "alpha", "A",
                                        NetworkControl::permit, false});
  CHECK(list.entries[1] == ControlEntry{"00:0D:60:AA:01:11", "192.168.40.11", "beta", "B",
                                        NetworkControl::deny, true});
  CHECK(list.entries[2].mac == "00:0D:60:AA:01:12");
  CHECK(list.entries[2].ip.empty());
  CHECK(list.entries[3] == ControlEntry{"", "192.168.40.12", "gamma", "C", NetworkControl::deny, false});
}

TEST_CASE("action: the list round-trips through JSON") {
  const ConnectionControlList list = connection_control_list(fleet());
  auto back = read_control_list_json(write_control_list_json(list));
  REQUIRE(back.ok());
  CHECK(back->entries == list.entries);

  auto bad = read_control_list_json(R"({"format": "posture-connection-control/1", "entries": [
    {"mac": "nope", "control": "deny"},
    {"control": "permit"},
    {"ip": "10.0.0.1", "control": "permit", "emergency": true}]})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.err().diagnostics().size() == 3);
}

TEST_CASE("action: the JP1 connection control list file is MAC, IP and 1 or 2 per line") {
  const ConnectionControlList list = connection_control_list(fleet());
  const std::string text = write_control_list_jp1(list);
  CHECK(text ==
        "\"00:0D:60:AA:01:10\",\"192.168.40.10\",\"2\"\r\n"
        "\"00:0D:60:AA:01:11\",\"192.168.40.11\",\"1\"\r\n"
        "\"00:0D:60:AA:01:12\",\"\",\"1\"\r\n");

  auto read = read_control_list_jp1(
      "00:0D:60:AA:01:10,192.168.40.10,2\r\n000D60AA0111,192.168.40.11,1\r\n\r\n"
      "00 0D 60 AA 01 12,192.168.40.12,2\n\"00-0d-60-aa-01-13\",\"\",\"1\"\r\n");
  REQUIRE(read.ok());
  REQUIRE(read->entries.size() == 4);
  CHECK(read->entries[0].control == NetworkControl::permit);
  CHECK(read->entries[1].mac == "00:0D:60:AA:01:11");
  CHECK(read->entries[1].control == NetworkControl::deny);
  CHECK(read->entries[2].mac == "00:0D:60:AA:01:12");
  CHECK(read->entries[3].ip.empty());
}

TEST_CASE("action: a bad JP1 control list names each bad value's line and column") {
  ReadOptions o;
  o.file_name = "list.csv";
  auto r = read_control_list_jp1("00:0D:60:AA:01:10,192.168.40.10,2\r\n"
                                 "00:0D:60:AA:01,192.168.40.300,3\r\n"
                                 "only,two\r\n",
                                 o);
  REQUIRE_FALSE(r.ok());
  const auto& d = r.err().diagnostics();
  REQUIRE(d.size() == 4);
  CHECK(d[0].where.file == "list.csv");
  CHECK(d[0].where.line == 2);
  CHECK(d[0].where.column == 1);
  CHECK(d[1].where.column == 16);
  CHECK(d[1].message.find("IPv4") != std::string::npos);
  CHECK(d[2].where.column == 31);
  CHECK(d[3].where.line == 3);
  CHECK(d[3].message.find("expected 3 values") != std::string::npos);
}

TEST_CASE("action: the cscnetctrl list names clients by MAC, IP or host") {
  auto keys = read_client_keys_jp1(
      "0a-1b-2c-3d-4e-5f,172.16.5.20,ws-lab-20\r\n0A1B2C3D4E60,,\r\n,172.16.5.99,\r\n,,ws-lab-31\r\n");
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 4);
  CHECK((*keys)[0].mac == "0A:1B:2C:3D:4E:5F");
  CHECK((*keys)[0].host == "ws-lab-20");
  CHECK((*keys)[1].mac == "0A:1B:2C:3D:4E:60");
  CHECK((*keys)[2].ip == "172.16.5.99");
  CHECK((*keys)[3].host == "ws-lab-31");
  // Spaces between pairs belong to the import file only; an empty line of commas names nobody.
  auto bad = read_client_keys_jp1("0a 1b 2c 3d 4e 5f,,\r\n,,\r\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.err().diagnostics().size() == 2);
}

TEST_CASE("action: an imported list is applied as administrator orders") {
  ConnectionControlList list;
  list.entries.push_back({"00:0D:60:AA:01:11", "", "", "", NetworkControl::permit, false});
  list.entries.push_back({"", "192.168.40.12", "", "", NetworkControl::deny, true});
  list.entries.push_back({"00:00:00:00:00:01", "", "", "", NetworkControl::deny, false});
  const OrderResult result = import_control_list(fleet(), list);
  CHECK(result.clients[1].quarantine == QuarantineState::permitted);  // an explicit permit
  CHECK(result.clients[2].quarantine == QuarantineState::emergency_denied);
  CHECK(result.unmatched == std::vector<std::size_t>{2});
  REQUIRE(result.changes.size() == 3);
  CHECK(result.changes[0].op == ControlOp::permit);
  CHECK(result.changes[2].op == ControlOp::emergency_deny);
}
