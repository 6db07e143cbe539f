// SPDX-License-Identifier: MIT
// The walking network's contraction hierarchy shapes (metric independent): built once
// per network, like the snapping index, and customized per run for the plain network
// and each band's safe network. Each is built the first time a search needs it (a
// batch run that reuses every decision of the previous run needs none), the turn
// graph's (§8) with the turn graph itself, and then kept for every later run and
// tenant on the network.
#pragma once

#include "geodata/walk_network.hpp"
#include "routing/cch.hpp"
#include "routing/turn_graph.hpp"
#include "geodata/turn_network.hpp"

#include <memory>
#include <mutex>

namespace skolvag::geodata {

/** A nested-dissection order of the network's nodes, contracted. */
routing::CchTopology build_network_hierarchy(const WalkNetwork& net);

class NetworkHierarchy {
public:
    /** @pre net outlives this object. Builds nothing yet. */
    explicit NetworkHierarchy(const WalkNetwork& net);
    ~NetworkHierarchy();
    NetworkHierarchy(const NetworkHierarchy&) = delete;
    NetworkHierarchy& operator=(const NetworkHierarchy&) = delete;

    /** The walk graph's hierarchy, built on first use (safe from several threads). */
    const routing::CchTopology& walk() const;
    /** The turn graph, built on first use (safe from several threads). */
    const TurnNetwork& turns() const;
    /** The turn graph's hierarchy, built on first use (safe from several threads). */
    const routing::CchTopology& turn() const;

private:
    void build_turns() const;

    const WalkNetwork& m_net;
    mutable std::once_flag m_walk_built;
    mutable std::unique_ptr<routing::CchTopology> m_walk;
    mutable std::once_flag m_turns_built;
    mutable std::unique_ptr<TurnNetwork> m_turns;
    mutable std::unique_ptr<routing::CchTopology> m_turn;
};

/**
 * The same for the network's turn graph (§8): a nested-dissection order of its nodes
 * (the walk arcs), contracted.
 */
routing::CchTopology build_turn_hierarchy(const routing::TurnGraph& turns);

} // namespace skolvag::geodata
