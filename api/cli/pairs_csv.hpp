// SPDX-License-Identifier: MIT
// Reading the PAIRS.csv of `skolvag distances`: id,from_lon,from_lat,to_lon,to_lat.
#pragma once

#include "geodata/lon_lat.hpp"

#include <string>
#include <vector>

namespace skolvag::api {

struct PairRow {
    std::size_t line = 0;   ///< line in the file, for warnings
    std::string id;
    geodata::LonLat from;
    geodata::LonLat to;
    std::string problem;    ///< why the row is invalid_input; empty when valid
};

/**
 * Reads every row. A row with a non-numeric or out-of-range coordinate is kept with
 * its problem described (never quoting the coordinate itself).
 * @throws geodata::InputError naming the file for an unreadable file or a missing column.
 */
std::vector<PairRow> read_pairs_csv(const std::string& path);

} // namespace skolvag::api
