// SPDX-License-Identifier: MIT
#include "geodata/network_hierarchy.hpp"

#include "routing/nested_dissection.hpp"

namespace skolvag::geodata {

routing::CchTopology build_network_hierarchy(const WalkNetwork& net) {
    return routing::CchTopology(net.graph, routing::nested_dissection_order(net.graph));
}

routing::CchTopology build_turn_hierarchy(const routing::TurnGraph& turns) {
    return routing::CchTopology(turns.graph, routing::nested_dissection_order(turns.graph));
}

HierarchyOrders hierarchy_orders(const WalkNetwork& net) {
    const TurnNetwork turns(net);
    return {routing::nested_dissection_order(net.graph), routing::nested_dissection_order(turns.turns.graph)};
}

NetworkHierarchy::NetworkHierarchy(const WalkNetwork& net, std::optional<HierarchyOrders> orders)
    : m_net(net), m_orders(std::move(orders)) {}

const routing::CchTopology& NetworkHierarchy::walk() const {
    std::call_once(m_walk_built, [&] {
        m_walk = std::make_unique<routing::CchTopology>(
            m_orders ? routing::CchTopology(m_net.graph, m_orders->walk) : build_network_hierarchy(m_net));
    });
    return *m_walk;
}

NetworkHierarchy::~NetworkHierarchy() = default;

void NetworkHierarchy::build_turns() const {
    std::call_once(m_turns_built, [&] {
        m_turns = std::make_unique<TurnNetwork>(m_net);
        m_turn = std::make_unique<routing::CchTopology>(
            m_orders ? routing::CchTopology(m_turns->turns.graph, m_orders->turn) : build_turn_hierarchy(m_turns->turns));
    });
}

const TurnNetwork& NetworkHierarchy::turns() const {
    build_turns();
    return *m_turns;
}

const routing::CchTopology& NetworkHierarchy::turn() const {
    build_turns();
    return *m_turn;
}

} // namespace skolvag::geodata
