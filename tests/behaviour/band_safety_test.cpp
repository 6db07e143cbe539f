// SPDX-License-Identifier: MIT
// Safe walking distance per grade band (walking-network.md §4, §5, §7): a motor-traffic
// way is unsafe for a band when its effective maxspeed exceeds the band's
// max_speed_without_sidewalk and it has no sidewalk of its own.
// References: https://wiki.openstreetmap.org/wiki/Key:maxspeed,
// https://wiki.openstreetmap.org/wiki/Key:sidewalk
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {

// The road a-b-c (120 m) is the way under test; a-d-e-c is a footway detour (160 m).
constexpr const char* kDrawing = R"(
    a-----b-----c
    |           |
    d-----------e
)";

constexpr double kRoad = 120.0;
constexpr double kDetour = 160.0;

struct SafetyRow {
    Tags road;
    double f3;   // band F-3: 50 km/h without sidewalk
    double b46;  // band 4-6: 60 km/h
    double b79;  // band 7-9: 70 km/h
    double gy;   // band gy: no limit
};

const SafetyRow kSafety[] = {
    // road tags                                                        F-3      4-6      7-9      gy
    {{{"highway", "primary"}},                                          kDetour, kDetour, kRoad,   kRoad},  // default 70
    {{{"highway", "primary"}, {"sidewalk", "both"}},                    kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "primary"}, {"sidewalk", "separate"}},                kDetour, kDetour, kRoad,   kRoad},
    {{{"highway", "primary"}, {"sidewalk", "no"}},                      kDetour, kDetour, kRoad,   kRoad},
    {{{"highway", "primary"}, {"sidewalk:left", "yes"}},                kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "primary"}, {"sidewalk:right", "yes"}},               kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "primary"}, {"sidewalk:both", "yes"}},                kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "primary"}, {"sidewalk", "right"}},                   kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "primary"}, {"sidewalk:left", "separate"}},           kDetour, kDetour, kRoad,   kRoad},
    {{{"highway", "residential"}},                                      kRoad,   kRoad,   kRoad,   kRoad},  // default 50
    {{{"highway", "residential"}, {"maxspeed", "60"}},                  kDetour, kRoad,   kRoad,   kRoad},
    {{{"highway", "residential"}, {"maxspeed", "30 mph"}},              kRoad,   kRoad,   kRoad,   kRoad},  // 48.3
    {{{"highway", "residential"}, {"maxspeed", "40 mph"}},              kDetour, kDetour, kRoad,   kRoad},  // 64.4
    {{{"highway", "primary"}, {"maxspeed", "50;30"}},                   kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "residential"}, {"maxspeed", "30;60"}},               kDetour, kRoad,   kRoad,   kRoad},
    {{{"highway", "residential"}, {"maxspeed", "SE:rural"}},            kDetour, kDetour, kRoad,   kRoad},
    {{{"highway", "primary"}, {"maxspeed", "SE:urban"}},                kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "residential"}, {"maxspeed", "none"}},                kDetour, kDetour, kDetour, kRoad},
    {{{"highway", "residential"}, {"maxspeed:forward", "30"}, {"maxspeed:backward", "60"}},
                                                                        kDetour, kRoad,   kRoad,   kRoad},
    {{{"highway", "primary"}, {"maxspeed", "signals"}},                 kDetour, kDetour, kRoad,   kRoad},  // default
    {{{"highway", "primary"}, {"maxspeed", "signals"}, {"maxspeed:forward", "30"}},
                                                                        kDetour, kDetour, kRoad,   kRoad},
    {{{"highway", "living_street"}},                                    kRoad,   kRoad,   kRoad,   kRoad},  // default 7
    {{{"highway", "trunk"}, {"maxspeed", "90"}, {"sidewalk", "both"}},  kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "cycleway"}, {"maxspeed", "90"}},                     kRoad,   kRoad,   kRoad,   kRoad},  // no motor traffic
    {{{"highway", "track"}},                                            kRoad,   kRoad,   kRoad,   kRoad},
    {{{"highway", "service"}, {"maxspeed", "70"}},                      kDetour, kDetour, kRoad,   kRoad},
};

std::string describe(const Tags& tags) {
    std::string s;
    for (const auto& [k, v] : tags) {
        s += k + "=" + v + " ";
    }
    return s;
}

} // namespace

TEST(BandSafety, SpeedAndSidewalkDecideWhichRoadsABandMayWalk) {
    for (const SafetyRow& row : kSafety) {
        SCOPED_TRACE(describe(row.road));
        const WalkFixture f(kDrawing, 10.0, {{"abc", row.road}, {"adec", {{"highway", "footway"}}}});
        expect_routes(f, {{'a', 'c', kRoad}});  // plain: every walkable way
        expect_routes(f, {{'a', 'c', row.f3}, {'c', 'a', row.f3}}, "F-3");
        expect_routes(f, {{'a', 'c', row.b46}}, "4-6");
        expect_routes(f, {{'a', 'c', row.b79}}, "7-9");
        expect_routes(f, {{'a', 'c', row.gy}}, "gy");
    }
}

TEST(BandSafety, NoRouteWhenOnlyUnsafeRoadsConnect) {
    // The only way to c is a trunk road without sidewalk: eligible because of traffic.
    const WalkFixture f(R"(
        a-----b-----c
    )", 10.0, {{"ab", {{"highway", "footway"}}}, {"bc", {{"highway", "trunk"}}}});
    expect_routes(f, {{'a', 'c', 120.0}});
    expect_routes(f, {{'a', 'c', std::nullopt, DistanceStatus::no_route}}, "F-3");
    expect_routes(f, {{'a', 'c', 120.0}}, "7-9");
}

TEST(BandSafety, AHomeSnappedOntoAnUnsafeRoadHasNoSafeRouteUnlessAtItsEndNode) {
    // 1 lies on the primary road a-b; 2 snaps onto node a, where the footway starts.
    const WalkFixture f(R"(
        2 a--1--b
          |     |
          c-----d
    )", 10.0, {{"ab", {{"highway", "primary"}}}, {"acdb", {{"highway", "footway"}}}});
    expect_routes(f, {
        {'1', 'c', 50.0},  // 30 m along the road, then the footway
        {'2', 'd', 80.0},
    });
    expect_routes(f, {
        {'1', 'c', std::nullopt, DistanceStatus::no_route},
        {'c', '1', std::nullopt, DistanceStatus::no_route},
        {'1', '1', std::nullopt, DistanceStatus::no_route}, // even to the same spot
        {'2', 'd', 80.0},
        {'2', '2', 0.0},
    }, "F-3");
    expect_routes(f, {{'1', '1', 0.0}});
}

TEST(BandSafety, MunicipalDefaultSpeedsComeFromTheRules) {
    // With residential streets at 30 km/h by default, F-3's strict cousin may walk them.
    std::string toml = R"(
name = "Trettiokommun"
min_component_m = 0
[default_maxspeed]
living_street = 7
residential = 30
service = 30
unclassified = 50
road = 50
tertiary = 50
tertiary_link = 50
secondary = 70
secondary_link = 70
primary = 70
primary_link = 70
trunk = 70
trunk_link = 70
[[band]]
name = "strict-40"
threshold_m = 2000
max_speed_without_sidewalk = 40
)";
    WalkFixture f(kDrawing, 10.0, {{"abc", {{"highway", "residential"}}}, {"adec", {{"highway", "footway"}}}});
    f.with_rules(toml);
    expect_routes(f, {{'a', 'c', kRoad}}, "strict-40");
    WalkFixture g(kDrawing, 10.0, {{"abc", {{"highway", "unclassified"}}}, {"adec", {{"highway", "footway"}}}});
    g.with_rules(toml);
    expect_routes(g, {{'a', 'c', kDetour}}, "strict-40");
}

TEST(Lighting, ABandThatRequiresLightWalksNoUnlitWay) {
    // §10: lit=no is unsafe for a band with require_lit, motor traffic or not; other lit
    // values are lit; an untagged way is lit unless the rules say unlit_when_untagged.
    const auto rules = [](bool unlit_when_untagged) {
        return std::string("name = \"vinter\"\nmin_component_m = 0\nunlit_when_untagged = ") +
               (unlit_when_untagged ? "true" : "false") + R"(
[[band]]
name = "dark"
threshold_m = 2000
require_lit = true
[[band]]
name = "day"
threshold_m = 2000
)";
    };
    struct LitRow {
        Tags path;
        double dark;              // the footway a-b-c under test, or the detour
        double dark_when_untagged_unlit;
    };
    const LitRow rows[] = {
        {{{"highway", "footway"}, {"lit", "no"}}, kDetour, kDetour},
        {{{"highway", "footway"}, {"lit", "yes"}}, kRoad, kRoad},
        {{{"highway", "footway"}, {"lit", "24/7"}}, kRoad, kRoad},
        {{{"highway", "footway"}, {"lit", "sunset-sunrise"}}, kRoad, kRoad},
        {{{"highway", "footway"}}, kRoad, kDetour},
        {{{"highway", "residential"}, {"lit", "no"}, {"sidewalk", "both"}}, kDetour, kDetour},
    };
    for (const LitRow& row : rows) {
        SCOPED_TRACE(describe(row.path));
        for (const bool untagged_unlit : {false, true}) {
            WalkFixture f(kDrawing, 10.0, {{"abc", row.path}, {"adec", {{"highway", "footway"}, {"lit", "yes"}}}});
            f.with_rules(rules(untagged_unlit));
            expect_routes(f, {{'a', 'c', untagged_unlit ? row.dark_when_untagged_unlit : row.dark}}, "dark");
            expect_routes(f, {{'a', 'c', kRoad}}, "day");
        }
    }
}
