// SPDX-License-Identifier: MIT
#include "routing/graph_builder.hpp"

#include <stdexcept>
#include <string>

namespace skolvag::routing {

WalkGraph build_graph(NodeId node_count, const std::vector<ArcInput>& arcs) {
    WalkGraph g;
    g.first_out.assign(static_cast<std::size_t>(node_count) + 1, 0);
    for (const ArcInput& a : arcs) {
        if (a.tail >= node_count || a.head >= node_count) {
            throw std::invalid_argument("build_graph: arc " + std::to_string(a.tail) + "->" +
                                        std::to_string(a.head) + " names a node outside the graph of " +
                                        std::to_string(node_count) + " nodes");
        }
        ++g.first_out[a.tail + 1];
    }
    for (NodeId x = 0; x < node_count; ++x) {
        g.first_out[x + 1] += g.first_out[x];
    }
    // Counting sort by tail: stable, so arcs of one tail keep their input order.
    std::vector<ArcId> next(g.first_out.begin(), g.first_out.end() - 1);
    g.head.resize(arcs.size());
    g.length_mm.resize(arcs.size());
    g.arc_edge.resize(arcs.size());
    for (const ArcInput& a : arcs) {
        const ArcId xy = next[a.tail]++;
        g.head[xy] = a.head;
        g.length_mm[xy] = a.length_mm;
        g.arc_edge[xy] = a.edge;
    }
    return g;
}

} // namespace skolvag::routing
