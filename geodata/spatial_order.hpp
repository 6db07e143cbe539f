// SPDX-License-Identifier: MIT
// A Hilbert-curve order of positions: nodes near each other on the ground get ids
// near each other, so a search touches fewer cache lines.
#pragma once

#include "geodata/lon_lat.hpp"

#include <cstdint>
#include <vector>

namespace skolvag::geodata {

/**
 * The positions' indexes sorted along a Hilbert curve over their bounding box
 * (ties keep input order, so the result is deterministic).
 */
std::vector<std::uint32_t> hilbert_order(const std::vector<LonLat>& positions);

} // namespace skolvag::geodata
