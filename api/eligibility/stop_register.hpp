// SPDX-License-Identifier: MIT
// The pick-up stops (hållplatser) of a run: stop_id, name and one point per stop, read
// with GDAL exactly as the schools file is. A stop is kept as a school with one
// entrance (and no grades), so that the school search, the distance matrix and the
// server's distance index measure the walk to a stop with the same code as the walk to
// a school (HFD 2023:16: that walk is judged by the same criteria).
#pragma once

#include "api/eligibility/school_register.hpp"
#include "geodata/axis_order.hpp"
#include "geodata/snap.hpp"
#include "geodata/walk_rules.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace skolvag::api {

/**
 * Reads the stops file (columns stop_id, name, and points), one row per stop, into a
 * register in stop_id order (school_id_less) with the file's SHA-256.
 * @throws geodata::InputError naming the file and row for missing columns, an empty or
 *         repeated stop_id, an unknown CRS or an unreadable file.
 */
SchoolRegister read_stop_register(const std::string& path, const std::optional<std::string>& crs,
                                  geodata::AxisOrder axes = geodata::AxisOrder::easting_northing,
                                  std::string* read_in = nullptr);

/**
 * Snaps every stop as homes are snapped; a stop without a valid point or off the
 * network gets a warning (stop id and row, never more): its pupils' stop_outcome is
 * not_on_network, and it is never suggested.
 */
void snap_stops(SchoolRegister& stops, const geodata::Snapper& snapper, const geodata::WalkRules& rules,
                std::ostream& warnings);

} // namespace skolvag::api
