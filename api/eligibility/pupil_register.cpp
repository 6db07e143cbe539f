// SPDX-License-Identifier: MIT
#include "api/eligibility/pupil_register.hpp"

#include "geodata/feature_table.hpp"
#include "geodata/sha256.hpp"

#include <map>

namespace skolvag::api {

std::vector<PupilHome> read_pupil_register(const std::string& path, const std::optional<std::string>& crs,
                                           geodata::AxisOrder axes, std::string* read_in) {
    const geodata::FeatureTable table = geodata::read_feature_table(path);
    table.require_columns({"pupil_ref", "grade", "school_id"});
    const std::vector<geodata::RowPoint> points = geodata::read_points(table, crs, axes);
    if (read_in != nullptr) {
        *read_in = geodata::points_read_in(table, crs);
    }

    std::vector<PupilHome> homes;
    homes.reserve(table.rows.size());
    std::map<std::string, int> homes_per_pupil;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const geodata::FeatureRow& row = table.rows[i];
        PupilHome h;
        h.where = row.where;
        h.pupil_ref = table.value(row, "pupil_ref");
        h.home_no = ++homes_per_pupil[h.pupil_ref];
        h.grade = table.value(row, "grade");
        h.school_id = table.value(row, "school_id");
        h.reference_school_id = table.value(row, "reference_school_id");
        h.home = points[i].lon_lat;
        h.home_if_axes_swapped = points[i].swapped;
        h.problem = points[i].problem;
        // The unit separator cannot occur in a field, so the fields cannot run together.
        h.inputs_sha256 = geodata::sha256_hex(h.grade + '\x1f' + h.school_id + '\x1f' + h.reference_school_id + '\x1f' +
                                              points[i].as_given);
        homes.push_back(std::move(h));
    }
    return homes;
}

} // namespace skolvag::api
