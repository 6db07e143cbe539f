// SPDX-License-Identifier: MIT
#include "geodata/turn_network.hpp"

#include "geodata/band_safety.hpp"

#include <algorithm>

namespace skolvag::geodata {

TurnNetwork::TurnNetwork(const WalkNetwork& net)
    : ends(net), turns(routing::build_turn_graph(net.graph, ends.tail_ends(), ends.head_ends())),
      reversed(turns.graph.reversed()), reversed_turn(turns.graph.arc_count(), routing::kInvalidId) {
    // reversed() keeps each arc's arc_edge (here: the walk arc entered) but not its
    // index: the reversed turn x -> z is the arc z -> x among those leaving z.
    for (ArcId turn = 0; turn < turns.graph.arc_count(); ++turn) {
        const ArcId x = turns.turn_from[turn];
        const ArcId z = turns.turn_to(turn);
        for (ArcId back = reversed.first_out[z]; back < reversed.first_out[z + 1]; ++back) {
            if (reversed.head[back] == x) {
                reversed_turn[turn] = back;
                break;
            }
        }
    }
}

routing::ArcFilter safe_turn_filter(const WalkNetwork& net, const TurnNetwork& t, const RoadArms& road_arms,
                                    const std::vector<bool>& edge_safe, const BandSafety& band) {
    const routing::WalkGraph& g = t.turns.graph;
    routing::ArcFilter filter(g.arc_count(), false);
    const NodeAreas areas = node_areas(net, band);
    // Node by node: the turns out of each walk arc arriving there, against its road arms.
    for (NodeId at = 0; at < net.graph.node_count(); ++at) {
        const std::span<const ArmAtNode> arms = road_arms.at(at);
        for (const std::uint32_t end : t.ends.ends(at)) {
            const WalkEdge& arriving_edge = net.edges[end / 2];
            const ArcId x = end % 2 == 1 ? arriving_edge.forward_arc : arriving_edge.backward_arc;
            if (x == routing::kInvalidId) {
                continue; // a one-way edge that cannot be walked into this node
            }
            const double arrival = net.edge_end_bearing_deg[end];
            for (ArcId turn = g.first_out[x]; turn < g.first_out[x + 1]; ++turn) {
                const ArcId z = t.turns.turn_to(turn);
                if (!edge_safe[net.graph.arc_edge[z]]) {
                    continue;
                }
                // Without road arms no passage crosses a road: safe, whatever the areas say.
                filter.set(turn, arms.empty() ||
                                     judge_passage(arrival, net.edge_end_bearing_deg[t.ends.tail_end(z)], arms,
                                                   net.node_control[at], band, areas.unsafe[at],
                                                   areas.safe[at]) == PassageVerdict::safe);
            }
        }
    }
    return filter;
}

routing::ArcFilter reversed_turn_filter(const TurnNetwork& t, const routing::ArcFilter& forward) {
    routing::ArcFilter filter(t.reversed.arc_count(), false);
    for (ArcId turn = 0; turn < t.turns.graph.arc_count(); ++turn) {
        if (forward.allows(turn)) {
            filter.set(t.reversed_turn[turn], true);
        }
    }
    return filter;
}

bool band_restricts_passages(const BandSafety& band) noexcept {
    return band.max_speed_crossing_kmh.has_value() ||
           std::any_of(band.areas.begin(), band.areas.end(), [](const auto& area) { return area->unsafe; });
}

bool passages_restricted(const WalkNetwork& net, const NodeEnds& ends, const RoadArms& road_arms,
                         const std::vector<bool>& edge_safe, const BandSafety& band) {
    if (!band_restricts_passages(band)) {
        return false;
    }
    const NodeAreas areas = node_areas(net, band);
    const routing::WalkGraph& g = net.graph;
    for (NodeId x = 0; x < g.node_count(); ++x) {
        const std::span<const ArmAtNode> arms = road_arms.at(x);
        if (arms.empty()) {
            continue; // no passage here crosses a road: every one is safe
        }
        // Arriving along each safe end that can be walked into x, leaving along each
        // other safe end that can be walked out of it.
        const auto walkable = [&](std::uint32_t end, bool arriving) {
            const WalkEdge& edge = net.edges[end / 2];
            const bool at_to = end % 2 == 1;
            return edge_safe[end / 2] &&
                   (arriving == at_to ? edge.forward_arc : edge.backward_arc) != routing::kInvalidId;
        };
        for (const std::uint32_t a : ends.ends(x)) {
            if (!walkable(a, true)) {
                continue;
            }
            for (const std::uint32_t b : ends.ends(x)) {
                if (b == a || !walkable(b, false)) {
                    continue;
                }
                const PassageVerdict verdict =
                    judge_passage(net.edge_end_bearing_deg[a], net.edge_end_bearing_deg[b], arms, net.node_control[x],
                                  band, areas.unsafe[x], areas.safe[x]);
                if (verdict != PassageVerdict::safe) {
                    return true;
                }
            }
        }
    }
    return false;
}

} // namespace skolvag::geodata
