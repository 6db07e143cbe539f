// SPDX-License-Identifier: MIT
// Deterministic synthetic registers for benchmarks and end-to-end tests: homes beside
// residential streets, schools from OSM amenity=school (else points spread over the
// network). Synthetic pupils are generated, never real people.
#pragma once

#include "geodata/lon_lat.hpp"
#include "geodata/walk_network.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace skolvag::bench {

struct SyntheticSchool {
    std::string id;
    std::string grades; ///< "F-6", "7-9", "F-9" or "gy"
    std::vector<geodata::LonLat> entrances;
};

struct SyntheticPupil {
    std::string pupil_ref;
    std::string grade;
    std::string school_id;
    geodata::LonLat home;
};

struct SyntheticWorkload {
    std::vector<SyntheticSchool> schools;
    std::vector<SyntheticPupil> pupils;
    std::string school_source; ///< "OpenStreetMap amenity=school" or "spread points"
};

/**
 * Builds a workload for an extract.
 * @param osm_path the extract, read for amenity=school nodes and ways.
 * @param spread_count how many schools to place when the extract has none.
 */
SyntheticWorkload make_workload(const std::string& osm_path, const geodata::WalkNetwork& net, std::size_t pupils,
                                std::size_t spread_count, std::uint32_t seed);

/** Writes schools.csv and pupils.csv (lon, lat columns) as `skolvag batch` reads them. */
void write_workload_csv(const SyntheticWorkload& w, const std::string& schools_csv, const std::string& pupils_csv);

} // namespace skolvag::bench
