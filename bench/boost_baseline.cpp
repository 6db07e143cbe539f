// SPDX-License-Identifier: MIT
#include "bench/boost_baseline.hpp"

#include "geodata/band_safety.hpp"
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

/// One band's reversed graph with a super source, and its arcs in the forward graph.
struct BandGraph {
    std::unique_ptr<Graph> graph;
    routing::ArcFilter forward;
};

class Baseline {
public:
    Baseline(const api::MatrixInputs& in, bool safe)
        : m_in(in), m_safe(safe), m_tail(in.reversed.graph.tails()),
          m_out(in.homes.size() * in.schools.schools.size(), kUnreachable) {
        // One mask per band the homes have (plain: one mask of every edge).
        for (const api::HomeQuery& h : in.homes) {
            const std::size_t key = safe ? h.band : 0;
            if (!m_masks.count(key)) {
                m_masks[key] = safe ? geodata::safe_edge_mask(in.net, in.rules.bands[h.band].safety, in.rules.walking)
                                    : std::vector<bool>(in.net.edge_count(), true);
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
        const routing::WalkGraph& reversed = m_in.reversed.graph;
        std::map<std::size_t, BandGraph> out;
        for (const auto& [band, mask] : m_masks) {
            auto g = std::make_unique<Graph>(m_in.net.graph.node_count() + 1);
            for (routing::ArcId r = 0; r < reversed.arc_count(); ++r) {
                if (mask[reversed.arc_edge[r]]) {
                    boost::add_edge(m_tail[r], reversed.head[r], reversed.length_mm[r], *g);
                }
            }
            out.emplace(band, BandGraph{std::move(g), geodata::arc_filter_from_edges(m_in.net.graph, mask)});
        }
        return out;
    }

    void search_school(std::size_t s, std::size_t band, BandGraph& g) {
        const bool legs = m_in.rules.walking.include_access_legs;
        const auto source = static_cast<Graph::vertex_descriptor>(m_in.net.graph.node_count());
        boost::clear_out_edges(source, *g.graph);
        std::vector<geodata::Target> targets;
        for (const api::SchoolEntrance& e : m_in.schools.schools[s].entrances) {
            if (e.snap) {
                const DistanceMm extra = legs ? geodata::access_leg_mm(*e.snap) : 0;
                targets.push_back({*e.snap, extra});
                for (const geodata::AccessLeg& leg : geodata::legs_to(m_in.net, *e.snap, &g.forward)) {
                    boost::add_edge(source, leg.node, leg.length_mm + extra, *g.graph);
                }
            }
        }
        if (targets.empty()) {
            return;
        }
        std::vector<DistanceMm> dist(m_in.net.graph.node_count() + 1);
        boost::dijkstra_shortest_paths(*g.graph, source, boost::distance_map(dist.data()).distance_inf(kUnreachable));
        const std::size_t homes = m_in.homes.size();
        for (std::size_t h = 0; h < homes; ++h) {
            if (m_safe && m_in.homes[h].band != band) {
                continue;
            }
            const geodata::Snap& snap = m_in.homes[h].snap;
            const std::vector<geodata::AccessLeg> home_legs = geodata::legs_from(m_in.net, snap, &g.forward);
            DistanceMm best = geodata::walk_to_targets(m_in.net, snap, home_legs, targets, &g.forward,
                                                       [&](routing::NodeId x) { return dist[x]; });
            if (best != kUnreachable && legs) {
                best += geodata::access_leg_mm(snap);
            }
            m_out[s * homes + h] = best;
        }
    }

    const api::MatrixInputs& m_in;
    bool m_safe;
    std::vector<routing::NodeId> m_tail;
    std::map<std::size_t, std::vector<bool>> m_masks; ///< band (0 for plain) -> edge mask
    std::vector<DistanceMm> m_out;
};

} // namespace

std::vector<DistanceMm> boost_baseline_matrix(const api::MatrixInputs& in, bool safe, unsigned threads) {
    return Baseline(in, safe).run(threads);
}

} // namespace skolvag::bench
