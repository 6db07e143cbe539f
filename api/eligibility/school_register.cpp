// SPDX-License-Identifier: MIT
#include "api/eligibility/school_register.hpp"

#include "geodata/feature_table.hpp"
#include "geodata/errors.hpp"
#include "geodata/sha256.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace skolvag::api {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The value of a digit string as comparable text: no leading zeros ("007" -> "7").
std::string_view significant_digits(std::string_view s) {
    const auto first = s.find_first_not_of('0');
    return first == std::string_view::npos ? std::string_view("0") : s.substr(first);
}

} // namespace

bool School::has_usable_entrance() const {
    return std::any_of(entrances.begin(), entrances.end(), [](const SchoolEntrance& e) { return e.snap.has_value(); });
}

bool school_id_less(std::string_view a, std::string_view b) {
    // One key per id, compared in order: numbers before other ids; numbers by value
    // (of any length: shorter significant digits is smaller); then the text itself.
    // A strict weak order, as std::map and std::sort need.
    const bool na = all_digits(a);
    const bool nb = all_digits(b);
    if (na != nb) {
        return na;
    }
    if (na) {
        const std::string_view da = significant_digits(a);
        const std::string_view db = significant_digits(b);
        if (da.size() != db.size()) {
            return da.size() < db.size();
        }
        if (da != db) {
            return da < db;
        }
    }
    return a < b;
}

std::optional<std::size_t> SchoolRegister::index_of(std::string_view id) const {
    for (std::size_t i = 0; i < schools.size(); ++i) {
        if (schools[i].id == id) {
            return i;
        }
    }
    return std::nullopt;
}

SchoolRegister read_school_register(const std::string& path, const std::optional<std::string>& crs,
                                   geodata::AxisOrder axes, std::string* read_in) {
    const geodata::FeatureTable table = geodata::read_feature_table(path);
    table.require_columns({"school_id", "name"});
    const std::vector<geodata::RowPoint> points = geodata::read_points(table, crs, axes);
    if (read_in != nullptr) {
        *read_in = geodata::points_read_in(table, crs);
    }

    SchoolRegister reg;
    reg.sha256 = geodata::sha256_file_hex(path);
    std::map<std::string, std::size_t, bool (*)(const std::string&, const std::string&)> by_id(
        [](const std::string& a, const std::string& b) { return school_id_less(a, b); });
    std::vector<School> schools;
    std::vector<std::string> first_grades_text; ///< by school, as its first row wrote them
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const geodata::FeatureRow& row = table.rows[i];
        const std::string& id = table.value(row, "school_id");
        if (id.empty()) {
            throw geodata::InputError(row.where + ": empty school_id");
        }
        auto [it, added] = by_id.try_emplace(id, schools.size());
        if (!added) {
            // Another entrance of a school: its name and grades should be the first row's.
            const School& first = schools[it->second];
            const std::string& name = table.value(row, "name");
            const std::string& grades = table.value(row, "grades");
            if (name != first.name || grades != first_grades_text[it->second]) {
                reg.warnings.push_back(row.where + ": school '" + id + "' has another " +
                                       (name != first.name ? "name" : "grades") +
                                       " than its first row; the first row's name and grades are used");
            }
        }
        if (added) {
            School s;
            s.id = id;
            s.name = table.value(row, "name");
            if (table.column("municipality")) {
                s.municipality = table.value(row, "municipality");
            }
            first_grades_text.push_back(table.value(row, "grades"));
            try {
                s.grades = parse_school_grades(table.value(row, "grades"));
            } catch (const std::invalid_argument& e) {
                throw geodata::InputError(row.where + ": school '" + id + "' grades: " + e.what());
            }
            schools.push_back(std::move(s));
        }
        if (!points[i].lon_lat_disagreement.empty()) {
            reg.warnings.push_back(row.where + ": school '" + id + "': " + points[i].lon_lat_disagreement);
        }
        SchoolEntrance entrance;
        entrance.where = row.where;
        entrance.position = points[i].lon_lat;
        entrance.position_if_axes_swapped = points[i].swapped;
        schools[it->second].entrances.push_back(std::move(entrance));
    }
    for (const auto& [id, index] : by_id) {
        reg.schools.push_back(std::move(schools[index]));
    }
    return reg;
}

void snap_entrances(SchoolRegister& reg, const geodata::Snapper& snapper, const geodata::WalkRules& rules,
                    std::ostream& warnings) {
    for (School& school : reg.schools) {
        for (SchoolEntrance& e : school.entrances) {
            if (!e.position) {
                warnings << "warning: " << e.where << ": entrance of school '" << school.id
                         << "' has no valid point; ignored\n";
                continue;
            }
            e.snap = snapper.snap(*e.position, rules.max_snap_m, rules.min_component_m);
            if (!e.snap) {
                warnings << "warning: " << e.where << ": entrance of school '" << school.id << "' is not within "
                         << rules.max_snap_m << " m of the walking network; ignored\n";
            }
        }
        if (!school.has_usable_entrance()) {
            warnings << "warning: school '" << school.id
                     << "' has no usable entrance; its pupils are written as invalid_input\n";
        }
    }
}

} // namespace skolvag::api
