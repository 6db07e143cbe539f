// SPDX-License-Identifier: MIT
// A walking network cut to a region: the part of a whole network a job of one area
// (one municipality) needs, so that its search networks, hierarchies and turn graph
// are built for that part only. The cut keeps every edge whose geometry's bounding box
// meets the region, so a node inside the region keeps every edge and road arm it has in
// the whole network (its passages, §8, are the whole network's); nodes outside it are
// only the far ends of edges that leave the region. Components (the island rule, §3)
// stay the whole network's: a component's length and membership do not change because
// of the cut. Edges, arcs and nodes keep their relative order, and a prepared
// network's hierarchy orders are restricted to the cut, so nothing is ordered again.
//
// Why distances on the cut can be trusted (README, "One municipality of a national
// register"): every walk that leaves the region from a point at least `margin` inside
// it and comes back is at least 2 x margin long, and every metric here is at least the
// geodesic length. So for points within `margin - max_snap_m` of the inner box, a
// distance on the cut below proven_below_mm() is the whole network's distance, and any
// whole-network distance below it is found on the cut. CutLimits says which search
// nodes lie outside the region: a search that reaches none of them reached exactly what
// it reaches on the whole network, so its "no route" is the whole network's too.
#pragma once

#include "geodata/network_hierarchy.hpp"
#include "geodata/walk_network.hpp"

#include <optional>
#include <vector>

namespace skolvag::geodata {

/**
 * The box `inner` grown by at least margin_m on every side, geodesically: every point
 * outside the result is more than margin_m from every point of `inner`.
 * @pre inner is not empty, margin_m > 0, and the grown box stays within ±85° latitude.
 */
LonLatBox grow_box(const LonLatBox& inner, double margin_m);

/** True when p lies in the box (edges included). */
bool box_contains(const LonLatBox& box, const LonLat& p) noexcept;

/// What a search on a cut network needs to tell what it may trust.
struct CutLimits {
    std::vector<NodeId> outside_walk_nodes; ///< walk-graph search nodes outside the region
    std::vector<ArcId> outside_walk_arcs;   ///< turn-graph search nodes (walk arcs) touching a node outside it
    routing::DistanceMm proven_below_mm = 0; ///< a distance below this is the whole network's
};

struct NetworkCut {
    WalkNetwork net;
    std::optional<HierarchyOrders> orders; ///< the whole network's orders restricted to the cut, when it had them
    CutLimits limits;
    LonLatBox region;
};

/**
 * The part of `whole` inside `region`.
 * @param proven_below_mm the distance below which the cut's distances are exact (see above).
 */
NetworkCut cut_network(const WalkNetwork& whole, const std::optional<HierarchyOrders>& orders, const LonLatBox& region,
                       routing::DistanceMm proven_below_mm);

} // namespace skolvag::geodata
