// SPDX-License-Identifier: MIT
#include "geodata/network_hierarchy.hpp"

#include "routing/nested_dissection.hpp"

#include <cmath>
#include <numbers>

namespace skolvag::geodata {

routing::CchTopology build_network_hierarchy(const WalkNetwork& net) {
    const LonLatBox box = net.bbox();
    const double mid_lat = box.empty() ? 0.0 : (box.min.lat_deg + box.max.lat_deg) / 2.0;
    const double x_scale = std::cos(mid_lat * std::numbers::pi / 180.0);
    std::vector<routing::NodePoint> points;
    points.reserve(net.node_position.size());
    for (const LonLat& p : net.node_position) {
        points.push_back({static_cast<float>(p.lon_deg * x_scale), static_cast<float>(p.lat_deg)});
    }
    return routing::CchTopology(net.graph, routing::nested_dissection_order(net.graph, points));
}

routing::CchTopology build_turn_hierarchy(const WalkNetwork& net, const routing::TurnGraph& turns) {
    const LonLatBox box = net.bbox();
    const double mid_lat = box.empty() ? 0.0 : (box.min.lat_deg + box.max.lat_deg) / 2.0;
    const double x_scale = std::cos(mid_lat * std::numbers::pi / 180.0);
    const std::vector<NodeId> tail = net.graph.tails();
    std::vector<routing::NodePoint> points;
    points.reserve(net.graph.arc_count());
    for (ArcId a = 0; a < net.graph.arc_count(); ++a) {
        // The arcs arriving at a node would share its position; a tenth of the way back
        // along each keeps them apart, so the partitioner can cut between them.
        const LonLat& head = net.node_position[net.graph.head[a]];
        const LonLat& from = net.node_position[tail[a]];
        const double lon = head.lon_deg + 0.1 * (from.lon_deg - head.lon_deg);
        const double lat = head.lat_deg + 0.1 * (from.lat_deg - head.lat_deg);
        points.push_back({static_cast<float>(lon * x_scale), static_cast<float>(lat)});
    }
    return routing::CchTopology(turns.graph, routing::nested_dissection_order(turns.graph, points));
}

NetworkHierarchy::NetworkHierarchy(const WalkNetwork& net) : m_net(net), m_walk(build_network_hierarchy(net)) {}

NetworkHierarchy::~NetworkHierarchy() = default;

void NetworkHierarchy::build_turns() const {
    std::call_once(m_turns_built, [&] {
        m_turns = std::make_unique<TurnNetwork>(m_net);
        m_turn = std::make_unique<routing::CchTopology>(build_turn_hierarchy(m_net, m_turns->turns));
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
