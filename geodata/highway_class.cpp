// SPDX-License-Identifier: MIT
#include "geodata/highway_class.hpp"

#include <array>

namespace skolvag::geodata {

namespace {

struct ClassRow {
    HighwayClass cls;
    std::string_view osm_value;
    bool walkable;
    bool motor_traffic;
};

// walking-network.md §1 (walkable values), §4 (motor traffic) and §8 (road ways). Reference:
// https://wiki.openstreetmap.org/wiki/Key:highway
constexpr std::array<ClassRow, kHighwayClassCount> kClasses{{
    {HighwayClass::footway, "footway", true, false},
    {HighwayClass::path, "path", true, false},
    {HighwayClass::pedestrian, "pedestrian", true, false},
    {HighwayClass::steps, "steps", true, false},
    {HighwayClass::platform, "platform", true, false},
    {HighwayClass::cycleway, "cycleway", true, false},
    {HighwayClass::bridleway, "bridleway", true, false},
    {HighwayClass::track, "track", true, false},
    {HighwayClass::corridor, "corridor", true, false},
    {HighwayClass::living_street, "living_street", true, true},
    {HighwayClass::residential, "residential", true, true},
    {HighwayClass::service, "service", true, true},
    {HighwayClass::unclassified, "unclassified", true, true},
    {HighwayClass::road, "road", true, true},
    {HighwayClass::tertiary, "tertiary", true, true},
    {HighwayClass::tertiary_link, "tertiary_link", true, true},
    {HighwayClass::secondary, "secondary", true, true},
    {HighwayClass::secondary_link, "secondary_link", true, true},
    {HighwayClass::primary, "primary", true, true},
    {HighwayClass::primary_link, "primary_link", true, true},
    {HighwayClass::trunk, "trunk", true, true},
    {HighwayClass::trunk_link, "trunk_link", true, true},
    {HighwayClass::motorway, "motorway", false, true},
    {HighwayClass::motorway_link, "motorway_link", false, true},
}};

constexpr bool rows_in_enum_order() {
    for (std::size_t i = 0; i < kClasses.size(); ++i) {
        if (static_cast<std::size_t>(kClasses[i].cls) != i) {
            return false;
        }
    }
    return true;
}
static_assert(rows_in_enum_order(), "kClasses must list HighwayClass values in enum order");

} // namespace

std::string_view to_string(HighwayClass c) noexcept { return kClasses[static_cast<std::size_t>(c)].osm_value; }

std::optional<HighwayClass> highway_class_from_osm(std::string_view value) noexcept {
    for (const ClassRow& row : kClasses) {
        if (row.osm_value == value) {
            return row.cls;
        }
    }
    return std::nullopt;
}

bool is_walkable_class(HighwayClass c) noexcept { return kClasses[static_cast<std::size_t>(c)].walkable; }

bool carries_motor_traffic(HighwayClass c) noexcept { return kClasses[static_cast<std::size_t>(c)].motor_traffic; }

std::vector<std::string> highway_class_rows() {
    std::vector<std::string> rows;
    for (const ClassRow& row : kClasses) {
        rows.push_back(std::string(row.osm_value) + (row.walkable ? " walkable" : " never-walked") +
                       (row.motor_traffic ? " motor" : " no-motor"));
    }
    return rows;
}

} // namespace skolvag::geodata
