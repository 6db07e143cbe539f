// SPDX-License-Identifier: MIT
// A nested-dissection node order for a contraction hierarchy: each separator ranked
// above the two parts it separates, recursively. Good orders keep the hierarchy small:
// METIS's multilevel node separators (Debian's libmetis) find narrow cuts that follow
// a network's shape (rivers, railways, arterials) where straight geometric cuts do
// not, which matters most on the turn graph (walking-network.md §8): its nodes crowd
// around junctions, where a straight cut severs many turns.
#pragma once

#include "routing/graph.hpp"

#include <vector>

namespace skolvag::routing {

/**
 * Orders the nodes for contraction: order[i] is the node of rank i (lowest first).
 * Arc directions and lengths are ignored. Deterministic: the same graph gives the
 * same order.
 * @throws std::runtime_error when METIS fails (out of memory).
 */
std::vector<NodeId> nested_dissection_order(const WalkGraph& graph);

} // namespace skolvag::routing
