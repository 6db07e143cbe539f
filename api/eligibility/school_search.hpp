// SPDX-License-Identifier: MIT
// The school search, shared by batch runs, the HTTP API and the benchmarks: for every
// school and every search network, one backward search over the contraction
// hierarchy from the school's entrances, which gives every node's walking distance to
// the school. A home's distance is then a lookup at the ends of its snapped edge, plus
// the partial edges, the same-edge case and the access legs the rules count. What to
// do with each search is the consumer's: a SchoolSearchSink.
#pragma once

#include "api/eligibility/school_register.hpp"
#include "api/eligibility/search_networks.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_router.hpp"
#include "routing/cch.hpp"

#include <functional>
#include <span>
#include <vector>

namespace skolvag::api {

/** A school's usable entrances as search targets, each with its access leg when the rules count it. */
std::vector<geodata::Target> school_targets(const School& school, bool include_access_legs);

/// How a home leaves its edge on one network: the search nodes and partial lengths
/// (two at most on the walk graph; every arc of its node on the turn graph).
struct HomeLegs {
    std::vector<geodata::AccessLeg> legs;
    std::span<const geodata::AccessLeg> span() const { return legs; }
};

/** The legs a walker at the home can leave its edge by on a network. */
HomeLegs home_legs(const geodata::SearchSpace& space, const geodata::Snap& home);

/**
 * A home's walking distance to a school, given each search node's distance to the
 * school on the network: through one of the home's legs, or directly (along its own
 * edge, or from its node onto an entrance's edge); plus the home's own access leg when
 * the rules count it. kUnreachable for none.
 * @param node_distance callable NodeId -> DistanceMm (kUnreachable for none).
 */
template <class NodeDistance>
routing::DistanceMm distance_to_school(const geodata::SearchSpace& space, const geodata::Snap& home,
                                       const HomeLegs& legs, std::span<const geodata::Target> targets,
                                       bool include_access_legs, const NodeDistance& node_distance) {
    const routing::DistanceMm d = geodata::walk_to_targets(space, home, legs.span(), targets, node_distance);
    return d == routing::kUnreachable || !include_access_legs ? d : d + geodata::access_leg_mm(home);
}

/// What a consumer does with the searches. Calls for one school come from one thread,
/// in network order, then school_done; different schools may run at once.
class SchoolSearchSink {
public:
    virtual ~SchoolSearchSink() = default;
    /** One finished search: distances.distance(x) is search node x's distance to the school (nodes of networks.space(network).graph()). */
    virtual void on_search(std::size_t school, std::size_t network, const routing::CchOneToAll& distances) = 0;
    /** Every network of the school is searched. */
    virtual void on_school_done(std::size_t /*school*/) {}
};

class SchoolSearch {
public:
    /** @pre every argument outlives the search; the schools' entrances are snapped. */
    SchoolSearch(const SearchNetworks& networks, const SchoolRegister& schools,
                 bool include_access_legs);

    /** The entrances of a school as search targets. */
    std::span<const geodata::Target> targets(std::size_t school) const { return m_targets[school]; }

    /**
     * Searches every school with an entrance on every network, schools spread over
     * threads, and hands each search to the sink.
     * @param progress called after each school with (schools done, schools in all),
     *        never from two threads at once; may be empty.
     * @returns the number of searches run.
     */
    std::size_t run(SchoolSearchSink& sink, unsigned threads,
                    const std::function<void(std::size_t, std::size_t)>& progress = {}) const;

private:
    const SearchNetworks& m_networks;
    std::vector<std::vector<geodata::Target>> m_targets; ///< school -> its entrances as targets
};

} // namespace skolvag::api
