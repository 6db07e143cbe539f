// SPDX-License-Identifier: MIT
#include "geodata/network_cut.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace skolvag::geodata {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
/// The smallest radius of curvature of the WGS84 ellipsoid (the meridian's, at the
/// equator): no geodesic of a given length spans a larger angle than on this sphere.
constexpr double kMinRadiusM = 6'335'439.0;
/// On top of the bound: the grown box is 1 % wider than the margin needs.
constexpr double kSafety = 1.01;

bool boxes_meet(const LonLatBox& a, const LonLatBox& b) noexcept {
    return a.min.lon_deg <= b.max.lon_deg && b.min.lon_deg <= a.max.lon_deg && a.min.lat_deg <= b.max.lat_deg &&
           b.min.lat_deg <= a.max.lat_deg;
}

LonLatBox edge_box(const WalkNetwork& net, const WalkEdge& e) {
    LonLatBox box;
    for (std::uint32_t p = e.first_point; p < e.first_point + e.point_count; ++p) {
        box.extend(net.points[p]);
    }
    return box;
}

} // namespace

LonLatBox grow_box(const LonLatBox& inner, double margin_m) {
    if (inner.empty() || !(margin_m > 0.0)) {
        throw std::invalid_argument("grow_box: an empty box or a margin that is not positive");
    }
    const double angle = kSafety * margin_m / kMinRadiusM; // radians, at least the margin's
    LonLatBox out = inner;
    out.min.lat_deg -= angle / kDeg;
    out.max.lat_deg += angle / kDeg;
    const double lat = std::max(std::fabs(out.min.lat_deg), std::fabs(out.max.lat_deg));
    if (lat > 85.0) {
        throw std::invalid_argument("grow_box: the box reaches beyond 85 degrees of latitude");
    }
    // A point at latitude φ is asin(sin(d)/cos φ) of longitude from the meridian d away
    // (a right spherical triangle); the highest latitude of the box needs the most.
    const double s = std::sin(angle) / std::cos(lat * kDeg);
    const double dlon = s >= 1.0 ? 180.0 : std::asin(s) / kDeg;
    out.min.lon_deg -= dlon;
    out.max.lon_deg += dlon;
    return out;
}

bool box_contains(const LonLatBox& box, const LonLat& p) noexcept {
    return p.lon_deg >= box.min.lon_deg && p.lon_deg <= box.max.lon_deg && p.lat_deg >= box.min.lat_deg &&
           p.lat_deg <= box.max.lat_deg;
}

NetworkCut cut_network(const WalkNetwork& whole, const std::optional<HierarchyOrders>& orders, const LonLatBox& region,
                       routing::DistanceMm proven_below_mm) {
    constexpr std::uint32_t kNone = routing::kInvalidId;
    const std::uint32_t nodes = whole.graph.node_count();
    NetworkCut cut;
    cut.region = region;
    cut.limits.proven_below_mm = proven_below_mm;
    WalkNetwork& net = cut.net;

    // Edges whose geometry's box meets the region, and their ends, in the whole's order.
    std::vector<std::uint32_t> new_edge(whole.edges.size(), kNone);
    std::vector<std::uint32_t> new_node(nodes, kNone);
    for (std::uint32_t e = 0; e < whole.edge_count(); ++e) {
        const WalkEdge& edge = whole.edges[e];
        if (boxes_meet(edge_box(whole, edge), region)) {
            new_edge[e] = 0; // numbered below
            new_node[edge.from] = 0;
            new_node[edge.to] = 0;
        }
    }
    std::vector<NodeId> old_node;
    for (NodeId x = 0; x < nodes; ++x) {
        if (new_node[x] != kNone) {
            new_node[x] = static_cast<NodeId>(old_node.size());
            old_node.push_back(x);
        }
    }
    std::uint32_t edges = 0;
    for (std::uint32_t& e : new_edge) {
        if (e != kNone) {
            e = edges++;
        }
    }

    // The graph: each kept node's arcs of kept edges, in their order.
    std::vector<ArcId> new_arc(whole.graph.arc_count(), kNone);
    std::vector<ArcId> old_arc;
    net.graph.first_out.push_back(0);
    for (const NodeId x : old_node) {
        for (ArcId xy = whole.graph.first_out[x]; xy < whole.graph.first_out[x + 1]; ++xy) {
            const std::uint32_t e = new_edge[whole.graph.arc_edge[xy]];
            if (e == kNone) {
                continue;
            }
            new_arc[xy] = static_cast<ArcId>(old_arc.size());
            old_arc.push_back(xy);
            net.graph.head.push_back(new_node[whole.graph.head[xy]]);
            net.graph.length_mm.push_back(whole.graph.length_mm[xy]);
            net.graph.arc_edge.push_back(e);
        }
        net.graph.first_out.push_back(static_cast<ArcId>(old_arc.size()));
    }

    // Edges with their geometry and the bearings of their ends.
    net.edges.reserve(edges);
    for (std::uint32_t e = 0; e < whole.edge_count(); ++e) {
        if (new_edge[e] == kNone) {
            continue;
        }
        WalkEdge edge = whole.edges[e];
        edge.from = new_node[edge.from];
        edge.to = new_node[edge.to];
        edge.forward_arc = edge.forward_arc == kNone ? kNone : new_arc[edge.forward_arc];
        edge.backward_arc = edge.backward_arc == kNone ? kNone : new_arc[edge.backward_arc];
        edge.first_point = static_cast<std::uint32_t>(net.points.size());
        const std::uint32_t first = whole.edges[e].first_point;
        net.points.insert(net.points.end(), whole.points.begin() + first, whole.points.begin() + first + edge.point_count);
        net.point_offset_m.insert(net.point_offset_m.end(), whole.point_offset_m.begin() + first,
                                  whole.point_offset_m.begin() + first + edge.point_count);
        net.edge_end_bearing_deg.push_back(whole.edge_end_bearing_deg[2 * e]);
        net.edge_end_bearing_deg.push_back(whole.edge_end_bearing_deg[2 * e + 1]);
        net.edges.push_back(edge);
    }

    // Per node: place, crossing control, road arms, component (the whole network's).
    net.first_road_arm.push_back(0);
    for (const NodeId x : old_node) {
        net.node_position.push_back(whole.node_position[x]);
        net.node_control.push_back(whole.node_control[x]);
        net.road_arms.insert(net.road_arms.end(), whole.road_arms.begin() + whole.first_road_arm[x],
                             whole.road_arms.begin() + whole.first_road_arm[x + 1]);
        net.first_road_arm.push_back(static_cast<std::uint32_t>(net.road_arms.size()));
        net.components.node_component.push_back(whole.components.node_component[x]);
        if (!box_contains(region, whole.node_position[x])) {
            cut.limits.outside_walk_nodes.push_back(new_node[x]);
        }
    }
    net.components.length_mm = whole.components.length_mm;
    net.components.edge_count = whole.components.edge_count;
    net.way_names = whole.way_names;
    net.stats = whole.stats;
    for (ArcId xy = 0; xy < net.graph.arc_count(); ++xy) {
        const geodata::WalkEdge& edge = net.edges[net.graph.arc_edge[xy]];
        const bool outside = !box_contains(region, net.node_position[edge.from]) ||
                             !box_contains(region, net.node_position[edge.to]);
        if (outside) {
            cut.limits.outside_walk_arcs.push_back(xy);
        }
    }

    // The whole network's orders, restricted: a separator of the whole graph is one of
    // any part of it, so they stay good orders, and the cut needs no ordering of its own.
    if (orders) {
        HierarchyOrders kept;
        for (const NodeId x : orders->walk) {
            if (new_node[x] != kNone) {
                kept.walk.push_back(new_node[x]);
            }
        }
        for (const NodeId xy : orders->turn) {
            if (new_arc[xy] != kNone) {
                kept.turn.push_back(new_arc[xy]);
            }
        }
        cut.orders = std::move(kept);
    }
    return cut;
}

} // namespace skolvag::geodata
