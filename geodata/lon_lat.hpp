// SPDX-License-Identifier: MIT
// LonLat: a WGS84 position in degrees. The CRS is in the type name on purpose.
#pragma once

#include <cmath>

namespace skolvag::geodata {

struct LonLat {
    double lon_deg = 0.0;
    double lat_deg = 0.0;

    /** True for finite values inside [-180, 180] x [-90, 90]. */
    bool is_valid() const noexcept {
        return std::isfinite(lon_deg) && std::isfinite(lat_deg) && lon_deg >= -180.0 && lon_deg <= 180.0 &&
               lat_deg >= -90.0 && lat_deg <= 90.0;
    }
    friend bool operator==(const LonLat&, const LonLat&) = default;
};

/// An axis-aligned WGS84 box; empty until a point is added.
struct LonLatBox {
    LonLat min{180.0, 90.0};
    LonLat max{-180.0, -90.0};

    bool empty() const noexcept { return min.lon_deg > max.lon_deg; }
    void extend(const LonLat& p) noexcept {
        min.lon_deg = std::fmin(min.lon_deg, p.lon_deg);
        min.lat_deg = std::fmin(min.lat_deg, p.lat_deg);
        max.lon_deg = std::fmax(max.lon_deg, p.lon_deg);
        max.lat_deg = std::fmax(max.lat_deg, p.lat_deg);
    }
};

} // namespace skolvag::geodata
