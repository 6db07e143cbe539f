// SPDX-License-Identifier: MIT
// Why a walk is unsafe for a band, as a decision letter says it (issue: a trafikfarlig
// väg decision must state which road made the route unsafe): the places along the walk
// whose edge is unsafe for the band (§4, §9, §10) or whose passage is (§8, §9), each
// named by its road, class, speed and sidewalk, the crossing's control, or the layer's
// reason.
#pragma once

#include "geodata/crossings.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "geodata/walk_rules.hpp"

#include <span>
#include <string>
#include <vector>

namespace skolvag::geodata {

/** A way named for a decision: "Storgatan (primary, OSM way 4711)", or "primary (OSM way 4711)". */
std::string way_name(const WalkNetwork& net, std::uint32_t name, HighwayClass highway, OsmId osm_way_id);

/** A walking edge's way for a decision: its name, class and OSM way id, and for roads speed and sidewalk. */
std::string describe_way(const WalkNetwork& net, const WalkEdge& edge, const WalkRules& rules);

/**
 * Up to `limit` distinct places along the walk that are unsafe for the band, in walking
 * order, each as one line of text; empty when the walk is safe.
 */
std::vector<std::string> unsafe_places(const WalkNetwork& net, const NodeEnds& ends, std::span<const RouteEdge> walk,
                                       const BandSafety& band, const WalkRules& rules, std::size_t limit = 3);

} // namespace skolvag::geodata
