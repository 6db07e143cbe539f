// SPDX-License-Identifier: MIT
// The networks a school search runs on: the plain walking network (index 0) and one
// safe network per distinct band mask. Bands whose masks are equal share a network; a
// band for which every edge is safe uses the plain one. Each network is a pair of arc
// filters over the one shared graph (forward and reversed) and one customization of
// the contraction hierarchy, never a copy of the graph.
#pragma once

#include "api/eligibility/rules.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "routing/arc_filter.hpp"
#include "routing/cch.hpp"

#include <memory>
#include <vector>

namespace skolvag::api {

class SearchNetworks {
public:
    /**
     * Plans the networks for the bands that need one and customizes the hierarchy for
     * each, on up to `threads` threads.
     * @param bands_needed one flag per band of the rules; bands without it get none.
     * @pre net, reversed and hierarchy outlive this object.
     */
    SearchNetworks(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                   const routing::CchTopology& hierarchy, const Rules& rules, const std::vector<bool>& bands_needed,
                   unsigned threads);

    static constexpr std::size_t kPlain = 0;

    std::size_t count() const noexcept { return m_networks.size(); }
    /** The network of a band that was needed. */
    std::size_t of_band(std::size_t band) const { return m_network_of_band[band]; }
    /** Arcs of net.graph a network allows; nullptr for the plain network (every arc). */
    const routing::ArcFilter* forward(std::size_t network) const { return m_networks[network].forward.get(); }
    /** The same arcs in the reversed graph. */
    const routing::ArcFilter* reverse(std::size_t network) const { return m_networks[network].reverse.get(); }
    const routing::CchMetric& metric(std::size_t network) const { return *m_networks[network].metric; }
    const routing::CchTopology& hierarchy() const noexcept { return m_hierarchy; }

private:
    struct Network {
        std::vector<bool> edge_safe; ///< empty for the plain network
        std::unique_ptr<routing::ArcFilter> forward;
        std::unique_ptr<routing::ArcFilter> reverse;
        std::unique_ptr<routing::CchMetric> metric;
    };
    const routing::CchTopology& m_hierarchy;
    std::vector<Network> m_networks;
    std::vector<std::size_t> m_network_of_band;
};

} // namespace skolvag::api
