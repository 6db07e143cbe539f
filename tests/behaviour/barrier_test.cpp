// SPDX-License-Identifier: MIT
// Barrier nodes (walking-network.md §1, §7): walls, fences and the like, locked
// barriers and barriers closed to walkers cut every walkable way through them;
// gates, bollards, stiles and other barriers are passable.
// Reference: https://wiki.openstreetmap.org/wiki/Key:barrier
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {

struct BarrierRow {
    Tags node_tags;
    bool passable;
};

const BarrierRow kBarriers[] = {
    // tags on node b                                                   passable
    {{{"barrier", "gate"}},                                              true},
    {{{"barrier", "bollard"}},                                           true},
    {{{"barrier", "stile"}},                                             true},
    {{{"barrier", "kissing_gate"}},                                      true},
    {{{"barrier", "turnstile"}},                                         true},
    {{{"barrier", "kerb"}},                                              true},
    {{{"barrier", "lift_gate"}},                                         true},
    {{{"barrier", "wall"}},                                              false},
    {{{"barrier", "fence"}},                                             false},
    {{{"barrier", "hedge"}},                                             false},
    {{{"barrier", "retaining_wall"}},                                    false},
    {{{"barrier", "city_wall"}},                                         false},
    {{{"barrier", "ditch"}},                                             false},
    {{{"barrier", "guard_rail"}},                                        false},
    {{{"barrier", "fence"}, {"foot", "yes"}},                            false}, // a fence stays a fence
    {{{"barrier", "gate"}, {"locked", "yes"}},                           false},
    {{{"barrier", "gate"}, {"locked", "yes"}, {"foot", "yes"}},          false},
    {{{"barrier", "gate"}, {"locked", "no"}},                            true},
    {{{"barrier", "gate"}, {"foot", "no"}},                              false},
    {{{"barrier", "gate"}, {"foot", "private"}},                         false},
    {{{"barrier", "gate"}, {"access", "no"}},                            false},
    {{{"barrier", "gate"}, {"access", "private"}},                       false},
    {{{"barrier", "gate"}, {"access", "no"}, {"foot", "yes"}},           true},
    {{{"barrier", "gate"}, {"access", "private"}, {"foot", "designated"}}, true},
    {{{"barrier", "gate"}, {"access", "no"}, {"foot", "permissive"}},    true},
    {{{"barrier", "gate"}, {"access", "permit"}},                        true},
    {{{"barrier", "bollard"}, {"access", "destination"}},                true},
    {{{"access", "no"}},                                                 true},  // not a barrier at all
    {{{"highway", "crossing"}},                                          true},
};

std::string describe(const BarrierRow& row) {
    std::string s = "node b:";
    for (const auto& [k, v] : row.node_tags) {
        s += " " + k + "=" + v;
    }
    return s + (row.passable ? " -> passable" : " -> blocks");
}

} // namespace

TEST(Barrier, TagsDecideWhetherABarrierCanBeWalkedThrough) {
    for (const BarrierRow& row : kBarriers) {
        SCOPED_TRACE(describe(row));
        const WalkFixture f(R"(
            a---b---c
        )", 10.0, {{"abc", {{"highway", "footway"}}}}, {{'b', row.node_tags}});
        if (row.passable) {
            expect_routes(f, {{'a', 'c', 80.0}});
        } else {
            // Both ends still snap onto the pieces beside the barrier.
            expect_routes(f, {{'a', 'c', std::nullopt, DistanceStatus::no_route}});
        }
    }
}

TEST(Barrier, ABlockingBarrierCutsEveryWayThatMeetsThere) {
    // Three ways meet at a locked gate b: none of the pieces connect through it, and
    // a point next to b still snaps onto one of them.
    const WalkFixture f(R"(
        a---b---c
          1 |
            d
    )", 10.0,
        {{"ab", {{"highway", "footway"}}}, {"bc", {{"highway", "footway"}}}, {"bd", {{"highway", "path"}}}},
        {{'b', {{"barrier", "gate"}, {"locked", "yes"}}}});
    expect_routes(f, {
        {'a', 'c', std::nullopt, DistanceStatus::no_route},
        {'a', 'd', std::nullopt, DistanceStatus::no_route},
        {'c', 'd', std::nullopt, DistanceStatus::no_route},
        {'1', 'a', 20.0},  // 1 snaps onto the piece a-b, 10 m away
        {'1', 'c', std::nullopt, DistanceStatus::no_route},
    });
}

TEST(Barrier, AWalkerGoesAroundAFence) {
    const WalkFixture f(R"(
        a---b---c
        |       |
        d-------e
    )", 10.0, {{"abc", {{"highway", "footway"}}}, {"adec", {{"highway", "footway"}}}},
        {{'b', {{"barrier", "fence"}}}});
    expect_routes(f, {
        {'a', 'c', 120.0}, // 20 + 80 + 20 around, not 80 through the fence
        {'c', 'a', 120.0},
    });
}
