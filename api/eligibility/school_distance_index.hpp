// SPDX-License-Identifier: MIT
// SchoolDistanceIndex: for a register of schools, every node's walking distance to
// each school, on the plain network and on each band's safe network, computed once by
// the school search and kept. Answering one home is then a few lookups: what the HTTP
// API does per request.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/entrance_check.hpp"
#include "api/eligibility/route_tracer.hpp"
#include "api/eligibility/rules.hpp"
#include "api/eligibility/school_register.hpp"
#include "api/eligibility/school_search.hpp"
#include "api/eligibility/search_networks.hpp"
#include "geodata/snap.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "routing/cch.hpp"

#include <optional>
#include <vector>

namespace skolvag::api {

class SchoolDistanceIndex {
public:
    /**
     * Runs the school search for every band of the rules and keeps its results.
     * @pre schools' entrances are snapped; every argument outlives the index.
     */
    SchoolDistanceIndex(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                        const geodata::NetworkHierarchy& hierarchy, const Rules& rules, const SchoolRegister& schools,
                        unsigned threads);

    /** A home's distances to every school, plain and safe for the band (access legs as the rules say). */
    HomeDistances distances(const geodata::Snap& home, std::size_t band) const;

    /**
     * A home's route to a school, marked for its band: of kind safe on the band's safe
     * network, else (plain, plain_no_safe_route) on the plain network.
     * @pre the home's decision has a route of that network (its distance is set).
     */
    TracedRoute route(const geodata::Snap& home, std::size_t band, std::size_t school, RouteKind kind) const;

    /// Up to three places on a route that are unsafe for a band, in English and in Swedish.
    struct UnsafePlaces {
        std::vector<std::string> en; ///< for explain_traffic
        std::vector<std::string> sv;
    };
    /** The unsafe places on the home's plain route to a school: the route walked once, worded twice. */
    UnsafePlaces unsafe_places(const geodata::Snap& home, std::size_t band, std::size_t school) const;

    /** The schools' entrances no safe route of a band reaches (the pre-flight check, every band). */
    const std::vector<EntranceWarning>& entrance_warnings() const noexcept { return m_entrance_warnings; }

private:
    /// The serve consumer of the school search: every node's distance, kept as 32 bits.
    class NodeArrays;
    using NodeDistances = std::vector<std::uint32_t>; ///< node -> mm (CchMetric::kNoPath for none)

    routing::DistanceMm lookup(std::size_t network, std::size_t school, const geodata::Snap& home,
                               const HomeLegs& legs) const;
    /// The walk from a home to a school on a network, read off the kept distances (no search).
    geodata::TargetRoute walk(const geodata::Snap& home, std::size_t network, std::size_t school) const;

    const geodata::WalkNetwork& m_net;
    const Rules& m_rules;
    SearchNetworks m_networks;
    SchoolSearch m_search;
    std::vector<std::vector<NodeDistances>> m_to_school; ///< network -> school -> node distances (empty: none)
    std::vector<EntranceWarning> m_entrance_warnings;
};

} // namespace skolvag::api
