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

/// What the profile keeps of a walkable way.
struct WayProfile {
    HighwayClass highway = HighwayClass::footway;
    WalkDirection direction = WalkDirection::both;
    /// maxspeed as tagged (maxspeed, else max of :forward/:backward); nullopt when
    /// nothing parses, so the rules' per-class default applies.
    std::optional<double> tagged_maxspeed_kmh;
    bool sidewalk = false; ///< a sidewalk is part of this way (not `separate`)
};

/**
 * Classifies a way by its tags.
 * @returns the profile when the way is walkable (§1 and §7), nullopt otherwise.
 */
std::optional<WayProfile> classify_way(const osmium::TagList& tags);

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
