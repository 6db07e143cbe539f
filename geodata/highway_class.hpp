// SPDX-License-Identifier: MIT
// The walkable highway classes of walking-network.md §1 and which of them carry
// motor traffic (§4). Values not listed here are never walkable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::geodata {

enum class HighwayClass : std::uint8_t {
    // No motor traffic: always safe for every band.
    footway,
    path,
    pedestrian,
    steps,
    platform,
    cycleway,
    bridleway,
    track,
    corridor,
    // Motor traffic: unsafe for a band above its speed limit without a sidewalk.
    living_street,
    residential,
    service,
    unclassified,
    road,
    tertiary,
    tertiary_link,
    secondary,
    secondary_link,
    primary,
    primary_link,
    trunk,
    trunk_link,
};

inline constexpr std::size_t kHighwayClassCount = static_cast<std::size_t>(HighwayClass::trunk_link) + 1;

/** The OSM `highway` value of the class, e.g. "living_street". */
std::string_view to_string(HighwayClass c) noexcept;

/** The class for an OSM `highway` value; nullopt for values that are never walkable. */
std::optional<HighwayClass> highway_class_from_osm(std::string_view value) noexcept;

/** True for classes that carry motor traffic (walking-network.md §4). */
bool carries_motor_traffic(HighwayClass c) noexcept;

/** The class table, a row per class as text ("residential motor"), for the profile's fingerprint. */
std::vector<std::string> highway_class_rows();

} // namespace skolvag::geodata
