// SPDX-License-Identifier: MIT
#include "geodata/band_safety.hpp"

#include <cmath>

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

namespace {

/// Why an edge is unsafe for a band, or `safe`; the unsafe area when that is why.
struct EdgeVerdict {
    enum class Why { safe, unsafe_area, unlit, too_fast } why = Why::safe;
    const MunicipalArea* area = nullptr;
};

EdgeVerdict judge_edge(const WalkNetwork& net, std::uint32_t e, const BandSafety& band, const WalkRules& rules,
                       std::vector<LonLat>& line) {
    const WalkEdge& edge = net.edges[e];
    EdgeVerdict v;
    if (band.require_lit && !is_lit(edge.profile, rules)) {
        v.why = EdgeVerdict::Why::unlit;
    } else if (!is_safe_for_band(edge.profile, band, rules)) {
        v.why = EdgeVerdict::Why::too_fast;
    }
    if (band.areas.empty()) {
        return v;
    }
    // §9: an unsafe area the edge touches wins; else a safe area around it all clears it.
    line.assign(net.points.begin() + edge.first_point, net.points.begin() + edge.first_point + edge.point_count);
    for (const auto& area : band.areas) {
        if (area->unsafe && area->touches(line)) {
            return {EdgeVerdict::Why::unsafe_area, area.get()};
        }
    }
    if (v.why != EdgeVerdict::Why::safe) {
        for (const auto& area : band.areas) {
            if (!area->unsafe && area->covers(line)) {
                return {};
            }
        }
    }
    return v;
}

} // namespace

std::vector<bool> safe_edge_mask(const WalkNetwork& net, const BandSafety& band, const WalkRules& rules) {
    std::vector<bool> mask(net.edge_count());
    std::vector<LonLat> line;
    for (std::uint32_t e = 0; e < net.edge_count(); ++e) {
        mask[e] = judge_edge(net, e, band, rules, line).why == EdgeVerdict::Why::safe;
    }
    return mask;
}

std::optional<std::string> unsafe_edge_reason(const WalkNetwork& net, std::uint32_t edge, const BandSafety& band,
                                              const WalkRules& rules, Wording wording) {
    std::vector<LonLat> line;
    const EdgeVerdict v = judge_edge(net, edge, band, rules, line);
    const Phrases& p = phrases(wording);
    switch (v.why) {
    case EdgeVerdict::Why::safe: return std::nullopt;
    case EdgeVerdict::Why::unsafe_area: return std::string(p.in_area) + v.area->reason;
    case EdgeVerdict::Why::unlit:
        return std::string(net.edges[edge].profile.lit == LitTag::unlit ? p.unlit : p.not_tagged_lit);
    case EdgeVerdict::Why::too_fast:
        return std::string(p.faster_than) +
               std::to_string(static_cast<int>(std::lround(*band.max_speed_without_sidewalk_kmh))) +
               std::string(p.without_sidewalk);
    }
    return std::nullopt;
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
