// SPDX-License-Identifier: MIT
// The homes x schools matrix of a batch run: the school search's results looked up for
// every home, on the plain network and on its band's safe network, and the routes of
// the homes that ask for one.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/entrance_check.hpp"
#include "api/eligibility/route_tracer.hpp"
#include "api/eligibility/rules.hpp"
#include "api/eligibility/school_register.hpp"
#include "geodata/snap.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/network_cut.hpp"

#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace skolvag::api {

/// One home to compute: where it snapped, its band, and whether to trace its route.
struct HomeQuery {
    geodata::Snap snap;
    std::size_t band = 0;                               ///< index into Rules::bands
    std::size_t route_school = std::numeric_limits<std::size_t>::max(); ///< trace the route to this school
    /// explain why no safe route reaches this school when none does (the chosen school)
    std::size_t explain_school = std::numeric_limits<std::size_t>::max();
};

/// Where traced routes go as soon as their school is searched, so that no run holds
/// them all: (home, the route, its plain and safe distance to the school in mm). May be
/// called from several threads at once.
using RouteSink = std::function<void(std::size_t home, const TracedRoute& route, routing::DistanceMm plain_mm,
                                     routing::DistanceMm safe_mm)>;

struct MatrixInputs {
    const geodata::WalkNetwork& net;
    const geodata::ReversedNetwork& reversed;   ///< for tracing routes
    const geodata::NetworkHierarchy& hierarchy;
    const Rules& rules;
    const SchoolRegister& schools;
    std::vector<HomeQuery> homes;
    unsigned threads = 1;
    RouteSink routes = {}; ///< takes the routes of the homes with a route_school
    /// On a network cut to a region (network_cut.hpp): which entries are the whole
    /// network's (DistanceMatrix::proven). nullptr: the whole network, every entry is.
    const geodata::CutLimits* cut = nullptr;
};

class DistanceMatrix {
public:
    DistanceMatrix(std::size_t homes, std::size_t schools);

    /** Plain walking distance in mm (access legs included when the rules say so). */
    routing::DistanceMm plain_mm(std::size_t home, std::size_t school) const { return m_plain[school * m_homes + home]; }
    /** Safe distance for the home's band in mm, kUnreachable when there is no safe route. */
    routing::DistanceMm safe_mm(std::size_t home, std::size_t school) const { return m_safe[school * m_homes + home]; }
    /**
     * True when the entry is the whole network's distance (or its "no route"): always on
     * a whole network; on a cut, a distance below CutLimits::proven_below_mm, or no route
     * from a search that never reached a node outside the region.
     */
    bool proven(std::size_t home, std::size_t school, bool safe) const {
        return m_unproven.empty() || (m_unproven[school * m_homes + home] & (safe ? 2U : 1U)) == 0;
    }
    /** True when every entry of the home's row is proven. */
    bool row_proven(std::size_t home) const;
    /** A home's row: its distances to every school. */
    HomeDistances row(std::size_t home) const;
    /** For a home with no safe route to its explain_school: the unsafe places on its plain route. */
    const std::vector<std::string>& unsafe_places(std::size_t home) const { return m_unsafe_places[home]; }

    std::size_t searches() const noexcept { return m_searches; }
    /** The schools' entrances no safe route of a computed band reaches (the pre-flight check). */
    const std::vector<EntranceWarning>& entrance_warnings() const noexcept { return m_entrance_warnings; }

private:
    friend class MatrixSink;
    friend DistanceMatrix compute_distance_matrix(const MatrixInputs&,
                                                  const std::function<void(std::size_t, std::size_t)>&);
    std::size_t m_homes;
    std::size_t m_schools;
    std::vector<routing::DistanceMm> m_plain;
    std::vector<routing::DistanceMm> m_safe;
    std::vector<std::uint8_t> m_unproven; ///< on a cut: 1 plain, 2 safe entry not proven; empty on a whole network
    std::vector<std::vector<std::string>> m_unsafe_places;
    std::size_t m_searches = 0;
    std::vector<EntranceWarning> m_entrance_warnings;
};

/**
 * Computes the matrix: the school search over the networks of the bands the homes
 * have, and a lookup per home, school and network.
 * @param progress called after each school with (schools done, schools in all); may
 *        be called from several threads, never at once.
 */
DistanceMatrix compute_distance_matrix(const MatrixInputs& in,
                                       const std::function<void(std::size_t, std::size_t)>& progress = {});

} // namespace skolvag::api
