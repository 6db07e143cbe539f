// SPDX-License-Identifier: MIT
// The homes x schools matrix of walking distances: for every school, one backward
// search from all its entrances for the plain network and one per distinct band mask,
// spread over threads; each home is then a lookup at the ends of its snapped edge.
// The searches run on the network's contraction hierarchy (one customization per
// network and band), several times faster than Dijkstra and exactly equal to it.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/school_register.hpp"
#include "api/eligibility/rules.hpp"
#include "geodata/snap.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "routing/cch.hpp"

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
};

struct MatrixInputs {
    const geodata::WalkNetwork& net;
    const geodata::ReversedNetwork& reversed;   ///< for tracing routes
    const routing::CchTopology& hierarchy;      ///< build_network_hierarchy(net)
    const Rules& rules;
    const SchoolRegister& schools;
    std::vector<HomeQuery> homes;
    unsigned threads = 1;
};

class DistanceMatrix {
public:
    DistanceMatrix(std::size_t homes, std::size_t schools);

    /** Plain walking distance in mm (access legs included when the rules say so). */
    routing::DistanceMm plain_mm(std::size_t home, std::size_t school) const { return m_plain[school * m_homes + home]; }
    /** Safe distance for the home's band in mm, kUnreachable when there is no safe route. */
    routing::DistanceMm safe_mm(std::size_t home, std::size_t school) const { return m_safe[school * m_homes + home]; }
    /** A home's row: its distances to every school. */
    HomeDistances row(std::size_t home) const;

    /// A traced route: positions from the home's snapped point to the entrance.
    struct Route {
        std::vector<geodata::LonLat> positions;
        bool safe = false; ///< false: the plain route, traced because there is no safe one
    };
    const Route& route(std::size_t home) const { return m_routes[home]; }

    std::size_t searches() const noexcept { return m_searches; }

private:
    friend DistanceMatrix compute_distance_matrix(const MatrixInputs&,
                                                  const std::function<void(std::size_t, std::size_t)>&);
    std::size_t m_homes;
    std::vector<routing::DistanceMm> m_plain;
    std::vector<routing::DistanceMm> m_safe;
    std::vector<Route> m_routes;
    std::size_t m_searches = 0;
};

/**
 * Computes the matrix.
 * @param progress called after each school with (schools done, schools in all); may
 *        be called from several threads, never at once.
 */
DistanceMatrix compute_distance_matrix(const MatrixInputs& in,
                                       const std::function<void(std::size_t, std::size_t)>& progress = {});

} // namespace skolvag::api
