// SPDX-License-Identifier: MIT
// `skolvag batch --municipality CODE` runs on the network cut to the municipality's
// area (--cut-margin-km), and still decides every home as the whole network does: the
// islands are the whole network's, and a home whose route leaves the cut is decided
// again on the whole network.
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::testing;

namespace {

/// Snapping within 15 m, islands under 300 m ignored; with a margin of 50 m a distance
/// on the cut under 2 x (50 - 15) = 70 m is the whole network's.
const char* const kRules = R"(
name = "Snittkommun 2026/27"
max_snap_m = 15
min_component_m = 300

[[band]]
name = "F-3"
grades = ["F", "1", "2", "3"]
threshold_m = 150
)";

const std::vector<std::string> kCut = {"--municipality", "0114", "--cut-margin-km", "0.05"};

std::string one_school(const BatchFixture& map, char entrance) {
    return map.dir().write("schools.csv", "school_id,name,grades,municipality,lon,lat\n1,Skolan,F-9,0114," +
                                              map.lon_lat(entrance) + "\n");
}

} // namespace

TEST(BatchMunicipalityCut, AWayThatIsNoIslandOnTheWholeNetworkStaysOneOnTheCut) {
    // Home 2 lies beside the footway P-q-r-Q, 390 m long and joined to nothing: no
    // island (300 m). Only P-q-r (190 m) meets the cut 50 m around the homes and the
    // school; counted on the cut alone it would be an island, and home 2 off the network
    // (so would the school's A-S, 320 m, of which the cut keeps 60 m).
    BatchFixture map(R"(
        A-------------------------------S      2
                                        1      P---q---------------r--------------------Q
    )", 10.0, {{"AS", {{"highway", "footway"}}}, {"Pq", {{"highway", "footway"}}},
               {"qr", {{"highway", "footway"}}}, {"rQ", {{"highway", "footway"}}}});
    map.write_rules(kRules);
    const std::string schools = one_school(map, 'S');
    const std::string pupils = map.dir().write("pupils.csv", "pupil_ref,grade,school_id,municipality,lon,lat\n"
                                                              "P1,1,1,0114," + map.lon_lat('1') + "\n"
                                                              "P2,1,1,0114," + map.lon_lat('2') + "\n");
    const std::string whole = map.dir().file("whole.csv");
    const CommandResult w = map.run(schools, pupils, whole, {"--max-failed-share", "1"});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    const std::string cut = map.dir().file("cut.csv");
    const CommandResult c = map.run(schools, pupils, cut, {"--municipality", "0114", "--cut-margin-km", "0.05",
                                                           "--max-failed-share", "1"});
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.err.find("batch: network cut to the municipality's area and 0.05 km around it"), std::string::npos)
        << c.err;
    EXPECT_EQ(c.err.find("decided again on the whole network"), std::string::npos) << c.err;

    const DecisionRows all = read_decision_rows(whole);
    const DecisionRows part = read_decision_rows(cut);
    EXPECT_EQ(part, all);
    // On its way: no walking route to the school at all, which the cut proves (the
    // school's search reached A, the cut's edge, but home 2 is in another component).
    EXPECT_EQ(part.at({"P2", 1}).at("outcome"), "eligible_traffic");
    EXPECT_EQ(part.at({"P2", 1}).at("plain_distance_m"), "");
    EXPECT_EQ(part.at({"P1", 1}).at("outcome"), "not_eligible");
}

TEST(BatchMunicipalityCut, AHomeWhoseRouteLeavesTheCutIsDecidedOnTheWholeNetwork) {
    // The only walk from the school S to home 2 goes 100 m north by X and Y: out of the
    // cut (50 m around the school and the homes), whose X-Y is gone. On the cut alone
    // home 2 would have no route at all; its school's search reached X, the cut's edge,
    // so that "no route" is not proven, and the run is decided on the whole network.
    BatchFixture map(R"(
        X-------------------------Y
        |                         |
        |                         |
        |                         |
        |                         |
        |                         |
        |                         |
        |                         |
        |                         |
        |                         |
        S---a                     b
        1                         2
    )", 10.0, {{"XSa", {{"highway", "footway"}}}, {"XY", {{"highway", "footway"}}},
               {"Yb", {{"highway", "footway"}}}});
    map.write_rules(kRules);
    const std::string schools = one_school(map, 'S');
    const std::string pupils = map.dir().write("pupils.csv", "pupil_ref,grade,school_id,municipality,lon,lat\n"
                                                              "P1,1,1,0114," + map.lon_lat('1') + "\n"
                                                              "P2,1,1,0114," + map.lon_lat('2') + "\n");
    const std::string whole = map.dir().file("whole.csv");
    ASSERT_EQ(map.run(schools, pupils, whole).exit_code, 0);
    const std::string cut = map.dir().file("cut.csv");
    const CommandResult c = map.run(schools, pupils, cut, kCut);
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.err.find("batch: 1 of 2 homes rest on a distance the cut cannot prove"), std::string::npos) << c.err;
    EXPECT_NE(c.err.find("the run is decided again on the whole network"), std::string::npos) << c.err;
    EXPECT_EQ(c.err.find("P2"), std::string::npos) << c.err; // a row number, never a pupil

    const DecisionRows all = read_decision_rows(whole);
    EXPECT_EQ(read_decision_rows(cut), all);
    EXPECT_NE(all.at({"P2", 1}).at("plain_distance_m"), ""); // about 100 + 260 + 100 m
    EXPECT_EQ(all.at({"P2", 1}).at("outcome"), "eligible_distance");
}

TEST(BatchMunicipalityCut, AMarginTooNarrowToProveAnythingIsRefused) {
    BatchFixture map("S---a\n1", 10.0, {{"Sa", {{"highway", "footway"}}}});
    map.write_rules(kRules);
    const std::string schools = one_school(map, 'S');
    const std::string pupils = map.dir().write(
        "pupils.csv", "pupil_ref,grade,school_id,municipality,lon,lat\nP1,1,1,0114," + map.lon_lat('1') + "\n");
    const std::string out = map.dir().file("out.csv");
    const CommandResult narrow = map.run(schools, pupils, out, {"--municipality", "0114", "--cut-margin-km", "0.02"});
    EXPECT_EQ(narrow.exit_code, 2);
    EXPECT_NE(narrow.err.find("--cut-margin-km must be more than twice the rules' max_snap_m (15 m)"),
              std::string::npos)
        << narrow.err;
    EXPECT_EQ(map.run(schools, pupils, out, {"--cut-margin-km", "5"}).exit_code, 2); // needs --municipality
}
