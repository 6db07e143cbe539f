// SPDX-License-Identifier: MIT
#include "api/eligibility/school_search.hpp"

#include "routing/parallel_for.hpp"

#include <atomic>
#include <memory>
#include <mutex>

namespace skolvag::api {

namespace {

/// Where the backward search starts: where a walker steps onto each target's edge.
std::vector<routing::CchOneToAll::Source> search_sources(const geodata::WalkNetwork& net,
                                                         std::span<const geodata::Target> targets,
                                                         const routing::ArcFilter* forward) {
    std::vector<routing::CchOneToAll::Source> sources;
    for (const geodata::AccessLeg& entry : geodata::entry_legs(net, targets, forward)) {
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

HomeLegs home_legs(const geodata::WalkNetwork& net, const geodata::Snap& home, const routing::ArcFilter* forward) {
    HomeLegs h;
    for (const geodata::AccessLeg& l : geodata::legs_from(net, home, forward)) {
        h.leg[h.count++] = l;
    }
    return h;
}

SchoolSearch::SchoolSearch(const geodata::WalkNetwork& net, const SearchNetworks& networks,
                           const SchoolRegister& schools, bool include_access_legs)
    : m_net(net), m_networks(networks) {
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
    // Per worker: one query object (its distance array) reused for every search.
    std::vector<std::unique_ptr<routing::CchOneToAll>> queries(std::max(1U, threads));
    routing::parallel_for(schools, threads, [&](std::size_t s, unsigned worker) {
        if (!m_targets[s].empty()) {
            if (!queries[worker]) {
                queries[worker] = std::make_unique<routing::CchOneToAll>(m_networks.hierarchy());
            }
            for (std::size_t n = 0; n < m_networks.count(); ++n) {
                const auto sources = search_sources(m_net, m_targets[s], m_networks.forward(n));
                queries[worker]->run(m_networks.metric(n), sources, routing::CchOneToAll::Direction::to_sources);
                ++searches;
                sink.on_search(s, n, *queries[worker]);
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
