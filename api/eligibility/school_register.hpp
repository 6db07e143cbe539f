// SPDX-License-Identifier: MIT
// The schools of a run: id, name, grades taught, and one point per entrance (several
// rows with one school_id are several entrances), read with GDAL and snapped.
#pragma once

#include "geodata/axis_order.hpp"
#include "api/eligibility/grades.hpp"
#include "geodata/snap.hpp"
#include "geodata/walk_rules.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace skolvag::api {

struct SchoolEntrance {
    std::string where;                      ///< file and row, for warnings
    std::optional<geodata::LonLat> position;
    std::optional<geodata::Snap> snap;      ///< set when the entrance is on the network
    std::optional<geodata::LonLat> position_if_axes_swapped; ///< to recognise a file read with swapped axes
};

struct School {
    std::string id;
    std::string name;
    GradeSet grades;
    std::vector<SchoolEntrance> entrances;
    std::optional<std::string> municipality; ///< the optional municipality column (first row's); nullopt without it

    bool teaches(Grade grade) const { return grades.test(grade.rank); }
    bool has_usable_entrance() const;
};

struct SchoolRegister {
    std::vector<School> schools; ///< in school_id order (see school_id_less)
    std::string sha256;          ///< of the schools file's bytes
    /// rows of one school that disagree (the first row's name and grades hold), and rows
    /// whose x, y and lon, lat disagree (x, y hold)
    std::vector<std::string> warnings;

    /** Index of a school, or nullopt. */
    std::optional<std::size_t> index_of(std::string_view id) const;
};

/** True when school id a sorts before b: whole numbers first, by value; then other ids as text. */
bool school_id_less(std::string_view a, std::string_view b);

/**
 * Reads the schools file (columns school_id, name, optional grades and municipality, and points).
 * @throws geodata::InputError naming the file for missing columns, an empty school_id,
 *         unparsable grades, an unknown CRS or an unreadable file.
 */
SchoolRegister read_school_register(const std::string& path, const std::optional<std::string>& crs,
                                   geodata::AxisOrder axes = geodata::AxisOrder::easting_northing,
                                   std::string* read_in = nullptr);

/**
 * Snaps every entrance as homes are snapped; an entrance without a valid point or off
 * the network gets a warning (school id and row, never more) and is not used.
 */
void snap_entrances(SchoolRegister& reg, const geodata::Snapper& snapper, const geodata::WalkRules& rules,
                    std::ostream& warnings);

} // namespace skolvag::api
