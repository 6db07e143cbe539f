// SPDX-License-Identifier: MIT
#include "api/eligibility/school_distance_index.hpp"

#include "geodata/band_safety.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_router.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>

namespace skolvag::api {

SchoolDistanceIndex::SchoolDistanceIndex(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                                         const routing::CchTopology& hierarchy, const Rules& rules,
                                         const SchoolRegister& schools, unsigned threads)
    : m_net(net), m_rules(rules), m_schools(schools), m_network_of_band(rules.bands.size(), 0) {
    for (const School& school : schools.schools) {
        std::vector<geodata::Target> t;
        for (const SchoolEntrance& e : school.entrances) {
            if (e.snap) {
                t.push_back({*e.snap, rules.walking.include_access_legs ? geodata::access_leg_mm(*e.snap) : 0});
            }
        }
        m_targets.push_back(std::move(t));
    }
    m_networks.emplace_back(); // plain
    std::vector<std::vector<bool>> masks(1);
    for (std::size_t b = 0; b < rules.bands.size(); ++b) {
        std::vector<bool> mask = geodata::safe_edge_mask(net, rules.bands[b].safety, rules.walking);
        if (std::all_of(mask.begin(), mask.end(), [](bool safe) { return safe; })) {
            continue; // the plain network serves this band
        }
        const auto same = std::find(masks.begin() + 1, masks.end(), mask);
        if (same != masks.end()) {
            m_network_of_band[b] = static_cast<std::size_t>(same - masks.begin());
            continue;
        }
        m_network_of_band[b] = m_networks.size();
        Network n;
        n.forward = std::make_unique<routing::ArcFilter>(geodata::arc_filter_from_edges(net.graph, mask));
        n.reverse = std::make_unique<routing::ArcFilter>(geodata::arc_filter_from_edges(reversed.graph, mask));
        m_networks.push_back(std::move(n));
        masks.push_back(std::move(mask));
    }
    // One customization per network, then one search per school and network.
    std::vector<std::unique_ptr<routing::CchMetric>> metrics(m_networks.size());
    routing::parallel_for(m_networks.size(), threads, [&](std::size_t n, unsigned) {
        metrics[n] = std::make_unique<routing::CchMetric>(hierarchy, m_networks[n].forward.get());
        m_networks[n].to_school.resize(schools.schools.size());
    });
    std::vector<std::unique_ptr<routing::CchOneToAll>> queries(std::max(1U, threads));
    const std::size_t tasks = schools.schools.size() * m_networks.size();
    routing::parallel_for(tasks, threads, [&](std::size_t task, unsigned worker) {
        const std::size_t s = task / m_networks.size();
        Network& n = m_networks[task % m_networks.size()];
        if (!queries[worker]) {
            queries[worker] = std::make_unique<routing::CchOneToAll>(hierarchy);
        }
        std::vector<routing::CchOneToAll::Source> sources;
        for (const geodata::Target& t : m_targets[s]) {
            for (const geodata::AccessLeg& leg : geodata::legs_to(net, t.snap, n.forward.get())) {
                sources.push_back({leg.node, leg.length_mm + t.extra_mm});
            }
        }
        std::vector<std::uint32_t>& to_school = n.to_school[s];
        to_school.assign(net.graph.node_count(), routing::CchMetric::kNoPath);
        if (sources.empty()) {
            return;
        }
        routing::CchOneToAll& q = *queries[worker];
        q.run(*metrics[task % m_networks.size()], sources, routing::CchOneToAll::Direction::to_sources);
        for (routing::NodeId x = 0; x < net.graph.node_count(); ++x) {
            const routing::DistanceMm d = q.distance(x);
            to_school[x] = d == routing::kUnreachable ? routing::CchMetric::kNoPath : static_cast<std::uint32_t>(d);
        }
    });
}

routing::DistanceMm SchoolDistanceIndex::lookup(const Network& n, std::size_t school, const geodata::Snap& home,
                                                std::span<const geodata::AccessLeg> legs) const {
    const std::vector<std::uint32_t>& to_school = n.to_school[school];
    const routing::DistanceMm d =
        geodata::walk_to_targets(m_net, home, legs, m_targets[school], n.forward.get(), [&](routing::NodeId x) {
        return to_school[x] == routing::CchMetric::kNoPath ? routing::kUnreachable : routing::DistanceMm{to_school[x]};
    });
    return d == routing::kUnreachable || !m_rules.walking.include_access_legs ? d : d + geodata::access_leg_mm(home);
}

HomeDistances SchoolDistanceIndex::distances(const geodata::Snap& home, std::size_t band) const {
    HomeDistances d;
    const Network& plain = m_networks[0];
    const Network& safe = m_networks[m_network_of_band[band]];
    // The home's legs depend on the network only, not on the school.
    const std::vector<geodata::AccessLeg> plain_legs = geodata::legs_from(m_net, home, plain.forward.get());
    const std::vector<geodata::AccessLeg> safe_legs = geodata::legs_from(m_net, home, safe.forward.get());
    d.plain.reserve(m_schools.schools.size());
    d.safe.reserve(m_schools.schools.size());
    for (std::size_t s = 0; s < m_schools.schools.size(); ++s) {
        d.plain.push_back(lookup(plain, s, home, plain_legs));
        d.safe.push_back(&safe == &plain ? d.plain.back() : lookup(safe, s, home, safe_legs));
    }
    return d;
}

const routing::ArcFilter* SchoolDistanceIndex::forward_filter(std::size_t band) const {
    return m_networks[m_network_of_band[band]].forward.get();
}

const routing::ArcFilter* SchoolDistanceIndex::reverse_filter(std::size_t band) const {
    return m_networks[m_network_of_band[band]].reverse.get();
}

} // namespace skolvag::api
