// SPDX-License-Identifier: MIT
// `skolvag batch --municipality CODE`: one municipality's job of a national run, on a
// drawn road across a municipal border.
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace skolvag::testing;

namespace {

/// A footway A-b-c-D, 300 m; the border runs between b and c. School 1 (0114) at A,
/// school 2 (0180) at D; homes 1 under b and 2 under c, 10 m off the way.
BatchFixture border_road() {
    return BatchFixture(R"(
        A---------b---------c---------D
                  1         2
    )", 10.0, {{"AbcD", {{"highway", "footway"}}}});
}

std::string schools_of(const BatchFixture& road) {
    return road.dir().write("schools.csv", "school_id,name,grades,municipality,lon,lat\n"
                                           "1,Västra skolan,F-9,0114," + road.lon_lat('A') + "\n"
                                           "2,Östra skolan,F-9,0180," + road.lon_lat('D') + "\n");
}

std::string pupils_of(const BatchFixture& road) {
    return road.dir().write("pupils.csv", "pupil_ref,grade,school_id,municipality,lon,lat\n"
                                          "P1,1,1,0114," + road.lon_lat('1') + "\n"  // 100 m to its school
                                          "P2,1,2,0180," + road.lon_lat('2') + "\n"  // 100 m to its school
                                          "P3,1,1,0114," + road.lon_lat('2') + "\n"  // near the border; D is nearer
                                          "P4,1,1,0180," + road.lon_lat('2') + "\n"  // to school over the border
                                          "P5,1,1,0114," + road.lon_lat('1') + "\n"  // alternating residence
                                          "P5,1,1,0180," + road.lon_lat('2') + "\n"); // across the border
}

} // namespace

TEST(BatchMunicipality, EachRunDecidesExactlyItsOwnHomesAsTheWholeRegisterDoes) {
    const BatchFixture road = border_road();
    const std::string schools = schools_of(road);
    const std::string pupils = pupils_of(road);
    const std::string whole = road.dir().file("whole.csv");
    ASSERT_EQ(road.run(schools, pupils, whole).exit_code, 0);
    const DecisionRows all = read_decision_rows(whole);
    ASSERT_EQ(all.size(), 6U);

    const std::string west = road.dir().file("0114.csv");
    const CommandResult w = road.run(schools, pupils, west, {"--municipality", "0114"});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    EXPECT_NE(w.err.find("batch: municipality 0114: 3 of 6 homes, 1 of 2 schools\n"), std::string::npos) << w.err;
    const std::string east = road.dir().file("0180.csv");
    const CommandResult e = road.run(schools, pupils, east, {"--municipality", "0180"});
    ASSERT_EQ(e.exit_code, 0) << e.err;
    // P4 goes to school 1 over the border: that school comes along, named by its pupil.
    EXPECT_NE(e.err.find("batch: municipality 0180: 3 of 6 homes, 1 of 2 schools and 1 of other municipalities "
                         "its pupils name\n"),
              std::string::npos)
        << e.err;

    const DecisionRows w_rows = read_decision_rows(west);
    const DecisionRows e_rows = read_decision_rows(east);
    const int p5_west_home = all.at({"P5", 1}).at("plain_distance_m") == "100.00" ? 1 : 2;
    EXPECT_EQ(w_rows.size(), 3U);
    EXPECT_EQ(e_rows.size(), 3U);
    EXPECT_TRUE(w_rows.count({"P1", 1}) && w_rows.count({"P3", 1}) && w_rows.count({"P5", p5_west_home}));
    EXPECT_TRUE(e_rows.count({"P2", 1}) && e_rows.count({"P4", 1}) && e_rows.count({"P5", 3 - p5_west_home}));
    // Every home the runs share with the whole register is decided field by field alike
    // (P5's homes keep their numbers from the whole register) ...
    for (const DecisionRows* part : {&w_rows, &e_rows}) {
        for (const auto& [key, row] : *part) {
            if (key.first != "P3") {
                EXPECT_EQ(row, all.at(key)) << key.first << " home " << key.second;
            }
        }
    }
    EXPECT_EQ(all.at({"P4", 1}).at("outcome"), "eligible_distance"); // 200 m to school 1 >= 150 m
    // ... but the municipality places its pupils in its own schools: P3's reference school
    // is 1 (200 m), not the neighbour's school 2 that the whole register would name.
    EXPECT_EQ(all.at({"P3", 1}).at("reference_school_id"), "2");
    EXPECT_EQ(w_rows.at({"P3", 1}).at("reference_school_id"), "1");
    EXPECT_EQ(w_rows.at({"P3", 1}).at("reference_safe_distance_m"), "200.00");
    EXPECT_EQ(w_rows.at({"P3", 1}).at("reference_outcome"), "eligible_distance");
    EXPECT_EQ(w_rows.at({"P3", 1}).at("safe_distance_m"), all.at({"P3", 1}).at("safe_distance_m"));
    EXPECT_EQ(w.err.find("P1"), std::string::npos) << w.err; // counts on stderr, never a pupil
}

TEST(BatchMunicipality, AMissingColumnOrAnUnknownCodeIsAClearError) {
    const BatchFixture road = border_road();
    const std::string schools = schools_of(road);
    const std::string pupils = pupils_of(road);
    const std::string out = road.dir().file("decisions.csv");

    const CommandResult unknown = road.run(schools, pupils, out, {"--municipality", "0115"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find(pupils + ": no home has municipality '0115'"), std::string::npos) << unknown.err;

    const std::string plain_pupils = road.write_pupils({{"P1", "1", "1", "", '1', ""}}, "plain.csv");
    const CommandResult no_column = road.run(schools, plain_pupils, out, {"--municipality", "0114"});
    EXPECT_EQ(no_column.exit_code, 1);
    EXPECT_NE(no_column.err.find(plain_pupils + ": no municipality column"), std::string::npos) << no_column.err;

    const std::string plain_schools = road.write_schools({{"1", "F-9", 'A'}}, "plain-schools.csv");
    const CommandResult no_school_column = road.run(plain_schools, pupils, out, {"--municipality", "0114"});
    EXPECT_EQ(no_school_column.exit_code, 1);
    EXPECT_NE(no_school_column.err.find(plain_schools + ": no municipality column"), std::string::npos)
        << no_school_column.err;

    EXPECT_EQ(road.run(schools, pupils, out, {"--municipality", ""}).exit_code, 2);
    EXPECT_FALSE(std::filesystem::exists(out)); // no run wrote anything
}
