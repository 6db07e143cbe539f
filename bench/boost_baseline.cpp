// SPDX-License-Identifier: MIT
#include "bench/boost_baseline.hpp"

#include "geodata/band_safety.hpp"
#include "geodata/search_space.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/turn_network.hpp"
#include "geodata/walk_router.hpp"
#include "routing/parallel_for.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <map>
#include <memory>

namespace skolvag::bench {

namespace {

using routing::DistanceMm;
using routing::kUnreachable;
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, DistanceMm>>;

/// One band's reversed search graph with a super source.
struct BandGraph {
    std::unique_ptr<Graph> graph;
    const geodata::SearchSpace* space;
};

class Baseline {
public:
    Baseline(const api::MatrixInputs& in, bool safe)
        : m_in(in), m_safe(safe), m_out(in.homes.size() * in.schools.schools.size(), kUnreachable) {
        // One search space per band the homes have (plain: the whole walk graph), made
        // as the spec says, not by the code under test's network planning.
        for (const api::HomeQuery& h : in.homes) {
            const std::size_t key = safe ? h.band : 0;
            if (m_spaces.count(key)) {
                continue;
            }
            if (!safe) {
                m_spaces[key] = std::make_unique<geodata::SearchSpace>(in.net, in.reversed);
                continue;
            }
            const geodata::BandSafety& band = in.rules.bands[h.band].safety;
            const std::vector<bool> mask = geodata::safe_edge_mask(in.net, band, in.rules.walking);
            if (geodata::band_restricts_passages(band)) {
                if (!m_turns) {
                    m_turns = std::make_unique<geodata::TurnNetwork>(in.net);
                    m_arms = std::make_unique<geodata::RoadArms>(in.net, m_turns->ends, in.rules.walking);
                }
                m_spaces[key] = std::make_unique<geodata::SearchSpace>(in.net, *m_turns, *m_arms, mask, band);
            } else {
                m_spaces[key] = std::make_unique<geodata::SearchSpace>(in.net, in.reversed, mask);
            }
        }
    }

    std::vector<DistanceMm> run(unsigned threads) {
        // Each worker has its own graphs: the super source's arcs change per school.
        std::vector<std::map<std::size_t, BandGraph>> workers(std::max(1U, threads));
        routing::parallel_for(m_in.schools.schools.size(), threads, [&](std::size_t s, unsigned worker) {
            if (workers[worker].empty()) {
                workers[worker] = graphs();
            }
            for (auto& [band, g] : workers[worker]) {
                search_school(s, band, g);
            }
        });
        return std::move(m_out);
    }

private:
    std::map<std::size_t, BandGraph> graphs() const {
        std::map<std::size_t, BandGraph> out;
        for (const auto& [band, space] : m_spaces) {
            const routing::WalkGraph& reversed = space->reversed_graph();
            const routing::ArcFilter* filter = space->reverse_filter();
            const std::vector<routing::NodeId> tail = reversed.tails();
            auto g = std::make_unique<Graph>(reversed.node_count() + 1);
            for (routing::ArcId r = 0; r < reversed.arc_count(); ++r) {
                if (filter == nullptr || filter->allows(r)) {
                    boost::add_edge(tail[r], reversed.head[r], reversed.length_mm[r], *g);
                }
            }
            out.emplace(band, BandGraph{std::move(g), space.get()});
        }
        return out;
    }

    void search_school(std::size_t s, std::size_t band, BandGraph& g) {
        const bool legs = m_in.rules.walking.include_access_legs;
        const routing::NodeId nodes = g.space->graph().node_count();
        const auto source = static_cast<Graph::vertex_descriptor>(nodes);
        boost::clear_out_edges(source, *g.graph);
        std::vector<geodata::Target> targets;
        for (const api::SchoolEntrance& e : m_in.schools.schools[s].entrances) {
            if (e.snap) {
                const DistanceMm extra = legs ? geodata::access_leg_mm(*e.snap) : 0;
                targets.push_back({*e.snap, extra});
                for (const geodata::AccessLeg& leg : g.space->legs_to(*e.snap)) {
                    boost::add_edge(source, leg.node, leg.length_mm + extra, *g.graph);
                }
            }
        }
        if (targets.empty()) {
            return;
        }
        std::vector<DistanceMm> dist(nodes + 1);
        boost::dijkstra_shortest_paths(*g.graph, source, boost::distance_map(dist.data()).distance_inf(kUnreachable));
        const std::size_t homes = m_in.homes.size();
        for (std::size_t h = 0; h < homes; ++h) {
            if (m_safe && m_in.homes[h].band != band) {
                continue;
            }
            const geodata::Snap& snap = m_in.homes[h].snap;
            const std::vector<geodata::AccessLeg> home_legs = g.space->legs_from(snap);
            DistanceMm best = geodata::walk_to_targets(*g.space, snap, home_legs, targets,
                                                       [&](routing::NodeId x) { return dist[x]; });
            if (best != kUnreachable && legs) {
                best += geodata::access_leg_mm(snap);
            }
            m_out[s * homes + h] = best;
        }
    }

    const api::MatrixInputs& m_in;
    bool m_safe;
    std::unique_ptr<geodata::TurnNetwork> m_turns;
    std::unique_ptr<geodata::RoadArms> m_arms;
    std::map<std::size_t, std::unique_ptr<geodata::SearchSpace>> m_spaces; ///< band (0 for plain) -> its space
    std::vector<DistanceMm> m_out;
};

} // namespace

std::vector<DistanceMm> boost_baseline_matrix(const api::MatrixInputs& in, bool safe, unsigned threads) {
    return Baseline(in, safe).run(threads);
}

} // namespace skolvag::bench
