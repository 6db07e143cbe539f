// SPDX-License-Identifier: MIT
#include "geodata/unsafe_places.hpp"

#include "geodata/band_safety.hpp"
#include "geodata/turn_network.hpp"

#include <algorithm>
#include <cmath>

namespace skolvag::geodata {

std::string way_name(const WalkNetwork& net, std::uint32_t name, HighwayClass highway, OsmId osm_way_id,
                     Wording wording) {
    const std::string id = std::string(phrases(wording).osm_way) + " " + std::to_string(osm_way_id);
    return name == 0 ? std::string(to_string(highway)) + " (" + id + ")"
                     : net.way_names[name] + " (" + std::string(to_string(highway)) + ", " + id + ")";
}

std::string describe_way(const WalkNetwork& net, const WalkEdge& edge, const WalkRules& rules, Wording wording) {
    const WayProfile& way = edge.profile;
    const Phrases& p = phrases(wording);
    std::string text = way_name(net, edge.name, way.highway, edge.osm_way_id, wording);
    if (carries_motor_traffic(way.highway)) {
        text += ", " + std::to_string(static_cast<int>(std::lround(effective_maxspeed_kmh(way, rules)))) + " km/h" +
                std::string(way.tagged_maxspeed_kmh ? "" : p.by_default) +
                std::string(way.sidewalk ? p.sidewalk : p.no_sidewalk);
    }
    return text;
}

namespace {

/// The reason of the band's first unsafe area covering the node.
std::string area_reason_at(const BandSafety& band, const LonLat& p) {
    for (const auto& area : band.areas) {
        if (area->unsafe && area->covers(p)) {
            return area->reason;
        }
    }
    return "";
}

/// A passage of a route that crosses a road: where, its verdict for the band, the road
/// to name (an uncrossable one when there is one), and the unsafe area's reason.
struct PassageOnRoute {
    NodeId at;
    PassageVerdict verdict;
    ArmAtNode road;
    std::string area_reason;
};

/** The passage between two consecutive edges of a walk; nullopt when it crosses no road. */
std::optional<PassageOnRoute> passage_between(const WalkNetwork& net, const RoadArms& road_arms, const RouteEdge& before,
                                              const RouteEdge& after, const BandSafety& band) {
    const WalkEdge& previous = net.edges[before.edge];
    const NodeId at = before.forward ? previous.to : previous.from;
    const double a = net.edge_end_bearing_deg[end_id(before.edge, before.forward)];
    const double b = net.edge_end_bearing_deg[end_id(after.edge, !after.forward)];
    const std::span<const ArmAtNode> arms = road_arms.at(at);
    if (!crosses_road(a, b, arms)) {
        return std::nullopt; // the common case along a street: decided without gathering the sides
    }
    const PassageSides sides = passage_sides(a, b, arms);
    const LonLat& p = net.node_position[at];
    const std::string area = area_reason_at(band, p);
    bool in_safe = false;
    for (const auto& candidate : band.areas) {
        in_safe = in_safe || (!candidate->unsafe && candidate->covers(p));
    }
    const CrossingControl control = net.node_control[at];
    const std::optional<ArmAtNode> blocking = uncrossable_arm(a, b, arms, control, band);
    const ArmAtNode& named = blocking ? *blocking
                                      : (sides.clockwise.size() <= sides.counterclockwise.size()
                                             ? sides.clockwise.front()
                                             : sides.counterclockwise.front());
    return PassageOnRoute{at, judge_passage(a, b, arms, control, band, !area.empty(), in_safe), named, area};
}

std::string speed_text(const ArmAtNode& arm) {
    return std::to_string(static_cast<int>(std::lround(arm.speed_kmh))) + " km/h";
}

/// "along ROAD: WHY" for an edge unsafe for the band; nullopt when it is safe.
std::optional<std::string> unsafe_along(const WalkNetwork& net, std::uint32_t edge, const BandSafety& band,
                                        const WalkRules& rules, Wording wording) {
    const auto why = unsafe_edge_reason(net, edge, band, rules, wording);
    if (!why) {
        return std::nullopt;
    }
    return std::string(phrases(wording).along) + describe_way(net, net.edges[edge], rules, wording) + ": " + *why;
}

/// Why the band may not take a passage, as a route's crossing says it (the road is named beside it).
std::string crossing_reason(const PassageOnRoute& passage, CrossingControl control, Wording wording) {
    const Phrases& p = phrases(wording);
    if (passage.verdict == PassageVerdict::unsafe_area) {
        return std::string(p.in_area) + passage.area_reason;
    }
    if (passage.verdict == PassageVerdict::uncrossable_road) {
        return speed_text(passage.road) + ", " + std::string(control_words(control, wording)) +
               std::string(p.too_fast_to_cross);
    }
    return "";
}

} // namespace

std::vector<std::string> unsafe_places(const WalkNetwork& net, const RoadArms& arms, std::span<const RouteEdge> walk,
                                       const BandSafety& band, const WalkRules& rules, std::size_t limit,
                                       Wording wording) {
    const Phrases& p = phrases(wording);
    std::vector<std::string> places;
    const auto add = [&](std::string text) {
        if (places.size() < limit && std::find(places.begin(), places.end(), text) == places.end()) {
            places.push_back(std::move(text));
        }
    };
    const bool passages_matter = band_restricts_passages(band);
    for (std::size_t i = 0; i < walk.size() && places.size() < limit; ++i) {
        if (i > 0 && passages_matter) {
            const auto passage = passage_between(net, arms, walk[i - 1], walk[i], band);
            if (passage && passage->verdict == PassageVerdict::unsafe_area) {
                add(std::string(p.crossing_in_area) + passage->area_reason);
            } else if (passage && passage->verdict == PassageVerdict::uncrossable_road) {
                const ArmAtNode& road = passage->road;
                add(std::string(p.crossing) + way_name(net, road.name, road.highway, road.osm_way_id, wording) + ", " +
                    speed_text(road) + ", " + std::string(control_words(net.node_control[passage->at], wording)));
            }
        }
        if (auto along = unsafe_along(net, walk[i].edge, band, rules, wording)) {
            add(std::move(*along));
        }
    }
    return places;
}

RouteSafety route_safety(const WalkNetwork& net, const RoadArms& arms, std::span<const RouteStep> steps,
                         const BandSafety& band, const WalkRules& rules) {
    RouteSafety r;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const RouteStep& step = steps[i];
        if (i > 0) {
            if (const auto passage = passage_between(net, arms, steps[i - 1].edge, step.edge, band)) {
                const ArmAtNode& road = passage->road;
                const CrossingControl control = net.node_control[passage->at];
                r.crossings.push_back({net.node_position[passage->at], control,
                                       way_name(net, road.name, road.highway, road.osm_way_id),
                                       passage->verdict == PassageVerdict::safe,
                                       crossing_reason(*passage, control, Wording::en),
                                       way_name(net, road.name, road.highway, road.osm_way_id, Wording::sv),
                                       crossing_reason(*passage, control, Wording::sv)});
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
        const std::optional<std::string> unsafe = unsafe_along(net, step.edge.edge, band, rules, Wording::en);
        const bool safe = !unsafe;
        const std::string reason = unsafe.value_or("");
        if (!r.pieces.empty() && r.pieces.back().safe == safe && r.pieces.back().reason == reason) {
            r.pieces.back().last = last;
        } else {
            r.pieces.push_back(
                {first, last, safe, reason, unsafe_along(net, step.edge.edge, band, rules, Wording::sv).value_or("")});
        }
    }
    return r;
}

} // namespace skolvag::geodata
