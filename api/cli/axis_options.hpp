// SPDX-License-Identifier: MIT
// The --axis-order option of the commands that read points from tables (batch,
// distances), and their refusal of a file whose axes look swapped (geodata/axis_order.hpp).
#pragma once

#include "geodata/axis_order.hpp"

#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

/**
 * The --axis-order value: easting-northing when absent.
 * @throws UsageError naming the command and both values for anything else.
 */
geodata::AxisOrder parse_axis_order(const std::string& command, const std::optional<std::string>& text);

/**
 * Refuses a file whose points look read with swapped axes: every point would be "not
 * on network", which helps nobody. The message names the file and the fix, never a point.
 * @throws InputError when geodata::axes_look_swapped says so.
 */
void refuse_swapped_axes(const std::string& file, const std::vector<geodata::ReadPoint>& points,
                         const geodata::LonLatBox& network, geodata::AxisOrder used);

} // namespace skolvag::api
