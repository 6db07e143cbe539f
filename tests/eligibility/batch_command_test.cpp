// SPDX-License-Identifier: MIT
// `skolvag batch` stories on small drawn towns, through the real executable: every
// outcome, alternating residence, the reference school, entrance choice, CRS round
// trip, the register diff, bad input and atomic output.
#include "geodata/projection.hpp"
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

using namespace skolvag::testing;

namespace {

void expect_metres(const std::string& text, double metres, const char* what) {
    ASSERT_FALSE(text.empty()) << what << " is empty";
    EXPECT_NEAR(std::stod(text), metres, 0.05) << what;
}

std::string far_away() { return "18.2000000,59.4000000"; }

/// The removed list's path as `batch` names it on stderr ("... erasure review in PATH (...").
std::string removed_list_named_in(const std::string& err) {
    const std::string marker = "erasure review in ";
    const std::size_t at = err.find(marker);
    if (at == std::string::npos) {
        return "";
    }
    const std::size_t start = at + marker.size();
    return err.substr(start, err.find(" (", start) - start);
}

} // namespace

TEST(BatchCommand, EveryOutcomeWithItsDistancesAndNotes) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils({
        {"P1", "1", "S1", "", '1', ""},
        {"P2", "2", "S1", "", 'c', ""},
        {"P3", "3", "S1", "", '3', ""},
        {"P4", "5", "S1", "", '3', ""},
        {"P5", "4", "S1", "", 'c', ""},
        {"P6", "1", "S1", "", '?', far_away()},
        {"P7", "1", "S9", "", 'c', ""},
        {"P8", "8", "S1", "", 'c', ""},
        {"P9", "trea", "S1", "", 'c', ""},
        {"P10", "1", "S1", "", '?', "abc,59.3"},
    });
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out);
    // Half the homes fail (P6 to P10): over the 20 % a run may lose, so the run fails,
    // after writing every row with its reason. Every cause is met once: the first named.
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("batch: run failed: 5 of 10 homes (50 %) could not be decided; the commonest cause: a home "
                         "not on the network (no walkable way near it) (1 home, at " + pupils + ":7)"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(town.run(schools, pupils, out, {"--max-failed-share", "0.5"}).exit_code, 0);
    const DecisionRows d = read_decision_rows(out);
    ASSERT_EQ(d.size(), 10U);

    auto row = [&](const char* ref) { return d.at({ref, 1}); };
    EXPECT_EQ(row("P1")["outcome"], "not_eligible"); // 100 m < 150 m
    expect_metres(row("P1")["safe_distance_m"], 100.0, "P1 safe");
    expect_metres(row("P1")["home_snap_m"], 10.0, "P1 snap");
    EXPECT_EQ(row("P1")["band"], "F-3");
    EXPECT_EQ(row("P1")["threshold_m"], "150.00");

    EXPECT_EQ(row("P2")["outcome"], "eligible_distance"); // 200 m >= 150 m
    expect_metres(row("P2")["plain_distance_m"], 200.0, "P2 plain");

    EXPECT_EQ(row("P3")["outcome"], "eligible_traffic"); // only the primary road leads there
    expect_metres(row("P3")["plain_distance_m"], 300.0, "P3 plain");
    EXPECT_EQ(row("P3")["safe_distance_m"], "");
    EXPECT_NE(row("P3")["note"].find("no safe walking route for band F-3"), std::string::npos);

    EXPECT_EQ(row("P4")["outcome"], "eligible_distance"); // 4-6 may walk 70 km/h roads; 300 >= 250
    expect_metres(row("P4")["safe_distance_m"], 300.0, "P4 safe");
    EXPECT_EQ(row("P5")["outcome"], "not_eligible");      // 200 < 250

    EXPECT_EQ(row("P6")["outcome"], "not_on_network");
    EXPECT_NE(row("P6")["note"].find("no walkable way within 250 m"), std::string::npos);

    EXPECT_EQ(row("P7")["outcome"], "invalid_input");
    EXPECT_EQ(row("P7")["note"], "unknown school_id 'S9'");
    EXPECT_EQ(row("P8")["outcome"], "invalid_input");
    EXPECT_EQ(row("P8")["note"], "no band for grade '8' in the rules");
    EXPECT_EQ(row("P9")["outcome"], "invalid_input");
    EXPECT_NE(row("P9")["note"].find("unknown grade 'trea'"), std::string::npos); // the value quoted
    EXPECT_EQ(row("P10")["outcome"], "invalid_input");
    EXPECT_NE(row("P10")["note"].find("'lon' is not a number"), std::string::npos);

    // Every row records what it was decided on.
    for (const auto& [key, values] : d) {
        EXPECT_EQ(values.at("rule_set"), "Testkommun 2026/27");
        EXPECT_EQ(values.at("rules_sha256").size(), 64U);
        EXPECT_EQ(values.at("network_id").size(), 64U);
        EXPECT_EQ(values.at("change"), "new");
    }
    // stderr carries counts, never pupil references or places.
    EXPECT_EQ(r.err.find("P1"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(town.lon_lat('1').substr(0, 7)), std::string::npos) << r.err;
}

TEST(BatchCommand, AlternatingResidenceAssessesEachHomeOnItsOwn) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const std::string pupils = town.write_pupils({
        {"P1", "2", "S1", "", '1', ""}, // home 1: 100 m
        {"P2", "2", "S1", "", 'c', ""},
        {"P1", "2", "S1", "", '3', ""}, // home 2: only the primary road
    });
    const std::string out = town.dir().file("decisions.csv");
    ASSERT_EQ(town.run(schools, pupils, out).exit_code, 0);
    const DecisionRows d = read_decision_rows(out);
    EXPECT_EQ(d.at({"P1", 1}).at("outcome"), "not_eligible");
    EXPECT_EQ(d.at({"P1", 2}).at("outcome"), "eligible_traffic");
    EXPECT_EQ(d.at({"P2", 1}).at("home_no"), "1");
}

TEST(BatchCommand, AReorderedRegisterIsUnchangedAndHomesKeepTheirNumbers) {
    // Sorting the export differently changes no home: home_no follows each home's
    // identity (home_id, else its point), not its row.
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const std::vector<PupilRow> rows = {
        {"P1", "2", "S1", "", '3', ""}, {"P2", "2", "S1", "", 'c', ""}, {"P1", "2", "S1", "", '1', ""}};
    const std::string first = town.dir().file("first.csv");
    ASSERT_EQ(town.run(schools, town.write_pupils(rows, "a.csv"), first).exit_code, 0);
    const std::string second = town.dir().file("second.csv");
    const CommandResult r = town.run(schools, town.write_pupils({rows[2], rows[1], rows[0]}, "b.csv"), second,
                                     {"--previous", first});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("changes: unchanged=3 removed=0"), std::string::npos) << r.err;
    const DecisionRows a = read_decision_rows(first);
    const DecisionRows b = read_decision_rows(second);
    for (const int home : {1, 2}) {
        EXPECT_EQ(a.at({"P1", home}).at("outcome"), b.at({"P1", home}).at("outcome")) << home;
    }
    EXPECT_NE(a.at({"P1", 1}).at("outcome"), a.at({"P1", 2}).at("outcome")); // two different homes

    // With home_id, the ids number the homes.
    const std::string with_ids = town.dir().write(
        "ids.csv", "pupil_ref,grade,school_id,home_id,lon,lat\nP1,2,S1,pappa," + town.lon_lat('1') +
                       "\nP1,2,S1,mamma," + town.lon_lat('3') + "\n");
    const std::string third = town.dir().file("third.csv");
    ASSERT_EQ(town.run(schools, with_ids, third).exit_code, 0);
    const DecisionRows c = read_decision_rows(third);
    EXPECT_EQ(c.at({"P1", 1}).at("outcome"), "eligible_traffic"); // "mamma" (at 3) sorts first
    EXPECT_EQ(c.at({"P1", 2}).at("outcome"), "not_eligible");
}

TEST(BatchCommand, ReferenceSchoolIsTheNearestTeachingTheGradeUnlessGiven) {
    // A footway A-b-c-D, 300 m. Schools 9 and 10 share the entrance at A and teach F-6;
    // school 20 is at D and teaches 4-9.
    const BatchFixture town(R"(
        A---------b---------c---------D
                  1         2
    )", 10.0, {{"AbcD", {{"highway", "footway"}}}});
    const std::string schools = town.write_schools({
        {"10", "F-6", 'A'},
        {"9", "F-6", 'A'},
        {"20", "4-9", 'D'},
    });
    const std::string pupils = town.write_pupils({
        {"P1", "5", "20", "", '1', ""},  // nearest teaching 5: A (100 m); 9 and 10 tie, 9 < 10
        {"P2", "1", "9", "", '2', ""},   // 20 does not teach 1: the reference is 9 though D is nearer
        {"P3", "5", "20", "10", '1', ""}, // a given reference school is used as given
    });
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DecisionRows d = read_decision_rows(out);
    EXPECT_EQ(d.at({"P1", 1}).at("reference_school_id"), "9");
    expect_metres(d.at({"P1", 1}).at("reference_safe_distance_m"), 100.0, "P1 reference");
    EXPECT_EQ(d.at({"P1", 1}).at("reference_outcome"), "not_eligible");
    expect_metres(d.at({"P1", 1}).at("safe_distance_m"), 200.0, "P1 to its chosen school");
    EXPECT_EQ(d.at({"P2", 1}).at("reference_school_id"), "9");
    expect_metres(d.at({"P2", 1}).at("reference_safe_distance_m"), 200.0, "P2 reference");
    EXPECT_EQ(d.at({"P3", 1}).at("reference_school_id"), "10");
}

TEST(BatchCommand, TheNearestEntranceCountsAndAnUnsafeOneOnlyForThePlainDistance) {
    // School S1 has entrances at A (west) and at E (east). E lies on a primary road
    // without sidewalk: F-3 pupils reach it only unsafely.
    const BatchFixture town(R"(
        A---------b---------c----E----d
                            1
    )", 10.0, {{"Abc", {{"highway", "footway"}}}, {"cEd", {{"highway", "primary"}}}});
    const std::string schools = town.write_schools({{"S1", "", 'A'}, {"S1", "", 'E'}});
    const std::string pupils = town.write_pupils({
        {"P1", "2", "S1", "", '1', ""}, // at c: 50 m to E on the road, 200 m to A on the footway
        {"P2", "5", "S1", "", '1', ""}, // 4-6 may use the road
    });
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DecisionRows d = read_decision_rows(out);
    expect_metres(d.at({"P1", 1}).at("plain_distance_m"), 50.0, "plain: the nearest entrance");
    expect_metres(d.at({"P1", 1}).at("safe_distance_m"), 200.0, "safe: the entrance reachable safely");
    EXPECT_EQ(d.at({"P1", 1}).at("outcome"), "eligible_distance");
    expect_metres(d.at({"P2", 1}).at("safe_distance_m"), 50.0, "4-6 safe");
}

TEST(BatchCommand, APointInSweref99TmAndTheSamePointInWgs84GiveTheSameDecision) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const skolvag::geodata::Projection to_grid(skolvag::geodata::kWgs84, skolvag::geodata::kSweref99Tm);
    std::string wgs84 = "pupil_ref,grade,school_id,lon,lat\n";
    std::string sweref = "pupil_ref,grade,school_id,x,y\n";
    int i = 0;
    for (char c : {'1', 'c', '3'}) {
        const auto p = town.map().position(c);
        const auto xy = to_grid.transform(p.lon_deg, p.lat_deg);
        char line[160];
        std::snprintf(line, sizeof line, "P%d,2,S1,%.7f,%.7f\n", i, p.lon_deg, p.lat_deg);
        wgs84 += line;
        std::snprintf(line, sizeof line, "P%d,2,S1,%.4f,%.4f\n", i, xy->first, xy->second);
        sweref += line;
        ++i;
    }
    const std::string a = town.dir().file("a.csv");
    const std::string b = town.dir().file("b.csv");
    ASSERT_EQ(town.run(schools, town.dir().write("wgs84.csv", wgs84), a).exit_code, 0);
    // x,y columns are read as EPSG:3006 by default.
    const CommandResult r = town.run(schools, town.dir().write("sweref.csv", sweref), b);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DecisionRows da = read_decision_rows(a);
    const DecisionRows db = read_decision_rows(b);
    ASSERT_EQ(da.size(), 3U);
    for (const auto& [key, row] : da) {
        for (const char* column : {"outcome", "plain_distance_m", "safe_distance_m", "home_snap_m"}) {
            EXPECT_EQ(row.at(column), db.at(key).at(column)) << key.first << " " << column;
        }
    }
    // --crs overrides the default for files without their own CRS.
    const std::string c = town.dir().file("c.csv");
    ASSERT_EQ(town.run(schools, town.dir().file("wgs84.csv"), c, {"--crs", "EPSG:4326"}).exit_code, 0);
    EXPECT_EQ(read_decision_rows(c).at({"P0", 1}).at("safe_distance_m"), da.at({"P0", 1}).at("safe_distance_m"));
    // Each file its own: --crs for both, --pupils-crs over it for the pupils' x,y in
    // SWEREF 99 TM; the summary says which CRS each file was read in.
    const std::string e = town.dir().file("e.csv");
    const CommandResult per_file = town.run(schools, town.dir().file("sweref.csv"), e,
                                            {"--crs", "EPSG:4326", "--pupils-crs", "EPSG:3006"});
    ASSERT_EQ(per_file.exit_code, 0) << per_file.err;
    EXPECT_EQ(read_decision_rows(e).at({"P0", 1}).at("safe_distance_m"), da.at({"P0", 1}).at("safe_distance_m"));
    EXPECT_NE(per_file.err.find("schools read from lon, lat columns in EPSG:4326 (given); pupils from x, y columns in "
                                "EPSG:3006 (given)"),
              std::string::npos)
        << per_file.err;
    EXPECT_NE(r.err.find("pupils from x, y columns in EPSG:3006 (the default)"), std::string::npos) << r.err;
}

TEST(BatchCommand, RegisterDiffFindsNewChangedUnchangedAndRemovedAndReusesUnchangedHomes) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const std::string first = town.dir().file("run1.csv");
    ASSERT_EQ(town.run(schools,
                       town.write_pupils({{"P1", "2", "S1", "", '1', ""},
                                          {"P2", "2", "S1", "", 'c', ""},
                                          {"P3", "2", "S1", "", '3', ""}},
                                         "pupils1.csv"),
                       first)
                  .exit_code,
              0);
    // P1 moved to c, P2 stays, P3 left the register, P4 is new.
    const std::string pupils2 = town.write_pupils({{"P1", "2", "S1", "", 'c', ""},
                                                   {"P2", "2", "S1", "", 'c', ""},
                                                   {"P4", "2", "S1", "", '1', ""}},
                                                  "pupils2.csv");
    const std::string second = town.dir().file("run2.csv");
    const CommandResult r = town.run(schools, pupils2, second, {"--previous", first});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("3 homes (2 computed, 1 reused)"), std::string::npos) << r.err;
    const DecisionRows d = read_decision_rows(second);
    EXPECT_EQ(d.at({"P1", 1}).at("change"), "changed");
    EXPECT_EQ(d.at({"P1", 1}).at("changed_fields"),
              "plain_distance_m;safe_distance_m;outcome;reference_safe_distance_m;reference_outcome;home_snap_m;inputs");
    EXPECT_EQ(d.at({"P2", 1}).at("change"), "unchanged");
    EXPECT_EQ(d.at({"P2", 1}).at("changed_fields"), "");
    EXPECT_EQ(d.at({"P4", 1}).at("change"), "new");
    EXPECT_EQ(d.count({"P3", 1}), 0U);
    // The erasure list: beside the decisions, named by the run's time, and said where.
    const std::string list2 = removed_list_named_in(r.err);
    EXPECT_EQ(list2.rfind(town.dir().file("run2.removed-"), 0), 0U) << list2;
    const DecisionRows removed = read_decision_rows(list2);
    ASSERT_EQ(removed.size(), 1U);
    EXPECT_NE(removed.at({"P3", 1}).at("instruction").find("review"), std::string::npos);

    // The same register again: nothing to compute, everything unchanged, nobody removed.
    const std::string third = town.dir().file("run3.csv");
    const CommandResult again = town.run(schools, pupils2, third, {"--previous", second});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("3 homes (0 computed, 3 reused)"), std::string::npos) << again.err;
    for (const auto& [key, row] : read_decision_rows(third)) {
        EXPECT_EQ(row.at("change"), "unchanged") << key.first;
    }
    const std::string list3 = removed_list_named_in(again.err);
    EXPECT_TRUE(read_decision_rows(list3).empty());

    // The same output again without --previous: no list of its own, and the earlier
    // runs' lists stay where they are (an erasure list is never deleted by a run).
    const CommandResult fresh = town.run(schools, pupils2, third);
    ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
    EXPECT_EQ(fresh.err.find("erasure review"), std::string::npos) << fresh.err;
    EXPECT_TRUE(std::filesystem::exists(list2));
    EXPECT_TRUE(std::filesystem::exists(list3));

    // New rules: everything is computed again, and the diff still says what changed.
    town.dir().write("rules2.toml", std::string(kBatchRulesToml) + "\n");
    const std::string fourth = town.dir().file("run4.csv");
    const CommandResult rerun = run_skolvag({"batch", "--network", town.network(), "--schools", schools, "--pupils",
                                             pupils2, "--rules", town.dir().file("rules2.toml"), "--out", fourth,
                                             "--previous", third});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_NE(rerun.err.find("3 homes (3 computed, 0 reused)"), std::string::npos) << rerun.err;
    EXPECT_EQ(read_decision_rows(fourth).at({"P2", 1}).at("change"), "unchanged");
}

TEST(BatchCommand, ADecisionOfAnotherExecutableVersionIsComputedAgain) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const std::string pupils = town.write_pupils({{"P1", "2", "S1", "", '1', ""}, {"P2", "2", "S1", "", 'c', ""}});
    const std::string first = town.dir().file("first.csv");
    ASSERT_EQ(town.run(schools, pupils, first).exit_code, 0);
    const CommandResult same = town.run(schools, pupils, town.dir().file("same.csv"), {"--previous", first});
    EXPECT_NE(same.err.find("2 homes (0 computed, 2 reused)"), std::string::npos) << same.err;

    // The same decisions, as an older (say, since fixed) skolvag wrote them.
    const DecisionRows rows = read_decision_rows(first);
    const std::string version = rows.at({"P1", 1}).at("skolvag_version");
    ASSERT_FALSE(version.empty());
    std::string text = read_text(first);
    for (auto at = text.find(version); at != std::string::npos; at = text.find(version)) {
        text.replace(at, version.size(), "0.1.0+000000000000");
    }
    const std::string older = town.dir().write("older.csv", text);
    const CommandResult again = town.run(schools, pupils, town.dir().file("again.csv"), {"--previous", older});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("2 homes (2 computed, 0 reused)"), std::string::npos) << again.err;
    EXPECT_EQ(read_decision_rows(town.dir().file("again.csv")).at({"P1", 1}).at("skolvag_version"), version);
}

TEST(BatchCommand, GeoPackageOutputsOpenWithOgrinfoAndCarryTheAttribution) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const std::string pupils = town.write_pupils({{"P1", "2", "S1", "", '1', ""}, {"P3", "2", "S1", "", '3', ""}});
    const std::string first = town.dir().file("first.gpkg");
    ASSERT_EQ(town.run(schools, pupils, first).exit_code, 0);
    const std::string out = town.dir().file("decisions.gpkg");
    const std::string routes = town.dir().file("routes.gpkg");
    const CommandResult r = town.run(schools, pupils, out, {"--previous", first, "--routes", routes});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The same register against its own GeoPackage: nothing changed (one rounding everywhere).
    EXPECT_NE(r.err.find("changes: unchanged=2"), std::string::npos) << r.err;

    const std::string listing = town.dir().file("ogrinfo.txt");
    ASSERT_EQ(std::system(("ogrinfo -ro -al -so " + out + " > " + listing + " 2>&1").c_str()), 0) << read_text(listing);
    const std::string decisions_info = read_text(listing);
    EXPECT_NE(decisions_info.find("Layer name: decisions"), std::string::npos) << decisions_info;
    EXPECT_NE(decisions_info.find("Layer name: removed"), std::string::npos) << decisions_info;
    EXPECT_NE(decisions_info.find("Feature Count: 2"), std::string::npos) << decisions_info;
    EXPECT_NE(decisions_info.find("safe_distance_m: Real"), std::string::npos) << decisions_info;

    ASSERT_EQ(std::system(("ogrinfo -ro -al " + routes + " > " + listing + " 2>&1").c_str()), 0) << read_text(listing);
    const std::string routes_info = read_text(listing);
    EXPECT_NE(routes_info.find("© OpenStreetMap contributors"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("Geometry: Line String"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("SWEREF99 TM"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("route_kind (String) = safe"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("route_kind (String) = plain (no safe route)"), std::string::npos) << routes_info;
    // P3's plain route, piece by piece: the primary road is unsafe for F-3, and says why.
    EXPECT_NE(routes_info.find("Layer name: route_pieces"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("safe (String) = no"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("reason (String) = along primary (OSM way"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("Layer name: route_crossings"), std::string::npos) << routes_info;
    EXPECT_NE(routes_info.find("Geometry: Point"), std::string::npos) << routes_info;
}

TEST(BatchCommand, EntrancesOffTheNetworkAreIgnoredWithAWarning) {
    const BatchFixture town = line_town();
    const std::string schools = town.dir().write(
        "schools.csv", "school_id,name,grades,lon,lat\nS1,Ett,," + town.lon_lat('s') + "\nS1,Ett,," + far_away() +
                           "\nS2,Tva,," + far_away() + "\n");
    const std::string pupils = town.write_pupils({{"P1", "2", "S1", "", '1', ""}, {"P2", "2", "S2", "", '1', ""}});
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out, {"--max-failed-share", "0.5"}); // P2 fails, by design
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("schools.csv:3: entrance of school 'S1' is not within 250 m"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("school 'S2' has no usable entrance"), std::string::npos) << r.err;
    const DecisionRows d = read_decision_rows(out);
    EXPECT_EQ(d.at({"P1", 1}).at("outcome"), "not_eligible");
    EXPECT_EQ(d.at({"P2", 1}).at("outcome"), "invalid_input");
    EXPECT_EQ(d.at({"P2", 1}).at("note"), "school 'S2' has no entrance on the walking network");
}

TEST(BatchCommand, RoutesAndDecisionsInOneFileAreRefused) {
    const BatchFixture town = line_town();
    const std::string out = town.dir().file("run.gpkg");
    const CommandResult r = town.run(town.write_schools({{"S1", "", 's'}}), town.write_pupils({{"P1", "2", "S1", "", '1', ""}}),
                                     out, {"--routes", town.dir().path() + "/./run.gpkg"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("--routes and --out must be different files"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(BatchCommand, BadInputGivesAClearErrorAndKeepsTheEarlierDecisions) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const std::string pupils = town.write_pupils({{"P1", "2", "S1", "", '1', ""}});
    const std::string out = town.dir().file("decisions.csv");
    struct Bad {
        const char* story;
        std::string schools;
        std::string pupils;
        std::vector<std::string> extra;
        std::vector<std::string> message_parts;
    };
    const std::vector<Bad> cases = {
        {"pupils lack columns", schools, town.dir().write("p1.csv", "pupil_ref,lon,lat\nP1,18.0,59.0\n"), {},
         {"p1.csv", "missing column 'grade', 'school_id'"}},
        {"schools lack a name", town.dir().write("s1.csv", "school_id,lon,lat\nS1,18.0,59.0\n"), pupils, {},
         {"s1.csv", "missing column 'name'"}},
        {"no points", schools, town.dir().write("p2.csv", "pupil_ref,grade,school_id\nP1,1,S1\n"), {},
         {"p2.csv", "no points"}},
        {"unknown CRS", schools, pupils, {"--crs", "EPSG:999999"}, {"unknown CRS", "EPSG:999999"}},
        {"unreadable pupils", schools, town.dir().file("missing.csv"), {}, {"missing.csv"}},
        {"bad school grades", town.dir().write("s2.csv", "school_id,name,grades,lon,lat\nS1,A,F-X," + town.lon_lat('s') + "\n"),
         pupils, {}, {"s2.csv:2", "grades", "'F-X'"}},
        {"routes not a GeoPackage", schools, pupils, {"--routes", town.dir().file("routes.csv")}, {"GeoPackage"}},
        {"unknown output format", schools, pupils, {"--out", town.dir().file("decisions.txt")}, {"unknown output format"}},
    };
    for (const Bad& c : cases) {
        SCOPED_TRACE(c.story);
        town.dir().write("decisions.csv", "earlier decisions\n");
        std::vector<std::string> extra = c.extra;
        std::string target = out;
        if (!extra.empty() && extra[0] == "--out") {
            target = extra[1];
            extra.clear();
        }
        const CommandResult r = town.run(c.schools, c.pupils, target, extra);
        EXPECT_EQ(r.exit_code, 1) << r.err;
        for (const std::string& part : c.message_parts) {
            EXPECT_NE(r.err.find(part), std::string::npos) << "stderr: " << r.err << "\nlacks: " << part;
        }
        EXPECT_EQ(read_text(out), "earlier decisions\n");
        for (const auto& entry : std::filesystem::directory_iterator(town.dir().path())) {
            EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
        }
    }
}

TEST(BatchCommand, AnEntranceNoSafeRouteOfABandReachesIsReportedBeforeTheDecisions) {
    // S2's only entrance snaps onto the primary road c-e (70 km/h, no sidewalk): no F-3
    // pupil can reach it safely, which makes every F-3 pupil of S2 eligible. The run
    // says so, naming the school, the band, the road and why; 4-6 reaches it.
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}, {"S2", "F-9", '3'}});
    const std::string pupils = town.write_pupils({{"P1", "1", "S2", "", '1', ""}, {"P2", "5", "S2", "", '1', ""}});
    const CommandResult r = town.run(schools, pupils, town.dir().file("out.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: school 'S2'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no safe route of band F-3 reaches it; it lies on primary (OSM way"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("70 km/h by default, no sidewalk, faster than 50 km/h without a sidewalk"), std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("school 'S1'"), std::string::npos) << r.err; // reachable by every band
    EXPECT_EQ(r.err.find("band 4-6 reaches"), std::string::npos) << r.err;
    // The decision says why: the place on its plain route that is unsafe for F-3.
    const auto p1 = read_decision_rows(town.dir().file("out.csv")).at({"P1", 1});
    EXPECT_EQ(p1.at("outcome"), "eligible_traffic");
    EXPECT_EQ(p1.at("note").rfind("no safe walking route for band F-3: along primary (OSM way ", 0), 0U) << p1.at("note");
    EXPECT_NE(p1.at("note").find("), 70 km/h by default, no sidewalk: faster than 50 km/h without a sidewalk"),
              std::string::npos)
        << p1.at("note");
}

TEST(BatchCommand, ARunWhereMostHomesAreOffTheNetworkFailsAndSaysWhy) {
    // A register whose homes are far from the network (as with swapped axes or the
    // wrong CRS): every row is written, the run exits 3 and stderr names the commonest
    // cause, its first row and what to check, and never a pupil or a point.
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils({{"Elev-1", "2", "S1", "", '?', far_away()},
                                                  {"Elev-2", "2", "S1", "", '?', far_away()},
                                                  {"Elev-3", "2", "S1", "", '1', ""}});
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("2 of 3 homes (67 %) could not be decided; the commonest cause: a home not on the network"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(pupils + ":2"), std::string::npos) << r.err; // the first such row (after the header)
    EXPECT_NE(r.err.find("CRS"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("Elev-"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("18.2"), std::string::npos) << r.err;
    EXPECT_EQ(read_decision_rows(out).size(), 3U);
    // Within the share the caller allows, the same run succeeds.
    EXPECT_EQ(town.run(schools, pupils, out, {"--max-failed-share", "0.7"}).exit_code, 0);
    EXPECT_EQ(town.run(schools, pupils, out, {"--max-failed-share", "70%"}).exit_code, 2); // a fraction, not a percentage
}

TEST(BatchCommand, SwappedAxesAreRecognisedAndNamedAndAxisOrderReadsThem) {
    // The Swedish GIS habit: X is the northing. Read as x = easting, every home would
    // be far off the network: the run stops before computing, saying why and what to do;
    // --axis-order northing-easting reads the same file right, as do lon and lat swapped.
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "", 's'}});
    const skolvag::geodata::Projection to_grid(skolvag::geodata::kWgs84, skolvag::geodata::kSweref99Tm);
    std::string northing_first = "pupil_ref;grade;school_id;X;Y\r\n"; // as exported, X = northing
    std::string lat_first = "pupil_ref,grade,school_id,lon,lat\n";
    std::string right = "pupil_ref,grade,school_id,x,y\n";
    int i = 0;
    for (char c : {'1', 'c', '3'}) {
        const auto p = town.map().position(c);
        const auto xy = to_grid.transform(p.lon_deg, p.lat_deg);
        char line[160];
        std::snprintf(line, sizeof line, "P%d;2;S1;%.4f;%.4f\r\n", i, xy->second, xy->first);
        northing_first += line;
        std::snprintf(line, sizeof line, "P%d,2,S1,%.7f,%.7f\n", i, p.lat_deg, p.lon_deg);
        lat_first += line;
        std::snprintf(line, sizeof line, "P%d,2,S1,%.4f,%.4f\n", i, xy->first, xy->second);
        right += line;
        ++i;
    }
    const std::string out = town.dir().file("decisions.csv");
    const std::string swapped = town.dir().write("elever.csv", northing_first);
    const CommandResult r = town.run(schools, swapped, out);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(swapped + ": most points lie outside the network's area but would lie inside it with x and y "
                         "exchanged"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("--axis-order northing-easting"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
    const CommandResult swapped_lon_lat = town.run(schools, town.dir().write("latlon.csv", lat_first), out);
    EXPECT_EQ(swapped_lon_lat.exit_code, 1) << swapped_lon_lat.err;
    EXPECT_NE(swapped_lon_lat.err.find("x (or lon) looks like the northing"), std::string::npos) << swapped_lon_lat.err;

    // --axis-order reads both files so (as one GIS exports them): the schools' too.
    const auto s_pos = town.map().position('s');
    const auto s_xy = to_grid.transform(s_pos.lon_deg, s_pos.lat_deg);
    char school_line[160];
    std::snprintf(school_line, sizeof school_line, "S1;Skolan;;%.4f;%.4f\r\n", s_xy->second, s_xy->first);
    const std::string schools_swapped =
        town.dir().write("skolor.csv", std::string("school_id;name;grades;X;Y\r\n") + school_line);
    const std::string fixed = town.dir().file("fixed.csv");
    const CommandResult read_right = town.run(schools_swapped, swapped, fixed, {"--axis-order", "northing-easting"});
    ASSERT_EQ(read_right.exit_code, 0) << read_right.err;
    const std::string expected = town.dir().file("expected.csv");
    ASSERT_EQ(town.run(schools, town.dir().write("right.csv", right), expected).exit_code, 0);
    for (const auto& [key, row] : read_decision_rows(expected)) {
        EXPECT_EQ(row.at("safe_distance_m"), read_decision_rows(fixed).at(key).at("safe_distance_m")) << key.first;
    }
    // The right file with the option is the swapped case the other way round.
    const CommandResult twice = town.run(schools, town.dir().file("right.csv"), out, {"--axis-order", "northing-easting"});
    EXPECT_EQ(twice.exit_code, 1) << twice.err;
    EXPECT_NE(twice.err.find("leave it out"), std::string::npos) << twice.err;
    EXPECT_EQ(town.run(schools, swapped, out, {"--axis-order", "yx"}).exit_code, 2);
}

TEST(BatchCommand, PersonnummerAsPupilReferencesStopTheRunUnlessAllowed) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils =
        town.write_pupils({{"P1", "2", "S1", "", '1', ""}, {"19811218-9876", "2", "S1", "", 'c', ""}});
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(pupils + ":3: pupil_ref looks like a personnummer"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--allow-personal-ids"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("9876"), std::string::npos) << r.err; // never the number itself
    EXPECT_FALSE(std::filesystem::exists(out));
    const CommandResult allowed = town.run(schools, pupils, out, {"--allow-personal-ids"});
    ASSERT_EQ(allowed.exit_code, 0) << allowed.err;
    EXPECT_EQ(allowed.err.find("9876"), std::string::npos) << allowed.err;
    EXPECT_EQ(read_decision_rows(out).count({"19811218-9876", 1}), 1U);
}

TEST(BatchCommand, DecimalCommasSemicolonsAndTabSeparatedFilesAreTables) {
    // Swedish Excel: semicolons and decimal commas ("674440,14"); tab-separated .tsv and
    // .txt exports. Each gives the same decisions as the plain CSV with decimal points.
    const BatchFixture town = line_town();
    const skolvag::geodata::Projection to_grid(skolvag::geodata::kWgs84, skolvag::geodata::kSweref99Tm);
    const auto grid = [&](char c, const char* sep, bool decimal_comma) {
        const auto p = town.map().position(c);
        const auto xy = to_grid.transform(p.lon_deg, p.lat_deg);
        char text[96];
        std::snprintf(text, sizeof text, "%.2f%s%.2f", xy->first, sep, xy->second);
        std::string t = text;
        if (decimal_comma) {
            for (char& ch : t) {
                ch = ch == '.' ? ',' : ch;
            }
        }
        return t;
    };
    const std::string schools = town.dir().write("skolor.tsv", "school_id\tname\tgrades\tx\ty\nS1\tSkolan\tF-9\t" +
                                                                    grid('s', "\t", false) + "\n");
    const std::string points = town.dir().write(
        "points.csv", "pupil_ref,grade,school_id,x,y\nP1,2,S1," + grid('1', ",", false) + "\nP2,2,S1," +
                          grid('c', ",", false) + "\n");
    const std::string commas = town.dir().write(
        "commas.csv", "pupil_ref;grade;school_id;x;y\r\nP1;2;S1;" + grid('1', ";", true) + "\r\nP2;2;S1;" +
                          grid('c', ";", true) + "\r\n");
    const std::string tabs = town.dir().write(
        "elever.txt", "pupil_ref\tgrade\tschool_id\tx\ty\nP1\t2\tS1\t" + grid('1', "\t", true) + "\nP2\t2\tS1\t" +
                          grid('c', "\t", false) + "\n");
    std::map<std::string, DecisionRows> runs;
    for (const std::string& pupils : {points, commas, tabs}) {
        const std::string out = town.dir().file("d" + std::to_string(runs.size()) + ".csv");
        const CommandResult r = town.run(schools, pupils, out);
        ASSERT_EQ(r.exit_code, 0) << pupils << "\n" << r.err;
        runs[pupils] = read_decision_rows(out);
    }
    for (const char* ref : {"P1", "P2"}) {
        const auto& expected = runs[points].at({ref, 1});
        EXPECT_NE(expected.at("outcome"), "invalid_input") << expected.at("note");
        for (const std::string& other : {commas, tabs}) {
            EXPECT_EQ(runs[other].at({ref, 1}).at("safe_distance_m"), expected.at("safe_distance_m")) << other << " " << ref;
            EXPECT_EQ(runs[other].at({ref, 1}).at("outcome"), expected.at("outcome")) << other << " " << ref;
        }
    }
}

TEST(BatchCommand, AShapefileRegisterKeepsItsCutReferenceSchoolColumn) {
    // A Shapefile cuts "reference_school_id" to "reference_": still the reference school.
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}, {"S2", "F-9", 'e'}});
    const std::string csv = town.write_pupils({{"P1", "2", "S1", "S2", '1', ""}}, "elever.csv");
    const std::string shp = town.dir().file("elever.shp");
    const std::string listing = town.dir().file("ogr.txt");
    ASSERT_EQ(std::system(("ogr2ogr -f 'ESRI Shapefile' " + shp + " " + csv +
                           " -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4326 > " + listing + " 2>&1")
                              .c_str()),
              0)
        << read_text(listing);
    ASSERT_EQ(std::system(("ogrinfo -ro -al -so " + shp + " > " + listing + " 2>&1").c_str()), 0);
    ASSERT_NE(read_text(listing).find("reference_:"), std::string::npos) << read_text(listing);
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, shp, out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_decision_rows(out).at({"P1", 1}).at("reference_school_id"), "S2");
}

TEST(BatchCommand, InconsistentInputsGetANoteOrAWarningNotSilence) {
    // S1 teaches F-3 only; S2's two entrance rows disagree on its grades; P1 (grade 5)
    // chose S1 and names S1 as reference too; P2's two homes give two grades; grade gy1
    // has no band in the fixture's rules.
    const BatchFixture town = line_town();
    const std::string schools = town.dir().write(
        "schools.csv", "school_id,name,grades,lon,lat\nS1,Ett,F-3," + town.lon_lat('s') + "\nS2,Tva,F-9," +
                           town.lon_lat('e') + "\nS2,Tva,F-6," + town.lon_lat('e') + "\n");
    const std::string pupils = town.write_pupils({{"P1", "5", "S1", "S1", '1', ""},
                                                  {"P2", "2", "S1", "", '1', ""},
                                                  {"P2", "3", "S1", "", 'c', ""},
                                                  {"P3", "2", "S1", "", '1', ""},
                                                  {"P4", "gy1", "S2", "", 'c', ""}});
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out, {"--max-failed-share", "0.5"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("schools.csv:4: school 'S2' has another grades than its first row"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("warning: grade gy1 (1 home of the register) has no band in the rules"), std::string::npos)
        << r.err;
    const DecisionRows d = read_decision_rows(out);
    const std::string p1 = d.at({"P1", 1}).at("note");
    EXPECT_NE(p1.find("school 'S1' does not teach grade 5"), std::string::npos) << p1;
    EXPECT_NE(p1.find("reference school 'S1' does not teach grade 5"), std::string::npos) << p1;
    for (const int home : {1, 2}) {
        EXPECT_NE(d.at({"P2", home}).at("note").find("this pupil's rows give different grades"), std::string::npos)
            << d.at({"P2", home}).at("note");
    }
    EXPECT_EQ(d.at({"P3", 1}).at("note"), ""); // nothing to say
}

TEST(BatchCommand, TheDecisionsReadAsATableWithNamesAppealsAndTypesAndTheHashesLast) {
    const BatchFixture town = line_town();
    const std::string schools = town.dir().write("schools.csv", "school_id,name,grades,lon,lat\nS1,Byskolan,F-9," +
                                                                    town.lon_lat('s') + "\n");
    const std::string pupils = town.write_pupils({{"P1", "Åk 2", "S1", "", '1', ""}});
    const std::string out = town.dir().file("decisions.csv");
    ASSERT_EQ(town.run(schools, pupils, out).exit_code, 0);
    const std::string text = read_text(out);
    const std::string header = text.substr(0, text.find('\n'));
    EXPECT_EQ(header.rfind("pupil_ref,home_no,grade,school_id,school_name,band,", 0), 0U) << header;
    EXPECT_NE(header.find(",note,rule_set,rules_sha256,network_id,schools_sha256,skolvag_version,inputs_sha256"),
              std::string::npos)
        << header; // what the decision was made with, last
    const auto row = read_decision_rows(out).at({"P1", 1});
    EXPECT_EQ(row.at("grade"), "2");
    EXPECT_EQ(row.at("school_name"), "Byskolan");
    EXPECT_EQ(row.at("appeal"), "laglighetsprövning");
    EXPECT_EQ(row.at("reference_appeal"), "förvaltningsbesvär");
    // GDAL (QGIS) reads the distances as numbers: the .csvt beside the CSV says so.
    ASSERT_TRUE(std::filesystem::exists(town.dir().file("decisions.csvt")));
    const std::string listing = town.dir().file("ogr.txt");
    ASSERT_EQ(std::system(("ogrinfo -ro -al -so " + out + " > " + listing + " 2>&1").c_str()), 0);
    EXPECT_NE(read_text(listing).find("plain_distance_m: Real"), std::string::npos) << read_text(listing);
    EXPECT_NE(read_text(listing).find("home_no: Integer"), std::string::npos) << read_text(listing);
}

TEST(BatchCommand, AnEmptyRegisterIsAnError) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string empty = town.dir().write("elever.csv", "pupil_ref;grade;school_id;x;y\r\n");
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, empty, out);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(empty + ": no pupils"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
    const std::string no_schools = town.dir().write("skolor.csv", "school_id,name,grades,lon,lat\n");
    const CommandResult s = town.run(no_schools, town.write_pupils({{"P1", "2", "S1", "", '1', ""}}), out);
    EXPECT_EQ(s.exit_code, 1) << s.err;
    EXPECT_NE(s.err.find(no_schools + ": no schools"), std::string::npos) << s.err;
}

TEST(BatchCommand, GradesAreReadAsPeopleTypeThemInASwedishExcelExport) {
    // Semicolons and Windows-1252, as Excel saves "CSV" in Sweden: the school's range
    // has an en dash (0x96), grades are typed "Åk 3" (Å is 0xC5), "FK", "03", "F-klass"
    // and " 2 "; "trea" is no grade and is quoted in its note.
    const BatchFixture town = line_town();
    const auto semicolons = [](std::string lon_lat) { return lon_lat.replace(lon_lat.find(','), 1, ";"); };
    const std::string schools = town.dir().write(
        "skolor.csv", "school_id;name;grades;lon;lat\r\nS1;Byskolan;F\x96" "9;" + semicolons(town.lon_lat('s')) + "\r\n");
    std::string pupils = "pupil_ref;grade;school_id;lon;lat\r\n";
    const std::pair<const char*, const char*> typed[] = {
        {"P1", "\xC5k 3"}, {"P2", "FK"}, {"P3", "03"}, {"P4", "F-klass"}, {"P5", " 2 "}, {"P6", "trea"}};
    for (const auto& [ref, grade] : typed) {
        pupils += std::string(ref) + ";" + grade + ";S1;" + semicolons(town.lon_lat('b')) + "\r\n";
    }
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, town.dir().write("elever.csv", pupils), out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DecisionRows d = read_decision_rows(out);
    for (const char* ref : {"P1", "P2", "P3", "P4", "P5"}) {
        SCOPED_TRACE(ref);
        EXPECT_NE(d.at({ref, 1}).at("outcome"), "invalid_input") << d.at({ref, 1}).at("note");
    }
    EXPECT_EQ(d.at({"P1", 1}).at("band"), "F-3");
    EXPECT_EQ(d.at({"P2", 1}).at("band"), "F-3");
    EXPECT_EQ(d.at({"P3", 1}).at("band"), "F-3");
    EXPECT_EQ(d.at({"P6", 1}).at("outcome"), "invalid_input");
    EXPECT_NE(d.at({"P6", 1}).at("note").find("'trea'"), std::string::npos) << d.at({"P6", 1}).at("note");
}
