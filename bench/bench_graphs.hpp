// SPDX-License-Identifier: MIT
// Synthetic graphs for routing benchmarks that need no downloads.
#pragma once

#include "routing/graph_builder.hpp"

#include <random>

namespace skolvag::bench {

/** A side x side grid, arcs both ways, lengths 50-150 m, deterministic. */
inline routing::WalkGraph grid_graph(routing::NodeId side, std::uint32_t seed = 1) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<routing::LengthMm> len(50'000, 150'000);
    std::vector<routing::ArcInput> arcs;
    std::uint32_t edge = 0;
    for (routing::NodeId y = 0; y < side; ++y) {
        for (routing::NodeId x = 0; x < side; ++x) {
            const routing::NodeId v = y * side + x;
            if (x + 1 < side) {
                const routing::LengthMm l = len(rng);
                arcs.push_back({v, v + 1, l, edge});
                arcs.push_back({v + 1, v, l, edge++});
            }
            if (y + 1 < side) {
                const routing::LengthMm l = len(rng);
                arcs.push_back({v, v + side, l, edge});
                arcs.push_back({v + side, v, l, edge++});
            }
        }
    }
    return routing::build_graph(side * side, arcs);
}

} // namespace skolvag::bench
