// SPDX-License-Identifier: MIT
// A nested-dissection node order for a contraction hierarchy: recursive geometric
// bisection, each separator ranked above both halves. Good orders keep the
// hierarchy small; road networks are near-planar, so coordinates find good cuts.
#pragma once

#include "routing/graph.hpp"

#include <vector>

namespace skolvag::routing {

/// A node's position in any planar frame (only comparisons are used).
struct NodePoint {
    float x;
    float y;
};

/**
 * Orders the nodes for contraction: order[i] is the node of rank i (lowest first).
 * Arc directions are ignored.
 * @param position one point per node.
 */
std::vector<NodeId> nested_dissection_order(const WalkGraph& graph, const std::vector<NodePoint>& position);

} // namespace skolvag::routing
