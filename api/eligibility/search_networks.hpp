// SPDX-License-Identifier: MIT
// The networks a school search runs on: the plain walking network (index 0) and one
// safe network per band that needs its own. Bands that restrict only edges share a
// network when their edge masks are equal, and use the plain one when every edge is
// safe for them; such networks are filters over the one shared walk graph. Bands that
// restrict passages at nodes (§8 crossings, §9 unsafe areas) each get a network on the
// network's turn graph. Every network has one customization of the contraction
// hierarchy of its graph.
#pragma once

#include "api/eligibility/rules.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/search_space.hpp"
#include "geodata/turn_network.hpp"
#include "geodata/walk_network.hpp"
#include "routing/cch.hpp"

#include <memory>
#include <vector>

namespace skolvag::api {

class SearchNetworks {
public:
    /**
     * Plans the networks for the bands that need one and customizes the hierarchy for
     * each, on up to `threads` threads.
     * @param hierarchy the network's hierarchies (the turn graph's is built when first needed).
     * @param bands_needed one flag per band of the rules; bands without it get none.
     * @pre net, reversed and hierarchy outlive this object.
     */
    SearchNetworks(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                   const geodata::NetworkHierarchy& hierarchy, const Rules& rules, const std::vector<bool>& bands_needed,
                   unsigned threads);
    ~SearchNetworks();

    static constexpr std::size_t kPlain = 0;

    std::size_t count() const noexcept { return m_networks.size(); }
    /** The network of a band that was needed. */
    std::size_t of_band(std::size_t band) const { return m_network_of_band[band]; }
    /** What a network's searches run on, and how points enter and leave it. */
    const geodata::SearchSpace& space(std::size_t network) const { return *m_networks[network].space; }
    const routing::CchMetric& metric(std::size_t network) const { return *m_networks[network].metric; }
    /** Every node's road arms with the rules' speeds: for explaining and marking routes. */
    const geodata::RoadArms& road_arms() const noexcept { return m_arms; }
    /** The hierarchy of a network's graph. */
    const routing::CchTopology& hierarchy(std::size_t network) const {
        return m_networks[network].space->turn_aware() ? m_hierarchy.turn() : m_hierarchy.walk();
    }

private:
    struct Network {
        std::vector<bool> edge_safe; ///< the band's safe edges (empty for the plain network)
        std::unique_ptr<geodata::SearchSpace> space;
        std::unique_ptr<routing::CchMetric> metric;
    };
    const geodata::NetworkHierarchy& m_hierarchy;
    geodata::NodeEnds m_ends;
    geodata::RoadArms m_arms;
    std::vector<Network> m_networks;
    std::vector<std::size_t> m_network_of_band;
};

} // namespace skolvag::api
