// SPDX-License-Identifier: MIT
// The case officer's map, server side, through a running `skolvag serve`: the walking
// network inside a box (GET /v1/network: roles, caps, bad boxes, the audit entry
// without a token) and the map page with its Leaflet files (GET /map...).
#include "tests/support/server_fixture.hpp"

#include "api/server/map_files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
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

/// The headers every file of the map page carries.
void expect_page_headers(const httplib::Result& r, const std::string& path) {
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    const std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << path << ": " << csp;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << path << ": " << csp;
    EXPECT_NE(csp.find("style-src 'self';"), std::string::npos) << path << ": " << csp;
}

bool leaflet_installed() {
    return std::filesystem::exists(std::string(skolvag::api::MapFiles::kLeafletDir) + "/leaflet.js");
}

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

TEST(ServeMap, ThePageLoadsWithoutAKeyWithItsSecurityHeadersAndHoldsNoData) {
    const ServerFixture server;
    const auto page = server.client()->Get("/map");
    ASSERT_EQ(status_of(page), 200) << body_text(page);
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    expect_page_headers(page, "/map");
    // Images from the server only: no tile_url is configured.
    EXPECT_NE(page->get_header_value("Content-Security-Policy").find("img-src 'self';"), std::string::npos);
    EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache");
    for (const char* link : {"/map/app.js", "/map/style.css", "/map/leaflet/leaflet.js", "/map/leaflet/leaflet.css",
                             "<div id=\"map\""}) {
        EXPECT_NE(page->body.find(link), std::string::npos) << link;
    }
    EXPECT_EQ(page->body.find("leaflet-missing") != std::string::npos, !leaflet_installed());

    const auto script = server.client()->Get("/map/app.js");
    ASSERT_EQ(status_of(script), 200);
    EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
    expect_page_headers(script, "/map/app.js");
    const auto style = server.client()->Get("/map/style.css");
    ASSERT_EQ(status_of(style), 200);
    EXPECT_EQ(style->get_header_value("Content-Type"), "text/css; charset=utf-8");
    EXPECT_NE(style->body.find("#map"), std::string::npos);

    const json config = body_of(server.client()->Get("/map/config.json"));
    EXPECT_TRUE(config["tile_url"].is_null()) << config;
    EXPECT_EQ(config["attribution"], "© OpenStreetMap contributors");
    // The page plans its network requests by the caps (server.toml's, here the defaults).
    EXPECT_EQ(config["max_network_km2"], 4.0);
    EXPECT_EQ(config["max_network_edges"], 20000);
    // Loading the page is no call of the API: nothing for the audit trail.
    const json trail = body_of(server.client("auditor")->Get("/v1/audit")); // kept: the loop reads into it
    for (const json& e : trail["entries"]) {
        EXPECT_NE(e["action"], "network") << e;
    }
}

TEST(ServeMap, ATileServerIsAllowedForImagesOnlyAndNamedInTheConfig) {
    ServerFixture::Options options;
    options.top_config = "tile_url = \"https://tiles.example.se/osm/{z}/{x}/{y}.png\"\n";
    const ServerFixture server(options);
    const auto page = server.client()->Get("/map");
    ASSERT_EQ(status_of(page), 200);
    const std::string csp = page->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("img-src 'self' https://tiles.example.se;"), std::string::npos) << csp;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
    EXPECT_EQ(body_of(server.client()->Get("/map/config.json"))["tile_url"], "https://tiles.example.se/osm/{z}/{x}/{y}.png");
}

TEST(ServeMap, LeafletsFilesComeFromTheInstalledPackage) {
    if (!leaflet_installed()) {
        GTEST_SKIP() << "Debian's libjs-leaflet is not installed (scripts/setup.sh installs it)";
    }
    const ServerFixture server;
    const std::string dir = skolvag::api::MapFiles::kLeafletDir;
    for (const auto& [file, type] : std::vector<std::pair<std::string, std::string>>{
             {"leaflet.js", "text/javascript; charset=utf-8"},
             {"leaflet.css", "text/css; charset=utf-8"},
             {"images/layers.png", "image/png"},
             {"images/layers-2x.png", "image/png"},
             {"images/marker-icon.png", "image/png"},
             {"images/marker-icon-2x.png", "image/png"},
             {"images/marker-shadow.png", "image/png"}}) {
        const auto r = server.client()->Get("/map/leaflet/" + file);
        ASSERT_EQ(status_of(r), 200) << file;
        EXPECT_EQ(r->get_header_value("Content-Type"), type) << file;
        EXPECT_EQ(r->body, read_text(dir + "/" + file)) << file;
        EXPECT_EQ(r->get_header_value("Cache-Control"), "public, max-age=86400") << file;
        expect_page_headers(r, file);
    }
    // Files of the package outside the allow-list are not served either.
    for (const char* file : {"leaflet.min.js.map", "leaflet.esm.js", "images", "images/", "LEAFLET.JS"}) {
        EXPECT_EQ(status_of(server.client()->Get(std::string("/map/leaflet/") + file)), 404) << file;
    }
}

TEST(ServeMap, NoPathOutsideTheAllowListIsServed) {
    const ServerFixture server;
    for (const char* path :
         {"/map/leaflet/../../etc/passwd", "/map/leaflet/..%2f..%2f..%2fetc%2fpasswd", "/map/leaflet/%2e%2e/%2e%2e/etc/passwd",
          "/map/leaflet/..%252f..%252fetc%252fpasswd", "/map/leaflet//etc/passwd", "/map/leaflet/images/../../../etc/passwd",
          "/map/leaflet/leaflet.js%00.png", "/map/leaflet/./leaflet.js", "/map/leaflet/leaflet.js/",
          "/map/../etc/passwd", "/map/index.html", "/map/map/app.js"}) {
        const auto r = server.client()->Get(path);
        EXPECT_EQ(status_of(r), 404) << path << ": " << body_text(r);
        EXPECT_EQ(body_text(r).find("root:"), std::string::npos) << path;
        EXPECT_EQ(body_of(r)["error"]["code"], "not_found") << path;
    }
}

TEST(ServeMap, WithoutTheLeafletPackageThePageSaysSoAndNoFileIsServed) {
    const skolvag::api::MapFiles files("/nonexistent/leaflet", std::nullopt);
    EXPECT_FALSE(files.leaflet_installed());
    EXPECT_EQ(files.leaflet_file("leaflet.js"), nullptr);
    const skolvag::api::StaticFile* page = files.page_file("index.html");
    ASSERT_NE(page, nullptr);
    EXPECT_NE(page->body.find("libjs-leaflet"), std::string::npos);
    EXPECT_EQ(page->body.find("<!--leaflet-status-->"), std::string::npos);
    EXPECT_EQ(files.page_file("../index.html"), nullptr);
}

TEST(ServeMap, ThePlainRouteIsGivenBesideTheSafeOneWhenAskedFor) {
    // The map draws the plain route beside the safe one: route=plain asks for it, labelled
    // "plain" (not "plain (no safe route)"), measured as the plain distance; route=safe
    // asks for the safe one alone, which P03 in grade F does not have.
    const ServerFixture server;
    const auto client = server.client("case-system");
    const std::string p02 = server.register_home(kHomeP02);
    const std::string path = "/v1/tokens/" + p02 + "/route?school=S1&grade=2";
    const json decided = body_of(client->Get(path));
    ASSERT_EQ(decided["properties"]["route_kind"], "safe") << decided;
    const json plain = body_of(client->Get(path + "&route=plain"));
    ASSERT_EQ(plain["properties"]["route_kind"], "plain") << plain;
    EXPECT_EQ(plain["properties"]["route_m"], decided["properties"]["plain_distance_m"]);
    EXPECT_EQ(body_of(client->Get(path + "&route=safe"))["properties"]["route_kind"], "safe");
    // Each is cached under its own key: asked again, the same answers.
    EXPECT_EQ(body_of(client->Get(path)), decided);
    EXPECT_EQ(body_of(client->Get(path + "&route=plain")), plain);
    // Erasing the token erases both (route=safe is the decided route, cached once).
    const json receipt = body_of(server.client("registrar")->Delete("/v1/tokens/" + p02));
    EXPECT_EQ(receipt["erased"]["cached_results"], 2) << receipt;
    EXPECT_EQ(status_of(client->Get(path + "&route=plain")), 404);

    const std::string p03 = server.register_home({"14.5104394", "58.3000270"});
    const std::string f = "/v1/tokens/" + p03 + "/route?school=S1&grade=F";
    EXPECT_EQ(body_of(client->Get(f))["properties"]["route_kind"], "plain (no safe route)");
    const auto no_safe = client->Get(f + "&route=safe");
    EXPECT_EQ(status_of(no_safe), 422) << body_text(no_safe);
    EXPECT_EQ(body_of(client->Get(f + "&route=plain"))["properties"]["route_kind"], "plain");
    const auto bad = client->Get(f + "&route=shortest");
    EXPECT_EQ(status_of(bad), 400);
    EXPECT_NE(body_text(bad).find("'route'"), std::string::npos) << body_text(bad);
}

TEST(ServeMap, SchoolsListTheirEntrancesForTheMap) {
    // A school's place is public: the map marks its entrances. S1 has two rows
    // (entrances) in exempelby-schools.csv, S2 one.
    const ServerFixture server;
    const json listing = body_of(server.client("case-system")->Get("/v1/schools"));
    std::map<std::string, json> by_id;
    for (const json& school : listing["schools"]) {
        by_id[school["school_id"].get<std::string>()] = school;
    }
    const json& s1 = by_id.at("S1")["entrance_points"];
    ASSERT_EQ(s1.size(), 2U) << listing;
    EXPECT_NEAR(s1[0]["lon"].get<double>(), 14.5089847, 1e-7);
    EXPECT_NEAR(s1[0]["lat"].get<double>(), 58.3047662, 1e-7);
    EXPECT_NEAR(s1[1]["lat"].get<double>(), 58.3045863, 1e-7);
    EXPECT_EQ(s1[0]["on_network"], true);
    ASSERT_EQ(by_id.at("S2")["entrance_points"].size(), 1U);
    EXPECT_NEAR(by_id.at("S2")["entrance_points"][0]["lon"].get<double>(), 14.5051341, 1e-7);
}

TEST(ServeMap, ReasonsComeInSwedishBesideEnglish) {
    // A decision letter, and the map's Swedish panel, state the reasons in Swedish: the
    // same places, in the same order. P03 in grade F: Storgatan (70 km/h, no sidewalk).
    const ServerFixture server;
    const auto client = server.client("case-system");
    const std::string p03 = server.register_home({"14.5104394", "58.3000270"});
    const json answer = body_of(client->Get(distance_path(p03, "S1", "F")));
    ASSERT_EQ(answer["outcome"], "eligible_traffic") << answer;
    ASSERT_EQ(answer["reasons_sv"].size(), answer["reasons"].size()) << answer;
    EXPECT_EQ(answer["reasons"][0],
              "along Storgatan (primary, OSM way 100), 70 km/h, no sidewalk: faster than 50 km/h without a sidewalk");
    EXPECT_EQ(answer["reasons_sv"][0],
              "längs Storgatan (primary, OSM-väg 100), 70 km/h, ingen trottoar: snabbare än 50 km/h utan trottoar");
    // The route's pieces and crossings carry both too; a safe piece has neither.
    const json route = body_of(client->Get("/v1/tokens/" + p03 + "/route?school=S1&grade=F"));
    for (const json& piece : route["properties"]["pieces"]) {
        EXPECT_EQ(piece["reason"].get<std::string>().empty(), piece["reason_sv"].get<std::string>().empty()) << piece;
        if (!piece["safe"].get<bool>()) {
            EXPECT_EQ(piece["reason_sv"].get<std::string>().rfind("längs ", 0), 0U) << piece;
        }
    }
    for (const json& crossing : route["properties"]["crossings"]) {
        EXPECT_NE(crossing["road_sv"].get<std::string>().find("OSM-väg"), std::string::npos) << crossing;
    }
}
