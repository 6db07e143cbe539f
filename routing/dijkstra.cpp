// SPDX-License-Identifier: MIT
#include "routing/dijkstra.hpp"

#include <algorithm>
#include <cassert>

namespace skolvag::routing {

Dijkstra::Dijkstra(const WalkGraph& graph)
    : m_graph(graph),
      m_tail(graph.tails()),
      m_label(graph.node_count(), Label{kUnreachable, kInvalidId, 0}) {}

Dijkstra& Dijkstra::reset(const ArcFilter* filter) {
    assert(filter == nullptr || filter->arc_count() == m_graph.arc_count());
    m_filter = filter;
    m_queue.clear();
    m_settled = 0;
    // A new generation invalidates every label in O(1); the states are only cleared
    // when the counter wraps, every two billion searches.
    if (++m_generation == (1U << 31)) {
        for (Label& l : m_label) {
            l.state = 0;
        }
        m_generation = 1;
    }
    return *this;
}

Dijkstra::Label& Dijkstra::touch(NodeId x) {
    Label& l = m_label[x];
    if (!is_reached(x)) {
        l = Label{kUnreachable, kInvalidId, reached_state()};
    }
    return l;
}

Dijkstra& Dijkstra::add_source(NodeId s, DistanceMm start_mm) {
    assert(s < m_graph.node_count());
    Label& l = touch(s);
    if (start_mm < l.distance) {
        l.distance = start_mm;
        l.parent_arc = kInvalidId;
        m_queue.push(start_mm, s);
    }
    return *this;
}

void Dijkstra::skip_stale() {
    while (!m_queue.empty()) {
        const RadixHeap::Entry& top = m_queue.top();
        if (!is_settled(top.id) && m_label[top.id].distance == top.key) {
            return;
        }
        m_queue.pop();
    }
}

bool Dijkstra::is_finished() {
    skip_stale();
    return m_queue.empty();
}

DistanceMm Dijkstra::next_distance() {
    skip_stale();
    return m_queue.min_key();
}

NodeId Dijkstra::settle() {
    skip_stale();
    const RadixHeap::Entry top = m_queue.pop();
    const NodeId x = top.id;
    const DistanceMm dx = top.key;
    m_label[x].state = settled_state();
    ++m_settled;
    const ArcId end = m_graph.first_out[x + 1];
    for (ArcId xy = m_graph.first_out[x]; xy < end; ++xy) {
        if (m_filter != nullptr && !m_filter->allows(xy)) {
            continue;
        }
        const NodeId y = m_graph.head[xy];
        const DistanceMm dy = dx + m_graph.length_mm[xy];
        Label& ly = touch(y);
        if (dy < ly.distance) {
            ly.distance = dy;
            ly.parent_arc = xy;
            m_queue.push(dy, y);
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
