// SPDX-License-Identifier: MIT
#include "geodata/target_tree.hpp"

#include "geodata/walk_router.hpp"

#include <algorithm>

namespace skolvag::geodata {

namespace {

/// Positions from a snapped point along its edge to one of the edge's ends.
void append_partial_to_end(const WalkNetwork& net, const Snap& s, bool towards_to, std::vector<LonLat>& out) {
    const WalkEdge& e = net.edges[s.edge];
    out.push_back(s.position);
    if (towards_to) {
        for (std::uint32_t i = s.first_point + 1; i < e.first_point + e.point_count; ++i) {
            out.push_back(net.points[i]);
        }
    } else {
        for (std::uint32_t i = s.first_point + 1; i-- > e.first_point;) {
            out.push_back(net.points[i]);
        }
    }
}

/// Positions of a whole edge walked from node x to its other end.
void append_edge_from(const WalkNetwork& net, std::uint32_t edge, NodeId x, std::vector<LonLat>& out) {
    const WalkEdge& e = net.edges[edge];
    const std::uint32_t first = e.first_point;
    const std::uint32_t last = e.first_point + e.point_count - 1;
    if (e.from == x) {
        for (std::uint32_t i = first; i <= last; ++i) {
            out.push_back(net.points[i]);
        }
    } else {
        for (std::uint32_t i = last + 1; i-- > first;) {
            out.push_back(net.points[i]);
        }
    }
}

/// Positions between two snaps on one edge.
void append_between(const WalkNetwork& net, const Snap& a, const Snap& b, std::vector<LonLat>& out) {
    out.push_back(a.position);
    if (a.offset_m <= b.offset_m) {
        for (std::uint32_t i = a.first_point + 1; i <= b.first_point; ++i) {
            out.push_back(net.points[i]);
        }
    } else {
        for (std::uint32_t i = a.first_point + 1; i-- > b.first_point + 1;) {
            out.push_back(net.points[i]);
        }
    }
    out.push_back(b.position);
}

} // namespace

TargetTree::TargetTree(const WalkNetwork& net, const ReversedNetwork& reversed)
    : m_net(net), m_reversed(reversed), m_reversed_tail(reversed.graph.tails()), m_search(reversed.graph) {}

std::vector<AccessLeg> entry_legs(const WalkNetwork& net, std::span<const Target> targets,
                                  const routing::ArcFilter* forward_filter) {
    std::vector<AccessLeg> entries;
    for (const Target& t : targets) {
        for (const AccessLeg& leg : legs_to(net, t.snap, forward_filter)) {
            entries.push_back({leg.node, leg.length_mm + t.extra_mm});
        }
    }
    return entries;
}

void TargetTree::compute(std::span<const Target> targets, const routing::ArcFilter* forward_filter,
                         const routing::ArcFilter* reverse_filter) {
    m_targets.assign(targets.begin(), targets.end());
    m_forward_filter = forward_filter;
    m_search.reset(reverse_filter);
    for (const AccessLeg& entry : entry_legs(m_net, m_targets, forward_filter)) {
        m_search.add_source(entry.node, entry.length_mm);
    }
    m_search.run();
}

TargetWalk TargetTree::best_walk(const Snap& from) const {
    return best_walk_to_targets(m_net, from, legs_from(m_net, from, m_forward_filter), m_targets, m_forward_filter,
                                [&](NodeId x) { return m_search.distance_to(x); });
}

routing::DistanceMm TargetTree::distance_from(const Snap& from) const { return best_walk(from).distance; }

std::vector<LonLat> TargetTree::path_from(const Snap& from) const {
    const TargetWalk best = best_walk(from);
    std::vector<LonLat> path;
    if (best.distance == routing::kUnreachable) {
        return path;
    }
    if (best.same_edge_target != SIZE_MAX) {
        append_between(m_net, from, m_targets[best.same_edge_target].snap, path);
        path.erase(std::unique(path.begin(), path.end()), path.end());
        return path;
    }
    // Along the point's own edge to the node where the walk leaves it.
    const WalkEdge& own = m_net.edges[from.edge];
    append_partial_to_end(m_net, from, best.via_node == own.to && from.place != SnapPlace::from_node, path);
    // Then down the search tree: each parent arc of the backward search is walked forwards.
    NodeId x = best.via_node;
    for (ArcId r = m_search.parent_arc(x); r != routing::kInvalidId; r = m_search.parent_arc(x)) {
        const NodeId y = m_reversed_tail[r];
        path.pop_back(); // the edge's first position is the node already in the path
        append_edge_from(m_net, m_reversed.graph.arc_edge[r], x, path);
        x = y;
    }
    // Finally onto the target's edge, to the target reached at x.
    const routing::DistanceMm at_x = m_search.distance_to(x);
    for (const Target& t : m_targets) {
        for (const AccessLeg& leg : legs_to(m_net, t.snap, m_forward_filter)) {
            if (leg.node == x && leg.length_mm + t.extra_mm == at_x) {
                const WalkEdge& e = m_net.edges[t.snap.edge];
                std::vector<LonLat> tail;
                append_partial_to_end(m_net, t.snap, x == e.to && t.snap.place != SnapPlace::from_node, tail);
                path.insert(path.end(), tail.rbegin() + 1, tail.rend());
                path.erase(std::unique(path.begin(), path.end()), path.end());
                return path;
            }
        }
    }
    return path;
}

} // namespace skolvag::geodata
