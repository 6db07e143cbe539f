// SPDX-License-Identifier: MIT
// Our Dijkstra against Boost.Graph's dijkstra_shortest_paths as the reference.
#include "routing/dijkstra.hpp"
#include "routing/graph_builder.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <gtest/gtest.h>

#include <random>

using namespace skolvag::routing;

namespace {

std::vector<ArcInput> random_arcs(NodeId n, std::size_t m, std::mt19937& rng) {
    std::uniform_int_distribution<NodeId> node(0, n - 1);
    std::uniform_int_distribution<LengthMm> len(0, 50'000);
    std::vector<ArcInput> arcs;
    for (std::size_t i = 0; i < m; ++i) {
        arcs.push_back({node(rng), node(rng), len(rng), static_cast<std::uint32_t>(i)});
    }
    return arcs;
}

/// Boost.Graph distances from several sources with start offsets, through a super source.
std::vector<DistanceMm> boost_distances(NodeId n, const std::vector<ArcInput>& arcs, const ArcFilter* filter,
                                        const std::vector<std::pair<NodeId, DistanceMm>>& sources) {
    using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, DistanceMm>>;
    G g(n + 1);
    const WalkGraph csr = build_graph(n, arcs);
    const std::vector<NodeId> tail = csr.tails();
    for (ArcId xy = 0; xy < csr.arc_count(); ++xy) {
        if (filter == nullptr || filter->allows(xy)) {
            boost::add_edge(tail[xy], csr.head[xy], csr.length_mm[xy], g);
        }
    }
    for (const auto& [s, offset] : sources) {
        boost::add_edge(n, s, offset, g);
    }
    std::vector<DistanceMm> dist(n + 1);
    boost::dijkstra_shortest_paths(g, n, boost::distance_map(dist.data()).distance_inf(kUnreachable));
    dist.pop_back();
    return dist;
}

} // namespace

TEST(Dijkstra, AgreesWithBoostGraphOnRandomGraphsWithOffsetsAndFilters) {
    std::mt19937 rng(42);
    for (int round = 0; round < 30; ++round) {
        const NodeId n = 200;
        const std::vector<ArcInput> arcs = random_arcs(n, 600, rng);
        const WalkGraph g = build_graph(n, arcs);
        ArcFilter filter(g.arc_count(), true);
        std::bernoulli_distribution drop(0.2);
        for (ArcId xy = 0; xy < g.arc_count(); ++xy) {
            filter.set(xy, !drop(rng));
        }
        const bool filtered = round % 2 == 1;
        std::uniform_int_distribution<NodeId> node(0, n - 1);
        const std::vector<std::pair<NodeId, DistanceMm>> sources = {{node(rng), 1234}, {node(rng), 0}};

        Dijkstra d(g);
        d.reset(filtered ? &filter : nullptr);
        for (const auto& [s, offset] : sources) {
            d.add_source(s, offset);
        }
        d.run();
        const std::vector<DistanceMm> expected = boost_distances(n, arcs, filtered ? &filter : nullptr, sources);
        for (NodeId x = 0; x < n; ++x) {
            ASSERT_EQ(d.distance_to(x), expected[x]) << "round " << round << " node " << x;
        }
    }
}

TEST(Dijkstra, PathArcsSumToTheDistance) {
    std::mt19937 rng(7);
    const std::vector<ArcInput> arcs = random_arcs(100, 400, rng);
    const WalkGraph g = build_graph(100, arcs);
    const std::vector<NodeId> tail = g.tails();
    Dijkstra d(g);
    d.reset().add_source(0).run();
    for (NodeId x = 0; x < 100; ++x) {
        if (d.distance_to(x) == kUnreachable) {
            continue;
        }
        const std::vector<ArcId> path = d.arc_path_to(x);
        DistanceMm sum = 0;
        NodeId at = 0;
        for (ArcId xy : path) {
            ASSERT_EQ(tail[xy], at);
            sum += g.length_mm[xy];
            at = g.head[xy];
        }
        EXPECT_EQ(at, x);
        EXPECT_EQ(sum, d.distance_to(x));
    }
}

TEST(Dijkstra, StopsEarlyOnceTargetsAreSettledAndResetForgetsEverything) {
    // A line 0 - 1 - 2 - ... - 99, 1 m per arc.
    std::vector<ArcInput> arcs;
    for (NodeId x = 0; x + 1 < 100; ++x) {
        arcs.push_back({x, x + 1, 1000, x});
    }
    const WalkGraph g = build_graph(100, arcs);
    Dijkstra d(g);
    const NodeId targets[] = {5};
    EXPECT_EQ(d.reset().add_source(0).run_until_settled(targets), 5000U);
    EXPECT_LT(d.settled_count(), 10U);
    EXPECT_EQ(d.distance_to(50), kUnreachable);

    // A new search starts from scratch: node 5 is now 45 m back, and unreachable
    // against the arc direction.
    const NodeId far[] = {99};
    EXPECT_EQ(d.reset().add_source(50).run_until_settled(far), 49'000U);
    EXPECT_EQ(d.distance_to(5), kUnreachable);
}

TEST(Dijkstra, TheSmallerStartOfARepeatedSourceWins) {
    const WalkGraph g = build_graph(2, {{0, 1, 10, 0}});
    Dijkstra d(g);
    d.reset().add_source(0, 500).add_source(0, 200).add_source(0, 900).run();
    EXPECT_EQ(d.distance_to(0), 200U);
    EXPECT_EQ(d.distance_to(1), 210U);
}

TEST(Dijkstra, AForbiddenArcIsNeverUsed) {
    // 0 -> 1 directly (1 m, forbidden) or via 2 (10 m).
    const WalkGraph g = build_graph(3, {{0, 1, 1000, 0}, {0, 2, 5000, 1}, {2, 1, 5000, 2}});
    ArcFilter filter(g.arc_count(), true);
    filter.set(0, false);
    Dijkstra d(g);
    d.reset(&filter).add_source(0).run();
    EXPECT_EQ(d.distance_to(1), 10'000U);
    d.reset().add_source(0).run();
    EXPECT_EQ(d.distance_to(1), 1000U);
}
