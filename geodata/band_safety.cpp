// SPDX-License-Identifier: MIT
#include "geodata/band_safety.hpp"

namespace skolvag::geodata {

double effective_maxspeed_kmh(const WayProfile& way, const WalkRules& rules) noexcept {
    if (way.tagged_maxspeed_kmh) {
        return *way.tagged_maxspeed_kmh;
    }
    return rules.default_maxspeed_kmh[static_cast<std::size_t>(way.highway)];
}

bool is_lit(const WayProfile& way, const WalkRules& rules) noexcept {
    return way.lit == LitTag::lit || (way.lit == LitTag::untagged && !rules.unlit_when_untagged);
}

bool is_safe_for_band(const WayProfile& way, const BandSafety& band, const WalkRules& rules) noexcept {
    if (band.require_lit && !is_lit(way, rules)) {
        return false;
    }
    if (!carries_motor_traffic(way.highway) || way.sidewalk || !band.max_speed_without_sidewalk_kmh) {
        return true;
    }
    return effective_maxspeed_kmh(way, rules) <= *band.max_speed_without_sidewalk_kmh;
}

std::vector<bool> safe_edge_mask(const WalkNetwork& net, const BandSafety& band, const WalkRules& rules) {
    std::vector<bool> mask(net.edge_count());
    for (std::uint32_t e = 0; e < net.edge_count(); ++e) {
        mask[e] = is_safe_for_band(net.edges[e].profile, band, rules);
    }
    return mask;
}

routing::ArcFilter arc_filter_from_edges(const routing::WalkGraph& graph, const std::vector<bool>& edge_allowed) {
    routing::ArcFilter filter(graph.arc_count(), true);
    for (ArcId xy = 0; xy < graph.arc_count(); ++xy) {
        if (!edge_allowed[graph.arc_edge[xy]]) {
            filter.set(xy, false);
        }
    }
    return filter;
}

routing::ArcFilter safe_arc_filter(const WalkNetwork& net, const BandSafety& band, const WalkRules& rules) {
    return arc_filter_from_edges(net.graph, safe_edge_mask(net, band, rules));
}

} // namespace skolvag::geodata
