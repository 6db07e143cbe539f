// SPDX-License-Identifier: MIT
// TargetTree: the walking distance from every node of the network to the nearest of
// a set of target points (a school's entrances), from one backward search over
// reversed arcs. Any snapped point's distance to the targets is then a lookup at the
// two ends of its edge (plus the same-edge case), so a whole register of homes costs
// one search per school and band, not one per home.
#pragma once

#include "geodata/search_space.hpp"
#include "geodata/snap.hpp"
#include "geodata/walk_router.hpp"
#include "geodata/walk_network.hpp"
#include "routing/arc_filter.hpp"
#include "routing/dijkstra.hpp"

#include <algorithm>
#include <functional>
#include <span>
#include <vector>

namespace skolvag::geodata {

/// A target point and what reaching it costs beyond the network (its access leg).
struct Target {
    Snap snap;
    routing::DistanceMm extra_mm = 0;
};

/**
 * Where a walk reaches the targets, as a backward search starts from them: the search
 * nodes from which a walker steps onto a target's edge, each with the partial edge and
 * the target's extra_mm.
 */
std::vector<AccessLeg> entry_legs(const SearchSpace& space, std::span<const Target> targets);

/// One edge of a walk, and which way it is walked (partial edges at its two ends included).
struct RouteEdge {
    std::uint32_t edge;
    bool forward; ///< from the edge's `from` node towards its `to` node
};

/// One edge of a walk with the positions walked along it.
struct RouteStep {
    RouteEdge edge;
    std::vector<LonLat> positions;
};

/// The shortest walk from a snapped point to the nearest target, and which way it goes.
struct TargetWalk {
    routing::DistanceMm distance = routing::kUnreachable;
    std::size_t via_leg = SIZE_MAX;          ///< the leg (of those given) the walk leaves the point by
    std::size_t direct_target = SIZE_MAX;    ///< or the target reached without a search (SearchSpace::direct_mm)
};

/**
 * The shortest walk from a snapped point to the nearest target, given the distance
 * from each search node to the targets: through one of the point's legs (as
 * space.legs_from gives them), or directly (same edge, or from a node onto the
 * target's edge). Includes the target's extra_mm; distance kUnreachable when none.
 * @param node_distance callable NodeId -> DistanceMm (kUnreachable for none).
 */
template <class NodeDistance>
TargetWalk best_walk_to_targets(const SearchSpace& space, const Snap& from, std::span<const AccessLeg> legs,
                                std::span<const Target> targets, const NodeDistance& node_distance) {
    TargetWalk best;
    for (std::size_t i = 0; i < legs.size(); ++i) {
        const routing::DistanceMm d = node_distance(legs[i].node);
        if (d != routing::kUnreachable && legs[i].length_mm + d < best.distance) {
            best = {legs[i].length_mm + d, i, SIZE_MAX};
        }
    }
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (const auto direct = space.direct_mm(from, targets[i].snap)) {
            if (*direct + targets[i].extra_mm < best.distance) {
                best = {*direct + targets[i].extra_mm, SIZE_MAX, i};
            }
        }
    }
    return best;
}

/// The places from which a point may reach a target without a search
/// (SearchSpace::direct_mm): the targets' edges, and those edges' end nodes.
class DirectReach {
public:
    DirectReach(const WalkNetwork& net, std::span<const Target> targets);

    /**
     * False when a point snapped onto `edge` (exactly at `node`, or kInvalidId when
     * inside the edge) surely reaches no target directly; its distance is then the
     * best of its legs alone.
     */
    bool possible(std::uint32_t edge, NodeId node) const noexcept {
        return std::find(m_edges.begin(), m_edges.end(), edge) != m_edges.end() ||
               (node != routing::kInvalidId && std::find(m_nodes.begin(), m_nodes.end(), node) != m_nodes.end());
    }

private:
    std::vector<std::uint32_t> m_edges;
    std::vector<NodeId> m_nodes;
};

/** The distance of best_walk_to_targets. */
template <class NodeDistance>
routing::DistanceMm walk_to_targets(const SearchSpace& space, const Snap& from, std::span<const AccessLeg> legs,
                                    std::span<const Target> targets, const NodeDistance& node_distance) {
    return best_walk_to_targets(space, from, legs, targets, node_distance).distance;
}

/// A shortest walk to the targets: its edges in walking order, and the target it reaches.
struct TargetRoute {
    std::vector<RouteEdge> edges;
    std::size_t target = SIZE_MAX; ///< SIZE_MAX when no target is reachable
};

/**
 * The shortest walk from a snapped point to the nearest target, read off each search
 * node's distance to the targets: from the point's best leg, every step goes to a
 * neighbour exactly that step nearer (the first such arc, in graph order), until a
 * target is reached. Any search that gives these distances gives this walk.
 */
TargetRoute route_to_targets(const SearchSpace& space, const Snap& from, std::span<const Target> targets,
                             const std::function<routing::DistanceMm(NodeId)>& node_distance);

/** The walk edge by edge with the positions walked (the first from the point, the last to the target). */
std::vector<RouteStep> route_steps(const WalkNetwork& net, const Snap& from, std::span<const Target> targets,
                                   const TargetRoute& route);

class TargetTree {
public:
    /** @pre space (and what it was made from) outlives the tree. */
    explicit TargetTree(const SearchSpace& space);

    /** Searches backwards from the targets over the whole reachable network of the space. */
    void compute(std::span<const Target> targets);

    /**
     * Shortest walk from a snapped point to the nearest target, in mm, including the
     * target's extra_mm (not the point's own access leg); kUnreachable when none.
     * Equal to WalkRouter::distance_mm(from, target) minimised over the targets.
     */
    routing::DistanceMm distance_from(const Snap& from) const;

    /**
     * The positions along that shortest walk, from the snapped point (not the point
     * itself) to the target reached; empty when unreachable.
     */
    std::vector<LonLat> path_from(const Snap& from) const;

    /** The edges of that shortest walk in walking order; empty when unreachable or not a step long. */
    std::vector<RouteEdge> route_edges_from(const Snap& from) const;

    /**
     * The same walk edge by edge, each with its positions (the first from the snapped
     * point, the last to the target); joined, they are path_from's positions.
     */
    std::vector<RouteStep> steps_from(const Snap& from) const;

private:
    TargetRoute route_of(const Snap& from) const;

    TargetWalk best_walk(const Snap& from, const std::vector<AccessLeg>& legs) const;
    /// The walk arcs from search node x down the search tree to where it reaches a target
    /// (x's own arc first on the turn graph); the node where the walk ends is returned in `last`.
    std::vector<ArcId> arcs_down_the_tree(NodeId x, NodeId& last) const;

    const SearchSpace& m_space;
    routing::Dijkstra m_search;
    std::vector<Target> m_targets;
};

} // namespace skolvag::geodata
