// SPDX-License-Identifier: MIT
// The customizable contraction hierarchy against Dijkstra: one-to-all distances in
// both directions, with several sources, offsets and arc filters, on random graphs.
#include "routing/cch.hpp"
#include "routing/dijkstra.hpp"
#include "routing/graph_builder.hpp"
#include "routing/nested_dissection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace skolvag::routing;

namespace {

/// A random near-planar graph: points in a square, arcs to nearby points, some one-way.
struct RandomTown {
    struct Point {
        float x;
        float y;
    };
    WalkGraph graph;
    std::vector<Point> points;
};

RandomTown random_town(NodeId n, std::mt19937& rng) {
    RandomTown t;
    std::uniform_real_distribution<float> coord(0.0F, 100.0F);
    for (NodeId i = 0; i < n; ++i) {
        t.points.push_back({coord(rng), coord(rng)});
    }
    std::vector<ArcInput> arcs;
    std::bernoulli_distribution one_way(0.1);
    std::uniform_int_distribution<LengthMm> extra(0, 5000);
    std::uint32_t edge = 0;
    for (NodeId a = 0; a < n; ++a) {
        for (NodeId b = a + 1; b < n; ++b) {
            const float dx = t.points[a].x - t.points[b].x;
            const float dy = t.points[a].y - t.points[b].y;
            if (dx * dx + dy * dy < 140.0F) {
                const auto len = static_cast<LengthMm>(std::sqrt(dx * dx + dy * dy) * 1000.0F) + extra(rng);
                arcs.push_back({a, b, len, edge});
                if (!one_way(rng)) {
                    arcs.push_back({b, a, len, edge});
                }
                ++edge;
            }
        }
    }
    t.graph = build_graph(n, arcs);
    return t;
}

} // namespace

TEST(Cch, NestedDissectionRanksEveryNodeOnce) {
    std::mt19937 rng(3);
    const RandomTown t = random_town(500, rng);
    std::vector<NodeId> order = nested_dissection_order(t.graph);
    ASSERT_EQ(order.size(), 500U);
    std::sort(order.begin(), order.end());
    for (NodeId i = 0; i < 500; ++i) {
        EXPECT_EQ(order[i], i);
    }
}

TEST(Cch, OneToAllDistancesEqualDijkstraInBothDirections) {
    std::mt19937 rng(11);
    for (int round = 0; round < 6; ++round) {
        const RandomTown t = random_town(700, rng);
        const CchTopology topology(t.graph, nested_dissection_order(t.graph));
        const WalkGraph reversed = t.graph.reversed();

        ArcFilter filter(t.graph.arc_count(), true);
        ArcFilter reversed_filter(reversed.arc_count(), true);
        std::bernoulli_distribution drop(0.25);
        std::vector<bool> edge_ok(t.graph.arc_count(), true);
        for (std::size_t e = 0; e < edge_ok.size(); ++e) {
            edge_ok[e] = !drop(rng);
        }
        for (ArcId xy = 0; xy < t.graph.arc_count(); ++xy) {
            filter.set(xy, edge_ok[t.graph.arc_edge[xy]]);
        }
        for (ArcId xy = 0; xy < reversed.arc_count(); ++xy) {
            reversed_filter.set(xy, edge_ok[reversed.arc_edge[xy]]);
        }
        const bool filtered = round % 2 == 1;
        const CchMetric metric(topology, filtered ? &filter : nullptr);

        std::uniform_int_distribution<NodeId> node(0, 699);
        const std::vector<CchOneToAll::Source> sources = {{node(rng), 700}, {node(rng), 0}, {node(rng), 12345}};
        CchOneToAll cch(topology);
        for (const auto direction : {CchOneToAll::Direction::from_sources, CchOneToAll::Direction::to_sources}) {
            const bool forward = direction == CchOneToAll::Direction::from_sources;
            cch.run(metric, sources, direction);
            Dijkstra d(forward ? t.graph : reversed);
            d.reset(filtered ? (forward ? &filter : &reversed_filter) : nullptr);
            for (const auto& s : sources) {
                d.add_source(s.node, s.start_mm);
            }
            d.run();
            for (NodeId x = 0; x < 700; ++x) {
                ASSERT_EQ(cch.distance(x), d.distance_to(x))
                    << "round " << round << " node " << x << (forward ? " from" : " to") << " sources";
            }
        }
    }
}
