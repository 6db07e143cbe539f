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

TargetTree::TargetTree(const SearchSpace& space)
    : m_space(space), m_reversed_tail(space.reversed_graph().tails()), m_search(space.reversed_graph()) {}

std::vector<AccessLeg> entry_legs(const SearchSpace& space, std::span<const Target> targets) {
    std::vector<AccessLeg> entries;
    for (const Target& t : targets) {
        for (const AccessLeg& leg : space.legs_to(t.snap)) {
            entries.push_back({leg.node, leg.length_mm + t.extra_mm});
        }
    }
    return entries;
}

void TargetTree::compute(std::span<const Target> targets) {
    m_targets.assign(targets.begin(), targets.end());
    m_search.reset(m_space.reverse_filter());
    for (const AccessLeg& entry : entry_legs(m_space, m_targets)) {
        m_search.add_source(entry.node, entry.length_mm);
    }
    m_search.run();
}

TargetWalk TargetTree::best_walk(const Snap& from, const std::vector<AccessLeg>& legs) const {
    return best_walk_to_targets(m_space, from, legs, m_targets, [&](NodeId x) { return m_search.distance_to(x); });
}

routing::DistanceMm TargetTree::distance_from(const Snap& from) const {
    return best_walk(from, m_space.legs_from(from)).distance;
}

namespace {

/// The graph node a search node stands at: itself on the walk graph, its arc's head on the turn graph.
NodeId place_of(const SearchSpace& space, NodeId search_node) {
    const ArcId arc = space.walk_arc_of(search_node);
    return arc == routing::kInvalidId ? search_node : space.network().graph.head[arc];
}

/// The edge walked by a step of the (reversed) search graph.
std::uint32_t edge_of_step(const SearchSpace& space, ArcId reversed_arc) {
    const std::uint32_t id = space.reversed_graph().arc_edge[reversed_arc];
    return space.turn_aware() ? space.network().graph.arc_edge[id] : id;
}

/// From graph node x along the target's edge to the target.
void append_onto_target(const WalkNetwork& net, NodeId x, const Snap& target, std::vector<LonLat>& path) {
    const WalkEdge& e = net.edges[target.edge];
    std::vector<LonLat> tail;
    append_partial_to_end(net, target, x == e.to && target.place != SnapPlace::from_node, tail);
    path.insert(path.end(), tail.rbegin() + 1, tail.rend());
}

} // namespace

std::vector<LonLat> TargetTree::path_from(const Snap& from) const {
    const WalkNetwork& net = m_space.network();
    const std::vector<AccessLeg> legs = m_space.legs_from(from);
    const TargetWalk best = best_walk(from, legs);
    std::vector<LonLat> path;
    if (best.distance == routing::kUnreachable) {
        return path;
    }
    if (best.direct_target != SIZE_MAX) {
        const Snap& target = m_targets[best.direct_target].snap;
        if (target.edge == from.edge) {
            append_between(net, from, target, path);
        } else { // from a node straight onto the target's edge
            const WalkEdge& own = net.edges[from.edge];
            path.push_back(from.position);
            append_onto_target(net, from.place == SnapPlace::from_node ? own.from : own.to, target, path);
        }
        path.erase(std::unique(path.begin(), path.end()), path.end());
        return path;
    }
    NodeId x = legs[best.via_leg].node;
    NodeId at = place_of(m_space, x);
    const WalkEdge& own = net.edges[from.edge];
    if (m_space.turn_aware() && from.place != SnapPlace::interior) {
        // From a node, the leg is a whole arc already walked.
        const NodeId start = from.place == SnapPlace::from_node ? own.from : own.to;
        path.push_back(from.position);
        append_edge_from(net, net.graph.arc_edge[m_space.walk_arc_of(x)], start, path);
    } else {
        // Along the point's own edge to the node where the walk leaves it.
        append_partial_to_end(net, from, at == own.to && from.place != SnapPlace::from_node, path);
    }
    // Then down the search tree: each parent arc of the backward search is walked forwards.
    for (ArcId r = m_search.parent_arc(x); r != routing::kInvalidId; r = m_search.parent_arc(x)) {
        const NodeId y = m_reversed_tail[r];
        path.pop_back(); // the edge's first position is the node already in the path
        append_edge_from(net, edge_of_step(m_space, r), at, path);
        x = y;
        at = place_of(m_space, x);
    }
    // Finally onto the target's edge, to the target reached at x.
    const routing::DistanceMm at_x = m_search.distance_to(x);
    for (const Target& t : m_targets) {
        for (const AccessLeg& leg : m_space.legs_to(t.snap)) {
            if (leg.node == x && leg.length_mm + t.extra_mm == at_x) {
                append_onto_target(net, at, t.snap, path);
                path.erase(std::unique(path.begin(), path.end()), path.end());
                return path;
            }
        }
    }
    return path;
}

std::vector<RouteEdge> TargetTree::route_edges_from(const Snap& from) const {
    std::size_t target = SIZE_MAX;
    return walk_of(from, target);
}

std::vector<RouteEdge> TargetTree::walk_of(const Snap& from, std::size_t& target) const {
    const WalkNetwork& net = m_space.network();
    const std::vector<AccessLeg> legs = m_space.legs_from(from);
    const TargetWalk best = best_walk(from, legs);
    std::vector<RouteEdge> route;
    target = SIZE_MAX;
    if (best.distance == routing::kUnreachable) {
        return route;
    }
    const auto walked_from = [&](std::uint32_t edge, NodeId start) { route.push_back({edge, net.edges[edge].from == start}); };
    if (best.direct_target != SIZE_MAX) {
        target = best.direct_target;
        const Snap& t = m_targets[target].snap;
        if (t.edge == from.edge) {
            route.push_back({from.edge, snap_offset_mm(net, t) >= snap_offset_mm(net, from)});
        } else {
            const WalkEdge& own = net.edges[from.edge];
            walked_from(t.edge, from.place == SnapPlace::from_node ? own.from : own.to);
        }
        return route;
    }
    NodeId x = legs[best.via_leg].node;
    NodeId at = place_of(m_space, x);
    if (m_space.turn_aware() && from.place != SnapPlace::interior) {
        const std::uint32_t edge = net.graph.arc_edge[m_space.walk_arc_of(x)];
        route.push_back({edge, net.edges[edge].to == at});
    } else if (from.place == SnapPlace::interior) {
        route.push_back({from.edge, net.edges[from.edge].to == at});
    }
    for (ArcId r = m_search.parent_arc(x); r != routing::kInvalidId; r = m_search.parent_arc(x)) {
        walked_from(edge_of_step(m_space, r), at);
        x = m_reversed_tail[r];
        at = place_of(m_space, x);
    }
    const routing::DistanceMm at_x = m_search.distance_to(x);
    for (std::size_t i = 0; i < m_targets.size(); ++i) {
        const Target& t = m_targets[i];
        for (const AccessLeg& leg : m_space.legs_to(t.snap)) {
            if (leg.node == x && leg.length_mm + t.extra_mm == at_x) {
                if (t.snap.place == SnapPlace::interior) {
                    walked_from(t.snap.edge, at);
                }
                target = i;
                return route;
            }
        }
    }
    return route;
}

std::vector<RouteStep> TargetTree::steps_from(const Snap& from) const {
    const WalkNetwork& net = m_space.network();
    std::size_t target_index = SIZE_MAX;
    const std::vector<RouteEdge> walk = walk_of(from, target_index);
    std::vector<RouteStep> steps;
    if (target_index == SIZE_MAX) {
        return steps;
    }
    const Snap& target = m_targets[target_index].snap;
    for (std::size_t i = 0; i < walk.size(); ++i) {
        const RouteEdge& e = walk[i];
        const WalkEdge& edge = net.edges[e.edge];
        RouteStep step{e, {}};
        const bool first = i == 0;
        const bool last = i + 1 == walk.size();
        if (first && last && e.edge == from.edge && e.edge == target.edge) {
            append_between(net, from, target, step.positions);
        } else {
            if (first && from.place == SnapPlace::interior && e.edge == from.edge) {
                append_partial_to_end(net, from, e.forward, step.positions);
            } else {
                append_edge_from(net, e.edge, e.forward ? edge.from : edge.to, step.positions);
            }
            if (last && target.place == SnapPlace::interior && e.edge == target.edge) {
                // Only to the target: from where the step starts along the edge to it.
                const LonLat start = step.positions.front();
                step.positions.clear();
                step.positions.push_back(start);
                append_onto_target(net, e.forward ? edge.from : edge.to, target, step.positions);
            }
        }
        step.positions.erase(std::unique(step.positions.begin(), step.positions.end()), step.positions.end());
        steps.push_back(std::move(step));
    }
    if (steps.empty()) {
        steps.push_back({{from.edge, true}, {from.position}}); // already there
    }
    return steps;
}

} // namespace skolvag::geodata
