// SPDX-License-Identifier: MIT
#include "api/eligibility/search_networks.hpp"

#include "geodata/band_safety.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>
#include <optional>

namespace skolvag::api {

SearchNetworks::SearchNetworks(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                               const geodata::NetworkHierarchy& hierarchy, const Rules& rules,
                               const std::vector<bool>& bands_needed, unsigned threads)
    : m_hierarchy(hierarchy), m_network_of_band(rules.bands.size(), kPlain) {
    Network plain;
    plain.space = std::make_unique<geodata::SearchSpace>(net, reversed);
    m_networks.push_back(std::move(plain));
    std::optional<geodata::NodeEnds> ends; // made when a band's rules can restrict passages
    for (std::size_t b = 0; b < rules.bands.size(); ++b) {
        if (!bands_needed[b]) {
            continue;
        }
        const geodata::BandSafety& safety = rules.bands[b].safety;
        std::vector<bool> mask = geodata::safe_edge_mask(net, safety, rules.walking);
        if (geodata::band_restricts_passages(safety) && !ends) {
            ends.emplace(net);
        }
        if (ends && geodata::passages_restricted(net, *ends, mask, safety, rules.walking)) {
            Network n; // its own network: edge_safe stays empty, no other band shares it
            n.space = std::make_unique<geodata::SearchSpace>(net, hierarchy.turns(), mask, safety, rules.walking);
            m_network_of_band[b] = m_networks.size();
            m_networks.push_back(std::move(n));
            continue;
        }
        if (std::all_of(mask.begin(), mask.end(), [](bool safe) { return safe; })) {
            continue; // the plain network serves this band
        }
        const auto same = std::find_if(m_networks.begin() + 1, m_networks.end(),
                                       [&](const Network& n) { return n.edge_safe == mask; });
        m_network_of_band[b] = static_cast<std::size_t>(same - m_networks.begin());
        if (same == m_networks.end()) {
            Network n;
            n.space = std::make_unique<geodata::SearchSpace>(net, reversed, mask);
            n.edge_safe = std::move(mask);
            m_networks.push_back(std::move(n));
        }
    }
    // One customization per network, in parallel.
    routing::parallel_for(m_networks.size(), threads, [&](std::size_t n, unsigned) {
        m_networks[n].metric = std::make_unique<routing::CchMetric>(this->hierarchy(n), m_networks[n].space->filter());
    });
}

SearchNetworks::~SearchNetworks() = default;

} // namespace skolvag::api
