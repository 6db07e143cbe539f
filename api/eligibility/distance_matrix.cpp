// SPDX-License-Identifier: MIT
#include "api/eligibility/distance_matrix.hpp"

#include "api/eligibility/school_search.hpp"
#include "geodata/unsafe_places.hpp"

#include <algorithm>
#include <utility>

namespace skolvag::api {

namespace {

/// The homes looked up in a network's searches, in the order their lookups run (by
/// their first leg's hierarchy rank: a school's lookups then read its distances, stored
/// by rank, front to back), each with what its lookup needs side by side, so that the
/// lookups stream through these arrays and touch nothing else.
struct RankedHomes {
    struct Home {
        std::size_t home;
        std::uint32_t edge;            ///< the edge the home is snapped onto
        routing::NodeId node;          ///< the node it lies exactly on; kInvalidId inside its edge
        routing::DistanceMm access_mm; ///< its own access leg when the rules count it, else 0
    };
    struct Leg {
        routing::NodeId rank;
        routing::DistanceMm length_mm;
    };
    std::vector<Home> homes;
    std::vector<std::uint32_t> first_leg; ///< homes.size() + 1 entries into legs
    std::vector<Leg> legs;
};

RankedHomes ranked_homes(const geodata::SearchSpace& space, const routing::CchTopology& hierarchy,
                         const std::vector<std::size_t>& homes, const std::vector<HomeQuery>& queries,
                         bool include_access_legs) {
    std::vector<std::pair<routing::NodeId, std::size_t>> order; // (first leg's rank, home)
    std::vector<std::vector<RankedHomes::Leg>> legs(homes.size());
    for (std::size_t i = 0; i < homes.size(); ++i) {
        for (const geodata::AccessLeg& leg : space.legs_from(queries[homes[i]].snap)) {
            legs[i].push_back({hierarchy.rank(leg.node), leg.length_mm});
        }
        order.emplace_back(legs[i].empty() ? routing::kInvalidId : legs[i].front().rank, i);
    }
    std::sort(order.begin(), order.end());
    const geodata::WalkNetwork& net = space.network();
    RankedHomes r;
    r.first_leg.push_back(0);
    for (const auto& [rank, i] : order) {
        const geodata::Snap& snap = queries[homes[i]].snap;
        const geodata::WalkEdge& edge = net.edges[snap.edge];
        const routing::NodeId node = snap.place == geodata::SnapPlace::from_node ? edge.from
                                     : snap.place == geodata::SnapPlace::to_node ? edge.to
                                                                                 : routing::kInvalidId;
        r.homes.push_back({homes[i], snap.edge, node, include_access_legs ? geodata::access_leg_mm(snap) : 0});
        r.legs.insert(r.legs.end(), legs[i].begin(), legs[i].end());
        r.first_leg.push_back(static_cast<std::uint32_t>(r.legs.size()));
    }
    return r;
}

} // namespace

/// The batch run's consumer of the school search: each search fills its school's
/// column for the homes on that network (each school's column is written by one
/// thread only), and a finished school traces the routes asked of it.
class MatrixSink : public SchoolSearchSink {
public:
    MatrixSink(const MatrixInputs& in, const SearchNetworks& networks, const SchoolSearch& search,
               DistanceMatrix& matrix)
        : m_in(in), m_networks(networks), m_search(search), m_matrix(matrix), m_homes_of_network(networks.count()),
          m_route_homes(in.schools.schools.size()), m_explain_homes(in.schools.schools.size()),
          m_plain_distances(in.schools.schools.size()) {
        std::vector<std::size_t> all_homes;
        for (std::size_t h = 0; h < in.homes.size(); ++h) {
            const HomeQuery& home = in.homes[h];
            const std::size_t n = networks.of_band(home.band);
            m_network_of_home.push_back(n);
            m_homes_of_network[n].push_back(h);
            all_homes.push_back(h);
            if (home.route_school < m_route_homes.size()) {
                m_route_homes[home.route_school].push_back(h);
            }
            if (home.explain_school < m_explain_homes.size() && n != SearchNetworks::kPlain) {
                m_explain_homes[home.explain_school].push_back(h);
            }
        }
        for (std::size_t s = 0; s < in.schools.schools.size(); ++s) {
            m_direct.emplace_back(in.net, search.targets(s));
        }
        // The plain search is looked up for every home (the plain distance); a band's
        // only for the homes of that band.
        for (std::size_t n = 0; n < networks.count(); ++n) {
            m_lookups.push_back(
                ranked_homes(networks.space(n), networks.hierarchy(n),
                             n == SearchNetworks::kPlain ? all_homes : m_homes_of_network[n], in.homes,
                             in.rules.walking.include_access_legs));
        }
    }

    void on_search(std::size_t school, std::size_t network, const routing::CchOneToAll& distances) override {
        routing::DistanceMm* plain = &m_matrix.m_plain[school * m_matrix.m_homes];
        routing::DistanceMm* safe = &m_matrix.m_safe[school * m_matrix.m_homes];
        routing::DistanceMm* column = network == SearchNetworks::kPlain ? plain : safe;
        const geodata::SearchSpace& space = m_networks.space(network);
        const geodata::DirectReach& direct = m_direct[school];
        const bool access_legs = m_in.rules.walking.include_access_legs;
        const RankedHomes& lookups = m_lookups[network];
        for (std::size_t i = 0; i < lookups.homes.size(); ++i) {
            const RankedHomes::Home& home = lookups.homes[i];
            if (direct.possible(home.edge, home.node)) {
                // On an entrance's edge or at its node: the whole rule, with the walk that needs no search.
                const geodata::Snap& snap = m_in.homes[home.home].snap;
                column[home.home] = distance_to_school(space, snap, home_legs(space, snap), m_search.targets(school),
                                                       access_legs,
                                                       [&](routing::NodeId x) { return distances.distance(x); });
                continue;
            }
            routing::DistanceMm best = routing::kUnreachable;
            for (std::uint32_t l = lookups.first_leg[i]; l < lookups.first_leg[i + 1]; ++l) {
                const routing::DistanceMm d = distances.distance_at_rank(lookups.legs[l].rank);
                if (d != routing::kUnreachable) {
                    best = std::min(best, lookups.legs[l].length_mm + d);
                }
            }
            column[home.home] = best == routing::kUnreachable ? best : best + home.access_mm;
        }
        if (m_in.cut != nullptr) {
            mark_unproven(school, network, distances, column);
        }
        if (network == SearchNetworks::kPlain) {
            for (std::size_t h : m_homes_of_network[network]) {
                safe[h] = plain[h];
            }
            // Kept until the school is done: the walks explained are read off them.
            if (!m_explain_homes[school].empty()) {
                std::vector<routing::DistanceMm>& keep = m_plain_distances[school];
                keep.resize(space.graph().node_count());
                for (routing::NodeId x = 0; x < keep.size(); ++x) {
                    keep[x] = distances.distance(x);
                }
            }
        }
    }

    void on_school_done(std::size_t school) override {
        explain(school);
        if (m_route_homes[school].empty()) {
            return;
        }
        RouteTracer tracer(m_networks, m_search.targets(school));
        for (std::size_t h : m_route_homes[school]) {
            const routing::DistanceMm plain = m_matrix.plain_mm(h, school);
            const routing::DistanceMm safe = m_matrix.safe_mm(h, school);
            const std::optional<TracedRoute> route =
                tracer.trace(m_in.homes[h].snap, m_network_of_home[h], m_in.rules.bands[m_in.homes[h].band], m_in.rules,
                             safe != routing::kUnreachable, plain != routing::kUnreachable);
            if (route && !route->positions.empty() && m_in.routes) {
                m_in.routes(h, *route, plain, safe);
            }
        }
    }

private:
    /// On a cut network: the entries of this search that are not the whole network's
    /// (network_cut.hpp). A search that reached a node outside the region may have
    /// missed routes through the rest of the country; one that did not reached exactly
    /// what it reaches on the whole network. The cut's components are the whole's.
    void mark_unproven(std::size_t school, std::size_t network, const routing::CchOneToAll& distances,
                       const routing::DistanceMm* column) {
        const geodata::CutLimits& cut = *m_in.cut;
        const bool turns = m_networks.space(network).turn_aware();
        bool escaped = false;
        for (const routing::NodeId x : turns ? cut.outside_walk_arcs : cut.outside_walk_nodes) {
            if (distances.distance(x) != routing::kUnreachable) {
                escaped = true;
                break;
            }
        }
        // A home in another component of the whole network than every entrance has no
        // route there either (a band's network is part of the plain one).
        std::vector<std::uint32_t> school_components;
        for (const SchoolEntrance& e : m_in.schools.schools[school].entrances) {
            if (e.snap) {
                school_components.push_back(m_in.net.component_of_edge(e.snap->edge));
            }
        }
        const auto apart = [&](std::uint32_t edge) {
            return std::find(school_components.begin(), school_components.end(), m_in.net.component_of_edge(edge)) ==
                   school_components.end();
        };
        const std::uint8_t bits = network == SearchNetworks::kPlain ? 1U : 2U;
        std::uint8_t* unproven = &m_matrix.m_unproven[school * m_matrix.m_homes];
        for (const RankedHomes::Home& home : m_lookups[network].homes) {
            const routing::DistanceMm d = column[home.home];
            if (d == routing::kUnreachable ? escaped && !apart(home.edge) : d >= cut.proven_below_mm) {
                unproven[home.home] |= bits;
            }
        }
        if (network == SearchNetworks::kPlain) {
            // A home of a band without a network of its own has its safe distance from here.
            for (std::size_t h : m_homes_of_network[network]) {
                unproven[h] = static_cast<std::uint8_t>((unproven[h] & ~2U) | ((unproven[h] & 1U) << 1U));
            }
        }
    }

    /// Why the homes of a school without a safe route to it have none: the unsafe places
    /// on their plain walks, read off the plain distances kept by on_search.
    void explain(std::size_t school) {
        std::vector<routing::DistanceMm>& plain = m_plain_distances[school];
        const geodata::SearchSpace& space = m_networks.space(SearchNetworks::kPlain);
        for (std::size_t h : m_explain_homes[school]) {
            if (m_matrix.safe_mm(h, school) != routing::kUnreachable ||
                m_matrix.plain_mm(h, school) == routing::kUnreachable) {
                continue;
            }
            const geodata::TargetRoute walk = geodata::route_to_targets(
                space, m_in.homes[h].snap, m_search.targets(school), [&](routing::NodeId x) { return plain[x]; });
            m_matrix.m_unsafe_places[h] = geodata::unsafe_places(m_in.net, m_networks.road_arms(), walk.edges,
                                                                 m_in.rules.bands[m_in.homes[h].band].safety,
                                                                 m_in.rules.walking);
        }
        std::vector<routing::DistanceMm>().swap(plain);
    }

    const MatrixInputs& m_in;
    const SearchNetworks& m_networks;
    const SchoolSearch& m_search;
    DistanceMatrix& m_matrix;
    std::vector<std::size_t> m_network_of_home;
    std::vector<std::vector<std::size_t>> m_homes_of_network;
    std::vector<geodata::DirectReach> m_direct; ///< school -> where its entrances are reached without a search
    std::vector<RankedHomes> m_lookups;         ///< network -> the homes looked up in its searches
    std::vector<std::vector<std::size_t>> m_route_homes; ///< school -> homes whose route to trace
    std::vector<std::vector<std::size_t>> m_explain_homes; ///< school -> homes to explain (not on the plain network)
    std::vector<std::vector<routing::DistanceMm>> m_plain_distances; ///< school -> node -> plain distance, while needed
};

DistanceMatrix::DistanceMatrix(std::size_t homes, std::size_t schools)
    : m_homes(homes), m_schools(schools), m_plain(homes * schools, routing::kUnreachable),
      m_safe(homes * schools, routing::kUnreachable), m_unsafe_places(homes) {}

bool DistanceMatrix::row_proven(std::size_t home) const {
    for (std::size_t s = 0; s < m_schools; ++s) {
        if (!proven(home, s, false) || !proven(home, s, true)) {
            return false;
        }
    }
    return true;
}

HomeDistances DistanceMatrix::row(std::size_t home) const {
    HomeDistances d;
    for (std::size_t s = 0; s < m_schools; ++s) {
        d.plain.push_back(plain_mm(home, s));
        d.safe.push_back(safe_mm(home, s));
    }
    return d;
}

DistanceMatrix compute_distance_matrix(const MatrixInputs& in,
                                       const std::function<void(std::size_t, std::size_t)>& progress) {
    // Only the bands the homes have need a network.
    std::vector<bool> bands_needed(in.rules.bands.size(), false);
    for (const HomeQuery& h : in.homes) {
        bands_needed[h.band] = true;
    }
    const SearchNetworks networks(in.net, in.reversed, in.hierarchy, in.rules, bands_needed, in.threads);
    const SchoolSearch search(networks, in.schools, in.rules.walking.include_access_legs);
    DistanceMatrix m(in.homes.size(), in.schools.schools.size());
    if (in.cut != nullptr) {
        m.m_unproven.assign(in.homes.size() * in.schools.schools.size(), 0);
    }
    m.m_entrance_warnings = check_entrances(networks, in.rules, in.schools, bands_needed);
    MatrixSink sink(in, networks, search, m);
    m.m_searches = search.run(sink, in.threads, progress);
    return m;
}

} // namespace skolvag::api
