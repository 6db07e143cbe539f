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
#include "geodata/wording.hpp"

#include <span>
#include <string>
#include <vector>

namespace skolvag::geodata {

/** A way named for a decision: "Storgatan (primary, OSM way 4711)", or "primary (OSM way 4711)". */
std::string way_name(const WalkNetwork& net, std::uint32_t name, HighwayClass highway, OsmId osm_way_id,
                     Wording wording = Wording::en);

/** A walking edge's way for a decision: its name, class and OSM way id, and for roads speed and sidewalk. */
std::string describe_way(const WalkNetwork& net, const WalkEdge& edge, const WalkRules& rules,
                         Wording wording = Wording::en);

/**
 * Up to `limit` distinct places along the walk that are unsafe for the band, in walking
 * order, each as one line of text; empty when the walk is safe. The same places in
 * either wording.
 */
std::vector<std::string> unsafe_places(const WalkNetwork& net, const RoadArms& arms, std::span<const RouteEdge> walk,
                                       const BandSafety& band, const WalkRules& rules, std::size_t limit = 3,
                                       Wording wording = Wording::en);

/// A stretch of a route, safe or unsafe for the band, as indexes into the route's positions.
struct RoutePiece {
    std::size_t first = 0;
    std::size_t last = 0;
    bool safe = true;
    std::string reason;    ///< why it is unsafe; empty when safe
    std::string reason_sv; ///< the same in Swedish
};

/// A road crossed on a route (§8): where, how it is controlled, and whether the band may.
struct CrossingPassed {
    LonLat position;
    CrossingControl control = CrossingControl::unmarked;
    std::string road;      ///< the road crossed, named as in a decision
    bool safe = true;
    std::string reason;    ///< why the band may not cross here; empty when it may
    std::string road_sv;   ///< the road and the reason in Swedish
    std::string reason_sv;
};

/// A route as a map shows it to a case officer: its line, marked piece by piece for a band.
struct RouteSafety {
    std::vector<LonLat> positions;
    std::vector<RoutePiece> pieces;        ///< consecutive, covering the whole line
    std::vector<CrossingPassed> crossings; ///< in walking order
};

/** The route's line with each piece marked safe or unsafe for the band, and the roads it crosses. */
RouteSafety route_safety(const WalkNetwork& net, const RoadArms& arms, std::span<const RouteStep> steps,
                         const BandSafety& band, const WalkRules& rules);

} // namespace skolvag::geodata
