// SPDX-License-Identifier: MIT
// Perpendicular projection onto segments and the snap radius (walking-network.md §3),
// and the segment index's box query (the map's network).
#include "geodata/geodesic.hpp"
#include "geodata/snap.hpp"
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace skolvag::geodata;
using namespace skolvag::testing;

TEST(ProjectOntoSegment, FootOfThePerpendicularInsideTheSegment) {
    // A 100 m east-west segment and a point 30 m north of its 40 m mark.
    const LonLat a{18.0, 59.3};
    const LonLat b = geodesic_direct(a, 90.0, 100.0);
    const LonLat mark = geodesic_direct(a, 90.0, 40.0);
    const LonLat p = geodesic_direct(mark, 0.0, 30.0);
    const SegmentFoot foot = project_onto_segment(p, a, b, geodesic_distance_m(a, b));
    EXPECT_EQ(foot.end, 0);
    EXPECT_NEAR(foot.distance_m, 30.0, 0.005);
    EXPECT_NEAR(foot.along_m, 40.0, 0.005);
    EXPECT_NEAR(geodesic_distance_m(foot.position, mark), 0.0, 0.005);
}

TEST(ProjectOntoSegment, ClampsToTheNearestEnd) {
    const LonLat a{18.0, 59.3};
    const LonLat b = geodesic_direct(a, 90.0, 100.0);
    const LonLat before = geodesic_direct(a, 270.0, 25.0);
    const SegmentFoot foot = project_onto_segment(before, a, b, geodesic_distance_m(a, b));
    EXPECT_EQ(foot.end, -1);
    EXPECT_NEAR(foot.distance_m, 25.0, 1e-6);
    EXPECT_EQ(foot.along_m, 0.0);
    const SegmentFoot after = project_onto_segment(geodesic_direct(b, 45.0, 10.0), a, b, geodesic_distance_m(a, b));
    EXPECT_EQ(after.end, 1);
    EXPECT_NEAR(after.distance_m, 10.0, 1e-6);
}

TEST(Snapper, SnapsToTheNearestSegmentNotTheNearestNode) {
    // Point 1 is 20 m below the middle of the long edge a-b; node c is closer to it
    // than either end of a-b, but c-d's segment is farther than a-b's middle.
    const WalkFixture f(R"(
        a---------b

            1

        c-d
    )", 10.0, {{"ab", {{"highway", "footway"}}}, {"cd", {{"highway", "footway"}}}});
    const auto s = f.snap('1');
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(f.network().edges[s->edge].osm_way_id, 100);
    EXPECT_NEAR(s->snap_m, 20.0, 0.02);
    EXPECT_NEAR(s->offset_m, 40.0, 0.02);
    EXPECT_EQ(s->place, SnapPlace::interior);
}

TEST(Snapper, RespectsTheSnapRadiusInclusively) {
    const WalkFixture f(R"(
        a-b

        1
    )", 10.0, {{"ab", {{"highway", "footway"}}}});
    EXPECT_TRUE(f.snapper().snap(f.map().position('1'), 25.0, 0).has_value());
    EXPECT_FALSE(f.snapper().snap(f.map().position('1'), 15.0, 0).has_value());
    const double exact = f.snapper().snap(f.map().position('1'), 25.0, 0)->snap_m;
    EXPECT_TRUE(f.snapper().snap(f.map().position('1'), exact, 0).has_value()); // <= max_snap_m is on the network
}

TEST(Snapper, APointBeyondAWayEndSnapsOntoTheEndNode) {
    const WalkFixture f(R"(
        1 a---b
    )", 10.0, {{"ab", {{"highway", "footway"}}}});
    const auto s = f.snap('1');
    ASSERT_TRUE(s.has_value());
    EXPECT_NEAR(s->snap_m, 20.0, 0.02);
    EXPECT_EQ(s->place, SnapPlace::from_node);
    EXPECT_EQ(s->offset_m, 0.0);
}

TEST(SegmentIndex, VisitsTheSegmentsThatMeetABoxEvenWithNoPointInside) {
    // The box from 1 to 2 holds no point of any way; a-b crosses it, c-d passes below.
    const WalkFixture f(R"(
            1
        a-----------b
                2
        c---d
    )", 10.0, {{"ab", {{"highway", "footway"}}}, {"cd", {{"highway", "footway"}}}});
    const auto ways_in = [&](const LonLat& p, const LonLat& q) {
        LonLatBox box;
        box.extend(p);
        box.extend(q);
        std::set<long long> ways;
        f.snapper().index().visit_in_box(box, [&](const SegmentIndex::Segment& s) {
            ways.insert(static_cast<long long>(f.network().edges[s.edge].osm_way_id));
        });
        return ways;
    };
    EXPECT_EQ(ways_in(f.map().position('1'), f.map().position('2')), std::set<long long>{100});
    EXPECT_EQ(ways_in(f.map().position('a'), f.map().position('d')), (std::set<long long>{100, 101}));
    EXPECT_TRUE(ways_in(f.map().position('2'), f.map().position('2')).empty());
    EXPECT_TRUE(ways_in(LonLat{10.0, 50.0}, LonLat{10.1, 50.1}).empty());
}
