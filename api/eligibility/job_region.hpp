// SPDX-License-Identifier: MIT
// The region a batch job needs of the network (`batch --municipality CODE`): the box of
// its homes, its schools' entrances and its stops, grown by a margin. The run is made on
// the network cut to it (geodata/network_cut.hpp) and proven against the whole network.
#pragma once

#include "api/eligibility/pupil_register.hpp"
#include "api/eligibility/school_register.hpp"
#include "geodata/lon_lat.hpp"
#include "routing/types.hpp"

#include <optional>
#include <vector>

namespace skolvag::api {

/// The cut a job is run on.
struct JobRegion {
    geodata::LonLatBox inner;  ///< the homes', entrances' and stops' points
    geodata::LonLatBox region; ///< inner grown by the margin
    /// Below this a distance on the cut is the whole network's: a walk between points
    /// within max_snap_m of the inner box that leaves the region is at least
    /// 2 x (margin - max_snap_m) long.
    routing::DistanceMm proven_below_mm = 0;
};

/**
 * The job's region, or nullopt when it has no point at all or the region holds the
 * whole network (`network` is its box): then there is nothing to cut.
 * @pre margin_m > max_snap_m (the cut would prove nothing otherwise).
 */
std::optional<JobRegion> job_region(const std::vector<PupilHome>& homes, const SchoolRegister& schools,
                                    const SchoolRegister* stops, double margin_m, double max_snap_m,
                                    const geodata::LonLatBox& network);

} // namespace skolvag::api
