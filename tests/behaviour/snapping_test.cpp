// SPDX-License-Identifier: MIT
// Snapping and partial edges (walking-network.md §3): a point snaps to the nearest
// point on the nearest walkable segment; the distance counts the partial edges from
// the projected points, or the direct stretch when both lie on one edge; snap
// distances are reported but only added with include_access_legs.
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {
// One 200 m footway a-b-c (b is a junction with the side path b-d).
// 3 is 10 m off its 30 m mark, 1 is 10 m off its 50 m mark, 2 is 20 m off its 130 m
// mark (and 30 m from b-d).
constexpr const char* kLine = R"(
    a---------b---------c
       3 1    |
              |  2
              d
)";
} // namespace

TEST(Snapping, DistanceIsMeasuredBetweenTheProjectedPoints) {
    const WalkFixture f(kLine, 10.0, {{"abc", {{"highway", "footway"}}}, {"bd", {{"highway", "footway"}}}});
    const PointDistance d = f.distance('1', '2');
    ASSERT_EQ(d.status, DistanceStatus::ok);
    EXPECT_NEAR(*d.distance_m, 80.0, 0.05); // 130 m mark - 50 m mark

    EXPECT_NEAR(*d.from_snap_m, 10.0, 0.05);
    EXPECT_NEAR(*d.to_snap_m, 20.0, 0.05);
}

TEST(Snapping, TwoPointsOnOneEdgeUseTheDirectStretch) {
    const WalkFixture f(kLine, 10.0, {{"abc", {{"highway", "footway"}}}, {"bd", {{"highway", "footway"}}}});
    expect_routes(f, {
        {'3', '1', 20.0},
        {'1', '3', 20.0},
        {'1', '1', 0.0},
    });
}

TEST(Snapping, AccessLegsAreAddedOnlyWhenTheRulesSaySo) {
    WalkFixture f(kLine, 10.0, {{"abc", {{"highway", "footway"}}}, {"bd", {{"highway", "footway"}}}});
    expect_routes(f, {{'1', '3', 20.0}});
    f.with_rules("name = \"legs\"\ninclude_access_legs = true\nmin_component_m = 0\n");
    expect_routes(f, {{'1', '3', 20.0 + 10.0 + 10.0}});
}

TEST(Snapping, APointBeyondMaxSnapIsNotOnTheNetwork) {
    // 50 m per character: 1 is 300 m from the footway, 2 is 50 m from it.
    const WalkFixture f(R"(
        a---b
           2




        1
    )", 50.0, {{"ab", {{"highway", "footway"}}}});
    expect_routes(f, {
        {'1', 'a', std::nullopt, DistanceStatus::from_not_on_network},
        {'a', '1', std::nullopt, DistanceStatus::to_not_on_network},
        {'1', '1', std::nullopt, DistanceStatus::from_not_on_network}, // both off: from is reported
        {'2', 'a', 150.0},
    });
    const PointDistance off = f.distance('a', '1');
    EXPECT_TRUE(off.from_snap_m.has_value()); // the end that snapped still reports its snap distance
    EXPECT_FALSE(off.to_snap_m.has_value());
}

TEST(Snapping, NearestSegmentWinsEvenWhenItMeansALongerWalk) {
    // 1 is 10 m from the footway e-f, which joins a-b only at its far end b.
    const WalkFixture f(R"(
        a-------b
                |
        e-------f
        1
    )", 10.0, {{"ab", {{"highway", "footway"}}}, {"bf", {{"highway", "footway"}}}, {"fe", {{"highway", "footway"}}}});
    expect_routes(f, {{'1', 'a', 80.0 + 20.0 + 80.0}});
}

TEST(Snapping, ExcludedWaysCatchNoPoints) {
    // 1 lies 10 m from a motorway but snaps to the footway 20 m away.
    const WalkFixture f(R"(
        a-------b

        1
        c-------d

        e-------g
    )", 10.0, {{"cd", {{"highway", "motorway"}}}, {"ab", {{"highway", "footway"}}}, {"eg", {{"highway", "footway"}}}});
    const auto s = f.snap('1');
    ASSERT_TRUE(s.has_value());
    EXPECT_NEAR(s->snap_m, 20.0, 0.05);
    EXPECT_EQ(f.network().edges[s->edge].profile.highway, HighwayClass::footway);
    EXPECT_EQ(f.network().edges[s->edge].osm_way_id, 101); // a-b, the second way
}
