// SPDX-License-Identifier: MIT
// Turns an unordered list of arcs into a WalkGraph (sort by tail, build first_out).
#pragma once

#include "routing/graph.hpp"

#include <vector>

namespace skolvag::routing {

/// One directed arc before it is placed in the CSR arrays.
struct ArcInput {
    NodeId tail;
    NodeId head;
    LengthMm length_mm;
    std::uint32_t edge;
};

/**
 * Builds a CSR graph from arcs. Arcs with the same tail keep their input order, so
 * the result is deterministic.
 * @param node_count number of nodes; every tail and head must be below it.
 * @throws std::invalid_argument when an arc names a node outside [0, node_count).
 */
WalkGraph build_graph(NodeId node_count, const std::vector<ArcInput>& arcs);

} // namespace skolvag::routing
