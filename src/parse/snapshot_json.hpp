// Reading an inventory snapshot from a JSON tree (spec/formats.md §2), shared by the
// single-document reader and the fleet reader.
//
// Inventories come from many scanner and agent versions, so the reader is strict only where a
// wrong value would change a judgment: known keys must hold values of the right type and form
// (a bad date or severity is an error), while unknown keys inside known sections are ignored and
// unknown top-level keys are kept in `fields`, in document order. JSON null for an optional value
// means absent. Enumerated values (severity, state, update mode) are matched ASCII
// case-insensitively, as scanners spell them differently.
#pragma once

#include <optional>
#include <string_view>

#include "parse/json_walker.hpp"
#include "posture/inventory.hpp"

namespace posture::json {

/// Reads the snapshot at `root`, reporting every problem to `w`.
result<Snapshot> read_snapshot(Walker& w, const Node& root, std::string_view window);

std::optional<Timestamp> as_timestamp(Walker& w, const Node& n, std::string_view name);
std::optional<Date> as_date(Walker& w, const Node& n, std::string_view name);
std::optional<Severity> as_severity(Walker& w, const Node& n, std::string_view name);

std::optional<OsInfo> as_os(Walker& w, const Node& n, std::string_view name);
std::optional<UpdateSection> as_updates(Walker& w, const Node& n, std::string_view name);
std::optional<std::vector<Program>> as_software(Walker& w, const Node& n, std::string_view name);
std::optional<std::vector<AntivirusProduct>> as_antivirus_products(Walker& w, const Node& n,
                                                                   std::string_view name);
std::optional<Settings> as_settings(Walker& w, const Node& n, std::string_view name);

}  // namespace posture::json
