// SPDX-License-Identifier: MIT
// Real extracts and reproducible sample points for the benchmarks. The extracts are
// read from ../shared/data/osm (or $SKOLVAG_SHARED/data/osm); nothing is downloaded.
#pragma once

#include "geodata/lon_lat.hpp"
#include "geodata/walk_network.hpp"

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace skolvag::bench {

/** Path of an extract under the shared folder, or nullopt when it is not there. */
std::optional<std::string> shared_extract(const std::string& file_name);

/** A network loaded once per process and kept (benchmarks share it). */
const geodata::WalkNetwork& cached_network(const std::string& path);

/**
 * Deterministic points near the network, as homes are: a random edge vertex moved
 * by up to max_offset_m in a random direction.
 */
std::vector<geodata::LonLat> sample_points_near_network(const geodata::WalkNetwork& net, std::size_t count,
                                                        double max_offset_m, std::uint32_t seed);

} // namespace skolvag::bench
