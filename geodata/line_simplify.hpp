// SPDX-License-Identifier: MIT
// Douglas-Peucker simplification of a line in a projected CRS (metres): which points a
// drawing needs so that no dropped point lies farther than a tolerance from the line
// drawn. For maps only: a route's length is always measured on the whole line.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace skolvag::geodata {

/**
 * Marks in `keep` the points of line[first..last] that the simplified line keeps: the
 * two ends, and every point farther than tolerance_m from the line through the points
 * kept around it. Points outside [first, last] are left as they are.
 * @pre first <= last < line.size() == keep.size().
 */
void keep_for_simplified(const std::vector<std::pair<double, double>>& line, std::size_t first, std::size_t last,
                         double tolerance_m, std::vector<bool>& keep);

} // namespace skolvag::geodata
