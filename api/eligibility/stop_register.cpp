// SPDX-License-Identifier: MIT
#include "api/eligibility/stop_register.hpp"

#include "geodata/errors.hpp"
#include "geodata/feature_table.hpp"
#include "geodata/sha256.hpp"

#include <algorithm>
#include <set>

namespace skolvag::api {

SchoolRegister read_stop_register(const std::string& path, const std::optional<std::string>& crs,
                                  geodata::AxisOrder axes, std::string* read_in) {
    const geodata::FeatureTable table = geodata::read_feature_table(path);
    table.require_columns({"stop_id", "name"});
    const std::vector<geodata::RowPoint> points = geodata::read_points(table, crs, axes);
    if (read_in != nullptr) {
        *read_in = geodata::points_read_in(table, crs);
    }
    SchoolRegister reg;
    reg.sha256 = geodata::sha256_file_hex(path);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const geodata::FeatureRow& row = table.rows[i];
        School stop;
        stop.id = table.value(row, "stop_id");
        if (stop.id.empty()) {
            throw geodata::InputError(row.where + ": empty stop_id");
        }
        if (!seen.insert(stop.id).second) {
            // Unlike a school, a stop is one place: a second row is a mistake, not an entrance.
            throw geodata::InputError(row.where + ": stop '" + stop.id +
                                      "' again: the stops file has one row per stop");
        }
        stop.name = table.value(row, "name");
        if (!points[i].lon_lat_disagreement.empty()) {
            reg.warnings.push_back(row.where + ": stop '" + stop.id + "': " + points[i].lon_lat_disagreement);
        }
        SchoolEntrance point;
        point.where = row.where;
        point.position = points[i].lon_lat;
        point.position_if_axes_swapped = points[i].swapped;
        stop.entrances.push_back(std::move(point));
        reg.schools.push_back(std::move(stop));
    }
    std::stable_sort(reg.schools.begin(), reg.schools.end(),
                     [](const School& a, const School& b) { return school_id_less(a.id, b.id); });
    return reg;
}

void snap_stops(SchoolRegister& stops, const geodata::Snapper& snapper, const geodata::WalkRules& rules,
                std::ostream& warnings) {
    for (School& stop : stops.schools) {
        SchoolEntrance& e = stop.entrances.front();
        if (!e.position) {
            warnings << "warning: " << e.where << ": stop '" << stop.id
                     << "' has no valid point; its pupils' stop_outcome is not_on_network\n";
            continue;
        }
        e.snap = snapper.snap(*e.position, rules.max_snap_m, rules.min_component_m);
        if (!e.snap) {
            warnings << "warning: " << e.where << ": stop '" << stop.id << "' is not within " << rules.max_snap_m
                     << " m of the walking network; its pupils' stop_outcome is not_on_network\n";
        }
    }
}

} // namespace skolvag::api
