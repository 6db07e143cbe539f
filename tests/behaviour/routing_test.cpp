// SPDX-License-Identifier: MIT
// Shortest walking routes on small stories (walking-network.md §1-§3).
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;
using namespace skolvag::testing;

TEST(WalkingDistance, AFootwayShortcutBeatsTheRoad) {
    const WalkFixture f(R"(
        a---------b
        |         |
        c---------d
    )", 10.0, {{"acdb", {{"highway", "residential"}}}, {"ab", {{"highway", "footway"}}}});
    expect_routes(f, {
        {'a', 'b', 100.0},
        {'c', 'b', 120.0}, // c-a then the footway, not c-d-b (120 as well): tie
        {'c', 'd', 100.0},
    });
}

TEST(WalkingDistance, MotorwayIsNotAShortcut) {
    const WalkFixture f(R"(
        a---b---c
        |       |
        d-------e
    )", 10.0, {
        {"abc", {{"highway", "motorway"}}},
        {"ad", {{"highway", "footway"}}},
        {"de", {{"highway", "residential"}}},
        {"ec", {{"highway", "footway"}}},
    });
    expect_routes(f, {
        {'a', 'c', 120.0}, // around via d-e, not 80 along the motorway
        {'c', 'a', 120.0},
    });
}

TEST(WalkingDistance, LengthFollowsTheWaysGeometry) {
    // A winding path: 20 + 10 + 30 + 10 + 20 = 90 m between a and b, 30 m apart.
    const WalkFixture f(R"(
        a  b
        |  |
        w  z
        x--y
    )", 10.0, {{"awxyzb", {{"highway", "path"}}}});
    expect_routes(f, {{'a', 'b', 90.0}});
}

TEST(WalkingDistance, WaysThatCrossWithoutASharedNodeDoNotConnect) {
    // A footbridge c-d over the street a-b: no common node, no junction.
    const WalkFixture f(R"(
            c
            |
        a---+---b
            |
            d
    )", 10.0, {{"ab", {{"highway", "residential"}}}, {"cd", {{"highway", "footway"}, {"bridge", "yes"}}}});
    expect_routes(f, {
        {'a', 'b', 80.0},
        {'c', 'd', 40.0},
        {'a', 'c', std::nullopt, DistanceStatus::no_route},
    });
}

TEST(WalkingDistance, ParallelWaysBetweenTheSameNodesTakeTheShorter) {
    const WalkFixture f(R"(
        a-------b
        |       |
        c-------d
    )", 10.0, {{"ab", {{"highway", "footway"}}}, {"acdb", {{"highway", "footway"}}}});
    expect_routes(f, {{'a', 'b', 80.0}, {'b', 'a', 80.0}});
}
