// SPDX-License-Identifier: MIT
// The raw material read from an OSM file: walkable ways with their node references,
// the road ways that are not walked but cross them (§8), and the locations, barrier
// flags and crossing controls of the nodes they use. No graph yet.
#pragma once

#include "geodata/lon_lat.hpp"
#include "geodata/walk_network.hpp"
#include "geodata/walk_profile.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace skolvag::geodata {

struct OsmExtract {
    struct Way {
        OsmId osm_id = 0;
        std::uint32_t name = 0; ///< into way_names
        WayProfile profile;
        std::uint32_t first_ref = 0; ///< into refs
        std::uint32_t ref_count = 0;
    };

    /// A road way that may not be walked (motorway, foot=no, motorroad=yes, ...): only
    /// crossed where it shares a node with a walkable way (§8).
    struct RoadWay {
        OsmId osm_id = 0;
        std::uint32_t name = 0; ///< into way_names
        RoadProfile road;
        std::uint32_t first_ref = 0; ///< into refs
        std::uint32_t ref_count = 0;
    };

    std::vector<std::string> way_names{""}; ///< the ways' `name` tags; 0 is "no name"
    std::vector<Way> ways;     ///< walkable ways, in file order
    std::vector<RoadWay> road_ways; ///< non-walkable road ways that share a node with a walkable way
    std::vector<OsmId> refs;   ///< node references of all ways (walkable, then road), back to back
    /// Locations carried on the ways themselves (files made with `osmium
    /// add-locations-to-ways`), parallel to refs; empty when the file has none.
    std::vector<LonLat> ref_location;
    std::vector<bool> ref_has_location;

    // The nodes used by the walkable ways, and the road ways' nodes next to them (which
    // give a road arm its bearing), sorted by id. A node missing from the file keeps
    // has_location = false.
    std::vector<OsmId> node_ids;
    std::vector<LonLat> node_location;
    std::vector<bool> node_has_location;
    std::vector<bool> node_is_blocking; ///< a barrier that cannot be walked through
    std::vector<CrossingControl> node_control; ///< §8: signals, markings

    NetworkStats stats;

    /** Index of id in node_ids, or kInvalidId when absent. */
    std::uint32_t node_index(OsmId id) const noexcept;
};

/**
 * Builds the walking graph from the extract (walking-network.md §2): nodes at way
 * ends and where ways share a node, ways cut at blocking barriers, segments that touch
 * a node without location dropped and counted, geodesic edge lengths in mm.
 */
WalkNetwork build_walk_network(const OsmExtract& extract);

} // namespace skolvag::geodata
