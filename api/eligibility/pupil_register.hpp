// SPDX-License-Identifier: MIT
// The pupil register of a run: one row per home (two rows with one pupil_ref are an
// alternating residence), read with GDAL. pupil_ref is opaque and never interpreted.
#pragma once

#include "geodata/axis_order.hpp"
#include "geodata/lon_lat.hpp"

#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

struct PupilHome {
    std::string where;          ///< file and row; never printed with personal data
    std::string pupil_ref;
    int home_no = 1;            ///< 1, 2, ... per pupil_ref, in the order of the homes' home_id, else of their points
    std::string grade;
    std::string school_id;
    std::string reference_school_id; ///< empty: found by the proximity principle
    std::string stop_id;        ///< the assigned pick-up stop; empty: the nearest is suggested (with --stops)
    std::optional<std::string> municipality; ///< the optional municipality column (kommunkod); nullopt without it
    std::optional<geodata::LonLat> home;
    std::optional<geodata::LonLat> home_if_axes_swapped; ///< to recognise a file read with swapped axes
    std::string problem;        ///< why the home has no point
    std::string note;           ///< what the row says that does not fit together (never a value), for the decision's note
    std::string inputs_sha256;  ///< fingerprint of grade, schools, stop, home and note, for the register diff
};

/**
 * Reads the pupils file (columns pupil_ref, grade, school_id, optional
 * reference_school_id, stop_id, home_id and municipality, and points).
 * @throws geodata::InputError naming the file and the missing columns, an unknown
 *         CRS, or an unreadable file.
 */
std::vector<PupilHome> read_pupil_register(const std::string& path, const std::optional<std::string>& crs,
                                           geodata::AxisOrder axes = geodata::AxisOrder::easting_northing,
                                           std::string* read_in = nullptr);

} // namespace skolvag::api
