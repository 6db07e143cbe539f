// SPDX-License-Identifier: MIT
#include "routing/dijkstra.hpp"

#include <algorithm>
#include <cassert>

namespace skolvag::routing {

Dijkstra::Dijkstra(const WalkGraph& graph)
    : m_graph(graph),
      m_tail(graph.tails()),
      m_distance(graph.node_count(), kUnreachable),
      m_parent_arc(graph.node_count(), kInvalidId),
      m_stamp(graph.node_count(), 0),
      m_queue(graph.node_count()) {}

Dijkstra& Dijkstra::reset(const ArcFilter* filter) {
    assert(filter == nullptr || filter->arc_count() == m_graph.arc_count());
    m_filter = filter;
    m_queue.clear();
    m_settled = 0;
    // A new generation invalidates every label in O(1); the stamps are only cleared
    // when the counter wraps, every four billion searches.
    if (++m_generation == 0) {
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        m_generation = 1;
    }
    return *this;
}

void Dijkstra::touch(NodeId x) {
    if (m_stamp[x] != m_generation) {
        m_stamp[x] = m_generation;
        m_distance[x] = kUnreachable;
        m_parent_arc[x] = kInvalidId;
    }
}

Dijkstra& Dijkstra::add_source(NodeId s, DistanceMm start_mm) {
    assert(s < m_graph.node_count());
    touch(s);
    if (start_mm < m_distance[s]) {
        m_distance[s] = start_mm;
        m_parent_arc[s] = kInvalidId;
        m_queue.push_or_decrease(s, start_mm);
    }
    return *this;
}

NodeId Dijkstra::settle() {
    const MinIdQueue::Entry top = m_queue.pop();
    const NodeId x = top.id;
    const DistanceMm dx = top.key;
    ++m_settled;
    const ArcId end = m_graph.first_out[x + 1];
    for (ArcId xy = m_graph.first_out[x]; xy < end; ++xy) {
        if (m_filter != nullptr && !m_filter->allows(xy)) {
            continue;
        }
        const NodeId y = m_graph.head[xy];
        const DistanceMm dy = dx + m_graph.length_mm[xy];
        touch(y);
        if (dy < m_distance[y]) {
            m_distance[y] = dy;
            m_parent_arc[y] = xy;
            m_queue.push_or_decrease(y, dy);
        }
    }
    return x;
}

void Dijkstra::run() {
    while (!is_finished()) {
        settle();
    }
}

DistanceMm Dijkstra::run_until_settled(std::span<const NodeId> targets) {
    auto all_settled = [&] {
        return std::all_of(targets.begin(), targets.end(), [&](NodeId t) { return is_settled(t); });
    };
    while (!is_finished() && !all_settled()) {
        settle();
    }
    DistanceMm best = kUnreachable;
    for (NodeId t : targets) {
        best = std::min(best, distance_to(t));
    }
    return best;
}

std::vector<ArcId> Dijkstra::arc_path_to(NodeId x) const {
    std::vector<ArcId> path;
    for (ArcId xy = parent_arc(x); xy != kInvalidId; xy = parent_arc(m_tail[xy])) {
        path.push_back(xy);
    }
    std::reverse(path.begin(), path.end());
    return path;
}

} // namespace skolvag::routing
