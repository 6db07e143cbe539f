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
    : m_space(space), m_search(space.reversed_graph()) {}

DirectReach::DirectReach(const WalkNetwork& net, std::span<const Target> targets) {
    for (const Target& t : targets) {
        m_edges.push_back(t.snap.edge);
        m_nodes.push_back(net.edges[t.snap.edge].from);
        m_nodes.push_back(net.edges[t.snap.edge].to);
    }
}

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

/// From graph node x along the target's edge to the target.
void append_onto_target(const WalkNetwork& net, NodeId x, const Snap& target, std::vector<LonLat>& path) {
    const WalkEdge& e = net.edges[target.edge];
    std::vector<LonLat> tail;
    append_partial_to_end(net, target, x == e.to && target.place != SnapPlace::from_node, tail);
    path.insert(path.end(), tail.rbegin() + 1, tail.rend());
}

} // namespace

TargetRoute route_to_targets(const SearchSpace& space, const Snap& from, std::span<const Target> targets,
                             const std::function<routing::DistanceMm(NodeId)>& node_distance) {
    const WalkNetwork& net = space.network();
    const std::vector<AccessLeg> legs = space.legs_from(from);
    const TargetWalk best = best_walk_to_targets(space, from, legs, targets, node_distance);
    TargetRoute route;
    if (best.distance == routing::kUnreachable) {
        return route;
    }
    const auto walked_from = [&](std::uint32_t edge, NodeId start) {
        route.edges.push_back({edge, net.edges[edge].from == start});
    };
    if (best.direct_target != SIZE_MAX) {
        route.target = best.direct_target;
        const Snap& t = targets[route.target].snap;
        if (t.edge == from.edge) {
            route.edges.push_back({from.edge, snap_offset_mm(net, t) >= snap_offset_mm(net, from)});
        } else {
            const WalkEdge& own = net.edges[from.edge];
            walked_from(t.edge, from.place == SnapPlace::from_node ? own.from : own.to);
        }
        return route;
    }
    NodeId x = legs[best.via_leg].node;
    NodeId at = place_of(space, x);
    if (space.turn_aware() && from.place != SnapPlace::interior) {
        const std::uint32_t edge = net.graph.arc_edge[space.walk_arc_of(x)];
        route.edges.push_back({edge, net.edges[edge].to == at});
    } else if (from.place == SnapPlace::interior) {
        route.edges.push_back({from.edge, net.edges[from.edge].to == at});
    }
    struct Entry {
        NodeId node;
        routing::DistanceMm length;
        std::size_t target;
    };
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        for (const AccessLeg& leg : space.legs_to(targets[i].snap)) {
            entries.push_back({leg.node, leg.length_mm + targets[i].extra_mm, i});
        }
    }
    const routing::WalkGraph& g = space.graph();
    const routing::ArcFilter* filter = space.filter();
    std::vector<NodeId> visited; // a zero-length arc must not be walked back and forth
    for (std::size_t guard = 0; guard <= g.node_count(); ++guard) {
        const routing::DistanceMm here = node_distance(x);
        for (const Entry& e : entries) {
            if (e.node == x && e.length == here) {
                if (targets[e.target].snap.place == SnapPlace::interior) {
                    walked_from(targets[e.target].snap.edge, at);
                }
                route.target = e.target;
                return route;
            }
        }
        bool stepped = false;
        for (ArcId a = g.first_out[x]; a < g.first_out[x + 1] && !stepped; ++a) {
            const NodeId y = g.head[a];
            const routing::DistanceMm there = node_distance(y);
            if ((filter != nullptr && !filter->allows(a)) || there == routing::kUnreachable ||
                there + g.length_mm[a] != here ||
                (g.length_mm[a] == 0 && std::find(visited.begin(), visited.end(), y) != visited.end())) {
                continue;
            }
            visited.push_back(x);
            walked_from(space.turn_aware() ? net.graph.arc_edge[g.arc_edge[a]] : g.arc_edge[a], at);
            x = y;
            at = place_of(space, x);
            stepped = true;
        }
        if (!stepped) {
            break;
        }
    }
    return TargetRoute{}; // unreachable when the distances are a search's
}

std::vector<RouteStep> route_steps(const WalkNetwork& net, const Snap& from, std::span<const Target> targets,
                                   const TargetRoute& route) {
    std::vector<RouteStep> steps;
    if (route.target == SIZE_MAX) {
        return steps;
    }
    const Snap& target = targets[route.target].snap;
    for (std::size_t i = 0; i < route.edges.size(); ++i) {
        const RouteEdge& e = route.edges[i];
        const WalkEdge& edge = net.edges[e.edge];
        RouteStep step{e, {}};
        const bool first = i == 0;
        const bool last = i + 1 == route.edges.size();
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

TargetRoute TargetTree::route_of(const Snap& from) const {
    return route_to_targets(m_space, from, m_targets, [&](NodeId x) { return m_search.distance_to(x); });
}

std::vector<LonLat> TargetTree::path_from(const Snap& from) const {
    std::vector<LonLat> path;
    for (const RouteStep& step : steps_from(from)) {
        for (const LonLat& p : step.positions) {
            if (path.empty() || !(path.back() == p)) {
                path.push_back(p);
            }
        }
    }
    return path;
}

std::vector<RouteEdge> TargetTree::route_edges_from(const Snap& from) const { return route_of(from).edges; }

std::vector<RouteStep> TargetTree::steps_from(const Snap& from) const {
    return route_steps(m_space.network(), from, m_targets, route_of(from));
}

} // namespace skolvag::geodata
