// SPDX-License-Identifier: MIT
// Crossing roads (walking-network.md §8): the ends that meet at a graph node, their
// bearings, which of them are road arms, and whether a passage from one end to
// another is safe for a band.
#pragma once

#include "geodata/walk_network.hpp"
#include "geodata/walk_rules.hpp"

#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace skolvag::geodata {

/** "signalled", "marked" or "unmarked", as outputs write a crossing's control. */
std::string_view to_string(CrossingControl c) noexcept;

/** The control named by to_string; nullopt for any other text. */
std::optional<CrossingControl> crossing_control_named(std::string_view name) noexcept;

/// An end's id: 2 * edge + 0 at the edge's `from` node, + 1 at its `to` node.
inline std::uint32_t end_id(std::uint32_t edge, bool at_to) noexcept { return 2 * edge + (at_to ? 1 : 0); }

/// The walking ends and road arms at each node, and each walk arc's ends.
class NodeEnds {
public:
    explicit NodeEnds(const WalkNetwork& net);

    /** The walking edges' ends at a node (end ids). */
    std::span<const std::uint32_t> ends(NodeId x) const {
        return {m_end.data() + m_first[x], m_end.data() + m_first[x + 1]};
    }
    /** The end a walk arc of net.graph leaves its tail by, and the end it arrives by. */
    std::uint32_t tail_end(ArcId xy) const noexcept { return m_tail_end[xy]; }
    std::uint32_t head_end(ArcId xy) const noexcept { return m_head_end[xy]; }
    std::span<const std::uint32_t> tail_ends() const noexcept { return m_tail_end; }
    std::span<const std::uint32_t> head_ends() const noexcept { return m_head_end; }

private:
    std::vector<std::uint32_t> m_first; ///< node -> first of its ends in m_end
    std::vector<std::uint32_t> m_end;
    std::vector<std::uint32_t> m_tail_end; ///< walk arc -> end id
    std::vector<std::uint32_t> m_head_end;
};

/// One road arm at a node as a passage sees it.
struct ArmAtNode {
    double bearing_deg;
    double speed_kmh;
    OsmId osm_way_id = 0;
    std::uint32_t name = 0; ///< into WalkNetwork::way_names
    HighwayClass highway = HighwayClass::residential;
};

/// The road arms at a node: walking ends that are road ways, and non-walkable road arms.
std::vector<ArmAtNode> road_arms_at(const WalkNetwork& net, const NodeEnds& ends, NodeId x, const WalkRules& rules);

/// Every node's road arms (road_arms_at), gathered once with the rules' speeds: each
/// band's turn filter, and each route explained or marked, looks them up.
class RoadArms {
public:
    RoadArms(const WalkNetwork& net, const NodeEnds& ends, const WalkRules& rules);

    std::span<const ArmAtNode> at(NodeId x) const noexcept {
        return {m_arm.data() + m_first[x], m_arm.data() + m_first[x + 1]};
    }

private:
    std::vector<std::uint32_t> m_first; ///< node -> first of its arms in m_arm
    std::vector<ArmAtNode> m_arm;
};

/// The road arms on each side of a passage (§8 "Passage").
struct PassageSides {
    std::vector<ArmAtNode> clockwise;         ///< swept going clockwise from the arrival end to the leaving end
    std::vector<ArmAtNode> counterclockwise;  ///< swept the other way
    /** True when the passage crosses no road: a side holds no road arm. */
    bool crosses_no_road() const noexcept { return clockwise.empty() || counterclockwise.empty(); }
};

/** The sides of the passage from end `a` to end `b` at a node with these road arms. */
PassageSides passage_sides(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms);

/** True when the passage from end `a` to end `b` crosses a road: each side holds a road arm (passage_sides, without gathering them). */
bool crosses_road(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms) noexcept;

/** §8 "Crossable": may a pupil of the band cross this arm at a node with this control? */
bool is_crossable(const ArmAtNode& arm, CrossingControl control, const BandSafety& band) noexcept;

/**
 * §8: the passage from end `a` to end `b` is safe when it crosses no road, or every arm
 * on one of its sides is crossable (the same verdict as from passage_sides, without
 * gathering the sides).
 */
bool is_passage_safe(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms,
                     CrossingControl control, const BandSafety& band) noexcept;

/// A passage's verdict for a band (§8, §9).
enum class PassageVerdict { safe, uncrossable_road, unsafe_area };

/**
 * The verdict on the passage from end `a` to end `b` at a node: §9's unsafe area (when
 * the passage crosses a road) wins, then a safe area, then §8.
 */
PassageVerdict judge_passage(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms,
                             CrossingControl control, const BandSafety& band, bool in_unsafe_area, bool in_safe_area);

/** A road the passage crosses that the band may not cross (one side's first such arm); nullopt when none. */
std::optional<ArmAtNode> uncrossable_arm(double a_bearing_deg, double b_bearing_deg, std::span<const ArmAtNode> arms,
                                         CrossingControl control, const BandSafety& band);

/// What a network holds for §8, for `skolvag network-info`.
struct CrossingSummary {
    std::size_t signalled = 0; ///< crossing nodes: some passage there crosses a road
    std::size_t marked = 0;
    std::size_t unmarked = 0;
    std::map<int, std::size_t> road_arms_by_speed; ///< arms at crossing nodes, by road speed (whole km/h)
};

/** Counts the crossing nodes by control and their road arms by speed (with the rules' default speeds). */
CrossingSummary summarize_crossings(const WalkNetwork& net, const WalkRules& rules);

} // namespace skolvag::geodata
