// SPDX-License-Identifier: MIT
#include "routing/nested_dissection.hpp"

#include <metis.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <string>

namespace skolvag::routing {

namespace {

/// Undirected adjacency without self-loops or repeated neighbours, as METIS wants it.
struct UndirectedGraph {
    std::vector<idx_t> first;
    std::vector<idx_t> neighbour;

    explicit UndirectedGraph(const WalkGraph& g) {
        const NodeId n = g.node_count();
        std::vector<std::vector<NodeId>> adj(n);
        for (NodeId x = 0; x < n; ++x) {
            for (ArcId xy = g.first_out[x]; xy < g.first_out[x + 1]; ++xy) {
                const NodeId y = g.head[xy];
                if (x != y) {
                    adj[x].push_back(y);
                    adj[y].push_back(x);
                }
            }
        }
        first.assign(n + 1, 0);
        for (NodeId x = 0; x < n; ++x) {
            std::sort(adj[x].begin(), adj[x].end());
            adj[x].erase(std::unique(adj[x].begin(), adj[x].end()), adj[x].end());
            first[x + 1] = first[x] + static_cast<idx_t>(adj[x].size());
        }
        neighbour.reserve(static_cast<std::size_t>(first[n]));
        for (const auto& a : adj) {
            neighbour.insert(neighbour.end(), a.begin(), a.end());
        }
    }
};

} // namespace

std::vector<NodeId> nested_dissection_order(const WalkGraph& graph) {
    static_assert(sizeof(idx_t) >= sizeof(NodeId), "METIS's index type must hold every node id");
    idx_t n = static_cast<idx_t>(graph.node_count());
    if (n == 0) {
        return {};
    }
    UndirectedGraph g(graph);
    idx_t options[METIS_NOPTIONS];
    METIS_SetDefaultOptions(options);
    options[METIS_OPTION_SEED] = 1; // fixed: the same network always gets the same hierarchy
    std::vector<idx_t> order(static_cast<std::size_t>(n));
    std::vector<idx_t> rank(static_cast<std::size_t>(n));
    int status = METIS_OK;
    {
        // METIS keeps its random generator in global state: one order at a time keeps
        // each order reproducible when networks are prepared in parallel.
        static std::mutex metis;
        const std::lock_guard<std::mutex> lock(metis);
        status = METIS_NodeND(&n, g.first.data(), g.neighbour.data(), nullptr, options, order.data(), rank.data());
    }
    if (status != METIS_OK) {
        throw std::runtime_error("nested dissection: METIS_NodeND failed (status " + std::to_string(status) +
                                 ", out of memory?)");
    }
    return std::vector<NodeId>(order.begin(), order.end());
}

} // namespace skolvag::routing
