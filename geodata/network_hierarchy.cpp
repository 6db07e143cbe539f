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

} // namespace skolvag::geodata
