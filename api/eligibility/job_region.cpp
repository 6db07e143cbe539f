// SPDX-License-Identifier: MIT
#include "api/eligibility/job_region.hpp"

#include "geodata/network_cut.hpp"

#include <cmath>

namespace skolvag::api {

namespace {

void extend_by_entrances(geodata::LonLatBox& box, const SchoolRegister& schools) {
    for (const School& school : schools.schools) {
        for (const SchoolEntrance& e : school.entrances) {
            if (e.position && e.position->is_valid()) {
                box.extend(*e.position);
            }
        }
    }
}

bool box_within(const geodata::LonLatBox& inner, const geodata::LonLatBox& outer) {
    return outer.min.lon_deg <= inner.min.lon_deg && outer.min.lat_deg <= inner.min.lat_deg &&
           inner.max.lon_deg <= outer.max.lon_deg && inner.max.lat_deg <= outer.max.lat_deg;
}

} // namespace

std::optional<JobRegion> job_region(const std::vector<PupilHome>& homes, const SchoolRegister& schools,
                                    const SchoolRegister* stops, double margin_m, double max_snap_m,
                                    const geodata::LonLatBox& network) {
    JobRegion r;
    for (const PupilHome& h : homes) {
        if (h.home && h.home->is_valid()) {
            r.inner.extend(*h.home);
        }
    }
    extend_by_entrances(r.inner, schools);
    if (stops != nullptr) {
        extend_by_entrances(r.inner, *stops);
    }
    if (r.inner.empty() || network.empty()) {
        return std::nullopt;
    }
    // Near the poles the box would wrap: no cut there.
    if (std::fabs(r.inner.min.lat_deg) > 75.0 || std::fabs(r.inner.max.lat_deg) > 75.0) {
        return std::nullopt;
    }
    r.region = geodata::grow_box(r.inner, margin_m);
    if (box_within(network, r.region)) {
        return std::nullopt;
    }
    r.proven_below_mm = static_cast<routing::DistanceMm>(std::floor(2.0 * (margin_m - max_snap_m) * 1000.0));
    return r;
}

} // namespace skolvag::api
