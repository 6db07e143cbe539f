// SPDX-License-Identifier: MIT
#include "routing/graph.hpp"

#include "routing/graph_builder.hpp"

#include <stdexcept>
#include <string>

namespace skolvag::routing {

void WalkGraph::validate() const {
    if (first_out.empty()) {
        throw std::logic_error("WalkGraph: first_out is empty (needs node_count+1 entries)");
    }
    if (first_out.front() != 0) {
        throw std::logic_error("WalkGraph: first_out[0] is not 0");
    }
    if (first_out.back() != head.size()) {
        throw std::logic_error("WalkGraph: first_out.back() != arc count");
    }
    if (length_mm.size() != head.size() || arc_edge.size() != head.size()) {
        throw std::logic_error("WalkGraph: arc attribute vectors differ in size");
    }
    for (NodeId x = 0; x < node_count(); ++x) {
        if (first_out[x] > first_out[x + 1]) {
            throw std::logic_error("WalkGraph: first_out decreases at node " + std::to_string(x));
        }
    }
    for (ArcId xy = 0; xy < arc_count(); ++xy) {
        if (head[xy] >= node_count()) {
            throw std::logic_error("WalkGraph: arc " + std::to_string(xy) + " points outside the graph");
        }
    }
}

std::vector<NodeId> WalkGraph::tails() const {
    std::vector<NodeId> tail(arc_count());
    for (NodeId x = 0; x < node_count(); ++x) {
        for (ArcId xy = first_out[x]; xy < first_out[x + 1]; ++xy) {
            tail[xy] = x;
        }
    }
    return tail;
}

WalkGraph WalkGraph::reversed() const {
    const std::vector<NodeId> tail = tails();
    std::vector<ArcInput> arcs;
    arcs.reserve(arc_count());
    for (ArcId xy = 0; xy < arc_count(); ++xy) {
        arcs.push_back({head[xy], tail[xy], length_mm[xy], arc_edge[xy]});
    }
    return build_graph(node_count(), arcs);
}

} // namespace skolvag::routing
