// SPDX-License-Identifier: MIT
#include "api/eligibility/school_distance_index.hpp"

#include "geodata/unsafe_places.hpp"

namespace skolvag::api {

class SchoolDistanceIndex::NodeArrays : public SchoolSearchSink {
public:
    NodeArrays(const SearchNetworks& networks, std::vector<std::vector<NodeDistances>>& to_school)
        : m_networks(networks), m_to_school(to_school) {}

    void on_search(std::size_t school, std::size_t network, const routing::CchOneToAll& distances) override {
        NodeDistances& out = m_to_school[network][school];
        const routing::NodeId node_count = m_networks.space(network).graph().node_count();
        out.resize(node_count);
        for (routing::NodeId x = 0; x < node_count; ++x) {
            const routing::DistanceMm d = distances.distance(x);
            out[x] = d == routing::kUnreachable ? routing::CchMetric::kNoPath : static_cast<std::uint32_t>(d);
        }
    }

private:
    const SearchNetworks& m_networks;
    std::vector<std::vector<NodeDistances>>& m_to_school;
};

namespace {

std::vector<bool> every_band(const Rules& rules) { return std::vector<bool>(rules.bands.size(), true); }

/// A kept 32-bit distance as a search gave it: kUnreachable for none.
routing::DistanceMm kept_distance(const std::vector<std::uint32_t>& to_school, routing::NodeId x) {
    return to_school[x] == routing::CchMetric::kNoPath ? routing::kUnreachable : routing::DistanceMm{to_school[x]};
}

} // namespace

SchoolDistanceIndex::SchoolDistanceIndex(const geodata::WalkNetwork& net, const geodata::ReversedNetwork& reversed,
                                         const geodata::NetworkHierarchy& hierarchy, const Rules& rules,
                                         const SchoolRegister& schools, unsigned threads)
    : m_net(net), m_rules(rules),
      m_networks(net, reversed, hierarchy, rules, every_band(rules), threads),
      m_search(m_networks, schools, rules.walking.include_access_legs),
      m_to_school(m_networks.count(), std::vector<NodeDistances>(schools.schools.size())) {
    m_entrance_warnings = check_entrances(m_networks, rules, schools, every_band(rules));
    NodeArrays sink(m_networks, m_to_school);
    m_search.run(sink, threads);
}

routing::DistanceMm SchoolDistanceIndex::lookup(std::size_t network, std::size_t school, const geodata::Snap& home,
                                                const HomeLegs& legs) const {
    const NodeDistances& to_school = m_to_school[network][school];
    if (to_school.empty()) {
        return routing::kUnreachable; // a school without an entrance on the network
    }
    return distance_to_school(m_networks.space(network), home, legs, m_search.targets(school),
                              m_rules.walking.include_access_legs,
                              [&](routing::NodeId x) { return kept_distance(to_school, x); });
}

HomeDistances SchoolDistanceIndex::distances(const geodata::Snap& home, std::size_t band) const {
    HomeDistances d;
    const std::size_t safe = m_networks.of_band(band);
    // The home's legs depend on the network only, not on the school.
    const HomeLegs plain_legs = home_legs(m_networks.space(SearchNetworks::kPlain), home);
    const HomeLegs safe_legs = home_legs(m_networks.space(safe), home);
    const std::size_t schools = m_to_school[SearchNetworks::kPlain].size();
    d.plain.reserve(schools);
    d.safe.reserve(schools);
    for (std::size_t s = 0; s < schools; ++s) {
        d.plain.push_back(lookup(SearchNetworks::kPlain, s, home, plain_legs));
        d.safe.push_back(safe == SearchNetworks::kPlain ? d.plain.back() : lookup(safe, s, home, safe_legs));
    }
    return d;
}

geodata::TargetRoute SchoolDistanceIndex::walk(const geodata::Snap& home, std::size_t network,
                                               std::size_t school) const {
    const NodeDistances& to_school = m_to_school[network][school];
    if (to_school.empty()) {
        return {};
    }
    return geodata::route_to_targets(m_networks.space(network), home, m_search.targets(school),
                                     [&](routing::NodeId x) { return kept_distance(to_school, x); });
}

TracedRoute SchoolDistanceIndex::route(const geodata::Snap& home, std::size_t band, std::size_t school,
                                       RouteKind kind) const {
    const std::size_t network = kind == RouteKind::safe ? m_networks.of_band(band) : SearchNetworks::kPlain;
    const std::vector<geodata::RouteStep> steps =
        geodata::route_steps(m_net, home, m_search.targets(school), walk(home, network, school));
    return marked_route(m_net, m_networks.road_arms(), steps, kind, m_rules.bands[band], m_rules);
}

SchoolDistanceIndex::UnsafePlaces SchoolDistanceIndex::unsafe_places(const geodata::Snap& home, std::size_t band,
                                                                   std::size_t school) const {
    const geodata::TargetRoute route = walk(home, SearchNetworks::kPlain, school);
    const auto worded = [&](geodata::Wording wording) {
        return geodata::unsafe_places(m_net, m_networks.road_arms(), route.edges, m_rules.bands[band].safety,
                                      m_rules.walking, 3, wording);
    };
    return {worded(geodata::Wording::en), worded(geodata::Wording::sv)};
}

} // namespace skolvag::api
