// SPDX-License-Identifier: MIT
// Walking direction: `oneway` is ignored, `oneway:foot` is honoured
// (walking-network.md §1, §7). Reference: https://wiki.openstreetmap.org/wiki/Key:oneway
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {

// a-b is the way under test (80 m); a-c-d-b a footway detour (120 m).
// Points 1 and 2 lie on a-b itself, 20 m from a and from b.
constexpr const char* kDrawing = R"(
    a-1---2-b
    |       |
    c-------d
)";

WalkFixture fixture_with(const Tags& ab_tags) {
    return WalkFixture(kDrawing, 10.0, {{"ab", ab_tags}, {"acdb", {{"highway", "footway"}}}});
}

} // namespace

TEST(Direction, CarOnewayIsIgnoredForWalkers) {
    const WalkFixture f = fixture_with({{"highway", "residential"}, {"oneway", "yes"}});
    expect_routes(f, {
        {'a', 'b', 80.0},
        {'b', 'a', 80.0},
        {'2', '1', 40.0},
    });
}

TEST(Direction, OnewayFootYesAllowsOnlyTheWaysDirection) {
    const WalkFixture f = fixture_with({{"highway", "footway"}, {"oneway:foot", "yes"}});
    expect_routes(f, {
        {'a', 'b', 80.0},
        {'b', 'a', 120.0},  // the detour
        {'1', '2', 40.0},   // same edge, with the way
        {'2', '1', 160.0},  // same edge, against it: 2-b, detour, a-1
    });
}

TEST(Direction, OnewayFootMinusOneAllowsOnlyAgainstTheWay) {
    const WalkFixture f = fixture_with({{"highway", "footway"}, {"oneway:foot", "-1"}});
    expect_routes(f, {
        {'a', 'b', 120.0},
        {'b', 'a', 80.0},
        {'1', '2', 160.0},
        {'2', '1', 40.0},
    });
}

TEST(Direction, OtherOnewayFootValuesAreIgnored) {
    for (const char* value : {"no", "reversible", "alternating", "1", "true"}) {
        SCOPED_TRACE(std::string("oneway:foot=") + value);
        const WalkFixture f = fixture_with({{"highway", "footway"}, {"oneway:foot", value}});
        expect_routes(f, {
            {'a', 'b', 80.0},
            {'b', 'a', 80.0},
        });
    }
}

TEST(Direction, OnewayFootWithoutADetourGivesNoRoute) {
    const WalkFixture f(R"(
        a-1---2-b
    )", 10.0, {{"ab", {{"highway", "footway"}, {"oneway:foot", "yes"}}}});
    expect_routes(f, {
        {'1', '2', 40.0},
        {'2', '1', std::nullopt, DistanceStatus::no_route},
        {'b', 'a', std::nullopt, DistanceStatus::no_route},
    });
}
