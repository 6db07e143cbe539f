// SPDX-License-Identifier: MIT
// Reading the pairs table of `skolvag distances`: id, and from_x,from_y,to_x,to_y
// (default EPSG:3006) or from_lon,from_lat,to_lon,to_lat (default EPSG:4326), in any
// table format batch reads (geodata/feature_table.hpp).
#pragma once

#include "geodata/axis_order.hpp"
#include "geodata/feature_table.hpp"

#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

struct PairRow {
    std::string where; ///< "pairs.csv:5" or "pairs.xlsx feature 4", for warnings
    std::string id;
    geodata::RowPoint from;
    geodata::RowPoint to;

    /** Why the row is invalid_input, e.g. "'from_lon' is not a number" (never the value); empty when valid. */
    std::string problem() const;
};

struct PairsTable {
    std::vector<PairRow> rows;
    std::string read_in; ///< which columns and CRS the points were read in, for stderr
};

/**
 * Reads every row. A row whose point is missing, not a number or out of range is kept
 * with its problem; `crs` and `axes` mean what they mean for batch's registers.
 * @throws geodata::InputError naming the file for an unreadable or empty file, a
 *         missing column, or a CRS PROJ does not know.
 */
PairsTable read_pairs_table(const std::string& path, const std::optional<std::string>& crs,
                            geodata::AxisOrder axes = geodata::AxisOrder::easting_northing);

} // namespace skolvag::api
