// SPDX-License-Identifier: MIT
#include "routing/graph_builder.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace skolvag::routing;

TEST(GraphBuilder, SortsArcsByTailAndKeepsTheirAttributes) {
    // 0 -> 2 (5 mm), 2 -> 1 (7 mm), 0 -> 1 (3 mm), given out of order.
    const WalkGraph g = build_graph(3, {{0, 2, 5, 10}, {2, 1, 7, 11}, {0, 1, 3, 12}});
    g.validate();
    ASSERT_EQ(g.node_count(), 3U);
    ASSERT_EQ(g.arc_count(), 3U);
    EXPECT_EQ(g.first_out, (std::vector<ArcId>{0, 2, 2, 3}));
    // Arcs of one tail keep their input order.
    EXPECT_EQ(g.head[0], 2U);
    EXPECT_EQ(g.length_mm[0], 5U);
    EXPECT_EQ(g.arc_edge[0], 10U);
    EXPECT_EQ(g.head[1], 1U);
    EXPECT_EQ(g.arc_edge[1], 12U);
    EXPECT_EQ(g.head[2], 1U);
    EXPECT_EQ(g.tails(), (std::vector<NodeId>{0, 0, 2}));
}

TEST(GraphBuilder, RejectsAnArcOutsideTheGraph) {
    EXPECT_THROW(build_graph(2, {{0, 2, 1, 0}}), std::invalid_argument);
}

TEST(GraphBuilder, ReversedGraphTurnsEveryArcAround) {
    const WalkGraph g = build_graph(3, {{0, 1, 4, 0}, {1, 2, 6, 1}});
    const WalkGraph r = g.reversed();
    r.validate();
    ASSERT_EQ(r.arc_count(), 2U);
    // 1 -> 0 and 2 -> 1
    EXPECT_EQ(r.first_out, (std::vector<ArcId>{0, 0, 1, 2}));
    EXPECT_EQ(r.head[0], 0U);
    EXPECT_EQ(r.length_mm[0], 4U);
    EXPECT_EQ(r.head[1], 1U);
    EXPECT_EQ(r.arc_edge[1], 1U);
}

TEST(WalkGraph, ValidateCatchesABrokenShape) {
    WalkGraph g = build_graph(2, {{0, 1, 1, 0}});
    g.head[0] = 9;
    EXPECT_THROW(g.validate(), std::logic_error);
    g = build_graph(2, {{0, 1, 1, 0}});
    g.length_mm.pop_back();
    EXPECT_THROW(g.validate(), std::logic_error);
}
