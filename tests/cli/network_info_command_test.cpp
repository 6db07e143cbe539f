// SPDX-License-Identifier: MIT
#include "tests/support/ascii_map.hpp"
#include "tests/support/run_command.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

using namespace skolvag::testing;

TEST(NetworkInfoCommand, PrintsCountsOfWhatWasReadAndBuilt) {
    const TempDir dir;
    // Two components: a-b-c with a side path b-d, and a separate e-f. Node g is a
    // blocking fence on a third way; h is missing from the file.
    const AsciiMap map(R"(
        a----b----c
             |
             d

        e----f    g--k  h--i
    )", 10.0);
    const std::string net = dir.write("town.osm", to_osm_xml(map, {
        {"abc", {{"highway", "residential"}}},
        {"bd", {{"highway", "footway"}}},
        {"ef", {{"highway", "path"}}},
        {"gk", {{"highway", "footway"}}},
        {"hi", {{"highway", "footway"}}},
        {"ek", {{"highway", "motorway"}}},
        {"ab", {{"building", "yes"}}},
    }, {{'g', {{"barrier", "fence"}}}}, {'h'}));
    const CommandResult r = run_skolvag({"network-info", "--network", net});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["osm_ways_read"], 7);
    EXPECT_EQ(j["walkable_ways"], 5);
    EXPECT_EQ(j["osm_nodes_read"], 9);
    EXPECT_EQ(j["graph_nodes"], 8);  // a b c d e f g k; h-i is dropped with missing h
    EXPECT_EQ(j["graph_edges"], 5);  // a-b b-c b-d e-f g-k
    EXPECT_EQ(j["segments_dropped_missing_nodes"], 1);
    EXPECT_EQ(j["blocking_barriers"], 1);
    EXPECT_EQ(j["components"]["count"], 3);
    EXPECT_NEAR(j["walkable_km"].get<double>(), (100 + 20 + 50 + 30) / 1000.0, 1e-4);
    EXPECT_NEAR(j["components"]["largest_km"].get<double>(), 0.120, 1e-4);
    EXPECT_TRUE(j.contains("bbox"));
    EXPECT_TRUE(j.contains("build_seconds"));
    EXPECT_GT(j["peak_memory_mb"].get<double>(), 0.0);
}

TEST(NetworkInfoCommand, CountsCrossingNodesByControlAndRoadArmsBySpeed) {
    const TempDir dir;
    // The footway a-x-b crosses the 70 km/h road r-x-s at the signals at x, and c-y-d
    // crosses it unmarked at y; the footway e-s only touches its end (no crossing).
    const AsciiMap map(R"(
        a     c
        |     |
      r-x-----y-----s---e
        |     |
        b     d
    )", 10.0);
    const std::string net = dir.write("town.osm", to_osm_xml(map, {
        {"axb", {{"highway", "footway"}}},
        {"cyd", {{"highway", "footway"}}},
        {"se", {{"highway", "footway"}}},
        {"rxys", {{"highway", "primary"}, {"maxspeed", "70"}, {"foot", "no"}}},
    }, {{'x', {{"highway", "traffic_signals"}}}}));
    const CommandResult r = run_skolvag({"network-info", "--network", net});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json c = nlohmann::json::parse(r.out)["crossing_nodes"];
    EXPECT_EQ(c["signalled"], 1);
    EXPECT_EQ(c["marked"], 0);
    EXPECT_EQ(c["unmarked"], 1);
    EXPECT_EQ(c["road_arms_by_speed_kmh"]["70"], 4); // two arms at each crossing
}

TEST(VersionCommand, PrintsTheProjectVersionAndTheCommit) {
    const CommandResult r = run_skolvag({"--version"});
    EXPECT_EQ(r.exit_code, 0);
    // The project's version, then the commit it was built from when built in a checkout.
    EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(skolvag \d+\.\d+\.\d+(\+[0-9a-f]{12}(\.dirty)?)?\n)"))) << r.out;
}

TEST(HelpCommand, EachCommandListsItsOptions) {
    const CommandResult batch = run_skolvag({"batch", "--help"});
    EXPECT_EQ(batch.exit_code, 0) << batch.err;
    // Every option batch takes, each in the synopsis and with its own line.
    for (const char* option :
         {"--network", "--schools", "--pupils", "--rules", "--out", "--previous", "--routes", "--routes-simplify",
          "--threads", "--crs", "--pupils-crs", "--schools-crs", "--axis-order", "--allow-personal-ids",
          "--max-failed-share", "--report", "--lang", "--compare-rules", "--csv-dialect", "--stops", "--stops-crs"}) {
        EXPECT_NE(batch.out.find(std::string(option) + " "), std::string::npos) << option << "\n" << batch.out;
        EXPECT_NE(batch.out.find(std::string("\n  ") + option + " "), std::string::npos) << option << "\n" << batch.out;
    }
    const CommandResult distances = run_skolvag({"distances", "-h"});
    EXPECT_EQ(distances.exit_code, 0);
    for (const char* option : {"--network", "--pairs", "--out", "--rules", "--band", "--crs", "--axis-order"}) {
        EXPECT_NE(distances.out.find(std::string("\n  ") + option + " "), std::string::npos) << option << "\n"
                                                                                         << distances.out;
    }
    const CommandResult all = run_skolvag({"help"});
    EXPECT_EQ(all.exit_code, 0);
    EXPECT_NE(all.out.find("COMMAND --help"), std::string::npos) << all.out;
}
