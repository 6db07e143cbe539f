// SPDX-License-Identifier: MIT
// TargetTree: the walking distance from every node of the network to the nearest of
// a set of target points (a school's entrances), from one backward search over
// reversed arcs. Any snapped point's distance to the targets is then a lookup at the
// two ends of its edge (plus the same-edge case), so a whole register of homes costs
// one search per school and band, not one per home.
#pragma once

#include "geodata/snap.hpp"
#include "geodata/walk_router.hpp"
#include "geodata/walk_network.hpp"
#include "routing/arc_filter.hpp"
#include "routing/dijkstra.hpp"

#include <algorithm>
#include <span>
#include <vector>

namespace skolvag::geodata {

/// The network's graph reversed, shared by every TargetTree (build it once).
struct ReversedNetwork {
    explicit ReversedNetwork(const WalkNetwork& net) : graph(net.graph.reversed()) {}
    routing::WalkGraph graph;
};

/// A target point and what reaching it costs beyond the network (its access leg).
struct Target {
    Snap snap;
    routing::DistanceMm extra_mm = 0;
};

/**
 * Where a walk reaches the targets, as a backward search starts from them: the nodes
 * from which a walker steps onto a target's edge, each with the partial edge and the
 * target's extra_mm.
 */
std::vector<AccessLeg> entry_legs(const WalkNetwork& net, std::span<const Target> targets,
                                  const routing::ArcFilter* forward_filter);

/// The shortest walk from a snapped point to the nearest target, and which way it goes.
struct TargetWalk {
    routing::DistanceMm distance = routing::kUnreachable;
    NodeId via_node = routing::kInvalidId;   ///< the node the walk leaves the point's edge at
    std::size_t same_edge_target = SIZE_MAX; ///< or the target reached along the point's own edge
};

/**
 * The shortest walk from a snapped point to the nearest target, given the distance
 * from each node to the targets: through one of the point's legs (the partial edges
 * to its edge's ends, as legs_from gives them for the filter), or along its own edge
 * to a target on it. Includes the target's extra_mm; distance kUnreachable when none.
 * @param node_distance callable NodeId -> DistanceMm (kUnreachable for none).
 */
template <class NodeDistance>
TargetWalk best_walk_to_targets(const WalkNetwork& net, const Snap& from, std::span<const AccessLeg> legs,
                                std::span<const Target> targets, const routing::ArcFilter* forward_filter,
                                const NodeDistance& node_distance) {
    TargetWalk best;
    for (const AccessLeg& leg : legs) {
        const routing::DistanceMm d = node_distance(leg.node);
        if (d != routing::kUnreachable && leg.length_mm + d < best.distance) {
            best = {leg.length_mm + d, leg.node, SIZE_MAX};
        }
    }
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (targets[i].snap.edge != from.edge) {
            continue;
        }
        if (const auto direct = same_edge_distance_mm(net, from, targets[i].snap, forward_filter)) {
            if (*direct + targets[i].extra_mm < best.distance) {
                best = {*direct + targets[i].extra_mm, routing::kInvalidId, i};
            }
        }
    }
    return best;
}

/** The distance of best_walk_to_targets. */
template <class NodeDistance>
routing::DistanceMm walk_to_targets(const WalkNetwork& net, const Snap& from, std::span<const AccessLeg> legs,
                                    std::span<const Target> targets, const routing::ArcFilter* forward_filter,
                                    const NodeDistance& node_distance) {
    return best_walk_to_targets(net, from, legs, targets, forward_filter, node_distance).distance;
}

class TargetTree {
public:
    /** @pre net and reversed outlive the tree. */
    TargetTree(const WalkNetwork& net, const ReversedNetwork& reversed);

    /**
     * Searches backwards from the targets over the whole reachable network.
     * @param forward_filter allowed arcs of net.graph (nullptr: all), for the partial
     *        edges at both ends; reverse_filter: the same edges in the reversed graph.
     * @pre the filters outlive the tree's use.
     */
    void compute(std::span<const Target> targets, const routing::ArcFilter* forward_filter,
                 const routing::ArcFilter* reverse_filter);

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

private:
    TargetWalk best_walk(const Snap& from) const;

    const WalkNetwork& m_net;
    const ReversedNetwork& m_reversed;
    std::vector<NodeId> m_reversed_tail;
    routing::Dijkstra m_search;
    std::vector<Target> m_targets;
    const routing::ArcFilter* m_forward_filter = nullptr;
};

} // namespace skolvag::geodata
