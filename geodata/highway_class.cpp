// SPDX-License-Identifier: MIT
#include "geodata/highway_class.hpp"

#include <array>

namespace skolvag::geodata {

namespace {

struct ClassRow {
    HighwayClass cls;
    std::string_view osm_value;
    bool motor_traffic;
};

// walking-network.md §1 (walkable values) and §4 (motor traffic). Reference:
// https://wiki.openstreetmap.org/wiki/Key:highway
constexpr std::array<ClassRow, kHighwayClassCount> kClasses{{
    {HighwayClass::footway, "footway", false},
    {HighwayClass::path, "path", false},
    {HighwayClass::pedestrian, "pedestrian", false},
    {HighwayClass::steps, "steps", false},
    {HighwayClass::platform, "platform", false},
    {HighwayClass::cycleway, "cycleway", false},
    {HighwayClass::bridleway, "bridleway", false},
    {HighwayClass::track, "track", false},
    {HighwayClass::corridor, "corridor", false},
    {HighwayClass::living_street, "living_street", true},
    {HighwayClass::residential, "residential", true},
    {HighwayClass::service, "service", true},
    {HighwayClass::unclassified, "unclassified", true},
    {HighwayClass::road, "road", true},
    {HighwayClass::tertiary, "tertiary", true},
    {HighwayClass::tertiary_link, "tertiary_link", true},
    {HighwayClass::secondary, "secondary", true},
    {HighwayClass::secondary_link, "secondary_link", true},
    {HighwayClass::primary, "primary", true},
    {HighwayClass::primary_link, "primary_link", true},
    {HighwayClass::trunk, "trunk", true},
    {HighwayClass::trunk_link, "trunk_link", true},
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

bool carries_motor_traffic(HighwayClass c) noexcept { return kClasses[static_cast<std::size_t>(c)].motor_traffic; }

std::vector<std::string> highway_class_rows() {
    std::vector<std::string> rows;
    for (const ClassRow& row : kClasses) {
        rows.push_back(std::string(row.osm_value) + (row.motor_traffic ? " motor" : " no-motor"));
    }
    return rows;
}

} // namespace skolvag::geodata
