// SPDX-License-Identifier: MIT
#include "geodata/axis_order.hpp"

namespace skolvag::geodata {

std::optional<AxisOrder> axis_order_named(std::string_view name) noexcept {
    if (name == "easting-northing") {
        return AxisOrder::easting_northing;
    }
    if (name == "northing-easting") {
        return AxisOrder::northing_easting;
    }
    return std::nullopt;
}

namespace {

constexpr double kMarginDeg = 0.02; // about 2 km: homes just beyond the extract's edge are no sign

bool inside(const LonLat& p, const LonLatBox& box) noexcept {
    return p.lon_deg >= box.min.lon_deg - kMarginDeg && p.lon_deg <= box.max.lon_deg + kMarginDeg &&
           p.lat_deg >= box.min.lat_deg - kMarginDeg && p.lat_deg <= box.max.lat_deg + kMarginDeg;
}

} // namespace

bool axes_look_swapped(std::span<const ReadPoint> points, const LonLatBox& box) noexcept {
    if (box.empty()) {
        return false;
    }
    std::size_t with_point = 0;
    std::size_t fixed_by_swapping = 0;
    for (const ReadPoint& p : points) {
        if (!p.as_read && !p.swapped) {
            continue;
        }
        ++with_point;
        if ((!p.as_read || !inside(*p.as_read, box)) && p.swapped && inside(*p.swapped, box)) {
            ++fixed_by_swapping;
        }
    }
    return fixed_by_swapping > 0 && 2 * fixed_by_swapping >= with_point;
}

} // namespace skolvag::geodata
