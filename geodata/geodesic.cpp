// SPDX-License-Identifier: MIT
#include "geodata/geodesic.hpp"

#include "geodata/wgs84.hpp"

#include <geodesic.h>

namespace skolvag::geodata {

namespace {

const geod_geodesic& ellipsoid() {
    // geod_init is pure arithmetic on constants; a function-local static makes the
    // initialisation thread-safe and the struct is read-only afterwards.
    static const geod_geodesic g = [] {
        geod_geodesic init{};
        geod_init(&init, wgs84::kSemiMajorAxisM, wgs84::kFlattening);
        return init;
    }();
    return g;
}

} // namespace

double geodesic_distance_m(const LonLat& a, const LonLat& b) {
    double s12 = 0.0;
    geod_inverse(&ellipsoid(), a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12, nullptr, nullptr);
    return s12;
}

GeodesicLine geodesic_inverse(const LonLat& a, const LonLat& b) {
    double s12 = 0.0;
    double azi1 = 0.0;
    geod_inverse(&ellipsoid(), a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12, &azi1, nullptr);
    return {s12, azi1};
}

LonLat geodesic_direct(const LonLat& a, double azimuth_deg, double distance_m) {
    double lat2 = 0.0;
    double lon2 = 0.0;
    geod_direct(&ellipsoid(), a.lat_deg, a.lon_deg, azimuth_deg, distance_m, &lat2, &lon2, nullptr);
    return {lon2, lat2};
}

} // namespace skolvag::geodata
