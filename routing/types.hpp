// SPDX-License-Identifier: MIT
// Basic id and unit types of the routing layer. Depends on the standard library only.
#pragma once

#include <cstdint>
#include <limits>

namespace skolvag::routing {

/// A routing node (junction or way end) in a WalkGraph.
using NodeId = std::uint32_t;
/// An arc (directed edge) x->y in a WalkGraph, named xy in loops.
using ArcId = std::uint32_t;
/// An OpenStreetMap object id; OSM node ids exceed 2^32.
using OsmId = std::int64_t;
/// A length on one arc, in millimetres.
using LengthMm = std::uint32_t;
/// A path length, in millimetres.
using DistanceMm = std::uint64_t;

inline constexpr std::uint32_t kInvalidId = std::numeric_limits<std::uint32_t>::max();
inline constexpr DistanceMm kUnreachable = std::numeric_limits<DistanceMm>::max();

/**
 * A distance as every output states it: metres to the whole centimetre, rounded half up
 * from the integer millimetres, so that 113,085 mm is 113.09 in every file (formatting
 * the double 113.085, which lies just below, would say 113.08 in one place and 113.09 in
 * another). @pre mm is a distance, not kUnreachable.
 */
inline double centimetre_metres(DistanceMm mm) noexcept { return static_cast<double>((mm + 5) / 10) / 100.0; }

} // namespace skolvag::routing
