// The files a JP1-style command reads from its folder (JP1/CSC §16.8, §16.9): the asset
// information file and the judgment results, in JP1/CSC's result-file syntax (every value quoted,
// quotes doubled, CRLF). posture adds its own judgment JSON Lines for "details", since JP1/CSC's
// per-item layouts are only partly documented.
#pragma once

#include <span>
#include <vector>

#include "action/render.hpp"
#include "posture/action.hpp"

namespace posture::action {

/// cscmassetinfo.dat: one line per client (asset, host, IP, user, group, MAC, OS, location,
/// JP1/SD host ID — always empty here), each value cut to JP1/CSC's byte limit.
PlanFile asset_information_file(std::span<const ClientView> clients);

/// cscmresult.dat: one line per client: asset, level code, judgment time "YYYY/MM/DD hh:mm:ss".
PlanFile result_summary_file(std::span<const ClientView> clients);

/// judgments.jsonl: each client's whole judgment as write_judgment_json writes it.
PlanFile judgment_details_file(std::span<const ClientView> clients);

}  // namespace posture::action
