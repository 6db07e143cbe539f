// SPDX-License-Identifier: MIT
// The pure decision logic: a home's distances to every school in, its preliminary
// decision out. The threshold under both comparisons, to the millimetre, and the
// reference school when no school teaching the grade can be reached safely.
#include "api/eligibility/decision.hpp"

#include <gtest/gtest.h>

using namespace skolvag::api;
using skolvag::routing::DistanceMm;
using skolvag::routing::kUnreachable;

namespace {

/// Three schools: 1 and 2 teach F-9, 3 only 7-9; every one has an entrance on the network.
SchoolRegister three_schools() {
    SchoolRegister reg;
    for (const auto& [id, grades] : {std::pair{"1", "F-9"}, std::pair{"2", "F-9"}, std::pair{"3", "7-9"}}) {
        School s;
        s.id = id;
        s.grades = parse_school_grades(grades);
        s.entrances.push_back({"schools.csv:1", skolvag::geodata::LonLat{18.0, 59.0}, skolvag::geodata::Snap{}, std::nullopt});
        reg.schools.push_back(std::move(s));
    }
    return reg;
}

Rules one_band(Comparison comparison) {
    Rules rules;
    rules.name = "test";
    rules.comparison = comparison;
    Band band;
    band.name = "F-3";
    band.grades = parse_school_grades("F-3");
    band.threshold_m = 2000.0;
    band.safety.max_speed_without_sidewalk_kmh = 50.0;
    rules.bands.push_back(band);
    return rules;
}

/// A pupil in grade 2 of school 1 whose home snapped.
struct Story {
    Rules rules;
    SchoolRegister schools = three_schools();
    PupilHome home;
    skolvag::geodata::Snap snap;

    explicit Story(Comparison comparison, std::string school = "1") : rules(one_band(comparison)) {
        home.pupil_ref = "p1";
        home.grade = "2";
        home.school_id = std::move(school);
        home.home = skolvag::geodata::LonLat{18.0, 59.0};
        snap.snap_m = 12.5;
    }

    Decision decide_with(std::vector<DistanceMm> plain, std::vector<DistanceMm> safe) const {
        const DecisionContext ctx{rules, schools, "rules-sha", "network-id"};
        const HomeCheck check = check_home(home, snap, ctx);
        EXPECT_FALSE(check.early_outcome.has_value()) << check.note;
        return decide(home, check, snap, HomeDistances{std::move(plain), std::move(safe)}, ctx);
    }
};

constexpr DistanceMm kThresholdMm = 2'000'000;

} // namespace

TEST(Decision, ExactlyAtTheThresholdIsEligibleUnderAtLeastOnly) {
    const Story at_least(Comparison::at_least);
    const Story more_than(Comparison::more_than);
    const std::vector<DistanceMm> far = {kThresholdMm + 5, kThresholdMm + 9, kThresholdMm + 9};
    EXPECT_EQ(at_least.decide_with(far, {kThresholdMm, kUnreachable, kUnreachable}).outcome, Outcome::eligible_distance);
    EXPECT_EQ(more_than.decide_with(far, {kThresholdMm, kUnreachable, kUnreachable}).outcome, Outcome::not_eligible);
    // One millimetre either side decides the same under both.
    EXPECT_EQ(at_least.decide_with(far, {kThresholdMm - 1, kUnreachable, kUnreachable}).outcome, Outcome::not_eligible);
    EXPECT_EQ(more_than.decide_with(far, {kThresholdMm + 1, kUnreachable, kUnreachable}).outcome, Outcome::eligible_distance);
    const Decision d = at_least.decide_with(far, {kThresholdMm, kUnreachable, kUnreachable});
    EXPECT_EQ(d.safe_distance_m, 2000.0);
    EXPECT_EQ(d.plain_distance_m, 2000.01); // stated to the centimetre, rounded half up from 2,000,005 mm
    EXPECT_EQ(d.threshold_m, 2000.0);
    EXPECT_EQ(d.band, "F-3");
    EXPECT_EQ(d.home_snap_m, 12.5);
}

TEST(Decision, NoSafeRouteIsEligibilityOnTrafficWithANote) {
    const Story s(Comparison::at_least);
    const Decision d = s.decide_with({900'000, 950'000, 100'000}, {kUnreachable, 950'000, 100'000});
    EXPECT_EQ(d.outcome, Outcome::eligible_traffic);
    EXPECT_FALSE(d.safe_distance_m.has_value());
    EXPECT_EQ(d.plain_distance_m, 900.0);
    EXPECT_NE(d.note.find("no safe walking route for band F-3"), std::string::npos) << d.note;
}

TEST(Decision, TheUnsafePlacesFollowTheNoSafeRouteNoteBeforeWhatElseItSays) {
    // Grade 2 chose school 3 (7-9 only): the note also says it does not teach the grade.
    const Story s(Comparison::at_least, "3");
    Decision d = s.decide_with({900'000, 950'000, 100'000}, {950'000, 950'000, kUnreachable});
    ASSERT_EQ(d.outcome, Outcome::eligible_traffic);
    explain_traffic(d, {"along Storgatan (OSM way 1), 70 km/h", "crossing Kungsvägen, 60 km/h"});
    EXPECT_EQ(d.note.rfind("no safe walking route for band F-3: along Storgatan (OSM way 1), 70 km/h; crossing "
                           "Kungsvägen, 60 km/h; ",
                           0),
              0U)
        << d.note;
    EXPECT_NE(d.note.find("school '3' does not teach grade 2"), std::string::npos) << d.note;
    EXPECT_EQ(d.reasons.size(), 2U);
    // Other outcomes keep their note as it is.
    Decision other = s.decide_with({900'000, 950'000, 100'000}, {950'000, 950'000, 100'000});
    const std::string before = other.note;
    explain_traffic(other, {"along Storgatan (OSM way 1), 70 km/h"});
    EXPECT_EQ(other.note, before);
    EXPECT_TRUE(other.reasons.empty());
}

TEST(Decision, TheReferenceSchoolIsTheNearestTeachingTheGradeBySafeDistance) {
    // School 3 is nearest of all but does not teach grade 2; school 2 is nearer than
    // school 1 by plain distance, but only school 1 is reachable safely... the safe one wins.
    const Story s(Comparison::at_least, "2");
    const Decision d = s.decide_with({700'000, 500'000, 100'000}, {2'500'000, kUnreachable, 100'000});
    EXPECT_EQ(d.reference_school_id, "1");
    EXPECT_EQ(d.reference_safe_distance_m, 2500.0);
    EXPECT_EQ(d.reference_outcome, Outcome::eligible_distance);
}

TEST(Decision, WhenNoSchoolTeachingTheGradeIsSafelyReachableTheReferenceIsTheNearestByPlainDistance) {
    const Story s(Comparison::at_least);
    // School 3 is safely reachable and nearest, but teaches 7-9 only.
    const Decision d = s.decide_with({900'000, 600'000, 100'000}, {kUnreachable, kUnreachable, 100'000});
    EXPECT_EQ(d.reference_school_id, "2");
    EXPECT_FALSE(d.reference_safe_distance_m.has_value());
    EXPECT_EQ(d.reference_outcome, Outcome::eligible_traffic);
}

TEST(Decision, EqualDistancesGiveTheSmallerSchoolIdAsReference) {
    const Story s(Comparison::at_least, "3");
    const Decision d = s.decide_with({800'000, 800'000, 100'000}, {800'000, 800'000, 100'000});
    EXPECT_EQ(d.reference_school_id, "1");
}

TEST(Decision, WithoutAnyReachableSchoolTeachingTheGradeTheNoteSaysSo) {
    const Story s(Comparison::at_least);
    const Decision d = s.decide_with({kUnreachable, kUnreachable, 100'000}, {kUnreachable, kUnreachable, 100'000});
    EXPECT_TRUE(d.reference_school_id.empty());
    EXPECT_NE(d.note.find("no school teaching grade 2 can be reached on foot"), std::string::npos) << d.note;
}

TEST(Decision, DistancesAreWholeCentimetresRoundedHalfUpFromTheMillimetres) {
    // One rounding for every output: 113,085 mm is 113.09 m (the double 113.085 lies
    // just below it, so formatting it would say 113.08 in one file and 113.09 in another).
    const Story s(Comparison::at_least);
    for (const auto& [mm, m] : {std::pair<DistanceMm, double>{113085, 113.09}, {113084, 113.08}, {2005, 2.01},
                                {1999995, 2000.0}, {0, 0.0}}) {
        SCOPED_TRACE(mm);
        const Decision d = s.decide_with({mm, mm, mm}, {mm, mm, mm});
        ASSERT_TRUE(d.plain_distance_m.has_value());
        EXPECT_EQ(*d.plain_distance_m, m); // exactly the double of the 2-decimal text
        EXPECT_EQ(*d.safe_distance_m, m);
    }
}
