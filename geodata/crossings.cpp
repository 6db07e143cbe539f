// SPDX-License-Identifier: MIT
#include "geodata/crossings.hpp"

#include "geodata/band_safety.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace skolvag::geodata {

namespace {
constexpr std::pair<CrossingControl, std::string_view> kControlNames[] = {
    {CrossingControl::signalled, "signalled"},
    {CrossingControl::marked, "marked"},
    {CrossingControl::unmarked, "unmarked"},
};
} // namespace

std::string_view to_string(CrossingControl c) noexcept {
    for (const auto& [control, name] : kControlNames) {
        if (control == c) {
            return name;
        }
    }
    return "unmarked";
}

std::optional<CrossingControl> crossing_control_named(std::string_view name) noexcept {
    for (const auto& [control, text] : kControlNames) {
        if (text == name) {
            return control;
        }
    }
    return std::nullopt;
}

NodeEnds::NodeEnds(const WalkNetwork& net)
    : m_first(net.node_position.size() + 1, 0), m_tail_end(net.graph.arc_count()), m_head_end(net.graph.arc_count()) {
    for (const WalkEdge& e : net.edges) {
        ++m_first[e.from + 1];
        ++m_first[e.to + 1];
    }
    for (std::size_t x = 0; x + 1 < m_first.size(); ++x) {
        m_first[x + 1] += m_first[x];
    }
    m_end.resize(m_first.back());
    std::vector<std::uint32_t> fill(m_first.begin(), m_first.end() - 1);
    for (std::uint32_t e = 0; e < net.edge_count(); ++e) {
        m_end[fill[net.edges[e].from]++] = end_id(e, false);
        m_end[fill[net.edges[e].to]++] = end_id(e, true);
    }
    for (ArcId xy = 0; xy < net.graph.arc_count(); ++xy) {
        const std::uint32_t e = net.graph.arc_edge[xy];
        const bool forward = net.edges[e].forward_arc == xy;
        m_tail_end[xy] = end_id(e, !forward);
        m_head_end[xy] = end_id(e, forward);
    }
}

std::vector<ArmAtNode> road_arms_at(const WalkNetwork& net, const NodeEnds& ends, NodeId x, const WalkRules& rules) {
    std::vector<ArmAtNode> arms;
    for (const std::uint32_t end : ends.ends(x)) {
        const WayProfile& way = net.edges[end / 2].profile;
        if (carries_motor_traffic(way.highway)) {
            const WalkEdge& edge = net.edges[end / 2];
            arms.push_back({net.edge_end_bearing_deg[end], effective_maxspeed_kmh(way, rules), edge.osm_way_id,
                            edge.name, way.highway});
        }
    }
    for (std::uint32_t i = net.first_road_arm[x]; i < net.first_road_arm[x + 1]; ++i) {
        const RoadArm& arm = net.road_arms[i];
        const double speed = arm.road.tagged_maxspeed_kmh
                                 ? *arm.road.tagged_maxspeed_kmh
                                 : rules.default_maxspeed_kmh[static_cast<std::size_t>(arm.road.highway)];
        arms.push_back({arm.bearing_deg, speed, arm.osm_way_id, arm.name, arm.road.highway});
    }
    return arms;
}

RoadArms::RoadArms(const WalkNetwork& net, const NodeEnds& ends, const WalkRules& rules) {
    const auto nodes = static_cast<NodeId>(net.node_position.size());
    m_first.reserve(nodes + 1);
    m_first.push_back(0);
    for (NodeId x = 0; x < nodes; ++x) {
        const std::vector<ArmAtNode> arms = road_arms_at(net, ends, x, rules);
        m_arm.insert(m_arm.end(), arms.begin(), arms.end());
        m_first.push_back(static_cast<std::uint32_t>(m_arm.size()));
    }
}

namespace {

/// Degrees turned going clockwise from bearing `from` to bearing `to`, in [0, 360).
double clockwise_deg(double from, double to) noexcept {
    double d = to - from;
    if (d <= -360.0 || d >= 360.0) {
        d = std::fmod(d, 360.0); // exact, and the identity for smaller |d|: bearings in [0, 360) never need it
    }
    return d < 0.0 ? d + 360.0 : d;
}

} // namespace

PassageSides passage_sides(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms) {
    PassageSides sides;
    const double a_to_b = clockwise_deg(a_bearing_deg, b_bearing_deg);
    const double b_to_a = clockwise_deg(b_bearing_deg, a_bearing_deg);
    for (const ArmAtNode& arm : arms) {
        // Strictly inside a side: an arm with exactly a's or b's bearing lies in neither.
        const double from_a = clockwise_deg(a_bearing_deg, arm.bearing_deg);
        const double from_b = clockwise_deg(b_bearing_deg, arm.bearing_deg);
        if (from_a > 0.0 && from_a < a_to_b) {
            sides.clockwise.push_back(arm);
        } else if (from_b > 0.0 && from_b < b_to_a) {
            sides.counterclockwise.push_back(arm);
        }
    }
    return sides;
}

bool crosses_road(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms) noexcept {
    const double a_to_b = clockwise_deg(a_bearing_deg, b_bearing_deg);
    const double b_to_a = clockwise_deg(b_bearing_deg, a_bearing_deg);
    bool clockwise = false;
    bool counterclockwise = false;
    for (const ArmAtNode& arm : arms) {
        const double from_a = clockwise_deg(a_bearing_deg, arm.bearing_deg);
        const double from_b = clockwise_deg(b_bearing_deg, arm.bearing_deg);
        clockwise = clockwise || (from_a > 0.0 && from_a < a_to_b);
        counterclockwise = counterclockwise || (!(from_a > 0.0 && from_a < a_to_b) && from_b > 0.0 && from_b < b_to_a);
    }
    return clockwise && counterclockwise;
}

bool is_crossable(const ArmAtNode& arm, CrossingControl control, const BandSafety& band) noexcept {
    if (!band.max_speed_crossing_kmh || arm.speed_kmh <= *band.max_speed_crossing_kmh ||
        control == CrossingControl::signalled) {
        return true;
    }
    return control == CrossingControl::marked && band.max_speed_crossing_marked_kmh &&
           arm.speed_kmh <= *band.max_speed_crossing_marked_kmh;
}

bool is_passage_safe(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms,
                     CrossingControl control, const BandSafety& band) noexcept {
    const double a_to_b = clockwise_deg(a_bearing_deg, b_bearing_deg);
    const double b_to_a = clockwise_deg(b_bearing_deg, a_bearing_deg);
    bool clockwise_has_arm = false;
    bool counterclockwise_has_arm = false;
    bool clockwise_crossable = true;
    bool counterclockwise_crossable = true;
    for (const ArmAtNode& arm : arms) {
        const double from_a = clockwise_deg(a_bearing_deg, arm.bearing_deg);
        const double from_b = clockwise_deg(b_bearing_deg, arm.bearing_deg);
        if (from_a > 0.0 && from_a < a_to_b) {
            clockwise_has_arm = true;
            clockwise_crossable = clockwise_crossable && is_crossable(arm, control, band);
        } else if (from_b > 0.0 && from_b < b_to_a) {
            counterclockwise_has_arm = true;
            counterclockwise_crossable = counterclockwise_crossable && is_crossable(arm, control, band);
        }
    }
    if (!clockwise_has_arm || !counterclockwise_has_arm) {
        return true; // crosses no road
    }
    return clockwise_crossable || counterclockwise_crossable;
}

PassageVerdict judge_passage(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms,
                             CrossingControl control, const BandSafety& band, bool in_unsafe_area, bool in_safe_area) {
    if (arms.empty()) {
        return PassageVerdict::safe;
    }
    if (in_unsafe_area) {
        return passage_sides(a_bearing_deg, b_bearing_deg, arms).crosses_no_road() ? PassageVerdict::safe
                                                                                    : PassageVerdict::unsafe_area;
    }
    if (in_safe_area || is_passage_safe(a_bearing_deg, b_bearing_deg, arms, control, band)) {
        return PassageVerdict::safe;
    }
    return PassageVerdict::uncrossable_road;
}

std::optional<ArmAtNode> uncrossable_arm(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms,
                                         CrossingControl control, const BandSafety& band) {
    const PassageSides sides = passage_sides(a_bearing_deg, b_bearing_deg, arms);
    if (sides.crosses_no_road()) {
        return std::nullopt;
    }
    for (const std::vector<ArmAtNode>* side : {&sides.clockwise, &sides.counterclockwise}) {
        for (const ArmAtNode& arm : *side) {
            if (!is_crossable(arm, control, band)) {
                return arm;
            }
        }
    }
    return std::nullopt;
}

CrossingSummary summarize_crossings(const WalkNetwork& net, const WalkRules& rules) {
    const NodeEnds ends(net);
    CrossingSummary summary;
    for (NodeId x = 0; x < net.node_position.size(); ++x) {
        const std::vector<ArmAtNode> arms = road_arms_at(net, ends, x, rules);
        const std::span<const std::uint32_t> walking = ends.ends(x);
        bool crossing = false;
        for (std::size_t i = 0; i < walking.size() && !crossing; ++i) {
            for (std::size_t j = i + 1; j < walking.size() && !crossing; ++j) {
                crossing = !passage_sides(net.edge_end_bearing_deg[walking[i]], net.edge_end_bearing_deg[walking[j]], arms)
                                .crosses_no_road();
            }
        }
        if (!crossing) {
            continue;
        }
        switch (net.node_control[x]) {
        case CrossingControl::signalled: ++summary.signalled; break;
        case CrossingControl::marked: ++summary.marked; break;
        case CrossingControl::unmarked: ++summary.unmarked; break;
        }
        for (const ArmAtNode& arm : arms) {
            ++summary.road_arms_by_speed[static_cast<int>(std::lround(arm.speed_kmh))];
        }
    }
    return summary;
}

} // namespace skolvag::geodata
