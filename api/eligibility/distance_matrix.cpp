// SPDX-License-Identifier: MIT
#include "api/eligibility/distance_matrix.hpp"

#include "geodata/band_safety.hpp"
#include "geodata/walk_router.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <mutex>

namespace skolvag::api {

namespace {

using routing::DistanceMm;
using routing::kUnreachable;

/// A network to search: the plain one (index 0), or a band's safe network. Bands
/// whose masks are equal share one; a band for which every edge is safe uses the plain.
struct SearchNetwork {
    std::vector<bool> edge_safe;                     ///< empty for the plain network
    std::unique_ptr<routing::ArcFilter> forward;     ///< nullptr for the plain network
    std::unique_ptr<routing::ArcFilter> reverse;
    std::unique_ptr<routing::CchMetric> metric;
    std::vector<std::size_t> homes;                  ///< homes whose band uses this network
};

/// A home's partial edges to its edge's ends, for one network.
struct HomeLegs {
    std::array<geodata::AccessLeg, 2> leg{};
    std::size_t count = 0;
    std::span<const geodata::AccessLeg> span() const { return {leg.data(), count}; }
};

HomeLegs legs_of(const geodata::WalkNetwork& net, const geodata::Snap& snap, const routing::ArcFilter* filter) {
    HomeLegs h;
    for (const geodata::AccessLeg& l : geodata::legs_from(net, snap, filter)) {
        h.leg[h.count++] = l;
    }
    return h;
}

std::vector<SearchNetwork> plan_networks(const MatrixInputs& in) {
    std::vector<SearchNetwork> networks(1); // the plain network
    std::vector<std::optional<std::size_t>> network_of_band(in.rules.bands.size());
    std::vector<bool> band_seen(in.rules.bands.size(), false);
    for (const HomeQuery& h : in.homes) {
        band_seen[h.band] = true;
    }
    for (std::size_t b = 0; b < in.rules.bands.size(); ++b) {
        if (!band_seen[b]) {
            continue;
        }
        std::vector<bool> mask = geodata::safe_edge_mask(in.net, in.rules.bands[b].safety, in.rules.walking);
        if (std::all_of(mask.begin(), mask.end(), [](bool safe) { return safe; })) {
            network_of_band[b] = 0;
            continue;
        }
        for (std::size_t n = 1; n < networks.size(); ++n) {
            if (networks[n].edge_safe == mask) {
                network_of_band[b] = n;
            }
        }
        if (!network_of_band[b]) {
            network_of_band[b] = networks.size();
            SearchNetwork sn;
            sn.forward = std::make_unique<routing::ArcFilter>(geodata::arc_filter_from_edges(in.net.graph, mask));
            sn.reverse = std::make_unique<routing::ArcFilter>(geodata::arc_filter_from_edges(in.reversed.graph, mask));
            sn.edge_safe = std::move(mask);
            networks.push_back(std::move(sn));
        }
    }
    for (std::size_t h = 0; h < in.homes.size(); ++h) {
        networks[*network_of_band[in.homes[h].band]].homes.push_back(h);
    }
    return networks;
}

/// Traces the routes of homes that chose one school, on Dijkstra search trees (the
/// hierarchy gives distances, not paths): the safe route where there is one, else
/// the plain one.
void trace_routes(const MatrixInputs& in, std::span<const geodata::Target> targets,
                  const std::vector<std::size_t>& homes, const std::vector<SearchNetwork>& networks,
                  const std::vector<std::size_t>& network_of_home, const DistanceMm* plain, const DistanceMm* safe,
                  std::vector<DistanceMatrix::Route>& routes) {
    geodata::TargetTree plain_tree(in.net, in.reversed);
    plain_tree.compute(targets, nullptr, nullptr);
    std::vector<std::unique_ptr<geodata::TargetTree>> band_trees(networks.size());
    for (std::size_t h : homes) {
        const std::size_t n = network_of_home[h];
        if (safe[h] != kUnreachable && n != 0) {
            if (!band_trees[n]) {
                band_trees[n] = std::make_unique<geodata::TargetTree>(in.net, in.reversed);
                band_trees[n]->compute(targets, networks[n].forward.get(), networks[n].reverse.get());
            }
            routes[h] = {band_trees[n]->path_from(in.homes[h].snap), true};
        } else if (safe[h] != kUnreachable) {
            routes[h] = {plain_tree.path_from(in.homes[h].snap), true};
        } else if (plain[h] != kUnreachable) {
            routes[h] = {plain_tree.path_from(in.homes[h].snap), false};
        }
    }
}

} // namespace

DistanceMatrix::DistanceMatrix(std::size_t homes, std::size_t schools)
    : m_homes(homes), m_plain(homes * schools, kUnreachable), m_safe(homes * schools, kUnreachable), m_routes(homes) {}

HomeDistances DistanceMatrix::row(std::size_t home) const {
    const std::size_t schools = m_homes == 0 ? 0 : m_plain.size() / m_homes;
    HomeDistances d;
    for (std::size_t s = 0; s < schools; ++s) {
        d.plain.push_back(plain_mm(home, s));
        d.safe.push_back(safe_mm(home, s));
    }
    return d;
}

DistanceMatrix compute_distance_matrix(const MatrixInputs& in,
                                       const std::function<void(std::size_t, std::size_t)>& progress) {
    const std::size_t school_count = in.schools.schools.size();
    const std::size_t home_count = in.homes.size();
    DistanceMatrix m(home_count, school_count);
    const bool legs = in.rules.walking.include_access_legs;
    std::vector<SearchNetwork> networks = plan_networks(in);

    // One customization per network, in parallel.
    routing::parallel_for(networks.size(), in.threads, [&](std::size_t n, unsigned) {
        networks[n].metric = std::make_unique<routing::CchMetric>(in.hierarchy, networks[n].forward.get());
    });
    // Every home's legs on the plain network and on its band's network.
    std::vector<std::size_t> network_of_home(home_count, 0);
    for (std::size_t n = 0; n < networks.size(); ++n) {
        for (std::size_t h : networks[n].homes) {
            network_of_home[h] = n;
        }
    }
    std::vector<HomeLegs> plain_legs(home_count);
    std::vector<HomeLegs> band_legs(home_count);
    std::vector<std::vector<std::size_t>> route_homes(school_count);
    for (std::size_t h = 0; h < home_count; ++h) {
        plain_legs[h] = legs_of(in.net, in.homes[h].snap, nullptr);
        band_legs[h] = legs_of(in.net, in.homes[h].snap, networks[network_of_home[h]].forward.get());
        if (in.homes[h].route_school < school_count) {
            route_homes[in.homes[h].route_school].push_back(h);
        }
    }

    std::atomic<std::size_t> searches{0};
    std::mutex progress_mutex;
    std::size_t done = 0;
    const unsigned threads = std::max(1U, in.threads);
    // Per worker: one query object (its distance array) reused for every search.
    std::vector<std::unique_ptr<routing::CchOneToAll>> queries(threads);

    auto school_task = [&](std::size_t s, routing::CchOneToAll& query) {
        std::vector<geodata::Target> targets;
        for (const SchoolEntrance& e : in.schools.schools[s].entrances) {
            if (e.snap) {
                targets.push_back({*e.snap, legs ? geodata::access_leg_mm(*e.snap) : 0});
            }
        }
        if (targets.empty()) {
            return;
        }
        // Each task writes only its school's column: no two threads share one.
        DistanceMm* plain = &m.m_plain[s * home_count];
        DistanceMm* safe = &m.m_safe[s * home_count];
        std::vector<routing::CchOneToAll::Source> sources;
        for (std::size_t n = 0; n < networks.size(); ++n) {
            const SearchNetwork& net = networks[n];
            sources.clear();
            for (const geodata::Target& t : targets) {
                for (const geodata::AccessLeg& leg : geodata::legs_to(in.net, t.snap, net.forward.get())) {
                    sources.push_back({leg.node, leg.length_mm + t.extra_mm});
                }
            }
            query.run(*net.metric, sources, routing::CchOneToAll::Direction::to_sources);
            ++searches;
            auto node_distance = [&](routing::NodeId x) { return query.distance(x); };
            auto lookup = [&](std::size_t h, const HomeLegs& home_legs) {
                const DistanceMm d = geodata::walk_to_targets(in.net, in.homes[h].snap, home_legs.span(), targets,
                                                              net.forward.get(), node_distance);
                return d == kUnreachable || !legs ? d : d + geodata::access_leg_mm(in.homes[h].snap);
            };
            if (n == 0) {
                for (std::size_t h = 0; h < home_count; ++h) {
                    plain[h] = lookup(h, plain_legs[h]);
                }
                for (std::size_t h : net.homes) {
                    safe[h] = plain[h];
                }
            } else {
                for (std::size_t h : net.homes) {
                    safe[h] = lookup(h, band_legs[h]);
                }
            }
        }
        if (!route_homes[s].empty()) {
            trace_routes(in, targets, route_homes[s], networks, network_of_home, plain, safe, m.m_routes);
        }
    };

    routing::parallel_for(school_count, threads, [&](std::size_t s, unsigned worker) {
        if (!queries[worker]) {
            queries[worker] = std::make_unique<routing::CchOneToAll>(in.hierarchy);
        }
        school_task(s, *queries[worker]);
        if (progress) {
            const std::lock_guard<std::mutex> lock(progress_mutex);
            progress(++done, school_count);
        }
    });
    m.m_searches = searches;
    return m;
}

} // namespace skolvag::api
