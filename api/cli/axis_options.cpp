// SPDX-License-Identifier: MIT
#include "api/cli/axis_options.hpp"

#include "geodata/errors.hpp"

namespace skolvag::api {

geodata::AxisOrder parse_axis_order(const std::string& command, const std::optional<std::string>& text) {
    if (!text) {
        return geodata::AxisOrder::easting_northing;
    }
    if (const auto order = geodata::axis_order_named(*text)) {
        return *order;
    }
    throw geodata::UsageError(command + ": --axis-order must be easting-northing (x is the easting, the default) or "
                                        "northing-easting (x is the northing, as Swedish GIS often writes it)");
}

void refuse_swapped_axes(const std::string& file, const std::vector<geodata::ReadPoint>& points,
                         const geodata::LonLatBox& network, geodata::AxisOrder used) {
    if (!geodata::axes_look_swapped(points, network)) {
        return;
    }
    throw geodata::InputError(
        file + ": most points lie outside the network's area but would lie inside it with x and y exchanged: " +
        (used == geodata::AxisOrder::easting_northing
             ? "x (or lon) looks like the northing (Swedish GIS often writes X = northing). Exchange the columns, "
               "or give --axis-order northing-easting"
             : "with --axis-order northing-easting they are read the wrong way round; leave it out"));
}

} // namespace skolvag::api
