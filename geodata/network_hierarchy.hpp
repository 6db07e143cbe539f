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
#include <optional>
#include <vector>

namespace skolvag::geodata {

/// The nested-dissection orders of the walk graph and of the turn graph (§8): the costly
/// part of building the hierarchies, kept in a prepared network (prepared_network.hpp).
struct HierarchyOrders {
    std::vector<NodeId> walk; ///< a permutation of the walk graph's nodes
    std::vector<NodeId> turn; ///< a permutation of the turn graph's nodes (the walk graph's arcs)
};

/** Both orders of a network, computed (what `skolvag prepare` keeps). */
HierarchyOrders hierarchy_orders(const WalkNetwork& net);

/** A nested-dissection order of the network's nodes, contracted. */
routing::CchTopology build_network_hierarchy(const WalkNetwork& net);

class NetworkHierarchy {
public:
    /**
     * @pre net outlives this object. Builds nothing yet.
     * @param orders the network's orders when they are known (a prepared network): the
     *        hierarchies are then contracted along them instead of ordering the graphs again.
     */
    explicit NetworkHierarchy(const WalkNetwork& net, std::optional<HierarchyOrders> orders = std::nullopt);
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
    std::optional<HierarchyOrders> m_orders;
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
