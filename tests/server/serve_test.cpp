// SPDX-License-Identifier: MIT
// `skolvag serve` started for real on loopback: the properties the issue asks the
// tests to prove. Authentication and roles, one 404 for unknown and foreign tokens,
// no coordinate in any answer but the export nor in the log, the audit chain, erasure
// down to the bytes of the files, durability against kill -9, 4xx for bad input, rate
// limits, TLS.
#include "api/server/endpoints.hpp"
#include "tests/support/server_fixture.hpp"

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

namespace {

json body_of(const httplib::Result& r) { return r ? json::parse(r->body, nullptr, false) : json(); }

std::string distance_path(const std::string& token, const std::string& school = "S1", const std::string& grade = "2") {
    return "/v1/tokens/" + token + "/distance?school=" + school + "&grade=" + grade;
}

/// True when a text holds a home's coordinate: both its longitude and its latitude.
bool holds_coordinate(const std::string& text, const TestHome& home) {
    return text.find(home.lon) != std::string::npos && text.find(home.lat) != std::string::npos;
}

} // namespace

TEST(Serve, KeysRolesAndTenantScope) {
    const ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    ASSERT_FALSE(token.empty());

    // No key, a wrong key: 401.
    EXPECT_EQ(server.client()->Get(distance_path(token))->status, 401);
    auto wrong = server.client();
    wrong->set_default_headers({{"Authorization", "Bearer svk_not-a-key"}});
    EXPECT_EQ(wrong->Get(distance_path(token))->status, 401);
    EXPECT_EQ(wrong->Get("/v1/schools")->status, 401);

    // The wrong role: 403, before the token is even looked at.
    EXPECT_EQ(server.client("registrar")->Get(distance_path(token))->status, 403);
    EXPECT_EQ(server.client("case-system")->Post("/v1/tokens", R"({"lon":14.5,"lat":58.3})", "application/json")->status,
              403);
    EXPECT_EQ(server.client("case-system")->Get("/v1/trace?case_ref=x")->status, 403);
    EXPECT_EQ(server.client("case-system")->Get("/v1/tokens/" + token + "/export")->status, 403);
    EXPECT_EQ(server.client("dpo")->Get("/v1/audit")->status, 403);
    EXPECT_EQ(server.client("case-system")->Delete("/v1/tokens/" + token)->status, 403);

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
    EXPECT_EQ(server.client("grannby-case")->Get("/v1/tokens/" + token + "/export")->body, unknown->body);
    EXPECT_EQ(server.client("grannby-case")->Delete("/v1/tokens/" + token)->status, 404);

    // The right client gets its answer.
    const auto ok = server.client("case-system")->Get(distance_path(token));
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
    EXPECT_EQ(server.client("registrar2")->Delete("/v1/tokens/" + token)->status, 403);
    EXPECT_EQ(server.client("registrar")->Delete("/v1/tokens/" + token)->status, 200);
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

TEST(Serve, AnswersAndLogsHoldNoHomeCoordinateCaseReferenceOrKey) {
    const ServerFixture server;
    const std::string token = server.register_home(kHomeP02, "registrar", R"("case_ref":"BOU-2026-SECRET-17")");
    const std::string p08 = server.register_home(kHomeP08, "registrar", R"("protected":true)");
    std::vector<std::pair<std::string, std::string>> answers; // what each call answered
    auto keep = [&](const std::string& what, const httplib::Result& r) {
        ASSERT_TRUE(r) << what;
        answers.push_back({what, r->body});
    };
    keep("distance", server.client("case-system")->Get(distance_path(token)));
    keep("assessment", server.client("case-system")
                           ->Post("/v1/assessments", R"({"token":")" + token + R"(","grade":"5","school_id":"S3"})",
                                  "application/json"));
    keep("route", server.client("case-system")->Get("/v1/tokens/" + token + "/route?school=S1&grade=2"));
    keep("trace", server.client("dpo")->Get("/v1/trace?case_ref=BOU-2026-SECRET-17"));
    keep("audit", server.client("auditor")->Get("/v1/audit"));
    keep("schools", server.client("case-system")->Get("/v1/schools"));
    keep("metrics", server.client()->Get("/metrics"));
    keep("protected distance", server.client("case-system")->Get(distance_path(p08)));

    for (const auto& [what, body] : answers) {
        SCOPED_TRACE(what);
        EXPECT_FALSE(holds_coordinate(body, kHomeP02)) << body;
        EXPECT_FALSE(holds_coordinate(body, kHomeP08)) << body;
        EXPECT_EQ(body.find("BOU-2026-SECRET-17"), std::string::npos) << body;
    }
    // The route starts at the home's point on the network, not at the home.
    const json route = json::parse(answers[2].second);
    ASSERT_EQ(route["type"], "Feature");
    EXPECT_EQ(route["properties"]["attribution"], "© OpenStreetMap contributors");
    const json start = route["geometry"]["coordinates"][0];
    EXPECT_FALSE(start[0] == std::stod(kHomeP02.lon) && start[1] == std::stod(kHomeP02.lat));
    // The trace finds the token by its case reference without showing either home or reference.
    const json trace = json::parse(answers[3].second);
    ASSERT_EQ(trace["tokens"].size(), 1U);
    EXPECT_EQ(trace["tokens"][0]["token"], token);
    EXPECT_GE(trace["tokens"][0]["audit"]["count"].get<int>(), 3);
    // Protected identity: no route geometry, ever.
    const auto protected_route = server.client("case-system")->Get("/v1/tokens/" + p08 + "/route?school=S1&grade=2");
    EXPECT_EQ(protected_route->status, 403);
    EXPECT_EQ(body_of(protected_route)["error"]["code"], "protected_identity");

    // The export alone carries the coordinate, for an admin.
    const auto exported = server.client("dpo")->Get("/v1/tokens/" + token + "/export");
    ASSERT_EQ(exported->status, 200);
    EXPECT_DOUBLE_EQ(body_of(exported)["coordinate"]["lon"].get<double>(), std::stod(kHomeP02.lon));
    EXPECT_DOUBLE_EQ(body_of(exported)["coordinate"]["lat"].get<double>(), std::stod(kHomeP02.lat));

    // The log: tokens and client names, never a place, a case reference or a key.
    const std::string log = server.log_text() + server.stderr_text();
    EXPECT_NE(log.find(token), std::string::npos);
    for (const std::string& secret : {std::string(kHomeP02.lon).substr(0, 7), std::string(kHomeP02.lat).substr(0, 7),
                                      std::string(kHomeP08.lat).substr(0, 7), std::string("BOU-2026-SECRET-17")}) {
        EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in\n" << log;
    }
    for (const std::string& key : server.api_keys()) {
        EXPECT_EQ(log.find(key), std::string::npos);
        EXPECT_EQ(log.find(key.substr(4, 12)), std::string::npos);
    }
}

TEST(Serve, EveryRequestGetsOneLogLineWithItsRequestIdAndNoPath) {
    const ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    const std::string big(20 * 1024, ' ');
    struct Call {
        httplib::Result result;
        std::string route; ///< as the log names it
    };
    std::vector<Call> calls;
    calls.push_back({server.client()->Get("/healthz"), "GET /healthz"});
    calls.push_back({server.client("case-system")->Get(distance_path(token)), "GET /v1/tokens/{token}/distance"});
    calls.push_back({server.client()->Get(distance_path(token)), "GET /v1/tokens/{token}/distance"}); // 401
    calls.push_back({server.client("case-system")->Get("/v1/pupils/Anna-Svensson"), "(no route)"});     // 404
    calls.push_back({server.client("registrar")->Post("/v1/tokens", big, "application/json"), "(no route)"}); // 413
    for (const Call& c : calls) {
        ASSERT_TRUE(c.result);
        const std::string id = c.result->get_header_value("X-Request-Id");
        ASSERT_EQ(id.size(), 12U) << c.route << " answered without a request id";
        // The line is written once the answer has been sent: give the server a moment.
        std::string log = server.log_text();
        for (int i = 0; i < 100 && log.find("req=" + id) == std::string::npos; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            log = server.log_text();
        }
        const auto at = log.find("req=" + id);
        ASSERT_NE(at, std::string::npos) << c.route << " has no log line:\n" << log;
        EXPECT_EQ(log.find("req=" + id, at + 1), std::string::npos) << "two lines for one request";
        const std::string line = log.substr(at, log.find('\n', at) - at);
        EXPECT_NE(line.find(" " + c.route + " "), std::string::npos) << line;
        EXPECT_NE(line.find("status=" + std::to_string(c.result->status)), std::string::npos) << line;
    }
    EXPECT_EQ(server.log_text().find("Anna"), std::string::npos) << "a path was logged";
}

TEST(Serve, EveryCallOnATokenIsAuditedInAChainThatVerifiesAndCatchesTampering) {
    ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    server.client("case-system")->Get(distance_path(token));
    server.client("case-system")->Get(distance_path(token, "S9"));       // unknown school
    server.client("grannby-case")->Get(distance_path(token));            // another tenant: audited there
    server.client("registrar")->Get(distance_path(token));               // wrong role
    server.client("case-system")->Get("/v1/tokens/" + token + "/route?school=S1&grade=2");
    server.client("dpo")->Get("/v1/tokens/" + token + "/export");

    const json audit = body_of(server.client("auditor")->Get("/v1/audit"));
    std::vector<std::string> actions;
    for (const json& e : audit["entries"]) {
        if (e["token"] == token) {
            actions.push_back(e["action"].get<std::string>() + ":" + e["outcome"].get<std::string>());
        }
        EXPECT_TRUE(e.contains("at") && e.contains("client") && e.contains("hash"));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"register:ok", "distance:ok", "distance:unknown_school",
                                                  "distance:forbidden", "route:ok", "export:ok"}));
    // The other tenant's attempt is in the other tenant's trail, not this one's.
    EXPECT_EQ(body_of(server.client("auditor")->Get("/v1/audit?since=2999-01-01T00:00:00Z"))["entries"].size(), 0U);
    EXPECT_EQ(server.client("auditor")->Get("/v1/audit?since=yesterday")->status, 400);

    const CommandResult verified = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_NE(verified.out.find("verified"), std::string::npos);

    // Someone with the database file rewrites history: the chain no longer holds.
    server.stop();
    const std::string tamper = "sqlite3 " + server.vault_path() +
                               " \"DROP TRIGGER audit_is_append_only_update; UPDATE audit SET outcome='ok' WHERE "
                               "outcome='forbidden';\"";
    ASSERT_EQ(std::system(tamper.c_str()), 0);
    const CommandResult broken = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.out.find("BROKEN"), std::string::npos) << broken.out;

    // A missing vault is an error, not an empty trail that "verifies".
    std::filesystem::rename(server.vault_path(), server.vault_path() + ".moved");
    const CommandResult missing = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.err.find("no vault"), std::string::npos) << missing.err;
    EXPECT_FALSE(std::filesystem::exists(server.vault_path()));
}

TEST(Serve, SigtermStopsCleanlyAndTheFilesAreTheServersAlone) {
    ServerFixture server;
    server.register_home(kHomeP02);
    for (const std::string& file : {server.vault_path(), server.vault_path() + "-wal", server.dir().file("skolvag.log")}) {
        struct stat st {};
        ASSERT_EQ(stat(file.c_str(), &st), 0) << file;
        EXPECT_EQ(st.st_mode & 077, 0U) << file << " is readable by others";
    }
    server.stop(); // SIGTERM
    const std::string log = server.log_text();
    EXPECT_NE(log.find("stopping on signal 15"), std::string::npos) << log;
    EXPECT_NE(log.find("skolvag serve: stopped"), std::string::npos) << log;
    // A clean stop folds the write-ahead log into the database.
    EXPECT_EQ(read_text(server.vault_path() + "-wal").size(), 0U);
}

TEST(Serve, ErasureLeavesNoCopyInTheDatabaseItsWalOrTheLog) {
    ServerFixture server;
    const std::string token = server.register_home(kHomeP02, "registrar", R"("case_ref":"BOU-ERASE-1")");
    const auto distance = server.client("case-system")->Get(distance_path(token));
    ASSERT_EQ(distance->status, 200);
    ASSERT_EQ(server.client("case-system")->Get("/v1/tokens/" + token + "/route?school=S1&grade=2")->status, 200);
    // What must disappear: the encrypted coordinate and the encrypted cached results.
    const std::string dump_cmd = "sqlite3 " + server.vault_path() +
                                 " \"SELECT hex(coordinate) FROM tokens; SELECT hex(sealed) FROM results;\" > " +
                                 server.dir().file("blobs.txt");
    ASSERT_EQ(std::system(dump_cmd.c_str()), 0);
    std::vector<std::string> blobs;
    std::istringstream lines(read_text(server.dir().file("blobs.txt")));
    for (std::string hex; std::getline(lines, hex);) {
        std::string bytes;
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
            bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
        }
        blobs.push_back(bytes.substr(12, 24)); // ciphertext past the nonce
    }
    ASSERT_EQ(blobs.size(), 2U); // the coordinate and the cached route (distances are not kept)

    const auto erased = server.client("dpo")->Delete("/v1/tokens/" + token);
    ASSERT_EQ(erased->status, 200) << erased->body;
    const json receipt = body_of(erased);
    EXPECT_EQ(receipt["token"], token);
    EXPECT_EQ(receipt["erased"]["coordinate"], true);
    EXPECT_EQ(receipt["erased"]["case_ref_hmac"], true);
    EXPECT_EQ(receipt["erased"]["cached_results"], 1);
    EXPECT_EQ(receipt["history_purged"], true);
    EXPECT_FALSE(receipt["erased_at"].get<std::string>().empty());

    // The token is gone for everyone, with the same 404 as any unknown token.
    EXPECT_EQ(server.client("case-system")->Get(distance_path(token))->status, 404);
    EXPECT_EQ(server.client("dpo")->Get("/v1/tokens/" + token + "/export")->status, 404);
    EXPECT_EQ(body_of(server.client("dpo")->Get("/v1/trace?case_ref=BOU-ERASE-1"))["tokens"].size(), 0U);

    // A raw scan of every file finds nothing of it.
    std::string files;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        files += read_text(server.vault_path() + suffix);
    }
    files += server.log_text();
    for (const std::string& blob : blobs) {
        EXPECT_EQ(files.find(blob), std::string::npos) << "an encrypted copy survived the erasure";
    }
    EXPECT_EQ(files.find(kHomeP02.lat), std::string::npos);
    const std::string distance_text = distance->body.substr(distance->body.find("\"plain_distance_m\""), 24);
    EXPECT_EQ(files.find(distance_text), std::string::npos);
    // The erasure itself is audited, by token.
    bool audited = false;
    const auto trail = server.client("auditor")->Get("/v1/audit");
    ASSERT_TRUE(trail);
    const json entries = body_of(trail)["entries"]; // a copy: the parsed body is a temporary
    for (const json& e : entries) {
        audited = audited || (e["token"] == token && e["action"] == "erase");
    }
    EXPECT_TRUE(audited) << trail->body;
}

TEST(Serve, AnAcknowledgedTokenSurvivesKillMinus9) {
    ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    ASSERT_FALSE(token.empty());
    server.kill9(); // right after the 201: no shutdown, no checkpoint
    server.start();
    const auto r = server.client("case-system")->Get(distance_path(token));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    const CommandResult verified = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_EQ(verified.exit_code, 0) << verified.out;
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
    EXPECT_EQ(server.client()->Get("/healthz")->status, 200);
    EXPECT_TRUE(server.running());
}

TEST(Serve, RegistrationInSweref99TmEqualsTheSameHomeInWgs84) {
    const ServerFixture server;
    const std::string a = server.register_home(kHomeP02);
    // The same point in SWEREF 99 TM (EPSG:3006), as a municipal GIS would give it.
    const auto r = server.client("registrar")->Post("/v1/tokens", R"({"x":470874.8906,"y":6462378.5330,"crs":"EPSG:3006"})",
                                                    "application/json");
    ASSERT_EQ(r->status, 201) << r->body;
    const std::string b = body_of(r)["token"];
    const json da = body_of(server.client("case-system")->Get(distance_path(a)));
    const json db = body_of(server.client("case-system")->Get(distance_path(b)));
    EXPECT_EQ(da["plain_distance_m"], db["plain_distance_m"]);
    EXPECT_EQ(da["safe_distance_m"], db["safe_distance_m"]);
}

TEST(Serve, AssessmentGivesBothSchoolsAndTheirAppealRegimes) {
    const ServerFixture server;
    const std::string token = server.register_home(kHomeP08);
    const auto r = server.client("case-system")
                       ->Post("/v1/assessments", R"({"token":")" + token + R"(","grade":"4","school_id":"S3"})",
                              "application/json");
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

TEST(Serve, ARateLimitAnswers429WithRetryAfter) {
    ServerFixture::Options options;
    options.clients = ServerFixture::default_clients();
    options.clients.push_back({"slow-client", "exempelby", {"case"}, 3});
    const ServerFixture server(options);
    int limited = 0;
    std::string retry_after;
    for (int i = 0; i < 6; ++i) {
        const auto r = server.client("slow-client")->Get("/v1/schools");
        if (r->status == 429) {
            ++limited;
            retry_after = r->get_header_value("Retry-After");
            EXPECT_EQ(body_of(r)["error"]["code"], "rate_limited");
        }
    }
    EXPECT_EQ(limited, 3);
    EXPECT_GE(std::stoi(retry_after), 1);
    // Other clients are not slowed down by it.
    EXPECT_EQ(server.client("case-system")->Get("/v1/schools")->status, 200);
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
    EXPECT_EQ(server.client("case-system")->Get(distance_path(token))->status, 200);
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
    const auto metrics = server.client()->Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("skolvag_requests_total"), std::string::npos);
}
