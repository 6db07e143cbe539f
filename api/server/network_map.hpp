// SPDX-License-Identifier: MIT
// The walking network inside a box, for the case officer's map (GET /v1/network):
// the bbox parameter checked, and the edges that meet it found through the snapper's
// R-tree, within the caps of server.toml. Public OSM data only: no home is involved.
#pragma once

#include "api/server/errors.hpp"
#include "api/server/server_config.hpp"
#include "geodata/lon_lat.hpp"
#include "geodata/snap.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

/**
 * The bbox query parameter: "minlon,minlat,maxlon,maxlat" in WGS84 degrees.
 * @returns invalid_field naming 'bbox' when missing, not four finite numbers, out of
 *          range, or with a minimum above its maximum.
 */
Result<geodata::LonLatBox> parse_bbox(const std::optional<std::string>& text);

/** The box's area in km² on the mean-radius sphere. */
double area_km2(const geodata::LonLatBox& box);

/**
 * The edges (indexes into the network's edges, ascending, each once) whose geometry
 * meets the box. Never a partial answer: area_too_large naming the cap when the box
 * is larger than limits.max_km2 or holds more than limits.max_edges edges.
 */
Result<std::vector<std::uint32_t>> edges_in_box(const geodata::Snapper& snapper, const geodata::LonLatBox& box,
                                                const NetworkLimits& limits);

} // namespace skolvag::api
