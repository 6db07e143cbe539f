// SPDX-License-Identifier: MIT
#include "geodata/unsafe_places.hpp"

#include "geodata/band_safety.hpp"
#include "geodata/turn_network.hpp"

#include <algorithm>
#include <cmath>

namespace skolvag::geodata {

std::string way_name(const WalkNetwork& net, std::uint32_t name, HighwayClass highway, OsmId osm_way_id) {
    const std::string what = std::string(to_string(highway)) + ", OSM way " + std::to_string(osm_way_id);
    return name == 0 ? std::string(to_string(highway)) + " (OSM way " + std::to_string(osm_way_id) + ")"
                     : net.way_names[name] + " (" + what + ")";
}

std::string describe_way(const WalkNetwork& net, const WalkEdge& edge, const WalkRules& rules) {
    const WayProfile& way = edge.profile;
    std::string text = way_name(net, edge.name, way.highway, edge.osm_way_id);
    if (carries_motor_traffic(way.highway)) {
        text += ", " + std::to_string(static_cast<int>(std::lround(effective_maxspeed_kmh(way, rules)))) + " km/h" +
                (way.tagged_maxspeed_kmh ? "" : " by default") + (way.sidewalk ? ", sidewalk" : ", no sidewalk");
    }
    return text;
}

namespace {

std::string control_text(CrossingControl c) { return std::string(to_string(c)) + " crossing"; }

/// The reason of the band's first unsafe area covering the node.
std::string area_reason_at(const BandSafety& band, const LonLat& p) {
    for (const auto& area : band.areas) {
        if (area->unsafe && area->covers(p)) {
            return area->reason;
        }
    }
    return "";
}

} // namespace

std::vector<std::string> unsafe_places(const WalkNetwork& net, const NodeEnds& ends, std::span<const RouteEdge> walk,
                                       const BandSafety& band, const WalkRules& rules, std::size_t limit) {
    std::vector<std::string> places;
    const auto add = [&](std::string text) {
        if (places.size() < limit && std::find(places.begin(), places.end(), text) == places.end()) {
            places.push_back(std::move(text));
        }
    };
    const bool passages_matter = band_restricts_passages(band);
    for (std::size_t i = 0; i < walk.size() && places.size() < limit; ++i) {
        const WalkEdge& edge = net.edges[walk[i].edge];
        if (i > 0 && passages_matter) {
            // The passage at the node between the previous edge and this one.
            const RouteEdge& before = walk[i - 1];
            const WalkEdge& previous = net.edges[before.edge];
            const NodeId at = before.forward ? previous.to : previous.from;
            const std::uint32_t arrival = end_id(before.edge, before.forward);
            const std::uint32_t leaving = end_id(walk[i].edge, !walk[i].forward);
            const std::vector<ArmAtNode> arms = road_arms_at(net, ends, at, rules);
            const LonLat& p = net.node_position[at];
            const std::string area = area_reason_at(band, p);
            bool in_safe = false;
            for (const auto& a : band.areas) {
                in_safe = in_safe || (!a->unsafe && a->covers(p));
            }
            const double a = net.edge_end_bearing_deg[arrival];
            const double b = net.edge_end_bearing_deg[leaving];
            switch (judge_passage(a, b, arms, net.node_control[at], band, !area.empty(), in_safe)) {
            case PassageVerdict::safe: break;
            case PassageVerdict::unsafe_area: add("crossing in the municipality's unsafe area: " + area); break;
            case PassageVerdict::uncrossable_road:
                if (const auto arm = uncrossable_arm(a, b, arms, net.node_control[at], band)) {
                    add("crossing " + way_name(net, arm->name, arm->highway, arm->osm_way_id) + ", " +
                        std::to_string(static_cast<int>(std::lround(arm->speed_kmh))) + " km/h, " +
                        control_text(net.node_control[at]));
                }
                break;
            }
        }
        if (const auto reason = unsafe_edge_reason(net, walk[i].edge, band, rules)) {
            add("along " + describe_way(net, edge, rules) + ": " + *reason);
        }
    }
    return places;
}

RouteSafety route_safety(const WalkNetwork& net, const NodeEnds& ends, std::span<const RouteStep> steps,
                         const BandSafety& band, const WalkRules& rules) {
    RouteSafety r;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const RouteStep& step = steps[i];
        if (i > 0) {
            // The passage at the node between the previous step and this one.
            const RouteEdge& before = steps[i - 1].edge;
            const WalkEdge& previous = net.edges[before.edge];
            const NodeId at = before.forward ? previous.to : previous.from;
            const double a = net.edge_end_bearing_deg[end_id(before.edge, before.forward)];
            const double b = net.edge_end_bearing_deg[end_id(step.edge.edge, !step.edge.forward)];
            const std::vector<ArmAtNode> arms = road_arms_at(net, ends, at, rules);
            const PassageSides sides = passage_sides(a, b, arms);
            if (!sides.crosses_no_road()) {
                const LonLat& p = net.node_position[at];
                bool in_unsafe = false;
                bool in_safe = false;
                for (const auto& area : band.areas) {
                    if (area->covers(p)) {
                        in_unsafe = in_unsafe || area->unsafe;
                        in_safe = in_safe || !area->unsafe;
                    }
                }
                const PassageVerdict verdict = judge_passage(a, b, arms, net.node_control[at], band, in_unsafe, in_safe);
                const std::optional<ArmAtNode> blocking = uncrossable_arm(a, b, arms, net.node_control[at], band);
                const ArmAtNode& named = blocking ? *blocking
                                                  : (sides.clockwise.size() <= sides.counterclockwise.size()
                                                         ? sides.clockwise.front()
                                                         : sides.counterclockwise.front());
                CrossingPassed c{p, net.node_control[at], way_name(net, named.name, named.highway, named.osm_way_id),
                                 verdict == PassageVerdict::safe, ""};
                if (verdict == PassageVerdict::unsafe_area) {
                    c.reason = "in the municipality's unsafe area: " + area_reason_at(band, p);
                } else if (verdict == PassageVerdict::uncrossable_road) {
                    c.reason = std::to_string(static_cast<int>(std::lround(named.speed_kmh))) + " km/h, " +
                               control_text(net.node_control[at]) + ": faster than the band may cross";
                }
                r.crossings.push_back(std::move(c));
            }
        }
        // The step's positions, joined to the line; its piece, merged with the previous
        // one when both are the same.
        const std::size_t first = r.positions.empty() ? 0 : r.positions.size() - 1;
        for (const LonLat& p : step.positions) {
            if (r.positions.empty() || !(r.positions.back() == p)) {
                r.positions.push_back(p);
            }
        }
        const std::size_t last = r.positions.size() - 1;
        const std::optional<std::string> unsafe = unsafe_edge_reason(net, step.edge.edge, band, rules);
        const bool safe = !unsafe;
        const std::string reason = unsafe ? "along " + describe_way(net, net.edges[step.edge.edge], rules) + ": " + *unsafe
                                          : std::string();
        if (!r.pieces.empty() && r.pieces.back().safe == safe && r.pieces.back().reason == reason) {
            r.pieces.back().last = last;
        } else {
            r.pieces.push_back({first, last, safe, reason});
        }
    }
    return r;
}

} // namespace skolvag::geodata
