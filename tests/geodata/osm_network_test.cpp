// SPDX-License-Identifier: MIT
// OSM -> graph (walking-network.md §2): nodes at junctions and way ends, geodesic
// lengths, attributes per edge, missing nodes, and clear errors for bad input.
#include "geodata/geodesic.hpp"
#include "geodata/errors.hpp"
#include "geodata/osm_network.hpp"
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace skolvag::geodata;
using namespace skolvag::testing;

TEST(OsmNetwork, IntermediateNodesAreGeometryAndJunctionsSplitWays) {
    //   a - b - c      way abc is crossed by way dbe at b;
    //       |          way cf only touches c, its end.
    //   d   e   f
    const AsciiMap map(R"(
        a-b-c
          |
        d e f
    )", 10.0);
    // d is drawn but unused; "dbe" would join it, here only "be" is a way.
    const WalkNetwork net = network_from_xml(to_osm_xml(map, {
        {"abc", {{"highway", "footway"}}},
        {"be", {{"highway", "residential"}}},
        {"cf", {{"highway", "path"}}},
    }));
    // Nodes: a, b, c, e, f. Edges: a-b, b-c, b-e, c-f.
    EXPECT_EQ(net.graph.node_count(), 5U);
    EXPECT_EQ(net.edge_count(), 4U);
    EXPECT_EQ(net.graph.arc_count(), 8U);
    EXPECT_EQ(net.stats.walkable_ways, 3U);
    EXPECT_EQ(net.stats.osm_ways_read, 3U);
    EXPECT_EQ(net.components.count(), 1U);
}

TEST(OsmNetwork, AWayWithoutJunctionsIsOneEdgeWithItsWholeGeometry) {
    const AsciiMap map(R"(
        a--b
           |
           c--d
    )", 10.0);
    const WalkNetwork net = network_from_xml(to_osm_xml(map, {{"abcd", {{"highway", "footway"}}}}));
    ASSERT_EQ(net.edge_count(), 1U);
    const WalkEdge& e = net.edges[0];
    EXPECT_EQ(e.point_count, 4U);
    EXPECT_EQ(e.osm_way_id, 100);
    EXPECT_EQ(e.profile.highway, HighwayClass::footway);
    // Edge length is the sum of geodesic segment lengths, in whole millimetres.
    double expected_m = 0.0;
    for (std::uint32_t i = 0; i + 1 < e.point_count; ++i) {
        expected_m += geodesic_distance_m(net.points[e.first_point + i], net.points[e.first_point + i + 1]);
    }
    EXPECT_EQ(e.length_mm, static_cast<LengthMm>(std::llround(expected_m * 1000.0)));
    EXPECT_NEAR(expected_m, 80.0, 0.05); // 30 + 20 + 30
}

TEST(OsmNetwork, SafetyAttributesAreKeptPerEdge) {
    const AsciiMap map("a-b-c", 10.0);
    const WalkNetwork net = network_from_xml(to_osm_xml(map, {
        {"ab", {{"highway", "primary"}, {"maxspeed", "60"}, {"sidewalk", "separate"}}},
        {"bc", {{"highway", "residential"}, {"sidewalk:left", "yes"}, {"oneway:foot", "yes"}}},
    }));
    ASSERT_EQ(net.edge_count(), 2U);
    EXPECT_EQ(net.edges[0].profile.highway, HighwayClass::primary);
    EXPECT_EQ(net.edges[0].profile.tagged_maxspeed_kmh, 60.0);
    EXPECT_FALSE(net.edges[0].profile.sidewalk); // separate = mapped as its own way
    EXPECT_TRUE(net.edges[1].profile.sidewalk);
    EXPECT_FALSE(net.edges[1].profile.tagged_maxspeed_kmh.has_value());
    EXPECT_EQ(net.edges[1].profile.direction, WalkDirection::forward_only);
    EXPECT_NE(net.edges[1].forward_arc, skolvag::routing::kInvalidId);
    EXPECT_EQ(net.edges[1].backward_arc, skolvag::routing::kInvalidId);
}

TEST(OsmNetwork, SegmentsTouchingMissingNodesAreDroppedAndCounted) {
    // A truncated extract: c is referenced by the way but not in the file.
    const AsciiMap map("a-b-c-d-e", 10.0);
    const WalkNetwork net = network_from_xml(to_osm_xml(map, {{"abcde", {{"highway", "footway"}}}}, {}, {'c'}));
    EXPECT_EQ(net.stats.segments_dropped_missing_nodes, 2U); // b-c and c-d
    ASSERT_EQ(net.edge_count(), 2U);                          // a-b and d-e survive
    EXPECT_NEAR(net.edges[0].length_mm / 1000.0, 20.0, 0.05);
    EXPECT_NEAR(net.edges[1].length_mm / 1000.0, 20.0, 0.05);
    EXPECT_EQ(net.components.count(), 2U);
}

TEST(OsmNetwork, NoWalkableWayIsAnError) {
    const AsciiMap map("a-b", 10.0);
    EXPECT_THROW(network_from_xml(to_osm_xml(map, {{"ab", {{"highway", "motorway"}}}})), InputError);
    EXPECT_THROW(network_from_xml(to_osm_xml(map, {{"ab", {{"building", "yes"}}}})), InputError);
}

TEST(OsmNetwork, DataThatIsNotOsmIsAnError) {
    EXPECT_THROW(network_from_xml("this is not OSM data"), InputError);
    EXPECT_THROW(network_from_xml("<html><body>hello</body></html>"), InputError);
}

TEST(OsmNetwork, LoadNamesTheFileInItsErrors) {
    try {
        load_osm_network("/nonexistent/city.osm.pbf");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/city.osm.pbf"), std::string::npos) << e.what();
    }
}

TEST(OsmNetwork, ANodeAtNullIslandIsKeptAsAnOverlongEdgeAndCounted) {
    // A broken extract: one node of a Swedish footway sits at 0,0.
    const std::string xml = R"(<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6">
  <node id="1" version="1" lat="59.3150000" lon="18.0600000"/>
  <node id="2" version="1" lat="59.3151000" lon="18.0600000"/>
  <node id="3" version="1" lat="0.0000000" lon="0.0000000"/>
  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
  <way id="11" version="1"><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>
</osm>
)";
    const WalkNetwork net = network_from_xml(xml);
    EXPECT_EQ(net.stats.edges_too_long, 1U);
    EXPECT_EQ(net.edge_count(), 2U);
    EXPECT_EQ(net.edges[1].length_mm, std::numeric_limits<LengthMm>::max() - 1);
}

TEST(NetworkId, ChangesWithAnyRowOfTheWalkingProfileAndWithTheFile) {
    const std::string file_sha = std::string(64, 'a');
    const std::vector<ProfileTable> profile = walk_profile_tables();
    const std::string id = network_id(file_sha, profile);
    EXPECT_EQ(id, network_id(file_sha, walk_profile_tables())); // deterministic
    EXPECT_NE(id, network_id(std::string(64, 'b'), profile));
    // Every table, every row: one changed row is another network.
    ASSERT_GE(profile.size(), 6U);
    std::size_t rows = 0;
    for (std::size_t t = 0; t < profile.size(); ++t) {
        for (std::size_t r = 0; r < profile[t].rows.size(); ++r) {
            std::vector<ProfileTable> changed = profile;
            changed[t].rows[r] += " changed";
            EXPECT_NE(network_id(file_sha, changed), id) << profile[t].name << ": " << profile[t].rows[r];
            ++rows;
        }
    }
    EXPECT_GT(rows, 30U);
    // The rows hold what the rules say, so that a new value is a new row text.
    const auto has_row = [&](std::string_view table, std::string_view row) {
        for (const ProfileTable& p : profile) {
            if (p.name.find(table) != std::string::npos) {
                return std::find(p.rows.begin(), p.rows.end(), row) != p.rows.end();
            }
        }
        return false;
    };
    EXPECT_TRUE(has_row("way access", "foot in no private use_sidepath -> deny"));
    EXPECT_TRUE(has_row("highway classes", "trunk_link walkable motor"));
    EXPECT_TRUE(has_row("highway classes", "motorway never-walked motor"));
    EXPECT_TRUE(has_row("lit", "no -> unlit"));
    EXPECT_TRUE(has_row("maxspeed", "SE:urban 50"));
    EXPECT_TRUE(has_row("oneway:foot", "-1 -> backward only"));
}
