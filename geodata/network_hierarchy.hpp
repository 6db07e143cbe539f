// SPDX-License-Identifier: MIT
// The walking network's contraction hierarchy shape (metric independent): built once
// per network, like the snapping index, and customized per run for the plain network
// and each band's safe network.
#pragma once

#include "geodata/walk_network.hpp"
#include "routing/cch.hpp"
#include "routing/turn_graph.hpp"

namespace skolvag::geodata {

/** A nested-dissection order of the network's nodes by their positions, contracted. */
routing::CchTopology build_network_hierarchy(const WalkNetwork& net);

/**
 * The same for the network's turn graph (§8): a nested-dissection order of its nodes,
 * each walk arc placed a little way from its head towards its tail.
 */
routing::CchTopology build_turn_hierarchy(const WalkNetwork& net, const routing::TurnGraph& turns);

} // namespace skolvag::geodata
