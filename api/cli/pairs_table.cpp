// SPDX-License-Identifier: MIT
#include "api/cli/pairs_table.hpp"

#include "geodata/errors.hpp"

namespace skolvag::api {

std::string PairRow::problem() const { return !from.problem.empty() ? from.problem : to.problem; }

PairsTable read_pairs_table(const std::string& path, const std::optional<std::string>& crs,
                            geodata::AxisOrder axes) {
    const geodata::FeatureTable table = geodata::read_feature_table(path);
    if (table.columns.empty()) {
        throw geodata::InputError(path + ": empty file, expected columns id and from_x, from_y, to_x, to_y "
                                         "(or from_lon, from_lat, to_lon, to_lat)");
    }
    // Both points of one kind, so that one --crs fits both: projected columns when the
    // file has from_x, else degrees.
    if (table.column("from_x") || table.column("to_x")) {
        table.require_columns({"id", "from_x", "from_y", "to_x", "to_y"});
    } else {
        table.require_columns({"id", "from_lon", "from_lat", "to_lon", "to_lat"});
    }
    const std::vector<geodata::RowPoint> from = geodata::read_points(table, crs, axes, "from");
    const std::vector<geodata::RowPoint> to = geodata::read_points(table, crs, axes, "to");

    PairsTable pairs;
    pairs.read_in = geodata::points_read_in(table, crs, {"from", "to"});
    pairs.rows.reserve(table.rows.size());
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        pairs.rows.push_back({table.rows[i].where, table.value(table.rows[i], "id"), from[i], to[i]});
    }
    return pairs;
}

} // namespace skolvag::api
