// SPDX-License-Identifier: MIT
// The decisions table's one list of fields: what is written reads back the same, the
// register diff reports each compared field by its name, and a broken previous file
// is an error naming the row.
#include "api/eligibility/decision_schema.hpp"
#include "api/eligibility/decisions_file.hpp"
#include "api/eligibility/register_diff.hpp"
#include "geodata/errors.hpp"
#include "tests/support/run_command.hpp"

#include <gtest/gtest.h>

using namespace skolvag::api;

namespace {

Decision full_decision() {
    Decision d;
    d.pupil_ref = "p-1";
    d.home_no = 2;
    d.school_id = "S1";
    d.band = "F-3";
    d.plain_distance_m = 1234.56;
    d.safe_distance_m = 2345.67;
    d.threshold_m = 2000.0;
    d.outcome = Outcome::eligible_distance;
    d.reference_school_id = "S2";
    d.reference_safe_distance_m = 1500.25;
    d.reference_outcome = Outcome::not_eligible;
    d.home_snap_m = 12.5;
    d.stop_id = "H7";
    d.stop_chosen_by = "given";
    d.stop_plain_distance_m = 450.5;
    d.stop_safe_distance_m = 612.25;
    d.stop_threshold_m = 1000.0;
    d.stop_outcome = StopOutcome::ok;
    d.change = Change::unchanged;
    d.changed_fields = "";
    d.rule_set = "Exempelkommun 2026/27";
    d.rules_sha256 = "r";
    d.network_id = "n";
    d.schools_sha256 = "s";
    d.stops_sha256 = "h";
    d.inputs_sha256 = "i";
    d.note = "a note, with a comma";
    return d;
}

/// Another valid text for a field, so that the field differs and nothing else does.
std::string other_text(const DecisionField& f, const std::string& text) {
    if (f.name == "outcome" || f.name == "reference_outcome") {
        return text == "not_on_network" ? "eligible_traffic" : "not_on_network";
    }
    if (f.name == "stop_outcome") {
        return text == "ok" ? "too_far" : "ok";
    }
    if (f.type == skolvag::geodata::ColumnType::real) {
        return "9999.99";
    }
    return text + "x";
}

} // namespace

TEST(DecisionSchema, EveryFieldReadsBackAsItWasWritten) {
    const Decision d = full_decision();
    Decision back;
    for (const DecisionField& f : decision_fields()) {
        f.read(back, cell_text(f.write(d)), "test");
    }
    for (const DecisionField& f : decision_fields()) {
        EXPECT_EQ(cell_text(f.write(back)), cell_text(f.write(d))) << f.name;
    }
    EXPECT_EQ(decision_columns().size(), decision_fields().size());
}

TEST(DecisionSchema, TheDiffReportsEachComparedFieldByItsName) {
    std::size_t compared = 0;
    for (const DecisionField& f : decision_fields()) {
        if (f.diff_name.empty()) {
            continue;
        }
        ++compared;
        const Decision previous = full_decision();
        std::vector<Decision> current = {previous};
        f.read(current[0], other_text(f, cell_text(f.write(previous))), "test");
        diff_against_previous(current, index_previous({previous}));
        EXPECT_EQ(current[0].change, Change::changed) << f.name;
        EXPECT_EQ(current[0].changed_fields, f.diff_name) << f.name;
    }
    EXPECT_EQ(compared, 16U); // ten decision fields, five of the stop and the home's inputs
    std::vector<Decision> same = {full_decision()};
    diff_against_previous(same, index_previous({full_decision()}));
    EXPECT_EQ(same[0].change, Change::unchanged);
}

TEST(DecisionSchema, APreviousFileWithAnUnknownOutcomeIsAnErrorNamingTheRow) {
    const skolvag::testing::TempDir dir;
    std::vector<Decision> rows = {full_decision(), full_decision()};
    rows[1].pupil_ref = "p-2";
    const std::string path = dir.file("previous.csv");
    write_decisions(path, rows, std::nullopt);
    std::string text = skolvag::testing::read_text(path);
    const auto at = text.rfind("eligible_distance");
    text.replace(at, 17, "beviljad");
    dir.write("previous.csv", text);
    try {
        read_decisions(path);
        FAIL() << "an unknown outcome was read";
    } catch (const skolvag::geodata::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("previous.csv:3"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("outcome"), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find("beviljad"), std::string::npos) << "a cell's text was repeated";
    }
}
