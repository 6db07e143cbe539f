// SPDX-License-Identifier: MIT
// Distances on the WGS84 ellipsoid with Karney's algorithm (PROJ's geod_inverse /
// geod_direct). Every length skolvag reports is measured with these functions.
#pragma once

#include "geodata/lon_lat.hpp"

namespace skolvag::geodata {

/// Result of the inverse geodesic problem between two points.
struct GeodesicLine {
    double distance_m;  ///< ellipsoidal distance
    double azimuth_deg; ///< forward azimuth at the first point, clockwise from north
};

/** Geodesic distance in metres between a and b on the WGS84 ellipsoid. */
double geodesic_distance_m(const LonLat& a, const LonLat& b);

/** Distance and forward azimuth from a to b on the WGS84 ellipsoid. */
GeodesicLine geodesic_inverse(const LonLat& a, const LonLat& b);

/** The point reached from a after distance_m along azimuth_deg on the WGS84 ellipsoid. */
LonLat geodesic_direct(const LonLat& a, double azimuth_deg, double distance_m);

} // namespace skolvag::geodata
