// SPDX-License-Identifier: MIT
// Crossing roads (walking-network.md §8), the municipality's own layers at crossings
// and along streets (§9): a band with max_speed_crossing may not cross a road faster
// than that, unless the crossing is signalled, or marked and within the marked limit;
// a route never turns back at a node; a route's own start and end make no passage.
// Reference: https://wiki.openstreetmap.org/wiki/Key:crossing
#include "geodata/band_safety.hpp"
#include "geodata/geodesic.hpp"
#include "geodata/search_space.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/turn_network.hpp"
#include "geodata/unsafe_places.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {

// The footway a-x-b (40 m) crosses the road r-x-s at x; a-c-d-b (160 m) crosses it on
// a footbridge c-d, which shares no node with the road: no crossing at all.
constexpr const char* kCrossing = R"(
    a-----c
    |     |
  r-x-----+-s
    |     |
    b-----d
)";
constexpr double kAcross = 40.0;
constexpr double kBridge = 160.0;

// F-3 may cross roads up to 50 km/h, at a marked crossing up to 60 (the §11 example).
constexpr const char* kRules = R"(
name = "Korsningskommun"
min_component_m = 0
[[band]]
name = "F-3"
threshold_m = 2000
max_speed_crossing = 50
max_speed_crossing_marked = 60
[[band]]
name = "gy"
threshold_m = 6000
)";

struct CrossingRow {
    Tags road;
    Tags node;   // tags on the crossing node x
    double f3;
};

const Tags kSidepath70 = {{"highway", "primary"}, {"maxspeed", "70"}, {"foot", "use_sidepath"}};
const Tags kSidepath60 = {{"highway", "primary"}, {"maxspeed", "60"}, {"foot", "use_sidepath"}};

const CrossingRow kCrossings[] = {
    // road crossed at x                                       tags on x                                      F-3
    {kSidepath70,                                              {},                                            kBridge},
    {kSidepath70,                                              {{"highway", "crossing"}, {"crossing", "unmarked"}}, kBridge},
    {kSidepath70,                                              {{"crossing", "marked"}},                      kBridge}, // 70 > 60
    {kSidepath60,                                              {{"crossing", "marked"}},                      kAcross},
    {kSidepath60,                                              {{"crossing", "zebra"}},                       kAcross},
    {kSidepath60,                                              {{"crossing", "uncontrolled"}},                kAcross},
    {kSidepath60,                                              {{"crossing_ref", "zebra"}},                   kAcross},
    {kSidepath60,                                              {{"crossing:markings", "lines"}},              kAcross},
    {kSidepath60,                                              {{"crossing:markings", "no"}},                 kBridge},
    {kSidepath60,                                              {},                                            kBridge},
    {kSidepath70,                                              {{"crossing", "traffic_signals"}},             kAcross},
    {kSidepath70,                                              {{"crossing:signals", "yes"}},                 kAcross},
    {kSidepath70,                                              {{"highway", "traffic_signals"}},              kAcross},
    {{{"highway", "primary"}, {"maxspeed", "50"}},             {},                                            kAcross},
    {{{"highway", "residential"}},                             {},                                            kAcross}, // default 50
    {{{"highway", "primary"}, {"foot", "no"}},                 {},                                            kBridge}, // default 70
    {{{"highway", "trunk"}, {"motorroad", "yes"}},             {},                                            kBridge},
    {{{"highway", "motorway"}},                                {},                                            kBridge}, // 110 by default
    {{{"highway", "residential"}, {"maxspeed", "30 mph"}},     {},                                            kAcross}, // 48.3
    {{{"highway", "residential"}, {"maxspeed", "40 mph"}},     {{"crossing", "marked"}},                      kBridge}, // 64.4
    {{{"highway", "tertiary"}, {"maxspeed", "70"}, {"sidewalk", "both"}}, {},                                 kBridge}, // a sidewalk is no crossing
};

std::string describe(const CrossingRow& row) {
    std::string s = "road:";
    for (const auto& [k, v] : row.road) {
        s += " " + k + "=" + v;
    }
    s += "; x:";
    for (const auto& [k, v] : row.node) {
        s += " " + k + "=" + v;
    }
    return s;
}

} // namespace

TEST(Crossing, SpeedSignalsAndMarkingsDecideWhereABandMayCrossARoad) {
    for (const CrossingRow& row : kCrossings) {
        SCOPED_TRACE(describe(row));
        WalkFixture f(kCrossing, 10.0, {{"axb", {{"highway", "footway"}}}, {"acdb", {{"highway", "footway"}}}, {"rxs", row.road}},
                      {{'x', row.node}});
        f.with_rules(kRules);
        expect_routes(f, {{'a', 'b', kAcross}});                     // plain: crossings do not count
        expect_routes(f, {{'a', 'b', row.f3}, {'b', 'a', row.f3}}, "F-3");
        expect_routes(f, {{'a', 'b', kAcross}}, "gy");               // no max_speed_crossing
    }
}

TEST(Crossing, ABandIsSearchedTurnAwareOnlyWhereSomePassageIsUnsafeForIt) {
    // Where every passage is safe for a band, never turning back changes no distance,
    // so the walk graph serves it: exactly the rows where F-3 may cross at x.
    for (const CrossingRow& row : kCrossings) {
        SCOPED_TRACE(describe(row));
        WalkFixture f(kCrossing, 10.0, {{"axb", {{"highway", "footway"}}}, {"acdb", {{"highway", "footway"}}}, {"rxs", row.road}},
                      {{'x', row.node}});
        f.with_rules(kRules);
        const WalkNetwork& net = f.network();
        const NodeEnds ends(net);
        const RoadArms arms(net, ends, f.rules().walking);
        for (const char* name : {"F-3", "gy"}) {
            const BandSafety& band = f.rules().find_band(name)->safety;
            const bool restricted =
                passages_restricted(net, ends, arms, safe_edge_mask(net, band, f.rules().walking), band);
            EXPECT_EQ(restricted, std::string(name) == "F-3" && row.f3 == kBridge) << name;
        }
    }
}

TEST(Crossing, ASideStreetOrATJunctionIsPassedWithoutCrossing) {
    // The footway a-x-b meets the end of the 70 km/h side street x-s: one side of
    // the passage a -> b holds no road, so no road is crossed.
    WalkFixture side(R"(
      a---x---b
          |
          s
    )", 10.0, {{"axb", {{"highway", "footway"}}}, {"xs", kSidepath70}});
    side.with_rules(kRules);
    expect_routes(side, {{'a', 'b', 80.0}}, "F-3");
    // Walking along a street with sidewalks past a 70 km/h side street, or into it.
    WalkFixture tee(R"(
      m---x---n
          |
          s
    )", 10.0, {{"mxn", {{"highway", "secondary"}, {"sidewalk", "both"}, {"maxspeed", "70"}}},
                {"xs", {{"highway", "secondary"}, {"sidewalk", "both"}, {"maxspeed", "70"}}}});
    tee.with_rules(kRules);
    expect_routes(tee, {{'m', 'n', 80.0}, {'m', 's', 60.0}, {'s', 'n', 60.0}}, "F-3");
}

TEST(Crossing, StraightOverAFourWayJunctionCrossesTheOtherRoad) {
    // Along m-x-n (sidewalks) over the 70 km/h road p-x-q: a road on both sides.
    WalkFixture f(R"(
          p
          |
      m---x---n
          |
          q
    )", 10.0, {{"mxn", {{"highway", "residential"}, {"sidewalk", "both"}}},
                {"pxq", {{"highway", "primary"}, {"sidewalk", "both"}, {"maxspeed", "70"}}}});
    f.with_rules(kRules);
    expect_routes(f, {{'m', 'n', 80.0}});
    expect_routes(f, {{'m', 'n', std::nullopt, DistanceStatus::no_route}, {'m', 'p', 60.0}, {'p', 'n', 60.0}}, "F-3");
}

TEST(Crossing, ARouteNeverTurnsBackToDodgeACrossing) {
    // a -> b crosses the 70 km/h road at x. Stepping onto the road's sidewalk to p and
    // back would pass x twice without crossing (a -> p, then p -> b): a route may not
    // leave a node along the end it arrived on, so there is no safe route.
    WalkFixture f(R"(
        a
        |
      r-x-----p
        |
        b
    )", 10.0, {{"axb", {{"highway", "footway"}}}, {"rxp", {{"highway", "primary"}, {"sidewalk", "both"}, {"maxspeed", "70"}}}});
    f.with_rules(kRules);
    expect_routes(f, {{'a', 'b', 40.0}});
    expect_routes(f, {{'a', 'b', std::nullopt, DistanceStatus::no_route}, {'a', 'p', 80.0}, {'p', 'b', 80.0}}, "F-3");
}

TEST(Crossing, ARouteThatStartsOrEndsOnTheCrossingNodeMakesNoPassageThere) {
    // 1 lies behind both footways' ends at x, so it snaps exactly onto x (the road is
    // not walkable): a route from there may leave along any end, and one that ends
    // there may arrive along any, though a -> b crosses the road at x.
    WalkFixture f(R"(
        a
        |
    r---x---s
       1    b
    )", 10.0, {{"ax", {{"highway", "footway"}}}, {"xb", {{"highway", "footway"}}}, {"rxs", kSidepath70}});
    f.with_rules(kRules);
    ASSERT_NE(f.snap('1')->place, SnapPlace::interior);
    const double xb = 41.231; // sqrt(4^2 + 1^2) * 10 m
    expect_routes(f, {{'a', 'b', std::nullopt, DistanceStatus::no_route}, {'1', 'a', 20.0}, {'1', 'b', xb},
                      {'a', '1', 20.0}, {'b', '1', xb}}, "F-3");
}

namespace {

/// A GeoJSON layer file of square features around named points of the map.
std::string squares(const WalkFixture& f, const std::vector<std::pair<std::string, std::string>>& around_and_props,
                    double half_m) {
    std::string features;
    for (const auto& [points, props] : around_and_props) {
        LonLatBox box;
        for (const char c : points) {
            box.extend(f.map().position(c));
        }
        const double dlat = half_m / 111320.0;
        const double dlon = dlat * 2.0;
        char coords[512];
        std::snprintf(coords, sizeof coords, "[[[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]",
                      box.min.lon_deg - dlon, box.min.lat_deg - dlat, box.max.lon_deg + dlon, box.min.lat_deg - dlat,
                      box.max.lon_deg + dlon, box.max.lat_deg + dlat, box.min.lon_deg - dlon, box.max.lat_deg + dlat,
                      box.min.lon_deg - dlon, box.min.lat_deg - dlat);
        features += std::string(features.empty() ? "" : ",") + R"({"type":"Feature","properties":{)" + props +
                    R"(},"geometry":{"type":"Polygon","coordinates":)" + coords + "}}";
    }
    return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

std::string layer_entry(const std::string& path, const std::string& kind) {
    return "[[layer]]\nfile = \"" + path + "\"\nkind = \"" + kind + "\"\n";
}

} // namespace

TEST(MunicipalLayers, UnsafeStreetsSafeCrossingsAndUnsafeWins) {
    const TempDir dir;
    const auto fixture = [] {
        return WalkFixture(kCrossing, 10.0, {{"axb", {{"highway", "footway"}}}, {"acdb", {{"highway", "footway"}}}, {"rxs", kSidepath70}});
    };
    {
        // A crossing guard at x: the unmarked 70 km/h crossing is safe for F-3.
        WalkFixture f = fixture();
        const std::string guard = dir.write("guard.geojson", squares(f, {{"x", R"("reason":"skolvakt")"}}, 3.0));
        f.with_rules(std::string(kRules) + layer_entry(guard, "safe"));
        expect_routes(f, {{'a', 'b', kAcross}}, "F-3");
        // The same polygon marked unsafe too: unsafe wins.
        const std::string danger = dir.write("danger.geojson", squares(f, {{"x", R"("reason":"olycksplats")"}}, 3.0));
        f.with_rules(std::string(kRules) + layer_entry(guard, "safe") + layer_entry(danger, "unsafe"));
        expect_routes(f, {{'a', 'b', kBridge}}, "F-3");
    }
    {
        // An unsafe polygon over the footbridge's path c-d: F-3 has neither way; gy
        // ignores crossings but not the layer's edges (the layer names every band).
        WalkFixture f = fixture();
        const std::string path = dir.write("path.geojson", squares(f, {{"c", R"("reason":"mörk stig")"}}, 3.0));
        f.with_rules(std::string(kRules) + layer_entry(path, "unsafe"));
        expect_routes(f, {{'a', 'b', std::nullopt, DistanceStatus::no_route}}, "F-3");
        expect_routes(f, {{'a', 'b', kAcross}}, "gy");
        // A feature's own bands replace the entry's: only gy now.
        const std::string gy = dir.write("gy.geojson", squares(f, {{"x", R"("reason":"vägarbete","bands":"gy")"}}, 3.0));
        f.with_rules(std::string(kRules) + layer_entry(gy, "unsafe"));
        expect_routes(f, {{'a', 'b', kBridge}}, "F-3");
        expect_routes(f, {{'a', 'b', kBridge}}, "gy");
    }
}

TEST(Crossing, TheRouteTracedOnTheTurnGraphIsTheSafeOne) {
    // The route a decision shows is the one measured: over the footbridge for F-3.
    WalkFixture f(kCrossing, 10.0, {{"axb", {{"highway", "footway"}}}, {"acdb", {{"highway", "footway"}}}, {"rxs", kSidepath70}});
    f.with_rules(kRules);
    const WalkNetwork& net = f.network();
    const BandSafety& band = f.rules().find_band("F-3")->safety;
    const TurnNetwork turns(net);
    const RoadArms arms(net, turns.ends, f.rules().walking);
    const SearchSpace space(net, turns, arms, safe_edge_mask(net, band, f.rules().walking), band);
    ASSERT_TRUE(space.turn_aware());
    TargetTree tree(space);
    const Target school{*f.snap('b'), 0};
    tree.compute({&school, 1});
    EXPECT_NEAR(static_cast<double>(tree.distance_from(*f.snap('a'))) / 1000.0, kBridge, 0.05);
    const std::vector<LonLat> path = tree.path_from(*f.snap('a'));
    double length = 0.0;
    for (std::size_t i = 1; i < path.size(); ++i) {
        length += geodesic_distance_m(path[i - 1], path[i]);
    }
    EXPECT_NEAR(length, kBridge, 0.05);
    const auto passes = [&](char c) {
        return std::any_of(path.begin(), path.end(), [&](const LonLat& p) {
            return geodesic_distance_m(p, f.map().position(c)) < 0.5;
        });
    };
    EXPECT_TRUE(passes('c') && passes('d'));
    EXPECT_FALSE(passes('x'));
    // From the crossing node itself (a route's own start), straight across: 20 m.
    const Target across{*f.snap('a'), 0};
    tree.compute({&across, 1});
    const std::vector<LonLat> from_x = tree.path_from(*f.snap('x'));
    ASSERT_EQ(from_x.size(), 2U);
    EXPECT_NEAR(geodesic_distance_m(from_x[0], from_x[1]), 20.0, 0.05);
}

TEST(Crossing, AnUnsafeRouteIsExplainedByItsRoadsCrossingsAndAreas) {
    // The plain route a -> b crosses Storgatan (70 km/h, unmarked) at x: that is why F-3
    // has no safe route there, in the words of a decision letter. The footbridge path
    // a-c-d-b is unlit and runs through the municipality's unsafe area at c.
    WalkFixture f(kCrossing, 10.0, {{"axb", {{"highway", "footway"}}}, {"acdb", {{"highway", "footway"}, {"lit", "no"}}},
                                    {"rxs", {{"highway", "primary"}, {"maxspeed", "70"}, {"foot", "use_sidepath"}, {"name", "Storgatan"}}}});
    const TempDir dir;
    const std::string dark = dir.write("dark.geojson", squares(f, {{"c", R"("reason":"mörk skogsstig")"}}, 3.0));
    std::string rules = kRules;
    rules.insert(rules.find("max_speed_crossing_marked = 60\n"), "require_lit = true\n");
    f.with_rules(rules + layer_entry(dark, "unsafe"));
    const WalkNetwork& net = f.network();
    const ReversedNetwork reversed(net);
    const SearchSpace plain(net, reversed);
    const RoadArms arms(net, NodeEnds(net), f.rules().walking);
    const auto explain = [&](char from, char to, const char* band, Wording wording = Wording::en) {
        TargetTree tree(plain);
        const Target school{*f.snap(to), 0};
        tree.compute({&school, 1});
        const std::vector<RouteEdge> route = tree.route_edges_from(*f.snap(from));
        return unsafe_places(net, arms, route, f.rules().find_band(band)->safety, f.rules().walking, 3, wording);
    };
    const std::vector<std::string> across = explain('a', 'b', "F-3");
    ASSERT_EQ(across.size(), 1U);
    EXPECT_EQ(across[0].substr(0, 36), "crossing Storgatan (primary, OSM way");
    EXPECT_NE(across[0].find("), 70 km/h, unmarked crossing"), std::string::npos) << across[0];
    // The same place in Swedish, as a decision letter says it.
    const std::vector<std::string> over = explain('a', 'b', "F-3", Wording::sv);
    ASSERT_EQ(over.size(), 1U);
    EXPECT_EQ(over[0].rfind("passage över Storgatan (primary, OSM-väg", 0), 0U) << over[0];
    EXPECT_NE(over[0].find("), 70 km/h, omarkerad passage"), std::string::npos) << over[0];
    EXPECT_TRUE(explain('a', 'b', "gy").empty()); // gy may cross it
    // Along the path: the unsafe area wins over its being unlit.
    const std::vector<std::string> path = explain('c', 'd', "F-3");
    ASSERT_EQ(path.size(), 1U);
    EXPECT_EQ(path[0].rfind("along footway (OSM way", 0), 0U) << path[0];
    EXPECT_NE(path[0].find("): in the municipality's unsafe area: mörk skogsstig"), std::string::npos) << path[0];
    const std::vector<std::string> stig = explain('c', 'd', "F-3", Wording::sv);
    ASSERT_EQ(stig.size(), 1U);
    EXPECT_EQ(stig[0].rfind("längs footway (OSM-väg", 0), 0U) << stig[0];
    EXPECT_NE(stig[0].find("): i kommunens trafikfarliga område: mörk skogsstig"), std::string::npos) << stig[0];
    // Without the layer, it is the lighting.
    f.with_rules(rules);
    const std::vector<std::string> unlit = explain('c', 'd', "F-3");
    ASSERT_EQ(unlit.size(), 1U);
    EXPECT_NE(unlit[0].find(": unlit (lit=no)"), std::string::npos) << unlit[0];
    EXPECT_NE(explain('c', 'd', "F-3", Wording::sv)[0].find(": obelyst (lit=no)"), std::string::npos);
}

TEST(Crossing, ARouteIsMarkedPieceByPieceWithTheRoadsItCrosses) {
    WalkFixture f(kCrossing, 10.0, {{"axb", {{"highway", "footway"}}}, {"acdb", {{"highway", "footway"}}},
                                    {"rxs", {{"highway", "primary"}, {"maxspeed", "70"}, {"foot", "use_sidepath"}, {"name", "Storgatan"}}}},
                  {{'x', {{"crossing", "marked"}}}});
    f.with_rules(kRules);
    const WalkNetwork& net = f.network();
    const BandSafety& band = f.rules().find_band("F-3")->safety;
    const RoadArms arms(net, NodeEnds(net), f.rules().walking);
    const Target school{*f.snap('b'), 0};
    // The plain route crosses Storgatan at the marked crossing x: 70 km/h is over F-3's 60.
    const ReversedNetwork reversed(net);
    const SearchSpace plain(net, reversed);
    TargetTree plain_tree(plain);
    plain_tree.compute({&school, 1});
    const RouteSafety across = route_safety(net, arms, plain_tree.steps_from(*f.snap('a')), band, f.rules().walking);
    EXPECT_EQ(across.positions, plain_tree.path_from(*f.snap('a')));
    ASSERT_EQ(across.crossings.size(), 1U);
    EXPECT_EQ(across.crossings[0].control, CrossingControl::marked);
    EXPECT_EQ(across.crossings[0].road.rfind("Storgatan (primary, OSM way", 0), 0U);
    EXPECT_FALSE(across.crossings[0].safe);
    EXPECT_NE(across.crossings[0].reason.find("70 km/h, marked crossing"), std::string::npos);
    EXPECT_EQ(across.crossings[0].road_sv.rfind("Storgatan (primary, OSM-väg", 0), 0U);
    EXPECT_EQ(across.crossings[0].reason_sv, "70 km/h, markerat övergångsställe: snabbare än åldersgruppen får korsa");
    ASSERT_EQ(across.pieces.size(), 1U); // the footways themselves are safe
    EXPECT_TRUE(across.pieces[0].safe);
    // The safe route goes over the bridge: safe all along, no road crossed.
    const TurnNetwork turns(net);
    const SearchSpace safe(net, turns, arms, safe_edge_mask(net, band, f.rules().walking), band);
    TargetTree safe_tree(safe);
    safe_tree.compute({&school, 1});
    const RouteSafety bridge = route_safety(net, arms, safe_tree.steps_from(*f.snap('a')), band, f.rules().walking);
    EXPECT_EQ(bridge.positions, safe_tree.path_from(*f.snap('a')));
    EXPECT_TRUE(bridge.crossings.empty());
    ASSERT_EQ(bridge.pieces.size(), 1U);
    EXPECT_EQ(bridge.pieces[0].last, bridge.positions.size() - 1);
}
