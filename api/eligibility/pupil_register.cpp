// SPDX-License-Identifier: MIT
#include "api/eligibility/pupil_register.hpp"

#include "geodata/feature_table.hpp"
#include "geodata/sha256.hpp"

#include <algorithm>
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

    const bool has_municipality = table.column("municipality").has_value();
    std::vector<PupilHome> homes;
    homes.reserve(table.rows.size());
    // A home's identity, by which home_no is given: the optional home_id column, else the
    // home point as given (with its CRS). Numbering a pupil's homes in the order of their
    // identities, not of the rows, keeps home_no (and so the register diff) the same when
    // the register is sorted differently.
    std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> homes_of_pupil; // ref -> (identity, row)
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const std::string& home_id = table.value(table.rows[i], "home_id");
        homes_of_pupil[table.value(table.rows[i], "pupil_ref")].emplace_back(
            home_id.empty() ? "point " + points[i].as_given : "id " + home_id, i);
    }
    std::vector<int> home_no(table.rows.size(), 1);
    for (auto& [ref, rows] : homes_of_pupil) {
        std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t k = 0; k < rows.size(); ++k) {
            home_no[rows[k].second] = static_cast<int>(k) + 1;
        }
    }
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const geodata::FeatureRow& row = table.rows[i];
        PupilHome h;
        h.where = row.where;
        h.pupil_ref = table.value(row, "pupil_ref");
        h.home_no = home_no[i];
        h.grade = table.value(row, "grade");
        h.school_id = table.value(row, "school_id");
        h.reference_school_id = table.value(row, "reference_school_id");
        h.stop_id = table.value(row, "stop_id");
        if (has_municipality) {
            h.municipality = table.value(row, "municipality");
        }
        h.home = points[i].lon_lat;
        h.home_if_axes_swapped = points[i].swapped;
        h.problem = points[i].problem;
        if (!points[i].lon_lat_disagreement.empty()) {
            h.note = "home: " + points[i].lon_lat_disagreement + " (check the register)";
        }
        // The unit separator cannot occur in a field, so the fields cannot run together.
        // The note is part of the inputs (a lon, lat that comes to disagree decides the
        // home again), and only when there is one: other homes keep their fingerprints. So
        // is a given stop_id (marked apart from the note, so neither can pass for the other).
        h.inputs_sha256 = geodata::sha256_hex(h.grade + '\x1f' + h.school_id + '\x1f' + h.reference_school_id + '\x1f' +
                                              points[i].as_given + (h.note.empty() ? "" : '\x1f' + h.note) +
                                              (h.stop_id.empty() ? "" : "\x1fstop " + h.stop_id));
        homes.push_back(std::move(h));
    }
    return homes;
}

} // namespace skolvag::api
