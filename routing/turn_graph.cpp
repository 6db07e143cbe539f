// SPDX-License-Identifier: MIT
#include "routing/turn_graph.hpp"

#include "routing/graph_builder.hpp"

namespace skolvag::routing {

TurnGraph build_turn_graph(const WalkGraph& walk, std::span<const std::uint32_t> tail_end,
                           std::span<const std::uint32_t> head_end) {
    std::vector<ArcInput> turns;
    for (ArcId x = 0; x < walk.arc_count(); ++x) {
        const NodeId at = walk.head[x];
        for (ArcId z = walk.first_out[at]; z < walk.first_out[at + 1]; ++z) {
            if (tail_end[z] != head_end[x]) {
                turns.push_back({x, z, walk.length_mm[z], z});
            }
        }
    }
    TurnGraph t;
    t.graph = build_graph(walk.arc_count(), turns);
    t.turn_from = t.graph.tails();
    return t;
}

} // namespace skolvag::routing
