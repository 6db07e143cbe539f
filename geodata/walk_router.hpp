// SPDX-License-Identifier: MIT
// WalkRouter: the shortest walking distance between two snapped points, counting the
// partial edges from each point to its edge's ends (walking-network.md §3), over all
// walkable arcs or only those a band's filter allows (§4, §7).
#pragma once

#include "geodata/snap.hpp"
#include "geodata/walk_network.hpp"
#include "routing/arc_filter.hpp"
#include "routing/dijkstra.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace skolvag::geodata {

/// A graph node reached from (or leading to) a snapped point, and the partial-edge length.
struct AccessLeg {
    NodeId node;
    routing::DistanceMm length_mm;
};

/** Offset of a snap along its edge in mm, clamped to the edge. */
routing::LengthMm snap_offset_mm(const WalkNetwork& net, const Snap& s) noexcept;

/**
 * Nodes a walker at snap s can reach along its own edge, with the partial lengths.
 * A point inside an edge may only leave along arcs the filter allows; a point on an
 * edge's end node is at that node.
 */
std::vector<AccessLeg> legs_from(const WalkNetwork& net, const Snap& s, const routing::ArcFilter* filter);

/** Nodes from which a walker reaches snap s along its edge, with the partial lengths. */
std::vector<AccessLeg> legs_to(const WalkNetwork& net, const Snap& s, const routing::ArcFilter* filter);

/**
 * The direct stretch between two snaps on the same edge, when the edge may be walked
 * that way; nullopt otherwise.
 */
std::optional<routing::DistanceMm> same_edge_distance_mm(const WalkNetwork& net, const Snap& from, const Snap& to,
                                                         const routing::ArcFilter* filter);

class SearchSpace;

class WalkRouter {
public:
    /**
     * Shortest walking distance from `from` to `to` in a search space (the plain
     * network or a band's), access legs (snap distances) not included.
     * @returns nullopt when no path joins them.
     */
    std::optional<routing::DistanceMm> distance_mm(const Snap& from, const Snap& to, const SearchSpace& space);

private:
    std::unique_ptr<routing::Dijkstra> m_dijkstra;
    const routing::WalkGraph* m_graph = nullptr; ///< the graph m_dijkstra searches
};

} // namespace skolvag::geodata
