// SPDX-License-Identifier: MIT
#include "routing/components.hpp"

#include <algorithm>
#include <numeric>

namespace skolvag::routing {

namespace {

/// Union-find with path halving and union by size.
class DisjointSets {
public:
    explicit DisjointSets(std::uint32_t n) : m_parent(n), m_size(n, 1) {
        std::iota(m_parent.begin(), m_parent.end(), 0U);
    }
    std::uint32_t find(std::uint32_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) {
            return;
        }
        if (m_size[a] < m_size[b]) {
            std::swap(a, b);
        }
        m_parent[b] = a;
        m_size[a] += m_size[b];
    }

private:
    std::vector<std::uint32_t> m_parent;
    std::vector<std::uint32_t> m_size;
};

} // namespace

std::uint32_t Components::largest() const noexcept {
    if (length_mm.empty()) {
        return kInvalidId;
    }
    return static_cast<std::uint32_t>(std::max_element(length_mm.begin(), length_mm.end()) - length_mm.begin());
}

Components find_components(const WalkGraph& graph) {
    const NodeId n = graph.node_count();
    DisjointSets sets(n);
    for (NodeId x = 0; x < n; ++x) {
        for (ArcId xy = graph.first_out[x]; xy < graph.first_out[x + 1]; ++xy) {
            sets.unite(x, graph.head[xy]);
        }
    }

    Components c;
    c.node_component.assign(n, kInvalidId);
    std::vector<std::uint32_t> root_component(n, kInvalidId);
    for (NodeId x = 0; x < n; ++x) {
        const std::uint32_t root = sets.find(x);
        if (root_component[root] == kInvalidId) {
            root_component[root] = static_cast<std::uint32_t>(c.length_mm.size());
            c.length_mm.push_back(0);
            c.edge_count.push_back(0);
        }
        c.node_component[x] = root_component[root];
    }

    std::uint32_t edge_id_bound = 0;
    for (std::uint32_t e : graph.arc_edge) {
        edge_id_bound = std::max(edge_id_bound, e + 1);
    }
    std::vector<bool> counted(edge_id_bound, false);
    for (NodeId x = 0; x < n; ++x) {
        for (ArcId xy = graph.first_out[x]; xy < graph.first_out[x + 1]; ++xy) {
            const std::uint32_t e = graph.arc_edge[xy];
            if (counted[e]) {
                continue;
            }
            counted[e] = true;
            const std::uint32_t comp = c.node_component[x];
            c.length_mm[comp] += graph.length_mm[xy];
            ++c.edge_count[comp];
        }
    }
    return c;
}

} // namespace skolvag::routing
