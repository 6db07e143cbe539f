// SPDX-License-Identifier: MIT
// Test networks drawn as ASCII maps (Valhalla's gurka, OSRM's cucumber tables, in
// memory): letters are OSM nodes, digits are query points off or on the network,
// every other character is decoration. The drawing plus a ways table becomes OSM
// XML, read through the real libosmium pipeline.
#pragma once

#include "geodata/lon_lat.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skolvag::testing {

using Tags = std::vector<std::pair<std::string, std::string>>;

/// One OSM way: the letters of its nodes in order, and its tags.
struct WayDef {
    std::string nodes;
    Tags tags;
};

/// Positions of the named points of a drawing, `grid_m` metres per character.
class AsciiMap {
public:
    /**
     * @param drawing rows of characters; common indentation is ignored.
     * @param grid_m metres per character, horizontally and vertically.
     */
    AsciiMap(std::string_view drawing, double grid_m);

    /** WGS84 position of a named point. Throws std::out_of_range if it is not drawn. */
    geodata::LonLat position(char name) const;
    /** Every letter in the drawing, in the order first seen (row by row). */
    const std::vector<char>& letters() const noexcept { return m_letters; }

private:
    std::map<char, geodata::LonLat> m_points;
    std::vector<char> m_letters;
};

/**
 * OSM XML for a drawing: one node per letter (with node_tags), one way per WayDef.
 * @param missing letters referenced by ways but left out of the file, as in a
 *        truncated extract.
 */
std::string to_osm_xml(const AsciiMap& map, const std::vector<WayDef>& ways,
                       const std::map<char, Tags>& node_tags = {}, const std::set<char>& missing = {});

} // namespace skolvag::testing
