// SPDX-License-Identifier: MIT
#include "routing/components.hpp"
#include "routing/graph_builder.hpp"

#include <gtest/gtest.h>

using namespace skolvag::routing;

TEST(Components, OneWayArcsStillJoinAComponent) {
    // 0 -> 1 -> 2 only one way; 3 - 4 both ways (two arcs of edge 2).
    const WalkGraph g = build_graph(5, {{0, 1, 100, 0}, {1, 2, 200, 1}, {3, 4, 50, 2}, {4, 3, 50, 2}});
    const Components c = find_components(g);
    ASSERT_EQ(c.count(), 2U);
    EXPECT_EQ(c.node_component[0], c.node_component[2]);
    EXPECT_NE(c.node_component[0], c.node_component[3]);
    const std::uint32_t big = c.node_component[0];
    const std::uint32_t small = c.node_component[3];
    EXPECT_EQ(c.length_mm[big], 300U);
    // An edge walked both ways is counted once.
    EXPECT_EQ(c.length_mm[small], 50U);
    EXPECT_EQ(c.edge_count[small], 1U);
    EXPECT_EQ(c.largest(), big);
}

TEST(Components, EmptyGraphHasNoComponents) {
    const Components c = find_components(build_graph(0, {}));
    EXPECT_EQ(c.count(), 0U);
    EXPECT_EQ(c.largest(), kInvalidId);
}
