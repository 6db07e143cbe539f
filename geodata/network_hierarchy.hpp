// SPDX-License-Identifier: MIT
// The walking network's contraction hierarchy shape (metric independent): built once
// per network, like the snapping index, and customized per run for the plain network
// and each band's safe network.
#pragma once

#include "geodata/walk_network.hpp"
#include "routing/cch.hpp"

namespace skolvag::geodata {

/** A nested-dissection order of the network's nodes by their positions, contracted. */
routing::CchTopology build_network_hierarchy(const WalkNetwork& net);

} // namespace skolvag::geodata
