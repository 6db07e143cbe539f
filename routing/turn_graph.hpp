// SPDX-License-Identifier: MIT
// TurnGraph: the edge-based ("turn-expanded") form of a WalkGraph, for searches where
// what is allowed at a node depends on where the walker came from: a walker who
// arrived along one end may leave along another only by a passage the search's filter
// allows, and never back along the end it arrived on (walking-network.md §8).
//
// Its nodes are the walk graph's arcs: node x means "has just walked arc x and stands
// at its head". Its arcs are the turns x -> z for every arc z leaving head(x) by an
// end other than the one x arrived by; a turn costs the length of z, so a search
// from x measures the walk after reaching head(x).
#pragma once

#include "routing/graph.hpp"

#include <span>
#include <vector>

namespace skolvag::routing {

struct TurnGraph {
    /// node = walk arc; arc = turn x -> z, with length_mm = length of z and arc_edge = z.
    WalkGraph graph;
    std::vector<ArcId> turn_from; ///< turn -> x, the walk arc it comes from

    /** The walk arc a turn enters. */
    ArcId turn_to(ArcId turn) const noexcept { return graph.arc_edge[turn]; }
};

/**
 * Builds the turn graph of a walk graph.
 * @param tail_end, head_end for each walk arc, an id of the end (the place a way meets a
 *        node) it leaves by and arrives by; an arc z leaving by the end x arrived by is
 *        a turn back, and is left out.
 */
TurnGraph build_turn_graph(const WalkGraph& walk, std::span<const std::uint32_t> tail_end,
                           std::span<const std::uint32_t> head_end);

} // namespace skolvag::routing
