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
    std::vector<LonLat> line;
    for (std::uint32_t e = 0; e < net.edge_count(); ++e) {
        bool safe = is_safe_for_band(net.edges[e].profile, band, rules);
        if (!band.areas.empty()) {
            const WalkEdge& edge = net.edges[e];
            line.assign(net.points.begin() + edge.first_point, net.points.begin() + edge.first_point + edge.point_count);
            bool in_safe = false;
            bool in_unsafe = false;
            for (const auto& area : band.areas) {
                if (area->unsafe) {
                    in_unsafe = in_unsafe || area->touches(line);
                } else {
                    in_safe = in_safe || area->covers(line);
                }
            }
            safe = !in_unsafe && (safe || in_safe);
        }
        mask[e] = safe;
    }
    return mask;
}

NodeAreas node_areas(const WalkNetwork& net, const BandSafety& band) {
    NodeAreas n{std::vector<bool>(net.node_position.size(), false), std::vector<bool>(net.node_position.size(), false)};
    for (const auto& area : band.areas) {
        std::vector<bool>& flag = area->unsafe ? n.unsafe : n.safe;
        for (std::size_t x = 0; x < net.node_position.size(); ++x) {
            if (!flag[x] && area->covers(net.node_position[x])) {
                flag[x] = true;
            }
        }
    }
    return n;
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
