// SPDX-License-Identifier: MIT
// Parsing of OSM maxspeed values into km/h (walking-network.md §4 and §7).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::geodata {

/**
 * Parses one OSM maxspeed value.
 *
 * Accepted forms: a plain number ("50", "7.5"), "N mph" (x 1.609344), the symbols
 * SE:urban 50, SE:rural 70, SE:motorway 110, walk 7, none 130, and ";" lists of
 * those, which take their largest parsable element. Anything else ("50 km/h",
 * "DE:urban", "signals") does not parse.
 * @returns km/h, or nullopt when nothing parses.
 */
std::optional<double> parse_maxspeed_kmh(std::string_view value);

/**
 * The maxspeed a way is tagged with, before per-class defaults: `maxspeed` when the
 * key is present (nullopt if it does not parse); only when it is absent, the larger
 * of `maxspeed:forward` and `maxspeed:backward`.
 * @param maxspeed value of `maxspeed`, nullptr when the key is absent.
 */
std::optional<double> tagged_maxspeed_kmh(const char* maxspeed, const char* forward, const char* backward);

/** The symbols and units table, a row per entry as text ("SE:urban 50"), for the profile's fingerprint. */
std::vector<std::string> maxspeed_rows();

} // namespace skolvag::geodata
