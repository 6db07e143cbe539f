// SPDX-License-Identifier: MIT
// WalkGraph: a compact, immutable CSR graph of directed arcs with lengths.
// Knows nothing about OSM or geography; geodata fills it.
#pragma once

#include "routing/types.hpp"

#include <vector>

namespace skolvag::routing {

/**
 * Directed graph in compressed sparse row form (RoutingKit's layout).
 *
 * The arcs leaving node x are xy in [first_out[x], first_out[x+1]), with head[xy] = y.
 * Every arc carries its length in millimetres and the id of the undirected edge it
 * was made from (an edge walkable in both directions gives two arcs).
 */
struct WalkGraph {
    std::vector<ArcId> first_out;   ///< node_count()+1 entries, first_out[0] == 0
    std::vector<NodeId> head;       ///< arc -> node it points to
    std::vector<LengthMm> length_mm;///< arc -> length in mm
    std::vector<std::uint32_t> arc_edge; ///< arc -> edge id (caller's numbering)

    NodeId node_count() const noexcept {
        return first_out.empty() ? 0 : static_cast<NodeId>(first_out.size() - 1);
    }
    ArcId arc_count() const noexcept { return static_cast<ArcId>(head.size()); }

    /**
     * Checks the CSR shape: sizes agree, first_out is non-decreasing and ends at
     * arc_count(), every head is a valid node.
     * @throws std::logic_error naming the first violated property.
     */
    void validate() const;

    /** The graph with every arc reversed (x->y becomes y->x), same arc attributes. */
    WalkGraph reversed() const;

    /** tail[xy] for every arc, derived from first_out. */
    std::vector<NodeId> tails() const;
};

} // namespace skolvag::routing
