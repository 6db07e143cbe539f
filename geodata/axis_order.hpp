// SPDX-License-Identifier: MIT
// Swapped axes, the commonest way a Swedish register goes wrong: in Swedish GIS, X is
// often the *northing* (SWEREF 99 TM X ≈ 6.1-7.7 million, Y ≈ 0.2-0.95 million), and
// lon/lat columns get exchanged too. Read with the axes swapped, every home lies far
// from the network. A file's points look swapped when most of them lie outside the
// network's box and would lie inside it with x and y exchanged.
#pragma once

#include "geodata/lon_lat.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace skolvag::geodata {

/// Which column or coordinate of a point is the easting (longitude).
enum class AxisOrder {
    easting_northing, ///< x (or lon) first: skolvag's default
    northing_easting  ///< x is the northing (Swedish GIS habit): exchanged on reading
};

/** "easting-northing" or "northing-easting"; nullopt for anything else. */
std::optional<AxisOrder> axis_order_named(std::string_view name) noexcept;

/// A point as read, and the same point with its x and y exchanged (each nullopt when not a valid point).
struct ReadPoint {
    std::optional<LonLat> as_read;
    std::optional<LonLat> swapped;
};

/**
 * True when the points look read with their axes swapped: at least half of those with a
 * point lie outside the box (widened by about 2 km) and would lie inside it swapped.
 */
bool axes_look_swapped(std::span<const ReadPoint> points, const LonLatBox& box) noexcept;

} // namespace skolvag::geodata
