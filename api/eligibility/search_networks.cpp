// SPDX-License-Identifier: MIT
#include "api/eligibility/search_networks.hpp"

#include "geodata/band_safety.hpp"
#include "geodata/errors.hpp"
#include "geodata/turn_network.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>

namespace skolvag::api {

SearchNetworks::SearchNetworks(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                               const routing::CchTopology& hierarchy, const Rules& rules,
                               const std::vector<bool>& bands_needed, unsigned threads)
    : m_hierarchy(hierarchy), m_networks(1), m_network_of_band(rules.bands.size(), kPlain) {
    for (std::size_t b = 0; b < rules.bands.size(); ++b) {
        if (!bands_needed[b]) {
            continue;
        }
        if (geodata::band_restricts_passages(rules.bands[b].safety)) {
            // Until the school search runs on the turn graph, refuse rather than ignore §8.
            throw geodata::InputError("band '" + rules.bands[b].name +
                                      "' restricts crossings (max_speed_crossing, or an unsafe [[layer]]: "
                                      "walking-network.md §8, §9); `skolvag distances --band` computes its "
                                      "distances, batch and serve do not yet");
        }
        std::vector<bool> mask = geodata::safe_edge_mask(net, rules.bands[b].safety, rules.walking);
        if (std::all_of(mask.begin(), mask.end(), [](bool safe) { return safe; })) {
            continue; // the plain network serves this band
        }
        const auto same = std::find_if(m_networks.begin() + 1, m_networks.end(),
                                       [&](const Network& n) { return n.edge_safe == mask; });
        m_network_of_band[b] = static_cast<std::size_t>(same - m_networks.begin());
        if (same == m_networks.end()) {
            Network n;
            n.forward = std::make_unique<routing::ArcFilter>(geodata::arc_filter_from_edges(net.graph, mask));
            n.reverse = std::make_unique<routing::ArcFilter>(geodata::arc_filter_from_edges(reversed.graph, mask));
            n.edge_safe = std::move(mask);
            m_networks.push_back(std::move(n));
        }
    }
    // One customization per network, in parallel.
    routing::parallel_for(m_networks.size(), threads, [&](std::size_t n, unsigned) {
        m_networks[n].metric = std::make_unique<routing::CchMetric>(hierarchy, m_networks[n].forward.get());
    });
}

} // namespace skolvag::api
