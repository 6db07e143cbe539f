// SPDX-License-Identifier: MIT
// The API's JSON, made from domain answers: distances in whole metres (also next to a
// threshold, where the outcome is decided on the exact figure), and a cached route
// that reads back as the route it was.
#include "api/server/answer_json.hpp"

#include <gtest/gtest.h>

using namespace skolvag::api;

namespace {

Assessment assessment_at(double safe_m, Outcome outcome, const Band& band) {
    Assessment a;
    a.token = "svt_AAAAAAAAAAAAAAAAAAAAAA";
    a.school_id = "S1";
    a.grade = "2";
    a.band = &band;
    Decision d;
    d.plain_distance_m = safe_m;
    d.safe_distance_m = safe_m;
    d.threshold_m = band.threshold_m;
    d.outcome = outcome;
    a.decision = d;
    return a;
}

} // namespace

TEST(AnswerJson, DistancesAreWholeMetresAndTheOutcomeIsTheExactOnes) {
    EXPECT_EQ(whole_metres(1999.49), 1999);
    EXPECT_EQ(whole_metres(1999.5), 2000);
    EXPECT_TRUE(whole_metres(std::nullopt).is_null());
    Band band;
    band.name = "F-3";
    band.grades = parse_school_grades("F-3");
    band.threshold_m = 2000.0;
    // 1999.6 m is below the threshold: not eligible, though the figure shown reads 2000.
    const nlohmann::json below = distance_json(assessment_at(1999.6, Outcome::not_eligible, band));
    EXPECT_EQ(below["safe_distance_m"], 2000);
    EXPECT_EQ(below["threshold_m"], 2000);
    EXPECT_EQ(below["outcome"], "not_eligible");
    const nlohmann::json at = distance_json(assessment_at(2000.0, Outcome::eligible_distance, band));
    EXPECT_EQ(at["safe_distance_m"], 2000);
    EXPECT_EQ(at["outcome"], "eligible_distance");
    const nlohmann::json assessed = assessment_json(assessment_at(1999.6, Outcome::not_eligible, band));
    EXPECT_EQ(assessed["school"]["safe_distance_m"], 2000);
    EXPECT_EQ(assessed["school"]["outcome"], "not_eligible");
}

TEST(AnswerJson, ARouteReadsBackFromItsGeoJson) {
    RouteAnswer r;
    r.token = "svt_AAAAAAAAAAAAAAAAAAAAAA";
    r.school_id = "S1";
    r.band = "F-3";
    r.kind = RouteKind::plain_no_safe_route;
    r.plain_distance_m = 812.0;
    r.outcome = Outcome::eligible_traffic;
    r.positions = {{14.5030805, 58.3014388}, {14.5040001, 58.3020002}};
    r.versions = {"rules", "r", "s", "n", "0.2.0"};
    r.pieces = {{0, 1, false, "along Storgatan (primary, OSM way 1), 70 km/h, no sidewalk: faster than 50 km/h",
                 "längs Storgatan (primary, OSM-väg 1), 70 km/h, ingen trottoar: snabbare än 50 km/h"}};
    r.crossings = {{{14.5035, 58.3017}, skolvag::geodata::CrossingControl::marked, "Storgatan (primary, OSM way 1)",
                    false, "70 km/h, marked crossing: faster than the band may cross", "Storgatan (primary, OSM-väg 1)",
                    "70 km/h, markerat övergångsställe: snabbare än åldersgruppen får korsa"}};
    const nlohmann::json j = route_json(r);
    EXPECT_EQ(j["properties"]["route_kind"], "plain (no safe route)");
    EXPECT_EQ(j["properties"]["pieces"][0]["safe"], false);
    EXPECT_EQ(j["properties"]["crossings"][0]["control"], "marked");
    EXPECT_EQ(j["properties"]["crossings"][0]["reason_sv"],
              "70 km/h, markerat övergångsställe: snabbare än åldersgruppen får korsa");
    EXPECT_EQ(j["properties"]["pieces"][0]["reason_sv"],
              "längs Storgatan (primary, OSM-väg 1), 70 km/h, ingen trottoar: snabbare än 50 km/h");
    EXPECT_EQ(j["properties"]["route_m"], 812);
    EXPECT_TRUE(j["properties"]["safe_distance_m"].is_null());
    const std::optional<RouteAnswer> back = route_from_json(j);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(route_json(*back), j);
    EXPECT_FALSE(route_from_json(nlohmann::json::parse(R"({"type":"Feature"})")).has_value());
}
