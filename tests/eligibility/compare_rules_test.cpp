// SPDX-License-Identifier: MIT
// `skolvag batch --compare-rules`: a planner's what-if on a small drawn town, through
// the real executable. The second rule set's decisions equal a run under it alone; when
// only thresholds differ they come from the same distances, otherwise from a search of
// their own; the changed rows, the counts on stderr and the report's section agree.
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>


using namespace skolvag::testing;

namespace {

/// The fixture's rules (F-3 150 m at 50 km/h, 4-6 250 m at 80 km/h) under another
/// name, with other thresholds and F-3's speed limit.
std::string rules_toml(const std::string& name, int f3_threshold, int f3_speed, int m46_threshold,
                       const std::string& settings = "") {
    return "name = \"" + name + "\"\nmin_component_m = 0\n" + settings + "\n[[band]]\nname = \"F-3\"\ngrades = [\"F\", \"1\", \"2\", "
           "\"3\"]\nthreshold_m = " + std::to_string(f3_threshold) + "\nmax_speed_without_sidewalk = " +
           std::to_string(f3_speed) + "\n\n[[band]]\nname = \"4-6\"\ngrades = [\"4\", \"5\", \"6\"]\nthreshold_m = " +
           std::to_string(m46_threshold) + "\nmax_speed_without_sidewalk = 80\n";
}

std::vector<PupilRow> register_rows() {
    return {
        {"Elev-1", "1", "S1", "", '1', ""}, // F-3, 100 m
        {"Elev-2", "2", "S1", "", 'c', ""}, // F-3, 200 m
        {"Elev-3", "3", "S1", "", '3', ""}, // F-3, only the primary road (300 m)
        {"Elev-4", "5", "S1", "", '3', ""}, // 4-6, 300 m
        {"Elev-5", "4", "S1", "", 'c', ""}, // 4-6, 200 m
        {"Elev-6", "8", "S1", "", 'c', ""}, // no band: invalid input under both
    };
}

/// Runs the register under `other` alone and checks that the what-if's decisions equal
/// it: every changed row's other_ columns, and every unchanged row's outcome.
void expect_what_if_equals_a_run_alone(const BatchFixture& town, const std::string& schools,
                                       const std::string& pupils, const std::string& other,
                                       const DecisionRows& run, const DecisionRows& changes) {
    const std::string alone_out = town.dir().file("alone.csv");
    const CommandResult alone = run_skolvag({"batch", "--network", town.network(), "--schools", schools, "--pupils",
                                             pupils, "--rules", other, "--out", alone_out, "--max-failed-share", "1"});
    ASSERT_EQ(alone.exit_code, 0) << alone.err;
    const DecisionRows under_other = read_decision_rows(alone_out);
    ASSERT_EQ(under_other.size(), run.size());
    for (const auto& [key, row] : under_other) {
        const auto changed = changes.find(key);
        if (changed == changes.end()) {
            EXPECT_EQ(row.at("outcome"), run.at(key).at("outcome")) << key.first;
            EXPECT_EQ(row.at("reference_outcome"), run.at(key).at("reference_outcome")) << key.first;
            continue;
        }
        EXPECT_EQ(changed->second.at("other_outcome"), row.at("outcome")) << key.first;
        EXPECT_EQ(changed->second.at("other_reference_outcome"), row.at("reference_outcome")) << key.first;
        EXPECT_EQ(changed->second.at("other_safe_distance_m"), row.at("safe_distance_m")) << key.first;
        EXPECT_EQ(changed->second.at("other_threshold_m"), row.at("threshold_m")) << key.first;
        EXPECT_EQ(changed->second.at("outcome"), run.at(key).at("outcome")) << key.first;
    }
}

} // namespace

TEST(CompareRules, OtherThresholdsAreDecidedFromTheSameDistancesAsARunUnderThemAloneWould) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils(register_rows());
    // F-3 from 150 m down to 90 m, 4-6 from 250 m up to 350 m.
    const std::string other = town.dir().write("other.toml", rules_toml("Kortare F-3", 90, 50, 350));
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out, {"--compare-rules", other, "--max-failed-share", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("under the compared rules 'Kortare F-3' 2 of 6 homes change outcome (1 gain transport, 1 "
                         "lose it, 0 another change)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("decided from this run's distances"), std::string::npos) << r.err;
    const std::string changes_path = town.dir().file("decisions.rules-changes.csv");
    EXPECT_NE(r.err.find("changed rows in " + changes_path), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("Elev-"), std::string::npos) << r.err;

    const DecisionRows changes = read_decision_rows(changes_path);
    ASSERT_EQ(changes.size(), 2U);
    EXPECT_EQ(changes.at({"Elev-1", 1}).at("outcome"), "not_eligible");       // 100 m < 150 m
    EXPECT_EQ(changes.at({"Elev-1", 1}).at("other_outcome"), "eligible_distance"); // 100 m >= 90 m
    EXPECT_EQ(changes.at({"Elev-4", 1}).at("outcome"), "eligible_distance");   // 300 m >= 250 m
    EXPECT_EQ(changes.at({"Elev-4", 1}).at("other_outcome"), "not_eligible");  // 300 m < 350 m
    EXPECT_EQ(changes.at({"Elev-4", 1}).at("other_threshold_m"), "350.00");
    EXPECT_EQ(changes.at({"Elev-4", 1}).at("other_rule_set"), "Kortare F-3");
    expect_what_if_equals_a_run_alone(town, schools, pupils, other, read_decision_rows(out), changes);
}

TEST(CompareRules, OtherSafetyLimitsAreSearchedAgainAndAgreeWithARunUnderThemAlone) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils(register_rows());
    // F-3 may walk the 70 km/h primary road: Elev-3's safe route now exists (300 m).
    const std::string other = town.dir().write("other.toml", rules_toml("F-3 längs vägen", 150, 80, 250));
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out, {"--compare-rules", other, "--max-failed-share", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("1 of 6 homes change outcome (0 gain transport, 0 lose it, 1 another change)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("searched again"), std::string::npos) << r.err;
    const DecisionRows changes = read_decision_rows(town.dir().file("decisions.rules-changes.csv"));
    ASSERT_EQ(changes.size(), 1U);
    EXPECT_EQ(changes.at({"Elev-3", 1}).at("outcome"), "eligible_traffic");
    EXPECT_EQ(changes.at({"Elev-3", 1}).at("safe_distance_m"), "");
    EXPECT_EQ(changes.at({"Elev-3", 1}).at("other_outcome"), "eligible_distance");
    expect_what_if_equals_a_run_alone(town, schools, pupils, other, read_decision_rows(out), changes);
}

TEST(CompareRules, OtherSnappingSettingsSnapTheSchoolsAgain) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils(register_rows());
    // S1's entrance lies 20 m from the footway: beyond a 15 m snapping limit, so under
    // these rules the school has no entrance on the network (the homes lie 10 m off).
    const std::string other =
        town.dir().write("other.toml", rules_toml("Kort snappning", 150, 50, 250, "max_snap_m = 15\n"));
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult r = town.run(schools, pupils, out, {"--compare-rules", other, "--max-failed-share", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("5 of 6 homes change outcome"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("searched again"), std::string::npos) << r.err;
    const DecisionRows changes = read_decision_rows(town.dir().file("decisions.rules-changes.csv"));
    ASSERT_EQ(changes.size(), 5U);
    EXPECT_EQ(changes.at({"Elev-1", 1}).at("other_outcome"), "invalid_input");
    expect_what_if_equals_a_run_alone(town, schools, pupils, other, read_decision_rows(out), changes);
}

TEST(CompareRules, TheReportCountsTheChangesPerBandAndSchool) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils(register_rows());
    const std::string other = town.dir().write("other.toml", rules_toml("Kortare F-3", 90, 50, 350));
    const std::string report = town.dir().file("report.html");
    const CommandResult r = town.run(schools, pupils, town.dir().file("decisions.csv"),
                                     {"--compare-rules", other, "--report", report, "--lang", "en",
                                      "--max-failed-share", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read_text(report);
    EXPECT_NE(html.find("<h2>Compared with the rules Kortare F-3</h2>"), std::string::npos) << html;
    EXPECT_NE(html.find("2 of 6 homes change outcome: 1 gain transport, 1 lose it."), std::string::npos);
    EXPECT_NE(html.find("<tr><td>F-3</td><td>Not eligible</td><td>Eligible (distance)</td><td class=n>1</td></tr>"),
              std::string::npos);
    EXPECT_NE(html.find("<tr><td>4-6</td><td>Eligible (distance)</td><td>Not eligible</td><td class=n>1</td></tr>"),
              std::string::npos);
    EXPECT_NE(html.find("<tr><td><code>S1</code></td><td>Skola S1</td><td class=n>1</td><td class=n>1</td><td "
                        "class=n>0</td></tr>"),
              std::string::npos);
    EXPECT_EQ(html.find("Elev-"), std::string::npos);
}

TEST(CompareRules, EveryHomeIsComputedAndABadRulesFileIsNamed) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils(register_rows());
    const std::string first = town.dir().file("run1.csv");
    ASSERT_EQ(town.run(schools, pupils, first, {"--max-failed-share", "1"}).exit_code, 0);
    // With --previous, a what-if still decides every home under both rule sets.
    const std::string other = town.dir().write("other.toml", rules_toml("Kortare F-3", 90, 50, 350));
    const CommandResult r = town.run(schools, pupils, town.dir().file("run2.csv"),
                                     {"--previous", first, "--compare-rules", other, "--max-failed-share", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("6 homes (5 computed, 0 reused)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("2 of 6 homes change outcome"), std::string::npos) << r.err;

    const std::string no_bands = town.dir().write("no-bands.toml", "name = \"Utan band\"\n");
    const CommandResult bad = town.run(schools, pupils, town.dir().file("run3.csv"), {"--compare-rules", no_bands});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find(no_bands + ": no [[band]]"), std::string::npos) << bad.err;
    const CommandResult missing =
        town.run(schools, pupils, town.dir().file("run3.csv"), {"--compare-rules", town.dir().file("nope.toml")});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.err.find("nope.toml"), std::string::npos) << missing.err;
}
