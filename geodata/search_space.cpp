// SPDX-License-Identifier: MIT
#include "geodata/search_space.hpp"

#include "geodata/band_safety.hpp"

#include <algorithm>

namespace skolvag::geodata {

SearchSpace::SearchSpace(const WalkNetwork& net, const ReversedNetwork& reversed) : m_net(net), m_reversed(&reversed) {}

SearchSpace::SearchSpace(const WalkNetwork& net, const ReversedNetwork& reversed, const std::vector<bool>& edge_safe)
    : m_net(net), m_reversed(&reversed), m_walk_filter(arc_filter_from_edges(net.graph, edge_safe)),
      m_filter(m_walk_filter), m_reverse_filter(arc_filter_from_edges(reversed.graph, edge_safe)) {}

SearchSpace::SearchSpace(const WalkNetwork& net, const TurnNetwork& turns, const RoadArms& arms,
                         const std::vector<bool>& edge_safe, const BandSafety& band)
    : m_net(net), m_turns(&turns), m_walk_filter(arc_filter_from_edges(net.graph, edge_safe)),
      m_filter(safe_turn_filter(net, turns, arms, edge_safe, band)),
      m_reverse_filter(reversed_turn_filter(turns, *m_filter)) {}

const routing::WalkGraph& SearchSpace::graph() const noexcept {
    return m_turns != nullptr ? m_turns->turns.graph : m_net.graph;
}

const routing::WalkGraph& SearchSpace::reversed_graph() const noexcept {
    return m_turns != nullptr ? m_turns->reversed : m_reversed->graph;
}

bool SearchSpace::walk_arc_usable(ArcId xy) const noexcept {
    return xy != routing::kInvalidId && (!m_walk_filter || m_walk_filter->allows(xy));
}

NodeId SearchSpace::node_of(const Snap& s) const noexcept {
    const WalkEdge& edge = m_net.edges[s.edge];
    return s.place == SnapPlace::from_node ? edge.from : s.place == SnapPlace::to_node ? edge.to : routing::kInvalidId;
}

std::vector<AccessLeg> SearchSpace::legs_from(const Snap& s) const {
    if (m_turns == nullptr) {
        return geodata::legs_from(m_net, s, walk_filter());
    }
    std::vector<AccessLeg> legs;
    if (const NodeId x = node_of(s); x != routing::kInvalidId) {
        // On a node: the route may leave along any end, with no passage there (§8).
        for (ArcId z = m_net.graph.first_out[x]; z < m_net.graph.first_out[x + 1]; ++z) {
            if (walk_arc_usable(z)) {
                legs.push_back({z, m_net.graph.length_mm[z]});
            }
        }
        return legs;
    }
    // Inside an edge: walk to one of its ends, arriving there along the edge.
    const WalkEdge& edge = m_net.edges[s.edge];
    const routing::LengthMm offset = snap_offset_mm(m_net, s);
    if (walk_arc_usable(edge.backward_arc)) {
        legs.push_back({edge.backward_arc, offset});
    }
    if (walk_arc_usable(edge.forward_arc)) {
        legs.push_back({edge.forward_arc, edge.length_mm - offset});
    }
    return legs;
}

std::vector<AccessLeg> SearchSpace::legs_to(const Snap& s) const {
    if (m_turns == nullptr) {
        return geodata::legs_to(m_net, s, walk_filter());
    }
    std::vector<AccessLeg> legs;
    if (const NodeId x = node_of(s); x != routing::kInvalidId) {
        // On a node: a route ends on arriving there, along any end.
        for (const std::uint32_t end : m_turns->ends.ends(x)) {
            const WalkEdge& edge = m_net.edges[end / 2];
            const ArcId arriving = end % 2 == 1 ? edge.forward_arc : edge.backward_arc;
            if (walk_arc_usable(arriving)) {
                legs.push_back({arriving, 0});
            }
        }
        return legs;
    }
    // Inside an edge: a route turns onto the edge at one of its ends (a passage there)
    // and walks the partial edge.
    const WalkEdge& edge = m_net.edges[s.edge];
    const routing::LengthMm offset = snap_offset_mm(m_net, s);
    const auto turns_onto = [&](ArcId z, routing::LengthMm partial) {
        if (!walk_arc_usable(z)) {
            return;
        }
        const routing::WalkGraph& r = m_turns->reversed;
        for (ArcId back = r.first_out[z]; back < r.first_out[z + 1]; ++back) {
            if (m_reverse_filter->allows(back)) {
                legs.push_back({r.head[back], partial});
            }
        }
    };
    turns_onto(edge.forward_arc, offset);
    turns_onto(edge.backward_arc, edge.length_mm - offset);
    return legs;
}

bool SearchSpace::can_reach(const Snap& s) const {
    const NodeId x = node_of(s);
    if (m_turns != nullptr || x == routing::kInvalidId) {
        return !legs_to(s).empty();
    }
    // On the walk graph a point on a node is that node: reachable when an allowed arc arrives there.
    const routing::WalkGraph& r = m_reversed->graph;
    for (ArcId back = r.first_out[x]; back < r.first_out[x + 1]; ++back) {
        if (!m_reverse_filter || m_reverse_filter->allows(back)) {
            return true;
        }
    }
    return false;
}

std::optional<routing::DistanceMm> SearchSpace::direct_mm(const Snap& from, const Snap& to) const {
    std::optional<routing::DistanceMm> best = same_edge_distance_mm(m_net, from, to, walk_filter());
    const NodeId x = m_turns == nullptr ? routing::kInvalidId : node_of(from);
    if (x == routing::kInvalidId) {
        return best; // (on the walk graph, a search from a node finds the rest)
    }
    if (node_of(to) == x) {
        return 0; // both on one node, whatever edges they were snapped to
    }
    if (from.edge == to.edge) {
        return best;
    }
    const auto keep = [&](routing::DistanceMm d) { best = best ? std::min(*best, d) : d; };
    // From the node straight onto the edge `to` lies on, when that edge touches it.
    const WalkEdge& edge = m_net.edges[to.edge];
    const routing::LengthMm offset = snap_offset_mm(m_net, to);
    if (edge.from == x && walk_arc_usable(edge.forward_arc)) {
        keep(offset);
    }
    if (edge.to == x && walk_arc_usable(edge.backward_arc)) {
        keep(edge.length_mm - offset);
    }
    return best;
}

} // namespace skolvag::geodata
