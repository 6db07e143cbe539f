// SPDX-License-Identifier: MIT
// The case officer's map, server side, through a running `skolvag serve`: the walking
// network inside a box (GET /v1/network: roles, caps, bad boxes, the audit entry
// without a token).
#include "tests/support/server_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using namespace skolvag::testing;
using nlohmann::json;

namespace {

// Exempelby (scripts/demo/exempelby.osm) is a grid: east-west streets every 0.0010791°
// of latitude from 58.3, north-south ones every 0.0025671° of longitude from 14.5.
// This box crosses Gata 1 (way 101, lat 58.3010791) between the first two cross
// streets, and nothing else.
constexpr const char* kGata1Box = "14.5010,58.3005,14.5015,58.3015";
// The whole town (about 1.1 km²), the motorway (way 125) just outside its east edge.
constexpr const char* kTownBox = "14.4995,58.2990,14.5215,58.3075";

std::string network_path(const std::string& bbox) { return "/v1/network?bbox=" + bbox; }

std::set<long long> way_ids(const json& collection) {
    std::set<long long> ids;
    for (const json& f : collection["features"]) {
        ids.insert(f["properties"]["osm_way_id"].get<long long>());
    }
    return ids;
}

} // namespace

TEST(ServeMap, NetworkAnswersTheEdgesInsideABoxWithTheirWaysAndTheAttribution) {
    const ServerFixture server;
    const auto answer = server.client("case-system")->Get(network_path(kGata1Box));
    ASSERT_EQ(status_of(answer), 200) << body_text(answer);
    EXPECT_EQ(answer->get_header_value("Content-Type"), "application/geo+json");
    const json collection = body_of(answer);
    EXPECT_EQ(collection["type"], "FeatureCollection");
    EXPECT_EQ(collection["attribution"], "© OpenStreetMap contributors");
    ASSERT_FALSE(collection["features"].empty()) << collection;
    for (const json& f : collection["features"]) {
        EXPECT_EQ(f["geometry"]["type"], "LineString");
        EXPECT_EQ(f["properties"]["osm_way_id"], 101);
        EXPECT_EQ(f["properties"]["highway"], "residential");
        EXPECT_EQ(f["properties"]["name"], "Gata 1");
        for (const json& at : f["geometry"]["coordinates"]) { // lon, lat
            EXPECT_NEAR(at[0].get<double>(), 14.505, 0.03);
            EXPECT_NEAR(at[1].get<double>(), 58.3010791, 1e-6);
        }
    }

    // The whole town: streets, paths and steps, unnamed ways with a null name; the
    // motorway (not walkable) is no part of the walking network.
    const json town = body_of(server.client("case-system")->Get(network_path(kTownBox)));
    const std::set<long long> ids = way_ids(town);
    for (long long way : {100, 101, 107, 115, 116, 118, 119, 120, 122, 124}) {
        EXPECT_TRUE(ids.count(way)) << "way " << way;
    }
    EXPECT_FALSE(ids.count(125));
    for (const json& f : town["features"]) {
        if (f["properties"]["osm_way_id"] == 119) {
            EXPECT_EQ(f["properties"]["highway"], "steps");
        }
        if (f["properties"]["osm_way_id"] == 124) {
            EXPECT_EQ(f["properties"]["highway"], "path");
            EXPECT_TRUE(f["properties"]["name"].is_null());
        }
    }
    // Far from the town: an empty collection, not an error.
    const auto elsewhere = server.client("case-system")->Get(network_path("14.0,58.0,14.01,58.01"));
    ASSERT_EQ(status_of(elsewhere), 200);
    EXPECT_TRUE(body_of(elsewhere)["features"].empty());
}

TEST(ServeMap, NetworkNeedsAKeyAndTheCaseRoleAndIsAuditedWithoutAToken) {
    const ServerFixture server;
    EXPECT_EQ(status_of(server.client()->Get(network_path(kGata1Box))), 401);
    EXPECT_EQ(status_of(server.client("registrar")->Get(network_path(kGata1Box))), 403);
    EXPECT_EQ(status_of(server.client("auditor")->Get(network_path(kGata1Box))), 403);
    EXPECT_EQ(status_of(server.client("case-system")->Get(network_path(kGata1Box))), 200);
    EXPECT_EQ(status_of(server.client("case-system")->Get(network_path("1,2,3"))), 400);

    const json trail = body_of(server.client("auditor")->Get("/v1/audit"));
    std::multiset<std::string> outcomes;
    for (const json& e : trail["entries"]) {
        if (e["action"] == "network") {
            EXPECT_TRUE(e["token"].is_null()) << e;
            outcomes.insert(e["outcome"].get<std::string>());
        }
    }
    EXPECT_EQ(outcomes, (std::multiset<std::string>{"forbidden", "forbidden", "invalid_field", "ok"})) << trail;
}

TEST(ServeMap, NetworkRefusesBadBoxesNamingTheParameter) {
    const ServerFixture server;
    const auto client = server.client("case-system");
    for (const std::string bbox :
         {"", "1,2,3", "1,2,3,4,5", "a,b,c,d", "14.5,58.3,14.6,", "nan,58.3,14.6,58.4", "inf,58.3,14.6,58.4",
          "1e999,58.3,14.6,58.4", "14.6,58.3,14.5,58.4", "14.5,58.4,14.6,58.3", "14.5,91,14.6,92",
          "-181,58.3,14.6,58.4", "14.5;58.3;14.6;58.4", "0x1,58.3,14.6,58.4"}) {
        const auto answer = client->Get(network_path(bbox));
        EXPECT_EQ(status_of(answer), 400) << bbox;
        EXPECT_EQ(body_of(answer)["error"]["code"], "invalid_field") << bbox;
        EXPECT_NE(body_text(answer).find("'bbox'"), std::string::npos) << bbox << ": " << body_text(answer);
    }
    const auto missing = client->Get("/v1/network");
    EXPECT_EQ(status_of(missing), 400);
    EXPECT_NE(body_text(missing).find("'bbox'"), std::string::npos) << body_text(missing);
}

TEST(ServeMap, NetworkRefusesABoxOverEitherCapRatherThanCuttingItShort) {
    ServerFixture::Options options;
    options.top_config = "max_network_km2 = 0.5\nmax_network_edges = 20\n";
    const ServerFixture server(options);
    const auto client = server.client("case-system");

    const auto wide = client->Get(network_path("14.4,58.2,14.6,58.4"));
    EXPECT_EQ(status_of(wide), 400);
    EXPECT_EQ(body_of(wide)["error"]["code"], "area_too_large");
    EXPECT_NE(body_text(wide).find("max_network_km2 = 0.5"), std::string::npos) << body_text(wide);

    // Under the area cap, over the edge cap: the town's middle holds more than 20 edges.
    const auto dense = client->Get(network_path("14.5000,58.3000,14.5120,58.3060"));
    EXPECT_EQ(status_of(dense), 400) << body_text(dense);
    EXPECT_EQ(body_of(dense)["error"]["code"], "area_too_large");
    EXPECT_NE(body_text(dense).find("max_network_edges = 20"), std::string::npos) << body_text(dense);

    EXPECT_EQ(status_of(client->Get(network_path(kGata1Box))), 200);
}
