// SPDX-License-Identifier: MIT
// The WGS84 ellipsoid and the local planar frames skolvag builds on it: how many
// metres a degree of longitude or latitude is at a given latitude. Exact lengths are
// always geodesics (geodesic.hpp); these frames only find candidates and bounds.
#pragma once

#include <cmath>
#include <numbers>

namespace skolvag::geodata::wgs84 {

inline constexpr double kSemiMajorAxisM = 6378137.0;
inline constexpr double kFlattening = 1.0 / 298.257223563;
/// First eccentricity squared, e^2 = f (2 - f).
inline constexpr double kEccentricitySquared = kFlattening * (2.0 - kFlattening);
/// The mean radius, for error bounds of planar models (not for lengths).
inline constexpr double kMeanRadiusM = 6'371'000.0;
inline constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

/** Metres per degree of longitude at a latitude (the parallel's radius of curvature). */
inline double metres_per_degree_lon(double lat_deg) {
    const double s = std::sin(lat_deg * kRadiansPerDegree);
    return kSemiMajorAxisM * std::cos(lat_deg * kRadiansPerDegree) / std::sqrt(1.0 - kEccentricitySquared * s * s) *
           kRadiansPerDegree;
}

/** Metres per degree of latitude at a latitude (the meridian's radius of curvature). */
inline double metres_per_degree_lat(double lat_deg) {
    const double s = std::sin(lat_deg * kRadiansPerDegree);
    const double w = std::sqrt(1.0 - kEccentricitySquared * s * s);
    return kSemiMajorAxisM * (1.0 - kEccentricitySquared) / (w * w * w) * kRadiansPerDegree;
}

} // namespace skolvag::geodata::wgs84
