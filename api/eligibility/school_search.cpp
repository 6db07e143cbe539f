// SPDX-License-Identifier: MIT
#include "api/eligibility/school_search.hpp"

#include "routing/parallel_for.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace skolvag::api {

namespace {

/// Where the backward search starts: where a walker steps onto each target's edge.
std::vector<routing::CchOneToAll::Source> search_sources(const geodata::SearchSpace& space,
                                                         std::span<const geodata::Target> targets) {
    std::vector<routing::CchOneToAll::Source> sources;
    for (const geodata::AccessLeg& entry : geodata::entry_legs(space, targets)) {
        sources.push_back({entry.node, entry.length_mm});
    }
    return sources;
}

} // namespace

std::vector<geodata::Target> school_targets(const School& school, bool include_access_legs) {
    std::vector<geodata::Target> targets;
    for (const SchoolEntrance& e : school.entrances) {
        if (e.snap) {
            targets.push_back({*e.snap, include_access_legs ? geodata::access_leg_mm(*e.snap) : 0});
        }
    }
    return targets;
}

HomeLegs home_legs(const geodata::SearchSpace& space, const geodata::Snap& home) { return {space.legs_from(home)}; }

SchoolSearch::SchoolSearch(const SearchNetworks& networks, const SchoolRegister& schools, bool include_access_legs)
    : m_networks(networks) {
    for (const School& school : schools.schools) {
        m_targets.push_back(school_targets(school, include_access_legs));
    }
}

std::size_t SchoolSearch::run(SchoolSearchSink& sink, unsigned threads,
                              const std::function<void(std::size_t, std::size_t)>& progress) const {
    const std::size_t schools = m_targets.size();
    std::atomic<std::size_t> searches{0};
    std::mutex progress_mutex;
    std::size_t done = 0;
    // Per worker and hierarchy (walk graph, turn graph): one query object (its distance
    // array) reused for every search.
    std::vector<std::map<const routing::CchTopology*, std::unique_ptr<routing::CchOneToAll>>> queries(
        std::max(1U, threads));
    routing::parallel_for(schools, threads, [&](std::size_t s, unsigned worker) {
        if (!m_targets[s].empty()) {
            for (std::size_t n = 0; n < m_networks.count(); ++n) {
                std::unique_ptr<routing::CchOneToAll>& query = queries[worker][&m_networks.hierarchy(n)];
                if (!query) {
                    query = std::make_unique<routing::CchOneToAll>(m_networks.hierarchy(n));
                }
                const auto sources = search_sources(m_networks.space(n), m_targets[s]);
                query->run(m_networks.metric(n), sources, routing::CchOneToAll::Direction::to_sources);
                ++searches;
                sink.on_search(s, n, *query);
            }
            sink.on_school_done(s);
        }
        if (progress) {
            const std::lock_guard<std::mutex> lock(progress_mutex);
            progress(++done, schools);
        }
    });
    return searches;
}

} // namespace skolvag::api
