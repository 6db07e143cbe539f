// SPDX-License-Identifier: MIT
#include "routing/cch.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace skolvag::routing {

CchTopology::CchTopology(const WalkGraph& graph, const std::vector<NodeId>& order)
    : m_graph(graph), m_rank(graph.node_count(), kInvalidId) {
    const NodeId n = graph.node_count();
    if (order.size() != n) {
        throw std::invalid_argument("CchTopology: the order must rank every node once");
    }
    for (NodeId r = 0; r < n; ++r) {
        m_rank[order[r]] = r;
    }
    // Upper neighbours of every rank, then the chordal completion: eliminating a node
    // joins all its upper neighbours, which the lowest of them inherits (the
    // symbolic step of a sparse Cholesky factorisation).
    std::vector<std::vector<NodeId>> up(n);
    for (NodeId x = 0; x < n; ++x) {
        for (ArcId xy = graph.first_out[x]; xy < graph.first_out[x + 1]; ++xy) {
            const NodeId rx = m_rank[x];
            const NodeId ry = m_rank[graph.head[xy]];
            if (rx != ry) {
                up[std::min(rx, ry)].push_back(std::max(rx, ry));
            }
        }
    }
    m_parent.assign(n, kInvalidId);
    for (NodeId r = 0; r < n; ++r) {
        std::vector<NodeId>& u = up[r];
        std::sort(u.begin(), u.end());
        u.erase(std::unique(u.begin(), u.end()), u.end());
        if (u.empty()) {
            continue;
        }
        const NodeId p = u.front();
        m_parent[r] = p;
        // up[p] is only sorted at its own turn: append now, deduplicate then.
        up[p].insert(up[p].end(), u.begin() + 1, u.end());
    }
    m_up_first.assign(n + 1, 0);
    for (NodeId r = 0; r < n; ++r) {
        m_up_first[r + 1] = m_up_first[r] + static_cast<std::uint32_t>(up[r].size());
    }
    m_up_head.reserve(m_up_first[n]);
    for (NodeId r = 0; r < n; ++r) {
        m_up_head.insert(m_up_head.end(), up[r].begin(), up[r].end());
        std::vector<NodeId>().swap(up[r]);
    }
    m_arc_slot.assign(graph.arc_count(), kInvalidId);
    for (NodeId x = 0; x < n; ++x) {
        for (ArcId xy = graph.first_out[x]; xy < graph.first_out[x + 1]; ++xy) {
            const NodeId rx = m_rank[x];
            const NodeId ry = m_rank[graph.head[xy]];
            if (rx != ry) {
                m_arc_slot[xy] = 2 * find_arc(std::min(rx, ry), std::max(rx, ry)) + (rx < ry ? 0 : 1);
            }
        }
    }
}

std::uint32_t CchTopology::find_arc(NodeId low, NodeId high) const {
    const auto begin = m_up_head.begin() + m_up_first[low];
    const auto end = m_up_head.begin() + m_up_first[low + 1];
    const auto it = std::lower_bound(begin, end, high);
    assert(it != end && *it == high);
    return static_cast<std::uint32_t>(it - m_up_head.begin());
}

namespace {

/// Both directions of an arc side by side: customization reads them together.
struct Weights {
    std::uint32_t up;
    std::uint32_t down;
};

} // namespace

CchMetric::CchMetric(const CchTopology& t, const ArcFilter* filter) : m_topology(t) {
    std::vector<Weights> weight(t.arc_count(), Weights{kNoPath, kNoPath});
    const WalkGraph& g = t.m_graph;
    for (ArcId xy = 0; xy < g.arc_count(); ++xy) {
        const std::uint32_t slot = t.m_arc_slot[xy];
        if (slot == kInvalidId || (filter != nullptr && !filter->allows(xy))) {
            continue; // a loop never shortens a path
        }
        std::uint32_t& w = slot % 2 == 0 ? weight[slot / 2].up : weight[slot / 2].down;
        w = std::min(w, std::min(g.length_mm[xy], kNoPath));
    }
    // Lower triangles, in rank order: x below y < z, the walk y -> x -> z may be a
    // shorter y -> z, and z -> x -> y a shorter z -> y.
    const NodeId n = t.node_count();
    for (NodeId x = 0; x < n; ++x) {
        const std::uint32_t begin = t.m_up_first[x];
        const std::uint32_t end = t.m_up_first[x + 1];
        for (std::uint32_t i = begin; i < end; ++i) {
            const NodeId y = t.m_up_head[i];
            const std::uint32_t y_to_x = weight[i].down;
            const std::uint32_t x_to_y = weight[i].up;
            if (y_to_x == kNoPath && x_to_y == kNoPath) {
                continue;
            }
            // Upper neighbours of x above y are upper neighbours of y (chordality):
            // walk y's sorted list alongside.
            std::uint32_t p = t.m_up_first[y];
            for (std::uint32_t j = i + 1; j < end; ++j) {
                const NodeId z = t.m_up_head[j];
                while (t.m_up_head[p] < z) {
                    ++p;
                }
                assert(t.m_up_head[p] == z);
                Weights& yz = weight[p];
                yz.up = std::min(yz.up, y_to_x + weight[j].up);
                yz.down = std::min(yz.down, weight[j].down + x_to_y);
            }
        }
    }
    m_up.reserve(weight.size());
    m_down.reserve(weight.size());
    for (const Weights& w : weight) {
        m_up.push_back(w.up);
        m_down.push_back(w.down);
    }
}

CchOneToAll::CchOneToAll(const CchTopology& topology)
    : m_topology(topology), m_distance(topology.node_count(), CchMetric::kNoPath),
      m_on_path(topology.node_count(), false) {}

void CchOneToAll::run(const CchMetric& metric, std::span<const Source> sources, Direction direction) {
    const CchTopology& t = m_topology;
    assert(&metric.topology() == &t);
    // Walking towards the sources means relaxing each arc against its direction.
    const bool forward = direction == Direction::from_sources;
    // Relaxing up the hierarchy follows arcs low -> high; pulling down reads high -> low.
    const std::vector<std::uint32_t>& up_weight = forward ? metric.m_up : metric.m_down;
    const std::vector<std::uint32_t>& down_weight = forward ? metric.m_down : metric.m_up;
    std::fill(m_distance.begin(), m_distance.end(), CchMetric::kNoPath);

    // Upward: the sources' elimination-tree paths hold every node an upward search
    // can reach; relaxed in rank order, each is final when its turn comes.
    m_upward.clear();
    for (const Source& s : sources) {
        const NodeId r = t.m_rank[s.node];
        const std::uint32_t start = s.start_mm >= CchMetric::kNoPath ? CchMetric::kNoPath
                                                                     : static_cast<std::uint32_t>(s.start_mm);
        m_distance[r] = std::min(m_distance[r], start);
        for (NodeId x = r; x != kInvalidId && !m_on_path[x]; x = t.m_parent[x]) {
            m_on_path[x] = true;
            m_upward.push_back(x);
        }
    }
    std::sort(m_upward.begin(), m_upward.end());
    for (NodeId x : m_upward) {
        m_on_path[x] = false;
        const std::uint32_t dx = m_distance[x];
        if (dx == CchMetric::kNoPath) {
            continue;
        }
        for (std::uint32_t a = t.m_up_first[x]; a < t.m_up_first[x + 1]; ++a) {
            const NodeId y = t.m_up_head[a];
            m_distance[y] = std::min(m_distance[y], dx + up_weight[a]);
        }
    }
    // Downward: every node, highest rank first, pulls from its upper neighbours.
    for (NodeId x = t.node_count(); x-- > 0;) {
        std::uint32_t dx = m_distance[x];
        const std::uint32_t end = t.m_up_first[x + 1];
        for (std::uint32_t a = t.m_up_first[x]; a < end; ++a) {
            dx = std::min(dx, m_distance[t.m_up_head[a]] + down_weight[a]);
        }
        m_distance[x] = dx;
    }
}

} // namespace skolvag::routing
