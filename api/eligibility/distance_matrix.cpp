// SPDX-License-Identifier: MIT
#include "api/eligibility/distance_matrix.hpp"

#include "geodata/band_safety.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace skolvag::api {

namespace {

using routing::DistanceMm;
using routing::kUnreachable;

/// A band's safe network; bands whose masks are equal share one, and a band for
/// which every edge is safe uses the plain search.
struct SafetyNetwork {
    std::vector<bool> edge_safe;
    routing::ArcFilter forward;
    routing::ArcFilter reverse;
    std::vector<std::size_t> homes; ///< homes whose band uses this network
};

struct Plan {
    std::vector<SafetyNetwork> networks;
    std::vector<std::size_t> plain_homes; ///< homes whose band is safe everywhere
};

Plan make_plan(const MatrixInputs& in) {
    Plan plan;
    std::vector<std::optional<std::size_t>> network_of_band(in.rules.bands.size());
    std::vector<bool> band_seen(in.rules.bands.size(), false);
    for (const HomeQuery& h : in.homes) {
        band_seen[h.band] = true;
    }
    for (std::size_t b = 0; b < in.rules.bands.size(); ++b) {
        if (!band_seen[b]) {
            continue;
        }
        std::vector<bool> mask = geodata::safe_edge_mask(in.net, in.rules.bands[b], in.rules);
        if (std::all_of(mask.begin(), mask.end(), [](bool safe) { return safe; })) {
            continue; // the plain search serves this band
        }
        for (std::size_t n = 0; n < plan.networks.size(); ++n) {
            if (plan.networks[n].edge_safe == mask) {
                network_of_band[b] = n;
            }
        }
        if (!network_of_band[b]) {
            network_of_band[b] = plan.networks.size();
            SafetyNetwork sn;
            sn.forward = geodata::arc_filter_from_edges(in.net.graph, mask);
            sn.reverse = geodata::arc_filter_from_edges(in.reversed.graph, mask);
            sn.edge_safe = std::move(mask);
            plan.networks.push_back(std::move(sn));
        }
    }
    for (std::size_t h = 0; h < in.homes.size(); ++h) {
        if (const auto n = network_of_band[in.homes[h].band]) {
            plan.networks[*n].homes.push_back(h);
        } else {
            plan.plain_homes.push_back(h);
        }
    }
    return plan;
}

} // namespace

DistanceMatrix::DistanceMatrix(std::size_t homes, std::size_t schools)
    : m_homes(homes), m_plain(homes * schools, kUnreachable), m_safe(homes * schools, kUnreachable), m_routes(homes) {}

DistanceMatrix compute_distance_matrix(const MatrixInputs& in,
                                       const std::function<void(std::size_t, std::size_t)>& progress) {
    const std::size_t school_count = in.schools.schools.size();
    DistanceMatrix m(in.homes.size(), school_count);
    const Plan plan = make_plan(in);
    const bool legs = in.rules.include_access_legs;

    std::atomic<std::size_t> next_school{0};
    std::atomic<std::size_t> searches{0};
    std::mutex progress_mutex;
    std::size_t done = 0;
    std::exception_ptr failure;

    auto worker = [&] {
        try {
            geodata::TargetTree plain_tree(in.net, in.reversed);
            geodata::TargetTree band_tree(in.net, in.reversed);
            std::vector<geodata::Target> targets;
            for (std::size_t s = next_school++; s < school_count; s = next_school++) {
                targets.clear();
                for (const SchoolEntrance& e : in.schools.schools[s].entrances) {
                    if (e.snap) {
                        targets.push_back({*e.snap, legs ? geodata::access_leg_mm(*e.snap) : 0});
                    }
                }
                // Each thread writes only its school's column: no two threads share one.
                DistanceMm* plain = &m.m_plain[s * m.m_homes];
                DistanceMm* safe = &m.m_safe[s * m.m_homes];
                auto lookup = [&](const geodata::TargetTree& tree, std::size_t h) {
                    const DistanceMm d = tree.distance_from(in.homes[h].snap);
                    return d == kUnreachable || !legs ? d : d + geodata::access_leg_mm(in.homes[h].snap);
                };
                if (!targets.empty()) {
                    plain_tree.compute(targets, nullptr, nullptr);
                    ++searches;
                    for (std::size_t h = 0; h < in.homes.size(); ++h) {
                        plain[h] = lookup(plain_tree, h);
                    }
                    for (std::size_t h : plan.plain_homes) {
                        safe[h] = plain[h];
                        if (in.homes[h].route_school == s && plain[h] != kUnreachable) {
                            m.m_routes[h] = {plain_tree.path_from(in.homes[h].snap), true};
                        }
                    }
                    for (const SafetyNetwork& sn : plan.networks) {
                        band_tree.compute(targets, &sn.forward, &sn.reverse);
                        ++searches;
                        for (std::size_t h : sn.homes) {
                            safe[h] = lookup(band_tree, h);
                            if (in.homes[h].route_school != s) {
                                continue;
                            }
                            if (safe[h] != kUnreachable) {
                                m.m_routes[h] = {band_tree.path_from(in.homes[h].snap), true};
                            } else if (plain[h] != kUnreachable) {
                                m.m_routes[h] = {plain_tree.path_from(in.homes[h].snap), false};
                            }
                        }
                    }
                }
                if (progress) {
                    const std::lock_guard<std::mutex> lock(progress_mutex);
                    progress(++done, school_count);
                }
            }
        } catch (...) {
            const std::lock_guard<std::mutex> lock(progress_mutex);
            failure = std::current_exception();
            next_school = school_count; // stop the other workers early
        }
    };

    const unsigned thread_count = std::max(1U, std::min<unsigned>(in.threads, static_cast<unsigned>(school_count)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < thread_count; ++t) {
        pool.emplace_back(worker);
    }
    worker();
    for (std::thread& t : pool) {
        t.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    m.m_searches = searches;
    return m;
}

} // namespace skolvag::api
