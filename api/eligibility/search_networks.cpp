// SPDX-License-Identifier: MIT
#include "api/eligibility/search_networks.hpp"

#include "geodata/band_safety.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>

namespace skolvag::api {

SearchNetworks::SearchNetworks(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                               const geodata::NetworkHierarchy& hierarchy, const Rules& rules,
                               const std::vector<bool>& bands_needed, unsigned threads)
    : m_hierarchy(hierarchy), m_ends(net), m_arms(net, m_ends, rules.walking),
      m_network_of_band(rules.bands.size(), kPlain) {
    // The plan: which band gets which network. A band whose safe edges and passages are
    // all of the network's shares the plain one; bands with the same edge mask and no
    // restricted passage share one; a band with restricted passages gets its own turn network.
    m_networks.emplace_back();
    std::vector<const geodata::BandSafety*> turn_band(1, nullptr); // network -> its band, when turn-aware
    for (std::size_t b = 0; b < rules.bands.size(); ++b) {
        if (!bands_needed[b]) {
            continue;
        }
        const geodata::BandSafety& safety = rules.bands[b].safety;
        std::vector<bool> mask = geodata::safe_edge_mask(net, safety, rules.walking);
        if (geodata::passages_restricted(net, m_ends, m_arms, mask, safety)) {
            m_network_of_band[b] = m_networks.size();
            m_networks.emplace_back().edge_safe = std::move(mask);
            turn_band.push_back(&safety);
            continue;
        }
        if (std::all_of(mask.begin(), mask.end(), [](bool safe) { return safe; })) {
            continue; // the plain network serves this band
        }
        std::size_t same = 1;
        while (same < m_networks.size() && (turn_band[same] != nullptr || m_networks[same].edge_safe != mask)) {
            ++same;
        }
        m_network_of_band[b] = same;
        if (same == m_networks.size()) {
            m_networks.emplace_back().edge_safe = std::move(mask);
            turn_band.push_back(nullptr);
        }
    }
    if (std::any_of(turn_band.begin(), turn_band.end(), [](const auto* band) { return band != nullptr; })) {
        hierarchy.turns(); // built once, before the threads need it
    }
    // Each network's search space and customization, in parallel.
    routing::parallel_for(m_networks.size(), threads, [&](std::size_t n, unsigned) {
        Network& network = m_networks[n];
        if (n == kPlain) {
            network.space = std::make_unique<geodata::SearchSpace>(net, reversed);
        } else if (turn_band[n] != nullptr) {
            network.space = std::make_unique<geodata::SearchSpace>(net, hierarchy.turns(), m_arms, network.edge_safe,
                                                                   *turn_band[n]);
        } else {
            network.space = std::make_unique<geodata::SearchSpace>(net, reversed, network.edge_safe);
        }
        network.metric = std::make_unique<routing::CchMetric>(this->hierarchy(n), network.space->filter());
    });
}

SearchNetworks::~SearchNetworks() = default;

} // namespace skolvag::api
