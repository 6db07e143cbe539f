// SPDX-License-Identifier: MIT
#include "geodata/walk_router.hpp"

#include "geodata/search_space.hpp"

#include <algorithm>
#include <cmath>

namespace skolvag::geodata {

namespace {

bool arc_usable(ArcId xy, const routing::ArcFilter* filter) {
    return xy != routing::kInvalidId && (filter == nullptr || filter->allows(xy));
}

} // namespace

routing::LengthMm snap_offset_mm(const WalkNetwork& net, const Snap& s) noexcept {
    const WalkEdge& edge = net.edges[s.edge];
    if (s.place == SnapPlace::from_node) {
        return 0;
    }
    if (s.place == SnapPlace::to_node) {
        return edge.length_mm;
    }
    const double mm = std::round(s.offset_m * 1000.0);
    return static_cast<routing::LengthMm>(std::clamp(mm, 0.0, static_cast<double>(edge.length_mm)));
}

namespace {

/// The partial edges between a snap and its edge's ends. Leaving the point towards the
/// edge's `from` node walks the edge backwards; arriving at it from there walks it forwards.
std::vector<AccessLeg> partial_edges(const WalkNetwork& net, const Snap& s, const routing::ArcFilter* filter,
                                     bool leaving) {
    const WalkEdge& edge = net.edges[s.edge];
    if (s.place == SnapPlace::from_node) {
        return {{edge.from, 0}};
    }
    if (s.place == SnapPlace::to_node) {
        return {{edge.to, 0}};
    }
    const routing::LengthMm offset = snap_offset_mm(net, s);
    std::vector<AccessLeg> legs;
    if (arc_usable(leaving ? edge.backward_arc : edge.forward_arc, filter)) {
        legs.push_back({edge.from, offset});
    }
    if (arc_usable(leaving ? edge.forward_arc : edge.backward_arc, filter)) {
        legs.push_back({edge.to, edge.length_mm - offset});
    }
    return legs;
}

} // namespace

std::vector<AccessLeg> legs_from(const WalkNetwork& net, const Snap& s, const routing::ArcFilter* filter) {
    return partial_edges(net, s, filter, true);
}

std::vector<AccessLeg> legs_to(const WalkNetwork& net, const Snap& s, const routing::ArcFilter* filter) {
    return partial_edges(net, s, filter, false);
}

std::optional<routing::DistanceMm> same_edge_distance_mm(const WalkNetwork& net, const Snap& from, const Snap& to,
                                                         const routing::ArcFilter* filter) {
    if (from.edge != to.edge) {
        return std::nullopt;
    }
    const WalkEdge& edge = net.edges[from.edge];
    const routing::LengthMm a = snap_offset_mm(net, from);
    const routing::LengthMm b = snap_offset_mm(net, to);
    if (a == b) {
        // Both points at one spot: no stretch to walk, but a spot inside an edge the
        // band may not use still has no safe route (§7); at an end node the graph
        // search finds the zero-length route.
        if (arc_usable(edge.forward_arc, filter) || arc_usable(edge.backward_arc, filter)) {
            return 0;
        }
        return std::nullopt;
    }
    const ArcId xy = b > a ? edge.forward_arc : edge.backward_arc;
    if (!arc_usable(xy, filter)) {
        return std::nullopt;
    }
    return b > a ? b - a : a - b;
}

std::optional<routing::DistanceMm> WalkRouter::distance_mm(const Snap& from, const Snap& to, const SearchSpace& space) {
    if (m_graph != &space.graph()) {
        m_graph = &space.graph();
        m_dijkstra = std::make_unique<routing::Dijkstra>(*m_graph);
    }
    routing::DistanceMm best = space.direct_mm(from, to).value_or(routing::kUnreachable);
    const std::vector<AccessLeg> targets = space.legs_to(to);
    m_dijkstra->reset(space.filter());
    for (const AccessLeg& leg : space.legs_from(from)) {
        m_dijkstra->add_source(leg.node, leg.length_mm);
    }
    // Stop once no queued node can improve on the best complete path.
    while (!m_dijkstra->is_finished() && m_dijkstra->next_distance() < best) {
        const NodeId x = m_dijkstra->settle();
        for (const AccessLeg& leg : targets) {
            if (leg.node == x) {
                best = std::min(best, m_dijkstra->distance_to(x) + leg.length_mm);
            }
        }
    }
    if (best == routing::kUnreachable) {
        return std::nullopt;
    }
    return best;
}

} // namespace skolvag::geodata
