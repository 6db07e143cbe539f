// SPDX-License-Identifier: MIT
// Islands (walking-network.md §3, §7): components shorter than min_component_m catch
// no points; larger separate components stay snappable and give no_route.
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {

// 50 m per character. a-b is the mainland (1250 m). c-d is a 100 m park path that
// joins nothing. e-f is a separate 1150 m network, 400 m south of the mainland.
// 1 is 50 m from the park path, 150 m from the mainland and 250 m from e-f;
// 2 is 50 m from e-f.
constexpr const char* kDrawing = R"(
    a------------------------b

        c-d
        1




    e----------------------f
    2
)";

WalkFixture islands(double min_component_m) {
    WalkFixture f(kDrawing, 50.0,
                  {{"ab", {{"highway", "footway"}}}, {"cd", {{"highway", "path"}}}, {"ef", {{"highway", "footway"}}}});
    f.with_rules("name = \"islands\"\nmin_component_m = " + std::to_string(min_component_m) + "\n");
    return f;
}

} // namespace

TEST(Island, ASmallComponentCatchesNoPoints) {
    const WalkFixture f = islands(1000);
    // 1 snaps onto the mainland at its 200 m mark, 150 m away, not onto the park path.
    expect_routes(f, {{'1', 'a', 200.0}});
    EXPECT_NEAR(*f.distance('1', 'a').from_snap_m, 150.0, 0.05);
}

TEST(Island, ZeroDisablesTheIslandRule) {
    const WalkFixture f = islands(0);
    expect_routes(f, {{'1', 'a', std::nullopt, DistanceStatus::no_route}});
    EXPECT_NEAR(*f.distance('1', 'a').from_snap_m, 50.0, 0.05);
}

TEST(Island, ALargeSeparateComponentIsRealAndGivesNoRoute) {
    const WalkFixture f = islands(1000);
    expect_routes(f, {
        {'2', 'a', std::nullopt, DistanceStatus::no_route},
        {'2', 'f', 1150.0},
    });
}

TEST(Island, AComponentExactlyAsLongAsTheLimitIsKept) {
    // "ignored when its total length is strictly less than min_component_m".
    const WalkFixture probe = islands(0);
    const auto snap = probe.snap('1');
    ASSERT_TRUE(snap.has_value());
    const auto park_mm = probe.network().components.length_mm[probe.network().component_of_edge(snap->edge)];
    const double park_m = static_cast<double>(park_mm) / 1000.0;
    ASSERT_NEAR(park_m, 100.0, 0.05);

    WalkFixture kept = islands(0);
    kept.with_rules("name = \"x\"\nmin_component_m = " + std::to_string(park_m) + "\n");
    EXPECT_NEAR(*kept.distance('1', 'a').from_snap_m, 50.0, 0.05);

    WalkFixture ignored = islands(0);
    ignored.with_rules("name = \"x\"\nmin_component_m = " + std::to_string(park_m + 0.002) + "\n");
    EXPECT_NEAR(*ignored.distance('1', 'a').from_snap_m, 150.0, 0.05);
}
