// SPDX-License-Identifier: MIT
// The highway classes skolvag knows: the walkable ones of walking-network.md §1, which
// of them carry motor traffic (§4), and the motorways, never walked but crossed (§8).
// Values not listed here are neither walked nor crossed.
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
    // Road ways that are never walkable (§1), only crossed (§8).
    motorway,
    motorway_link,
};

inline constexpr std::size_t kHighwayClassCount = static_cast<std::size_t>(HighwayClass::motorway_link) + 1;

/** The OSM `highway` value of the class, e.g. "living_street". */
std::string_view to_string(HighwayClass c) noexcept;

/** The class for an OSM `highway` value; nullopt for values skolvag neither walks nor crosses. */
std::optional<HighwayClass> highway_class_from_osm(std::string_view value) noexcept;

/** True for classes that may be walked (§1; the way's tags may still exclude it). */
bool is_walkable_class(HighwayClass c) noexcept;

/** True for classes that carry motor traffic (walking-network.md §4): the road ways of §8. */
bool carries_motor_traffic(HighwayClass c) noexcept;

/** The class table, a row per class as text ("residential walkable motor"), for the profile's fingerprint. */
std::vector<std::string> highway_class_rows();

} // namespace skolvag::geodata
