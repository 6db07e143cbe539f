// SPDX-License-Identifier: MIT
// A synthetic country for national-scale runs: municipalities on a Sweden-like grid of
// lon/lat cells, each with a central town (a few cities, many small towns: street grids
// of varied density with residential, tertiary and secondary streets, speeds, sidewalks,
// footways and their crossings) and villages, joined by rural roads; and a register of
// synthetic schools and pupils over those municipalities. Deterministic for a seed.
// Synthetic pupils are generated, never real people.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

namespace skolvag::bench {

struct CountryOptions {
    std::size_t nodes = 2'000'000;      ///< graph nodes wanted (intersections, way ends, crossings), roughly
    std::size_t pupils = 1'200'000;
    std::size_t schools = 5'000;        ///< at least 3 per municipality (F-6, 7-9 and gy in each)
    std::size_t municipalities = 290;   ///< at most 1,000
    std::uint64_t seed = 1;
};

struct CountryFiles {
    std::string network;        ///< OSM PBF
    std::string schools;        ///< CSV: school_id, name, grades, municipality, lon, lat
    std::string pupils;         ///< CSV: pupil_ref, grade, school_id, municipality, lon, lat
    std::string municipalities; ///< one code a line, in order
};

struct CountrySummary {
    std::size_t osm_nodes = 0;
    std::size_t osm_ways = 0;
    std::size_t junctions = 0; ///< nodes where streets meet, way ends and crossings: about the graph nodes
    std::size_t towns = 0;
    std::size_t villages = 0;
    std::size_t rural_roads = 0;
    std::size_t crossings = 0; ///< footway crossings tagged highway=crossing
};

/**
 * Writes the country's network, schools, pupils and municipality codes.
 * @param progress where progress lines go (stderr for the generator).
 * @throws std::invalid_argument for options out of range; std::runtime_error when a file
 *         cannot be written.
 */
CountrySummary write_country(const CountryOptions& options, const CountryFiles& files, std::ostream& progress);

} // namespace skolvag::bench
