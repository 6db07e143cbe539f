// SPDX-License-Identifier: MIT
// `skolvag serve` started for real on loopback: authentication and roles, one 404 for
// unknown and foreign tokens, 4xx for bad input, the answers, rate limits, TLS and the
// OpenAPI description. Privacy and durability are in serve_privacy_test.cpp.
#include "api/server/endpoints.hpp"
#include "geodata/sha256.hpp"
#include "tests/support/server_fixture.hpp"
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>

using namespace skolvag::testing;
using nlohmann::json;

TEST(Serve, KeysRolesAndTenantScope) {
    const ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    ASSERT_FALSE(token.empty());

    // No key, a wrong key: 401.
    EXPECT_EQ(status_of(server.client()->Get(distance_path(token))), 401);
    auto wrong = server.client();
    wrong->set_default_headers({{"Authorization", "Bearer svk_not-a-key"}});
    EXPECT_EQ(status_of(wrong->Get(distance_path(token))), 401);
    EXPECT_EQ(status_of(wrong->Get("/v1/schools")), 401);

    // The wrong role: 403, before the token is even looked at.
    EXPECT_EQ(status_of(server.client("registrar")->Get(distance_path(token))), 403);
    EXPECT_EQ(status_of(server.client("case-system")->Post("/v1/tokens", R"({"lon":14.5,"lat":58.3})", "application/json")),
              403);
    EXPECT_EQ(status_of(server.client("case-system")->Get("/v1/trace?case_ref=x")), 403);
    EXPECT_EQ(status_of(server.client("case-system")->Get("/v1/tokens/" + token + "/export")), 403);
    EXPECT_EQ(status_of(server.client("dpo")->Get("/v1/audit")), 403);
    EXPECT_EQ(status_of(server.client("case-system")->Delete("/v1/tokens/" + token)), 403);

    // An unknown token and another tenant's token: the very same 404.
    const auto unknown = server.client("case-system")->Get(distance_path("svt_AAAAAAAAAAAAAAAAAAAAAA"));
    const auto foreign = server.client("grannby-case")->Get(distance_path(token));
    const auto malformed = server.client("case-system")->Get(distance_path("nonsense"));
    ASSERT_TRUE(unknown && foreign && malformed);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(foreign->status, 404);
    EXPECT_EQ(malformed->status, 404);
    EXPECT_EQ(unknown->body, foreign->body);
    EXPECT_EQ(unknown->body, malformed->body);
    EXPECT_EQ(body_text(server.client("grannby-case")->Get("/v1/tokens/" + token + "/export")), unknown->body);
    EXPECT_EQ(status_of(server.client("grannby-case")->Delete("/v1/tokens/" + token)), 404);

    // The right client gets its answer.
    const auto ok = server.client("case-system")->Get(distance_path(token));
    ASSERT_TRUE(ok) << "no answer";
    ASSERT_EQ(ok->status, 200) << ok->body;
    const json d = body_of(ok);
    EXPECT_EQ(d["school_id"], "S1");
    EXPECT_EQ(d["band"], "F-3");
    EXPECT_TRUE(d["plain_distance_m"].is_number_integer()); // rounded to 1 m
    EXPECT_EQ(d["threshold_m"], 2000);
    EXPECT_EQ(d["outcome"], "not_eligible");
    EXPECT_EQ(d["rules_sha256"].get<std::string>().size(), 64U);
    EXPECT_EQ(d["network_id"].get<std::string>().size(), 64U);
    EXPECT_EQ(d["schools_sha256"].get<std::string>().size(), 64U);

    // Only the registrar that made a token (or an admin) may erase it.
    EXPECT_EQ(status_of(server.client("registrar2")->Delete("/v1/tokens/" + token)), 403);
    EXPECT_EQ(status_of(server.client("registrar")->Delete("/v1/tokens/" + token)), 200);
}

TEST(Serve, NothingListsOrSearchesTokens) {
    const ServerFixture server;
    server.register_home(kHomeP02, "registrar", R"("case_ref":"BOU-1")");
    for (const char* path : {"/v1/tokens", "/v1/tokens?case_ref=BOU-1", "/v1/pupils", "/v1/tokens/", "/v1/cases"}) {
        const auto r = server.client("dpo")->Get(path);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 404) << path;
    }
}

TEST(Serve, BadRequestsGetJsonErrorsNamingTheProblemAndTheServerCarriesOn) {
    const ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    struct Bad {
        const char* story;
        std::string path;
        std::string body; // POST when not empty
        int status;
        std::string code;
        std::string message_part;
    };
    const std::string big(20 * 1024, ' ');
    const std::vector<Bad> cases = {
        {"not JSON", "/v1/tokens", "{lon: 1", 400, "malformed_json", "not valid JSON"},
        {"not an object", "/v1/tokens", "[1,2]", 400, "malformed_json", "object"},
        {"lon as text", "/v1/tokens", R"({"lon":"14.5","lat":58.3})", 400, "invalid_field", "'lon' must be a number"},
        {"lat missing", "/v1/tokens", R"({"lon":14.5})", 400, "invalid_field", "'lat'"},
        {"lat out of range", "/v1/tokens", R"({"lon":14.5,"lat":95})", 400, "invalid_field", "'lat' must be between"},
        {"lon overflows a double", "/v1/tokens", R"({"lon":1e400,"lat":58.3})", 400, "invalid_field",
         "'lon' is a number out of range"},
        {"lat overflows negatively", "/v1/tokens", R"({"lon":14.5,"lat":-1e999})", 400, "invalid_field",
         "'lat' is a number out of range"},
        {"x overflows", "/v1/tokens", R"({"x":1e309,"y":6462378,"crs":"EPSG:3006"})", 400, "invalid_field", "'x'"},
        {"both forms", "/v1/tokens", R"({"lon":14.5,"lat":58.3,"x":1,"y":2,"crs":"EPSG:3006"})", 400, "invalid_field",
         "either"},
        {"unknown CRS", "/v1/tokens", R"({"x":1,"y":2,"crs":"EPSG:999999"})", 400, "unknown_crs", "'crs'"},
        {"CRS by name", "/v1/tokens", R"({"x":1,"y":2,"crs":"SWEREF99 TM"})", 400, "unknown_crs", "AUTHORITY:CODE"},
        {"CRS as a PROJ string", "/v1/tokens", R"({"x":1,"y":2,"crs":"+proj=utm +zone=33 +init=/etc/x"})", 400,
         "unknown_crs", "AUTHORITY:CODE"},
        {"body not UTF-8", "/v1/tokens", "{\"lon\":14.5,\"lat\":58.3,\"case_ref\":\"\xD6\"}", 400, "malformed_json",
         "not valid JSON"},
        {"unknown field, long name cut at a character", "/v1/tokens",
         R"({"lon":14.5,"lat":58.3,"ååååååååååååååååååååååå":1})", 400, "unknown_field", "unknown field 'åå"},
        {"query not UTF-8", distance_path(token, "S%D6"), "", 400, "invalid_field", "'school' is not valid UTF-8"},
        {"unknown field", "/v1/tokens", R"({"lon":14.5,"lat":58.3,"name":"Anna"})", 400, "unknown_field",
         "unknown field 'name'"},
        {"protected as text", "/v1/tokens", R"({"lon":14.5,"lat":58.3,"protected":"yes"})", 400, "invalid_field",
         "'protected'"},
        {"body over 16 KiB", "/v1/tokens", R"({"lon":14.5,"lat":58.3,"case_ref":")" + big + "\"}", 413,
         "payload_too_large", "16 KiB"},
        {"assessment without grade", "/v1/assessments", R"({"token":")" + token + R"(","school_id":"S1"})", 400,
         "invalid_field", "'grade'"},
        {"assessment, unknown school", "/v1/assessments",
         R"({"token":")" + token + R"(","school_id":"S99","grade":"2"})", 400, "unknown_school", "S99"},
        {"assessment, unknown grade", "/v1/assessments",
         R"({"token":")" + token + R"(","school_id":"S1","grade":"12"})", 400, "unknown_grade", "'12'"},
        {"distance, unknown school", distance_path(token, "S99"), "", 400, "unknown_school", "S99"},
        {"distance, unknown grade", distance_path(token, "S1", "gy9"), "", 400, "unknown_grade", "gy9"},
        {"distance, no school", "/v1/tokens/" + token + "/distance?grade=2", "", 400, "invalid_field", "'school'"},
        {"unknown route", "/v2/anything", "", 404, "not_found", "no such route"},
    };
    for (const Bad& c : cases) {
        SCOPED_TRACE(c.story);
        const std::string who = c.path.find("/v1/tokens/") == 0 || c.path == "/v1/assessments" ? "case-system"
                                                                                               : "registrar";
        const auto r = c.body.empty() ? server.client(who)->Get(c.path)
                                      : server.client(who)->Post(c.path, c.body, "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, c.status) << r->body;
        const json j = body_of(r);
        ASSERT_TRUE(j.is_object()) << r->body;
        EXPECT_EQ(j["error"]["code"], c.code) << r->body;
        EXPECT_NE(j["error"]["message"].get<std::string>().find(c.message_part), std::string::npos) << r->body;
        EXPECT_EQ(r->body.find("what()"), std::string::npos);
        EXPECT_EQ(r->body.find("json.exception"), std::string::npos) << "exception text echoed: " << r->body;
    }
    EXPECT_EQ(status_of(server.client()->Get("/healthz")), 200);
    EXPECT_TRUE(server.running());
}

TEST(Serve, RegistrationInSweref99TmEqualsTheSameHomeInWgs84) {
    const ServerFixture server;
    const std::string a = server.register_home(kHomeP02);
    // The same point in SWEREF 99 TM (EPSG:3006), as a municipal GIS would give it.
    const auto r = server.client("registrar")->Post("/v1/tokens", R"({"x":470874.8906,"y":6462378.5330,"crs":"EPSG:3006"})",
                                                    "application/json");
    ASSERT_TRUE(r) << "no answer";
    ASSERT_EQ(r->status, 201) << r->body;
    const std::string b = body_of(r)["token"];
    const json da = body_of(server.client("case-system")->Get(distance_path(a)));
    const json db = body_of(server.client("case-system")->Get(distance_path(b)));
    EXPECT_EQ(da["plain_distance_m"], db["plain_distance_m"]);
    EXPECT_EQ(da["safe_distance_m"], db["safe_distance_m"]);
}

TEST(Serve, ACoordinateWithItsAxesExchangedIsRefusedWithoutEchoingIt) {
    // lon and lat swapped (or x = northing, as Swedish GIS writes it) put the home far
    // outside Exempelby, but inside it once exchanged: refused before it enters the
    // vault, naming the fields and never the point. A home merely far away still registers.
    const ServerFixture server;
    const std::string lat_first = std::string(R"({"lon":)") + kHomeP02.lat + R"(,"lat":)" + kHomeP02.lon + "}";
    const std::string northing_first = R"({"x":6462378.5330,"y":470874.8906,"crs":"EPSG:3006"})";
    for (const auto& [body, fields] : {std::pair{lat_first, std::string("'lon' and 'lat' look exchanged")},
                                       std::pair{northing_first, std::string("'x' and 'y' look exchanged")}}) {
        SCOPED_TRACE(fields);
        const auto r = server.client("registrar")->Post("/v1/tokens", body, "application/json");
        ASSERT_TRUE(r) << "no answer";
        EXPECT_EQ(r->status, 422) << r->body;
        const json j = body_of(r);
        EXPECT_EQ(j["error"]["code"], "axes_swapped") << r->body;
        EXPECT_NE(j["error"]["message"].get<std::string>().find(fields), std::string::npos) << r->body;
        EXPECT_FALSE(j.contains("token")) << r->body;
        EXPECT_FALSE(holds_place(r->body, kHomeP02)) << r->body;
    }
    // The same home the right way round, and a home far from Exempelby (Stockholm), register.
    const std::string right = std::string(R"({"lon":)") + kHomeP02.lon + R"(,"lat":)" + kHomeP02.lat + "}";
    EXPECT_EQ(status_of(server.client("registrar")->Post("/v1/tokens", right, "application/json")), 201);
    const auto far = server.client("registrar")->Post("/v1/tokens", R"({"lon":18.0686,"lat":59.3293})", "application/json");
    ASSERT_TRUE(far);
    EXPECT_EQ(far->status, 201) << far->body;
    EXPECT_EQ(body_of(far)["on_network"], false) << far->body;
    EXPECT_FALSE(holds_place(server.log_text(), kHomeP02));
    EXPECT_FALSE(holds_place(server.stderr_text(), kHomeP02));
}

TEST(Serve, AssessmentGivesBothSchoolsAndTheirAppealRegimes) {
    const ServerFixture server;
    const std::string token = server.register_home(kHomeP08);
    const auto r = server.client("case-system")
                       ->Post("/v1/assessments", R"({"token":")" + token + R"(","grade":"4","school_id":"S3"})",
                              "application/json");
    ASSERT_TRUE(r) << "no answer";
    ASSERT_EQ(r->status, 200) << r->body;
    const json a = body_of(r);
    EXPECT_EQ(a["band"], "4-6");
    EXPECT_EQ(a["school"]["school_id"], "S3");
    EXPECT_EQ(a["school"]["appeal"], "laglighetsprövning");
    EXPECT_EQ(a["reference_school"]["school_id"], "S1"); // the nearest school teaching grade 4
    EXPECT_EQ(a["reference_school"]["chosen_by"], "proximity");
    EXPECT_EQ(a["reference_school"]["appeal"], "förvaltningsbesvär");
    const auto given = server.client("case-system")
                           ->Post("/v1/assessments",
                                  R"({"token":")" + token + R"(","grade":"4","school_id":"S1","reference_school_id":"S3"})",
                                  "application/json");
    EXPECT_EQ(body_of(given)["reference_school"]["school_id"], "S3");
    EXPECT_EQ(body_of(given)["reference_school"]["chosen_by"], "request");
}

TEST(Serve, ATokenMayBeAskedAboutAFewSchoolsOnly) {
    // Distances to every school would locate the home: a purpose limit per token.
    ServerFixture::Options options;
    options.top_config = "max_schools_per_token = 2\n";
    const ServerFixture server(options);
    const std::string token = server.register_home(kHomeP02);
    auto client = server.client("case-system");
    EXPECT_EQ(status_of(client->Get(distance_path(token, "S1"))), 200);
    EXPECT_EQ(status_of(client->Get(distance_path(token, "S2", "7"))), 200);
    const auto third = client->Get(distance_path(token, "S3"));
    ASSERT_TRUE(third);
    EXPECT_EQ(third->status, 429) << third->body;
    EXPECT_EQ(body_of(third)["error"]["code"], "purpose_limit");
    // The schools already asked about stay open; a reference school counts too.
    EXPECT_EQ(status_of(client->Get(distance_path(token, "S1", "3"))), 200);
    EXPECT_EQ(status_of(client->Post("/v1/assessments",
                                     R"({"token":")" + token + R"(","grade":"2","school_id":"S1","reference_school_id":"S3"})",
                                     "application/json")),
              429);
    EXPECT_EQ(status_of(client->Get("/v1/tokens/" + token + "/route?school=S3&grade=2")), 429);
    // Another token has its own limit.
    EXPECT_EQ(status_of(client->Get(distance_path(server.register_home(kHomeP08), "S3"))), 200);
    // Each refusal is in the trail, for follow-up.
    int flagged = 0;
    const json trail = body_of(server.client("auditor")->Get("/v1/audit")); // kept: entries refer into it
    for (const json& e : trail["entries"]) {
        flagged += e["token"] == token && e["outcome"] == "purpose_limit" ? 1 : 0;
    }
    EXPECT_EQ(flagged, 3) << trail;
}

TEST(Serve, AProtectedIdentitysDistancesAreShownTo100Metres) {
    const ServerFixture server;
    const std::string open = server.register_home(kHomeP02);
    const std::string hidden = server.register_home(kHomeP02, "registrar", R"("protected":true)");
    auto client = server.client("case-system");
    const json exact = body_of(client->Get(distance_path(open)));
    const json shown = body_of(client->Get(distance_path(hidden)));
    ASSERT_TRUE(exact["plain_distance_m"].is_number_integer()) << exact;
    const std::int64_t metres = exact["plain_distance_m"].get<std::int64_t>();
    EXPECT_EQ(shown["plain_distance_m"], (metres + 50) / 100 * 100) << shown;
    EXPECT_EQ(shown["safe_distance_m"].get<std::int64_t>() % 100, 0);
    EXPECT_EQ(shown["outcome"], exact["outcome"]); // decided on the exact distance all the same
    const json assessed = body_of(client->Post(
        "/v1/assessments", R"({"token":")" + hidden + R"(","grade":"5","school_id":"S3"})", "application/json"));
    EXPECT_EQ(assessed["school"]["plain_distance_m"].get<std::int64_t>() % 100, 0) << assessed;
    EXPECT_EQ(assessed["reference_school"]["safe_distance_m"].get<std::int64_t>() % 100, 0) << assessed;
}

TEST(Serve, ARateLimitAnswers429WithRetryAfter) {
    ServerFixture::Options options;
    options.clients = ServerFixture::default_clients();
    options.clients.push_back({"slow-client", "exempelby", {"case"}, 3});
    const ServerFixture server(options);
    int limited = 0;
    std::string retry_after;
    for (int i = 0; i < 6; ++i) {
        const auto r = server.client("slow-client")->Get("/v1/schools");
        ASSERT_TRUE(r) << "no answer";
        if (r->status == 429) {
            ++limited;
            retry_after = r->get_header_value("Retry-After");
            EXPECT_EQ(body_of(r)["error"]["code"], "rate_limited");
        }
    }
    EXPECT_EQ(limited, 3);
    EXPECT_GE(std::stoi(retry_after), 1);
    // Other clients are not slowed down by it.
    EXPECT_EQ(status_of(server.client("case-system")->Get("/v1/schools")), 200);
}

TEST(Serve, ServesOverTls) {
    ServerFixture::Options options;
    options.tls = true;
    const ServerFixture server(options);
    EXPECT_NE(server.stderr_text().find("https://"), std::string::npos);
    const auto r = server.client()->Get("/healthz");
    ASSERT_TRUE(r) << "no TLS answer";
    EXPECT_EQ(r->status, 200);
    const std::string token = server.register_home(kHomeP02);
    EXPECT_EQ(status_of(server.client("case-system")->Get(distance_path(token))), 200);
}

namespace {

/// Whether `openssl s_client` with these options completes a handshake with the server.
bool handshake(int port, const std::string& options) {
    const std::string cmd = "openssl s_client -connect 127.0.0.1:" + std::to_string(port) + " " + options +
                            " </dev/null >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

} // namespace

TEST(Serve, TlsIsVersion12OrNewerWithForwardSecretAeadSuitesOnly) {
    ServerFixture::Options options;
    options.tls = true;
    const ServerFixture server(options);
    EXPECT_TRUE(handshake(server.port(), "-tls1_3"));
    EXPECT_TRUE(handshake(server.port(), "-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"));
    EXPECT_TRUE(handshake(server.port(), "-tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305"));
    EXPECT_FALSE(handshake(server.port(), "-tls1_2 -cipher AES128-GCM-SHA256")) << "no forward secrecy";
    EXPECT_FALSE(handshake(server.port(), "-tls1_2 -cipher ECDHE-RSA-AES128-SHA")) << "not AEAD";
    EXPECT_FALSE(handshake(server.port(), "-tls1_1 -cipher DEFAULT@SECLEVEL=0")) << "TLS 1.1";
}

TEST(Serve, RefusesToStartWithATlsKeyOthersCanRead) {
    ServerFixture::Options options;
    options.tls = true;
    options.start = false;
    ServerFixture server(options);
    chmod(server.dir().file("server.key").c_str(), 0644);
    std::string output;
    ASSERT_FALSE(server.try_start(output)) << "started with a key anyone can read";
    EXPECT_NE(output.find("server.key"), std::string::npos) << output;
    EXPECT_NE(output.find("chmod 600"), std::string::npos) << output;
}

TEST(Serve, OpenApiDescribesEveryEndpointOfTheTableAndNoOther) {
    const ServerFixture server;
    const auto r = server.client()->Get("/openapi.json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    const json api = body_of(r);
    EXPECT_EQ(api["openapi"], "3.0.3");
    std::size_t operations = 0;
    for (const auto& [path, methods] : api["paths"].items()) {
        operations += methods.size();
    }
    EXPECT_EQ(operations, skolvag::api::api_endpoints().size());
    for (const skolvag::api::Endpoint& e : skolvag::api::api_endpoints()) {
        std::string method(skolvag::api::to_string(e.method));
        std::transform(method.begin(), method.end(), method.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
        SCOPED_TRACE(e.route());
        ASSERT_TRUE(api["paths"].contains(std::string(e.path)));
        const json& op = api["paths"][std::string(e.path)][method];
        ASSERT_TRUE(op.is_object());
        EXPECT_FALSE(op["summary"].get<std::string>().empty());
        // A route that needs no key says so; every other one answers 401 without one.
        EXPECT_EQ(op.contains("security"), !e.needs_key);
        EXPECT_EQ(op["responses"].contains("401"), e.needs_key);
    }
    // The grades of the API are the one vocabulary of grades.
    const json grades = api["components"]["parameters"]["grade"]["schema"]["enum"];
    ASSERT_EQ(grades.size(), skolvag::api::kGradeCount);
    EXPECT_EQ(grades[0], "F");
    EXPECT_EQ(grades[13], "gy4");
    // So are the error codes: every one the server can answer, the guard's included.
    const json codes = api["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"];
    EXPECT_EQ(codes.size(), skolvag::api::public_codes().size());
    EXPECT_NE(std::find(codes.begin(), codes.end(), "headers_too_large"), codes.end());
}

TEST(Serve, MetricsTellTheTrafficOnlyToTheMetricsKey) {
    ServerFixture::Options options;
    options.top_config = "metrics_key_sha256 = \"" + skolvag::geodata::sha256_hex("scrape-secret") + "\"\n";
    const ServerFixture server(options);
    ASSERT_EQ(status_of(server.client("case-system")->Get("/v1/schools")), 200);
    ASSERT_EQ(status_of(server.client()->Get("/healthz")), 200);
    const std::string route_count = "skolvag_requests_total{route=\"GET /v1/schools\",status=\"200\"} 1";

    // Anyone may see that the process is up; how busy each route is, and how many
    // tokens are held, is for the scraper holding the metrics key.
    for (const std::string& key : {std::string(), std::string("wrong"), server.api_key("auditor")}) {
        auto client = server.client();
        if (!key.empty()) {
            client->set_bearer_token_auth(key);
        }
        const auto open = client->Get("/metrics");
        ASSERT_TRUE(open);
        EXPECT_EQ(open->status, 200);
        EXPECT_NE(open->body.find("skolvag_up 1"), std::string::npos) << open->body;
        EXPECT_EQ(open->body.find("route="), std::string::npos) << open->body;
        EXPECT_EQ(open->body.find("tokens"), std::string::npos) << open->body;
    }

    auto scraper = server.client();
    scraper->set_bearer_token_auth("scrape-secret");
    const auto metrics = scraper->Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("skolvag_up 1"), std::string::npos) << metrics->body;
    EXPECT_NE(metrics->body.find(route_count), std::string::npos) << metrics->body;
    EXPECT_NE(metrics->body.find("skolvag_tokens "), std::string::npos) << metrics->body;
    // Health checks and scrapes are not the API's traffic.
    EXPECT_EQ(metrics->body.find("/healthz"), std::string::npos) << metrics->body;
}

TEST(Serve, TheSchoolListNamesEntrancesNoSafeRouteOfABandReaches) {
    // Kantby's school K1 has its only entrance on the road where the demo's F-3 pupil
    // P03 lives without a safe route: every F-3 pupil of K1 would be eligible because
    // of traffic. The list says so (band, road, reason); the demo's schools have none.
    const TempDir dir;
    const std::string schools = dir.write("kantby-schools.csv", "school_id,name,grades,lon,lat\n"
                                                                "K1,Kantby skola,F-9,14.5104394,58.3000270\n");
    ServerFixture::Options options;
    options.clients = ServerFixture::default_clients();
    options.clients.push_back({"kantby-case", "kantby", {"case"}});
    options.extra_config = "\n[[tenant]]\nname = \"kantby\"\nschools = \"" + schools + "\"\nrules = \"" +
                           example_rules_path() + "\"\n";
    const ServerFixture server(options);
    const nlohmann::json kantby = body_of(server.client("kantby-case")->Get("/v1/schools"));
    ASSERT_EQ(kantby["schools"].size(), 1U) << kantby.dump();
    const nlohmann::json& warnings = kantby["schools"][0]["unreachable_for_bands"];
    ASSERT_FALSE(warnings.empty()) << kantby.dump();
    EXPECT_EQ(warnings[0]["band"], "F-3");
    EXPECT_NE(warnings[0]["road"].get<std::string>().find("OSM way"), std::string::npos);
    EXPECT_FALSE(warnings[0]["reason"].get<std::string>().empty());
    const nlohmann::json demo = body_of(server.client("case-system")->Get("/v1/schools"));
    for (const nlohmann::json& school : demo["schools"]) {
        EXPECT_TRUE(school["unreachable_for_bands"].empty()) << school.dump();
    }
}

TEST(Serve, EligibleBecauseOfTrafficSaysWhyExceptForAProtectedIdentity) {
    // The demo's P03 (grade F) has no safe route to S1: the answer lists the unsafe
    // places on its plain route. A protected identity gets the outcome, not the streets.
    const ServerFixture server;
    const TestHome p03{"14.5104394", "58.3000270"};
    const json open = body_of(server.client("case-system")->Get(distance_path(server.register_home(p03), "S1", "F")));
    EXPECT_EQ(open["outcome"], "eligible_traffic") << open.dump();
    ASSERT_TRUE(open.contains("reasons")) << open.dump();
    ASSERT_FALSE(open["reasons"].empty());
    EXPECT_LE(open["reasons"].size(), 3U);
    EXPECT_NE(open["note"].get<std::string>().find(open["reasons"][0].get<std::string>()), std::string::npos);
    EXPECT_NE(open["reasons"][0].get<std::string>().find("OSM way"), std::string::npos) << open.dump();
    const json hidden = body_of(server.client("case-system")->Get(
        distance_path(server.register_home(p03, "registrar", R"("protected":true)"), "S1", "F")));
    EXPECT_EQ(hidden["outcome"], "eligible_traffic");
    EXPECT_FALSE(hidden.contains("reasons")) << hidden.dump();
    EXPECT_EQ(hidden["note"], "no safe walking route for band F-3");
}

TEST(Serve, TheRouteMarksEachPieceForTheBandAndListsTheRoadsCrossed) {
    // P03 has no safe route for F-3: its plain route is shown, piece by piece, with the
    // unsafe pieces and their reasons; the pieces cover the whole line.
    const ServerFixture server;
    const TestHome p03{"14.5104394", "58.3000270"};
    const std::string token = server.register_home(p03);
    const json route = body_of(server.client("case-system")->Get("/v1/tokens/" + token + "/route?school=S1&grade=F"));
    ASSERT_EQ(route["type"], "Feature") << route.dump();
    const json& p = route["properties"];
    EXPECT_EQ(p["route_kind"], "plain (no safe route)");
    const std::size_t points = route["geometry"]["coordinates"].size();
    ASSERT_FALSE(p["pieces"].empty());
    EXPECT_EQ(p["pieces"][0]["first"], 0);
    EXPECT_EQ(p["pieces"].back()["last"], points - 1);
    bool unsafe = false;
    for (std::size_t i = 0; i < p["pieces"].size(); ++i) {
        if (i > 0) {
            EXPECT_EQ(p["pieces"][i]["first"], p["pieces"][i - 1]["last"]); // consecutive
        }
        unsafe = unsafe || !p["pieces"][i]["safe"].get<bool>();
        EXPECT_EQ(p["pieces"][i]["safe"].get<bool>(), p["pieces"][i]["reason"].get<std::string>().empty());
    }
    EXPECT_TRUE(unsafe) << p.dump();
    EXPECT_TRUE(p["crossings"].is_array());
    // Asked again, the route comes from the vault's cache: the same answer.
    EXPECT_EQ(body_of(server.client("case-system")->Get("/v1/tokens/" + token + "/route?school=S1&grade=F")), route);
}
