// SPDX-License-Identifier: MIT
// The walking profile: which OSM ways are walked and in which direction, what safety
// attributes they carry, and which barrier nodes cannot be walked through
// (walking-network.md §1, §4, §7). Decisions come from tag tables, read top-down.
#pragma once

#include "geodata/highway_class.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace osmium {
class TagList;
}

namespace skolvag::geodata {

/// The directions a way may be walked in, relative to its node order.
enum class WalkDirection : std::uint8_t { both, forward_only, backward_only };

/// A way's `lit` tag as §10 reads it: `no`, absent, or anything else (lit).
enum class LitTag : std::uint8_t { untagged, lit, unlit };

/// How a node controls the crossing of roads there (§8).
enum class CrossingControl : std::uint8_t { unmarked, marked, signalled };

/// What the profile keeps of a walkable way.
struct WayProfile {
    HighwayClass highway = HighwayClass::footway;
    WalkDirection direction = WalkDirection::both;
    /// maxspeed as tagged (maxspeed, else max of :forward/:backward); nullopt when
    /// nothing parses, so the rules' per-class default applies.
    std::optional<double> tagged_maxspeed_kmh;
    bool sidewalk = false; ///< a sidewalk is part of this way (not `separate`)
    LitTag lit = LitTag::untagged;
};

/// What the profile keeps of a road way (§8), walkable or not: what a crossing of it needs.
struct RoadProfile {
    HighwayClass highway = HighwayClass::residential;
    std::optional<double> tagged_maxspeed_kmh; ///< as in WayProfile
};

/**
 * Classifies a way by its tags.
 * @returns the profile when the way is walkable (§1 and §7), nullopt otherwise.
 */
std::optional<WayProfile> classify_way(const osmium::TagList& tags);

/**
 * Classifies a way as a road (§8): any way with a motor-traffic `highway` class,
 * motorways included, whether it may be walked or not.
 * @returns nullopt for ways that are not roads.
 */
std::optional<RoadProfile> classify_road(const osmium::TagList& tags);

/**
 * How a node controls crossings (§8): signalled with crossing=traffic_signals,
 * crossing:signals=yes or highway=traffic_signals; marked with crossing=marked, zebra
 * or uncontrolled, crossing_ref=zebra, or crossing:markings other than no.
 */
CrossingControl crossing_control(const osmium::TagList& tags);

/**
 * True when a node cannot be walked through (§1 "Barriers"): barrier=wall, fence,
 * hedge, retaining_wall, city_wall, ditch or guard_rail; or any barrier with
 * locked=yes, foot=no/private, or access=no/private without foot=yes/designated/permissive.
 */
bool is_blocking_barrier(const osmium::TagList& tags);

/// One of the profile's rule tables, each row as a line of text.
struct ProfileTable {
    std::string name;
    std::vector<std::string> rows;
};

/**
 * Every rule table of the walking profile (highway classes, way access, barriers,
 * oneway:foot, sidewalks, maxspeed symbols), in reading order, each row with all its
 * fields: what a network's id is made from, so that changing any row changes the id.
 */
std::vector<ProfileTable> walk_profile_tables();

} // namespace skolvag::geodata
