// SPDX-License-Identifier: MIT
// `skolvag batch --report`: the run report as an administrator reads it, on a small
// drawn town through the real executable: outcomes per band and school, the distance
// histograms against the threshold, the rows needing attention, the pre-flight check,
// the register diff, the two languages, and no personal data anywhere.
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>

#include <regex>

using namespace skolvag::testing;

namespace {

/// The cells of the table row whose first cell is `first` (tags stripped), or empty.
std::vector<std::string> row_cells(const std::string& html, const std::string& first) {
    static const std::regex row_re("<tr>(.*?)</tr>");
    static const std::regex cell_re("<t[dh][^>]*>(.*?)</t[dh]>");
    static const std::regex tag_re("<[^>]*>");
    for (auto r = std::sregex_iterator(html.begin(), html.end(), row_re); r != std::sregex_iterator(); ++r) {
        const std::string row = (*r)[1];
        std::vector<std::string> cells;
        for (auto c = std::sregex_iterator(row.begin(), row.end(), cell_re); c != std::sregex_iterator(); ++c) {
            cells.push_back(std::regex_replace(std::string((*c)[1]), tag_re, ""));
        }
        if (!cells.empty() && cells.front() == first) {
            return cells;
        }
    }
    return {};
}

/// Outcome columns in the report's order: distance, traffic, not eligible, not on network, invalid, total.
std::vector<std::string> counts_of(const std::vector<std::string>& cells, std::size_t first_count) {
    return cells.size() < first_count ? std::vector<std::string>{}
                                      : std::vector<std::string>(cells.begin() + static_cast<long>(first_count), cells.end());
}

using Counts = std::vector<std::string>;

} // namespace

TEST(RunReport, CountsOutcomesPerBandAndSchoolAndDrawsTheDistancesAgainstTheThreshold) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}, {"S2", "4-9", '3'}});
    const std::string pupils = town.write_pupils({
        {"Elev-1", "1", "S1", "", '1', ""},     // F-3, 100 m: not eligible
        {"Elev-2", "2", "S1", "", 'c', ""},     // F-3, 200 m: eligible on distance
        {"Elev-3", "3", "S1", "", '3', ""},     // F-3, only the primary road: eligible on traffic
        {"Elev-4", "5", "S1", "", '3', ""},     // 4-6, 300 m: eligible on distance
        {"Elev-5", "4", "S2", "", 'c', ""},     // 4-6, 100 m along the primary: not eligible
        {"Elev-6", "1", "S9", "", 'c', ""},     // unknown school: invalid input, no band
    });
    const std::string out = town.dir().file("decisions.csv");
    const std::string report = town.dir().file("report.html");
    const CommandResult r = town.run(schools, pupils, out, {"--report", report, "--lang", "en"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("report in " + report), std::string::npos) << r.err;
    const std::string html = read_text(report);
    ASSERT_FALSE(html.empty());

    EXPECT_EQ(counts_of(row_cells(html, "F-3"), 2), (Counts{"1", "1", "1", "0", "0", "3"}));
    EXPECT_EQ(row_cells(html, "F-3").at(1), "150 m");
    EXPECT_EQ(counts_of(row_cells(html, "4-6"), 2), (Counts{"1", "0", "1", "0", "0", "2"}));
    EXPECT_EQ(counts_of(row_cells(html, "(no band)"), 2), (Counts{"0", "0", "0", "0", "1", "1"}));
    EXPECT_EQ(counts_of(row_cells(html, "S1"), 2), (Counts{"2", "1", "1", "0", "0", "4"}));
    EXPECT_EQ(row_cells(html, "S1").at(1), "Skola S1");
    EXPECT_EQ(counts_of(row_cells(html, "S2"), 2), (Counts{"0", "0", "1", "0", "0", "1"}));
    // An unknown school_id is register text (a shifted column can hold a name): never shown.
    EXPECT_EQ(counts_of(row_cells(html, "(unknown school_id)"), 2), (Counts{"0", "0", "0", "0", "1", "1"}));
    EXPECT_EQ(html.find("S9"), std::string::npos);

    // F-3's bars are 15 m wide: 100 m falls in 90-105, 200 m in 195-210 (past the
    // threshold line at 150 m); the traffic case has no safe distance to draw.
    EXPECT_NE(html.find("90 m–105 m: 1 homes"), std::string::npos);
    EXPECT_NE(html.find("195 m–210 m: 1 homes"), std::string::npos);
    EXPECT_NE(html.find("<strong>F-3</strong> · Threshold 150 m · 1 homes without a safe route"), std::string::npos);
    // 4-6: 25 m bars, 300 m from 300 on, 100 m in 100-125.
    EXPECT_NE(html.find("300 m–325 m: 1 homes"), std::string::npos);
    EXPECT_NE(html.find("100 m–125 m: 1 homes"), std::string::npos);
    EXPECT_NE(html.find("<svg"), std::string::npos);

    // One self-contained page: nothing fetched, nothing run.
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    // No personal data: no pupil reference, no coordinate, no pupil's distance.
    EXPECT_EQ(html.find("Elev-"), std::string::npos);
    EXPECT_EQ(html.find(town.lon_lat('1').substr(0, 8)), std::string::npos);
    EXPECT_EQ(html.find("100.00"), std::string::npos);
}

TEST(RunReport, ListsTheRowsNeedingAttentionByReasonAndThePreflightWarnings) {
    const BatchFixture town = line_town();
    // S2 teaches F-3 only and its entrance lies on the primary road: no F-3 route reaches it.
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}, {"S2", "F-3", '3'}});
    const std::string pupils = town.write_pupils({
        {"Elev-1", "1", "S1", "", '1', ""},
        {"Elev-2", "5", "S2", "", '1', ""},                    // S2 does not teach grade 5: noted
        {"Elev-3", "1", "S1", "", '?', "18.2000000,59.4000000"}, // far away: not on the network
        {"Elev-4", "trea", "S1", "", 'c', ""},                 // unknown grade
        {"Elev-5", "2", "S1", "", '?', "18.2000000,59.4000000"},
        {"Elev-6", "1", "S2", "", 'c', ""},
    });
    const std::string report = town.dir().file("report.html");
    const CommandResult r =
        town.run(schools, pupils, town.dir().file("out.csv"), {"--report", report, "--lang", "en"});
    // Three of six homes fail: the run fails, and the report says so too.
    ASSERT_EQ(r.exit_code, 3) << r.err;
    const std::string html = read_text(report);
    EXPECT_NE(html.find("The run failed: too many homes could not be decided"), std::string::npos);

    // Failures by cause, the commonest first, each with its rows; then the mismatches.
    const auto off_network = row_cells(html, "a home not on the network (no walkable way near it)");
    ASSERT_EQ(off_network.size(), 4U) << html;
    EXPECT_EQ(off_network[1], "could not be decided");
    EXPECT_EQ(off_network[2], "2");
    EXPECT_EQ(off_network[3], pupils + ":4, " + pupils + ":6");
    const auto unknown_grade = row_cells(html, "unknown grade");
    ASSERT_EQ(unknown_grade.size(), 4U);
    EXPECT_EQ(unknown_grade[3], pupils + ":5");
    EXPECT_LT(html.find("a home not on the network"), html.find("unknown grade"));
    const auto not_teaching = row_cells(html, "the chosen school does not teach the grade");
    ASSERT_EQ(not_teaching.size(), 4U);
    EXPECT_EQ(not_teaching[1], "decided, with a note");
    EXPECT_EQ(not_teaching[3], pupils + ":3");

    EXPECT_NE(html.find("school &#39;S2&#39;"), std::string::npos) << html; // the pre-flight warning, escaped
    EXPECT_NE(html.find("no safe route of band F-3 reaches it"), std::string::npos);
    EXPECT_EQ(html.find("Elev-"), std::string::npos);
}

TEST(RunReport, SummarisesTheRegisterDiffWithTheOutcomeChanges) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string first = town.dir().file("run1.csv");
    ASSERT_EQ(town.run(schools,
                       town.write_pupils({{"Elev-1", "2", "S1", "", '1', ""},
                                          {"Elev-2", "2", "S1", "", 'c', ""},
                                          {"Elev-3", "2", "S1", "", '3', ""}},
                                         "pupils1.csv"),
                       first)
                  .exit_code,
              0);
    // Elev-1 moved from 1 (100 m, not eligible) to c (200 m, eligible); Elev-3 left; Elev-4 is new.
    const std::string pupils2 = town.write_pupils(
        {{"Elev-1", "2", "S1", "", 'c', ""}, {"Elev-2", "2", "S1", "", 'c', ""}, {"Elev-4", "2", "S1", "", '1', ""}},
        "pupils2.csv");
    const std::string report = town.dir().file("report.html");
    const CommandResult r =
        town.run(schools, pupils2, town.dir().file("run2.csv"), {"--previous", first, "--report", report, "--lang", "en"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read_text(report);
    EXPECT_EQ(row_cells(html, "New homes"), (Counts{"New homes", "1"}));
    EXPECT_EQ(row_cells(html, "Changed"), (Counts{"Changed", "1"}));
    EXPECT_EQ(row_cells(html, "Unchanged"), (Counts{"Unchanged", "1"}));
    EXPECT_EQ(row_cells(html, "Left the register"), (Counts{"Left the register", "1"}));
    EXPECT_EQ(row_cells(html, "Not eligible"), (Counts{"Not eligible", "Eligible (distance)", "1"}));
    EXPECT_NE(html.find("run2.removed-"), std::string::npos); // where the erasure list went
    EXPECT_NE(html.find("3 (2 computed, 1 reused from the previous run)"), std::string::npos); // Elev-2 reused
}

TEST(RunReport, IsSwedishUnlessEnglishIsAskedForAndRefusesWhatItCannotWrite) {
    const BatchFixture town = line_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils({{"Elev-1", "1", "S1", "", '1', ""}});
    const std::string out = town.dir().file("out.csv");
    const std::string report = town.dir().file("rapport.html");
    ASSERT_EQ(town.run(schools, pupils, out, {"--report", report}).exit_code, 0);
    const std::string html = read_text(report);
    EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
    EXPECT_EQ(counts_of(row_cells(html, "F-3"), 2), (Counts{"0", "0", "1", "0", "0", "1"}));
    EXPECT_NE(html.find("Utfall per band"), std::string::npos);
    EXPECT_NE(html.find("Ingen rätt"), std::string::npos);

    const CommandResult german = town.run(schools, pupils, out, {"--report", report, "--lang", "de"});
    EXPECT_EQ(german.exit_code, 2);
    EXPECT_NE(german.err.find("--lang must be sv"), std::string::npos) << german.err;
    const CommandResult not_html = town.run(schools, pupils, out, {"--report", town.dir().file("r.csv")});
    EXPECT_NE(not_html.exit_code, 0);
    EXPECT_NE(not_html.err.find("give it a .html name"), std::string::npos) << not_html.err;
    const CommandResult over_input = town.run(schools, pupils, out, {"--report", pupils});
    EXPECT_NE(over_input.exit_code, 0);
}
