// SPDX-License-Identifier: MIT
// Lengths are WGS84 ellipsoidal geodesics (walking-network.md §2), not haversine.
#include "geodata/geodesic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace skolvag::geodata;

TEST(Geodesic, OneDegreeAlongTheEquatorIsTheEquatorialRadiusTimesPiOver180) {
    // On the equator the geodesic is the equator itself: a * pi / 180 exactly.
    EXPECT_NEAR(geodesic_distance_m({0.0, 0.0}, {1.0, 0.0}), 6378137.0 * std::numbers::pi / 180.0, 1e-6);
}

TEST(Geodesic, QuarterMeridianOfWgs84) {
    // Equator to pole along a meridian: 10 001 965.729 m on WGS84 (GeographicLib).
    EXPECT_NEAR(geodesic_distance_m({18.0, 0.0}, {18.0, 90.0}), 10001965.729, 1e-3);
}

TEST(Geodesic, DiffersFromHaversineByMetresOnASchoolRoute) {
    // A 3 km north-south walk in Stockholm: a sphere of mean radius is off by metres,
    // enough to flip a decision at a threshold.
    const LonLat a{18.06, 59.30};
    const LonLat b{18.06, 59.327};
    const double geodesic = geodesic_distance_m(a, b);
    const double r = 6371008.8;
    const double haversine = r * (27e-3 * std::numbers::pi / 180.0);
    EXPECT_GT(std::fabs(geodesic - haversine), 5.0);
    EXPECT_NEAR(geodesic, 3008.0, 5.0);
}

TEST(Geodesic, DirectAndInverseRoundTrip) {
    const LonLat start{13.19, 55.70};
    const LonLat end = geodesic_direct(start, 37.5, 1234.567);
    const GeodesicLine line = geodesic_inverse(start, end);
    EXPECT_NEAR(line.distance_m, 1234.567, 1e-6);
    EXPECT_NEAR(line.azimuth_deg, 37.5, 1e-9);
}
