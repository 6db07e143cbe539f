// SPDX-License-Identifier: MIT
// `skolvag batch --stops` stories (issue 10, item 18): pupils who get transport walk to
// a pick-up stop, and that walk is judged for their band like the walk to school:
// within the band's max_stop_distance_m (ok), beyond it (too_far), without a safe walk
// (no_safe_route), a stop off the network, the nearest stop by safe distance suggested,
// and nothing for pupils without transport.
#include "geodata/projection.hpp"
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace skolvag::testing;

namespace {

// A footway a-b-c-d-e (480 m) and a primary road e-f (100 m, 70 km/h: unsafe for F-3,
// which may walk 50 km/h roads). School S1's entrance s is 20 m west of a. Stops: A and
// B on the footway (at 230 m and 400 m from a), C on the primary road 40 m east of e.
// The homes are 10 m south of the footway, at 80 m (6), 200 m (1), 360 m (2), 450 m (3)
// and 470 m (5) from a.
constexpr const char* kStopsTown = R"(
    s a-----------------b----A----c---------d-B-------e---C-----f
              6           1               2        3 5
)";

// F-3 walks 150 m to school and at most 100 m to its stop; 4-6 has no stop limit.
constexpr const char* kStopsRules = R"(
name = "Testkommun 2026/27"
min_component_m = 0

[[band]]
name = "F-3"
grades = ["F", "1", "2", "3"]
threshold_m = 150
max_speed_without_sidewalk = 50
max_stop_distance_m = 100

[[band]]
name = "4-6"
grades = ["4", "5", "6"]
threshold_m = 250
max_speed_without_sidewalk = 80
)";

struct StopsTown : BatchFixture {
    StopsTown() : BatchFixture(kStopsTown, 10.0, {{"abcde", {{"highway", "footway"}}}, {"ef", {{"highway", "primary"}}}}) {
        write_rules(kStopsRules);
    }
};

struct PupilWithStop {
    std::string pupil_ref;
    std::string grade;
    std::string stop_id;
    char home;
};

/// A pupils file with a stop_id column, every pupil at school S1.
std::string write_pupils_with_stops(const BatchFixture& town, const std::vector<PupilWithStop>& rows) {
    std::string text = "pupil_ref,grade,school_id,stop_id,lon,lat\n";
    for (const PupilWithStop& r : rows) {
        text += r.pupil_ref + "," + r.grade + ",S1," + r.stop_id + "," + town.lon_lat(r.home) + "\n";
    }
    return town.dir().write("pupils.csv", text);
}

/// The stops A, B and C of the drawing and D far outside the town, with lon, lat columns.
std::string write_stops(const BatchFixture& town) {
    return town.dir().write("stops.csv", "stop_id,name,lon,lat\nA,Kyrkan," + town.lon_lat('A') + "\nB,Torget," +
                                             town.lon_lat('B') + "\nC,Vägskälet," + town.lon_lat('C') +
                                             "\nD,Skogen,18.2000000,59.4000000\n");
}

void expect_metres(const std::string& text, double metres, const char* what) {
    ASSERT_FALSE(text.empty()) << what << " is empty";
    EXPECT_NEAR(std::stod(text), metres, 0.05) << what;
}

const std::vector<PupilWithStop> kPupils = {
    {"P1", "2", "A", '1'},  // 30 m to A: ok
    {"P2", "2", "A", '2'},  // 130 m to A: beyond 100 m
    {"P3", "2", "C", '3'},  // C only by the primary road: no safe walk for F-3
    {"P4", "2", "D", '1'},  // D is off the network
    {"P5", "2", "", '5'},   // no stop: C is nearer (50 m) but unsafe, B (70 m) is safe
    {"P6", "2", "A", '6'},  // 80 m to school: not eligible, no stop assessed
    {"P7", "2", "X9", '1'}, // a stop the stops file does not have
    {"P8", "5", "C", '3'},  // 4-6 may walk the primary road, and has no stop limit
};

} // namespace

TEST(BatchStops, EachPupilWithTransportGetsTheWalkToItsStopJudgedForItsBand) {
    const StopsTown town;
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = write_pupils_with_stops(town, kPupils);
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out, {"--stops", write_stops(town)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DecisionRows d = read_decision_rows(out);
    auto row = [&](const char* ref) { return d.at({ref, 1}); };

    EXPECT_EQ(row("P1")["outcome"], "eligible_distance");
    EXPECT_EQ(row("P1")["stop_id"], "A");
    EXPECT_EQ(row("P1")["stop_chosen_by"], "given");
    expect_metres(row("P1")["stop_plain_distance_m"], 30.0, "P1 plain to A");
    expect_metres(row("P1")["stop_safe_distance_m"], 30.0, "P1 safe to A");
    EXPECT_EQ(row("P1")["stop_threshold_m"], "100.00");
    EXPECT_EQ(row("P1")["stop_outcome"], "ok");

    expect_metres(row("P2")["stop_safe_distance_m"], 130.0, "P2 safe to A");
    EXPECT_EQ(row("P2")["stop_outcome"], "too_far");

    EXPECT_EQ(row("P3")["stop_id"], "C");
    expect_metres(row("P3")["stop_plain_distance_m"], 70.0, "P3 plain to C");
    EXPECT_EQ(row("P3")["stop_safe_distance_m"], "");
    EXPECT_EQ(row("P3")["stop_outcome"], "no_safe_route");

    EXPECT_EQ(row("P4")["stop_id"], "D");
    EXPECT_EQ(row("P4")["stop_outcome"], "not_on_network");
    EXPECT_EQ(row("P4")["stop_plain_distance_m"], "");
    EXPECT_NE(row("P4")["note"].find("stop 'D' is not on the walking network"), std::string::npos);

    // The nearest stop by SAFE distance: B, not C (nearer, but only by the primary road).
    EXPECT_EQ(row("P5")["stop_id"], "B");
    EXPECT_EQ(row("P5")["stop_chosen_by"], "nearest");
    expect_metres(row("P5")["stop_safe_distance_m"], 70.0, "P5 safe to B");
    EXPECT_EQ(row("P5")["stop_outcome"], "ok");

    EXPECT_EQ(row("P6")["outcome"], "not_eligible");
    for (const char* column : {"stop_id", "stop_chosen_by", "stop_plain_distance_m", "stop_safe_distance_m",
                               "stop_threshold_m", "stop_outcome"}) {
        EXPECT_EQ(row("P6")[column], "") << column;
    }

    EXPECT_EQ(row("P7")["outcome"], "eligible_distance"); // the decision on transport stands
    EXPECT_EQ(row("P7")["stop_id"], "X9");
    EXPECT_EQ(row("P7")["stop_outcome"], "invalid_input");
    EXPECT_NE(row("P7")["note"].find("unknown stop_id 'X9' (not in the stops file)"), std::string::npos)
        << row("P7")["note"];

    EXPECT_EQ(row("P8")["stop_outcome"], "ok");
    expect_metres(row("P8")["stop_safe_distance_m"], 70.0, "P8 safe to C");
    EXPECT_EQ(row("P8")["stop_threshold_m"], "");

    // Every row records the stops file it was decided with.
    for (const auto& [key, values] : d) {
        EXPECT_EQ(values.at("stops_sha256").size(), 64U) << key.first;
    }
    // The stop off the network is named on stderr; the outcomes are counted, no pupil named.
    EXPECT_NE(r.err.find("stop 'D' is not within 250 m of the walking network"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("batch: pick-up stops: invalid_input=1 no_safe_route=1 not_on_network=1 ok=3 too_far=1"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("P1"), std::string::npos) << r.err;
}

TEST(BatchStops, WithoutStopsTheDecisionsAreTheSameAndTheStopColumnsEmpty) {
    const StopsTown town;
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = write_pupils_with_stops(town, kPupils);
    const std::string with = town.dir().file("with.csv");
    const std::string without = town.dir().file("without.csv");
    ASSERT_EQ(town.run(schools, pupils, with, {"--stops", write_stops(town)}).exit_code, 0);
    const CommandResult r = town.run(schools, pupils, without);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("7 homes of the register name a stop_id, but no --stops was given"), std::string::npos)
        << r.err;
    const DecisionRows a = read_decision_rows(with);
    const DecisionRows b = read_decision_rows(without);
    for (const auto& [key, row] : b) {
        for (const char* column : {"outcome", "plain_distance_m", "safe_distance_m", "reference_school_id"}) {
            EXPECT_EQ(row.at(column), a.at(key).at(column)) << key.first << " " << column;
        }
        EXPECT_EQ(row.at("stop_outcome"), "") << key.first;
        EXPECT_EQ(row.at("stops_sha256"), "") << key.first;
    }
}

TEST(BatchStops, AStopsFileInSweref99TmWithSemicolonsAndDecimalCommasGivesTheSameWalks) {
    const StopsTown town;
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = write_pupils_with_stops(town, kPupils);
    const skolvag::geodata::Projection to_grid(skolvag::geodata::kWgs84, skolvag::geodata::kSweref99Tm);
    std::string sweref = "stop_id;name;x;y\r\n";
    for (const char stop : {'A', 'B', 'C'}) {
        const auto p = town.map().position(stop);
        const auto xy = to_grid.transform(p.lon_deg, p.lat_deg);
        char line[96];
        std::snprintf(line, sizeof line, "%c;Hållplats %c;%.4f;%.4f\r\n", stop, stop, xy->first, xy->second);
        std::string text = line;
        for (char& ch : text) {
            ch = ch == '.' ? ',' : ch;
        }
        sweref += text;
    }
    sweref += "D;Skogen;700000,00;6600000,00\r\n"; // far outside the town
    const std::string grid_stops = town.dir().write("hallplatser.csv", sweref);
    const std::string a = town.dir().file("a.csv");
    const std::string b = town.dir().file("b.csv");
    ASSERT_EQ(town.run(schools, pupils, a, {"--stops", write_stops(town)}).exit_code, 0);
    // The pupils' and schools' lon, lat are read as WGS84; --stops-crs gives the stops their own.
    const CommandResult r = town.run(schools, pupils, b, {"--stops", grid_stops, "--stops-crs", "EPSG:3006"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("stops read from x, y columns in EPSG:3006 (given)"), std::string::npos) << r.err;
    const DecisionRows da = read_decision_rows(a);
    const DecisionRows db = read_decision_rows(b);
    for (const auto& [key, row] : da) {
        for (const char* column : {"stop_id", "stop_plain_distance_m", "stop_safe_distance_m", "stop_outcome"}) {
            EXPECT_EQ(row.at(column), db.at(key).at(column)) << key.first << " " << column;
        }
    }
    EXPECT_EQ(db.at({"P5", 1}).at("stop_id"), "B");
}

TEST(BatchStops, ThePreviousRunReadBackIsUnchangedAndReusedAndAChangedStopsFileDecidesAgain) {
    const StopsTown town;
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = write_pupils_with_stops(town, kPupils);
    const std::string stops = write_stops(town);
    const std::string first = town.dir().file("run1.csv");
    const std::string second = town.dir().file("run2.csv");
    ASSERT_EQ(town.run(schools, pupils, first, {"--stops", stops}).exit_code, 0);
    const CommandResult r = town.run(schools, pupils, second, {"--stops", stops, "--previous", first});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(0 computed, 8 reused)"), std::string::npos) << r.err;
    const DecisionRows d1 = read_decision_rows(first);
    const DecisionRows d2 = read_decision_rows(second);
    for (const auto& [key, row] : d2) {
        EXPECT_EQ(row.at("change"), "unchanged") << key.first << " " << row.at("changed_fields");
        for (const char* column : {"stop_id", "stop_chosen_by", "stop_plain_distance_m", "stop_safe_distance_m",
                                   "stop_threshold_m", "stop_outcome", "stops_sha256", "note"}) {
            EXPECT_EQ(row.at(column), d1.at(key).at(column)) << key.first << " " << column;
        }
    }
    // Stop B moved onto the primary road (onto C): the stops file's hash differs, so
    // every home is decided again, and P5's nearest safe stop is now A, 240 m away.
    const std::string moved = town.dir().write("stops.csv", "stop_id,name,lon,lat\nA,Kyrkan," + town.lon_lat('A') +
                                                                "\nB,Torget," + town.lon_lat('C') + "\nC,Vägskälet," +
                                                                town.lon_lat('C') + "\nD,Skogen,18.2,59.4\n");
    const std::string third = town.dir().file("run3.csv");
    const CommandResult again = town.run(schools, pupils, third, {"--stops", moved, "--previous", second});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("(8 computed, 0 reused)"), std::string::npos) << again.err;
    const DecisionRows d3 = read_decision_rows(third);
    EXPECT_EQ(d3.at({"P5", 1}).at("change"), "changed");
    EXPECT_EQ(d3.at({"P5", 1}).at("stop_outcome"), "too_far");
    EXPECT_EQ(d3.at({"P5", 1}).at("stop_id"), "A");
    EXPECT_NE(d3.at({"P5", 1}).at("changed_fields").find("stop_id"), std::string::npos);
    EXPECT_EQ(d3.at({"P5", 1}).at("previous_stop_id"), "B");
    EXPECT_EQ(d3.at({"P1", 1}).at("change"), "unchanged");
}

TEST(BatchStops, BadStopsFilesAreRefusedNamingFileAndRow) {
    const StopsTown town;
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = write_pupils_with_stops(town, kPupils);
    const std::string out = town.dir().file("decisions.csv");
    const std::string twice =
        town.dir().write("twice.csv", "stop_id,name,lon,lat\nA,Kyrkan," + town.lon_lat('A') + "\nA,Kyrkan," +
                                          town.lon_lat('B') + "\n");
    CommandResult r = town.run(schools, pupils, out, {"--stops", twice});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(twice + ":3: stop 'A' again: the stops file has one row per stop"), std::string::npos)
        << r.err;
    const std::string no_id = town.dir().write("no_id.csv", "id,name,lon,lat\nA,Kyrkan," + town.lon_lat('A') + "\n");
    r = town.run(schools, pupils, out, {"--stops", no_id});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("stop_id"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(BatchStops, TheRunReportCountsTheStopOutcomesPerBand) {
    const StopsTown town;
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = write_pupils_with_stops(town, kPupils);
    const std::string report = town.dir().file("report.html");
    const CommandResult r = town.run(schools, pupils, town.dir().file("decisions.csv"),
                                     {"--stops", write_stops(town), "--report", report, "--lang", "en"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read_text(report);
    const std::size_t at = html.find("<h2>The walk to the pick-up stop per band</h2>");
    ASSERT_NE(at, std::string::npos) << html;
    const std::string table = html.substr(at, html.find("</table>", at) - at);
    // F-3: ok P1, P5; too_far P2; no_safe_route P3; not_on_network P4; invalid_input P7: 6 in all.
    EXPECT_NE(table.find("<tr><td>F-3</td><td class=n>100 m</td><td class=n>2</td><td class=n>1</td><td class=n>1</td>"
                         "<td class=n>1</td><td class=n>1</td><td class=n>6</td></tr>"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("<tr><td>4-6</td><td class=n>no limit</td><td class=n>1</td><td class=n>0</td>"),
              std::string::npos)
        << table;
    EXPECT_EQ(html.find("P1"), std::string::npos); // counts only

    // Without --stops the report has no such table.
    const std::string plain = town.dir().file("plain.html");
    ASSERT_EQ(town.run(schools, pupils, town.dir().file("d2.csv"), {"--report", plain, "--lang", "en"}).exit_code, 0);
    EXPECT_EQ(read_text(plain).find("pick-up stop"), std::string::npos);
}
