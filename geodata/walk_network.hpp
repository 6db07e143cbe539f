// SPDX-License-Identifier: MIT
// WalkNetwork: the walking graph built from OSM, with each edge's geometry, OSM way
// id and safety attributes, and the graph's connected components.
#pragma once

#include "geodata/lon_lat.hpp"
#include "geodata/walk_profile.hpp"
#include "routing/components.hpp"
#include "routing/graph.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace skolvag::geodata {

using routing::ArcId;
using routing::LengthMm;
using routing::NodeId;
using routing::OsmId;

/**
 * An undirected edge: one piece of an OSM way between two graph nodes. Its geometry
 * is points[first_point .. first_point+point_count) of the network, from `from` to `to`.
 */
struct WalkEdge {
    OsmId osm_way_id = 0;
    std::uint32_t name = 0; ///< the way's name, into WalkNetwork::way_names (0: none)
    NodeId from = routing::kInvalidId;
    NodeId to = routing::kInvalidId;
    std::uint32_t first_point = 0;
    std::uint32_t point_count = 0;
    LengthMm length_mm = 0;
    ArcId forward_arc = routing::kInvalidId;  ///< arc from->to; kInvalidId when not walkable that way
    ArcId backward_arc = routing::kInvalidId; ///< arc to->from; kInvalidId when not walkable that way
    WayProfile profile;
};

/// §8: one arm of a road that may not be walked, leaving a graph node (walkable roads'
/// arms are the walking edges' own ends).
struct RoadArm {
    double bearing_deg = 0.0; ///< initial geodesic azimuth from the node to the road's next node
    RoadProfile road;
    OsmId osm_way_id = 0;
    std::uint32_t name = 0; ///< into WalkNetwork::way_names (0: none)
};

/// Counts gathered while reading and building, for `skolvag network-info`.
struct NetworkStats {
    std::uint64_t osm_nodes_read = 0;
    std::uint64_t osm_ways_read = 0;
    std::uint64_t walkable_ways = 0;
    std::uint64_t segments_dropped_missing_nodes = 0; ///< way segments touching a node without location
    std::uint64_t blocking_barriers = 0;              ///< barrier nodes that cut walkable ways
    std::uint64_t edges_too_long = 0;                 ///< edges over 4,294 km (broken locations), kept at that length
};

struct WalkNetwork {
    routing::WalkGraph graph;
    std::vector<WalkEdge> edges;
    std::vector<LonLat> points;          ///< edge geometries, back to back
    std::vector<double> point_offset_m;  ///< geodesic length from the edge's first point
    std::vector<LonLat> node_position;   ///< graph node -> position
    std::vector<std::string> way_names{""}; ///< OSM `name`s of ways, for explanations; 0 is "no name"
    // §8: what crossing roads at a node needs.
    std::vector<CrossingControl> node_control;  ///< graph node -> signals, markings
    std::vector<double> edge_end_bearing_deg;   ///< 2*edge + (0 at from, 1 at to) -> bearing leaving that node
    std::vector<std::uint32_t> first_road_arm;  ///< graph node -> its arms in road_arms (node_count + 1)
    std::vector<RoadArm> road_arms;             ///< arms of non-walkable roads, by node
    routing::Components components;
    NetworkStats stats;

    std::uint32_t edge_count() const noexcept { return static_cast<std::uint32_t>(edges.size()); }
    std::uint32_t component_of_edge(std::uint32_t e) const noexcept {
        return components.node_component[edges[e].from];
    }
    /** Total length of every edge, in metres. */
    double total_length_m() const noexcept;
    /** Bounding box of all edge geometry. */
    LonLatBox bbox() const noexcept;
};

} // namespace skolvag::geodata
