// SPDX-License-Identifier: MIT
#include "geodata/band_safety.hpp"

namespace skolvag::geodata {

double effective_maxspeed_kmh(const WayProfile& way, const Rules& rules) noexcept {
    if (way.tagged_maxspeed_kmh) {
        return *way.tagged_maxspeed_kmh;
    }
    return rules.default_maxspeed_kmh[static_cast<std::size_t>(way.highway)];
}

bool is_safe_for_band(const WayProfile& way, const Band& band, const Rules& rules) noexcept {
    if (!carries_motor_traffic(way.highway) || way.sidewalk || !band.max_speed_without_sidewalk_kmh) {
        return true;
    }
    return effective_maxspeed_kmh(way, rules) <= *band.max_speed_without_sidewalk_kmh;
}

routing::ArcFilter safe_arc_filter(const WalkNetwork& net, const Band& band, const Rules& rules) {
    routing::ArcFilter filter(net.graph.arc_count(), true);
    for (ArcId xy = 0; xy < net.graph.arc_count(); ++xy) {
        if (!is_safe_for_band(net.edges[net.graph.arc_edge[xy]].profile, band, rules)) {
            filter.set(xy, false);
        }
    }
    return filter;
}

} // namespace skolvag::geodata
