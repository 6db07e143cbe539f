// SPDX-License-Identifier: MIT
// Connected components of a WalkGraph taken as undirected, with their total length.
// Used for the island rule: snapping ignores components shorter than min_component_m.
#pragma once

#include "routing/graph.hpp"

#include <cstdint>
#include <vector>

namespace skolvag::routing {

struct Components {
    std::vector<std::uint32_t> node_component; ///< node -> component id
    std::vector<DistanceMm> length_mm;         ///< component -> total edge length
    std::vector<std::uint32_t> edge_count;     ///< component -> number of edges

    std::uint32_t count() const noexcept { return static_cast<std::uint32_t>(length_mm.size()); }
    /** Id of the component with the largest total length (kInvalidId when empty). */
    std::uint32_t largest() const noexcept;
};

/**
 * Labels the connected components of the graph with arc directions ignored.
 * Each edge (arc_edge value) is counted once in a component's length, even when it
 * has two arcs. Components are numbered in order of their smallest node id.
 */
Components find_components(const WalkGraph& graph);

} // namespace skolvag::routing
