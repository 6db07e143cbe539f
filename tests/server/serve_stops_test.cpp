// SPDX-License-Identifier: MIT
// Pick-up stops in `skolvag serve` (issue 10, item 18): a tenant's stops file in
// server.toml, an assessment asked with a stop_id answers the walk to that stop exactly
// as `skolvag batch --stops` decides it, and an unknown stop_id is a 400 naming it.
#include "tests/support/batch_fixture.hpp"
#include "tests/support/server_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

using namespace skolvag::testing;
using nlohmann::json;

namespace {

std::string demo(const std::string& file) { return demo_file(file); }

/// The demo rules with F-3 eligible from 300 m (so a pupil of Exempelby gets transport)
/// and a stop limit of 150 m for F-3 and 400 m for 4-6.
std::string write_rules(const TempDir& dir) {
    std::string rules = read_text(demo("exempelby-rules.toml"));
    const auto replace = [&](const std::string& from, const std::string& to) {
        const std::size_t at = rules.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        rules.replace(at, from.size(), to);
    };
    replace("threshold_m = 2000\n", "threshold_m = 300\nmax_stop_distance_m = 150\n");
    replace("threshold_m = 3000\n", "threshold_m = 300\nmax_stop_distance_m = 400\n");
    return dir.write("rules.toml", rules);
}

/// Two stops on Exempelby's streets (at two homes of the demo register) and one far off.
std::string write_stops(const TempDir& dir) {
    return dir.write("stops.csv", "stop_id,name,lon,lat\n"
                                  "H1,Västra vägen,14.5012835,58.3028957\n"
                                  "H2,Torget,14.5068455,58.3035971\n"
                                  "H3,Skogen,14.6500000,58.4000000\n");
}

json assessment(const ServerFixture& server, const std::string& token, const std::string& grade,
                const std::string& stop_id, int& status) {
    const auto r = server.client("case-system")
                       ->Post("/v1/assessments",
                              R"({"token":")" + token + R"(","grade":")" + grade + R"(","school_id":"S3","stop_id":")" +
                                  stop_id + R"("})",
                              "application/json");
    status = status_of(r);
    return body_of(r);
}

/// A whole metre as the API shows it, from a decisions file's 2-decimal text.
json api_metres(const std::string& text) {
    return text.empty() ? json() : json(static_cast<std::int64_t>(std::llround(std::stod(text))));
}

} // namespace

TEST(ServeStops, TheWalkToAStopIsAnsweredExactlyAsBatchDecidesIt) {
    const TempDir files;
    const std::string rules = write_rules(files);
    const std::string stops = write_stops(files);
    ServerFixture::Options options;
    options.rules = rules;
    options.tenant_config = "stops = \"" + stops + "\"\n";
    const ServerFixture server(options);
    const std::string token = server.register_home(kHomeP02);
    ASSERT_FALSE(token.empty());

    // The same home, school and stops in a batch run.
    const std::string pupils = files.write(
        "pupils.csv", std::string("pupil_ref,grade,school_id,stop_id,lon,lat\n") + "A,2,S3,H1," + kHomeP02.lon + "," +
                          kHomeP02.lat + "\nB,2,S3,H2," + kHomeP02.lon + "," + kHomeP02.lat + "\nC,5,S3,H2," +
                          kHomeP02.lon + "," + kHomeP02.lat + "\nD,2,S3,H3," + kHomeP02.lon + "," + kHomeP02.lat + "\n");
    const std::string out = files.file("decisions.csv");
    const CommandResult batch =
        run_skolvag({"batch", "--network", demo("exempelby.osm"), "--schools", demo("exempelby-schools.csv"),
                     "--pupils", pupils, "--rules", rules, "--stops", stops, "--out", out});
    ASSERT_EQ(batch.exit_code, 0) << batch.err;
    const DecisionRows decided = read_decision_rows(out);

    int ok_outcomes = 0;
    for (const auto& [ref, grade, stop] : {std::tuple{"A", "2", "H1"}, std::tuple{"B", "2", "H2"},
                                           std::tuple{"C", "5", "H2"}, std::tuple{"D", "2", "H3"}}) {
        int status = 0;
        const json a = assessment(server, token, grade, stop, status);
        ASSERT_EQ(status, 200) << a.dump();
        const auto& row = decided.at({ref, 1});
        ASSERT_NE(row.at("stop_outcome"), "") << ref << ": the pupil must get transport: " << row.at("outcome");
        EXPECT_EQ(a["school"]["outcome"], row.at("outcome")) << ref;
        const json& s = a["stop"];
        EXPECT_EQ(s["stop_id"], stop) << ref;
        EXPECT_EQ(s["outcome"], row.at("stop_outcome")) << ref;
        EXPECT_EQ(s["plain_distance_m"], api_metres(row.at("stop_plain_distance_m"))) << ref;
        EXPECT_EQ(s["safe_distance_m"], api_metres(row.at("stop_safe_distance_m"))) << ref;
        EXPECT_EQ(s["threshold_m"], api_metres(row.at("stop_threshold_m"))) << ref;
        EXPECT_EQ(a["stops_sha256"], row.at("stops_sha256")) << ref;
        ok_outcomes += s["outcome"] == "ok" ? 1 : 0;
    }
    EXPECT_EQ(decided.at({"D", 1}).at("stop_outcome"), "not_on_network");
    EXPECT_GE(ok_outcomes, 1); // the stops are not all out of reach: the figures compared are real walks

    // Without a stop_id the answer has no stop; an unknown one is a 400 naming the parameter.
    const auto without = server.client("case-system")
                             ->Post("/v1/assessments", R"({"token":")" + token + R"(","grade":"2","school_id":"S3"})",
                                    "application/json");
    ASSERT_EQ(status_of(without), 200);
    EXPECT_FALSE(body_of(without).contains("stop"));
    int status = 0;
    const json unknown = assessment(server, token, "2", "H9", status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(unknown["error"]["code"], "unknown_stop");
    EXPECT_NE(unknown["error"]["message"].get<std::string>().find("stop_id"), std::string::npos) << unknown.dump();
}

TEST(ServeStops, ATenantWithoutStopsRefusesAStopIdAndAPupilWithoutTransportHasNoStop) {
    const ServerFixture server; // the demo rules: F-3 walks up to 2 km
    const std::string token = server.register_home(kHomeP02);
    int status = 0;
    const json refused = assessment(server, token, "2", "H1", status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(refused["error"]["code"], "unknown_stop");

    const TempDir files;
    ServerFixture::Options options;
    options.tenant_config = "stops = \"" + write_stops(files) + "\"\n";
    const ServerFixture with_stops(options);
    const std::string other = with_stops.register_home(kHomeP02);
    const json a = assessment(with_stops, other, "2", "H1", status);
    ASSERT_EQ(status, 200) << a.dump();
    EXPECT_EQ(a["school"]["outcome"], "not_eligible");
    EXPECT_TRUE(a["stop"].is_null()) << a.dump(); // no transport, no walk to a stop
}
