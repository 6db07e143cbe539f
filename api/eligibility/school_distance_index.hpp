// SPDX-License-Identifier: MIT
// SchoolDistanceIndex: for a register of schools, every node's walking distance to
// each school, on the plain network and on each band's safe network, computed once
// (one hierarchy search per school and network). Answering one home is then a few
// lookups: what the HTTP API does per request.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/school_register.hpp"
#include "api/eligibility/rules.hpp"
#include "geodata/snap.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "routing/arc_filter.hpp"
#include "routing/cch.hpp"

#include <memory>
#include <span>
#include <vector>

namespace skolvag::api {

class SchoolDistanceIndex {
public:
    /**
     * @pre schools' entrances are snapped; net, hierarchy, rules and schools outlive it.
     */
    SchoolDistanceIndex(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                        const routing::CchTopology& hierarchy, const Rules& rules,
                        const SchoolRegister& schools, unsigned threads);

    /** A home's distances to every school, plain and safe for the band (access legs as the rules say). */
    HomeDistances distances(const geodata::Snap& home, std::size_t band) const;

    /** The arcs safe for a band (nullptr: every arc), for tracing routes on net.graph. */
    const routing::ArcFilter* forward_filter(std::size_t band) const;
    /** The same arcs in the reversed graph. */
    const routing::ArcFilter* reverse_filter(std::size_t band) const;

    /** The entrances of a school as search targets. */
    const std::vector<geodata::Target>& targets(std::size_t school) const { return m_targets[school]; }

private:
    struct Network {
        std::unique_ptr<routing::ArcFilter> forward; ///< nullptr: the plain network
        std::unique_ptr<routing::ArcFilter> reverse;
        std::vector<std::vector<std::uint32_t>> to_school; ///< school -> node -> mm (CchMetric::kNoPath)
    };

    routing::DistanceMm lookup(const Network& n, std::size_t school, const geodata::Snap& home,
                               std::span<const geodata::AccessLeg> legs) const;

    const geodata::WalkNetwork& m_net;
    const Rules& m_rules;
    const SchoolRegister& m_schools;
    std::vector<std::vector<geodata::Target>> m_targets; ///< school -> its entrances as targets
    std::vector<Network> m_networks;       ///< [0] is the plain network
    std::vector<std::size_t> m_network_of_band;
};

} // namespace skolvag::api
