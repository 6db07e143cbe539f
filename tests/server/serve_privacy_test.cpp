// SPDX-License-Identifier: MIT
// `skolvag serve` started for real on loopback, for a data protection officer: no home's
// place in any answer but the export nor in the log, one log line per request, the
// audit chain and its tamper check, erasure down to the bytes of the files, a clean
// stop, and durability against kill -9.
#include "api/vault/vault_store.hpp"
#include "tests/support/server_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sstream>
#include <thread>

using namespace skolvag::testing;
using nlohmann::json;

TEST(LeakCheck, FindsAHomeInEveryFormItCouldLeakIn) {
    // The check the privacy tests rely on must itself catch what it looks for.
    EXPECT_TRUE(holds_place("{\"lon\":14.5030805,\"lat\":58.3014388}", kHomeP02));
    EXPECT_TRUE(holds_place("at 14.503081, 58.301439", kHomeP02));         // 6 decimals, rounded
    EXPECT_TRUE(holds_place("x=470874.89 y=6462378.53", kHomeP02));        // SWEREF 99 TM
    EXPECT_FALSE(holds_place("x=470874.89 y=6462378.53", kHomeP08));
    EXPECT_FALSE(holds_place("14.50 58.30 (a town, not a home)", kHomeP02));
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
        EXPECT_FALSE(holds_place(body, kHomeP02)) << body;
        EXPECT_FALSE(holds_place(body, kHomeP08)) << body;
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
    ASSERT_TRUE(protected_route) << "no answer";
    EXPECT_EQ(protected_route->status, 403);
    EXPECT_EQ(body_of(protected_route)["error"]["code"], "protected_identity");

    // The export alone carries the coordinate, for an admin.
    const auto exported = server.client("dpo")->Get("/v1/tokens/" + token + "/export");
    ASSERT_TRUE(exported) << "no answer";
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
    EXPECT_FALSE(holds_place(log, kHomeP02)) << log;
    EXPECT_FALSE(holds_place(log, kHomeP08)) << log;
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
    calls.push_back({server.client("registrar")->Post("/v1/tokens", big, "application/json"), "POST /v1/tokens"}); // 413, before the body
    calls.push_back({server.client("case-system")
                         ->Post("/v1/assessments", R"({"token":")" + token + R"(","grade":"5","school_id":"S3"})",
                                "application/json"),
                     "POST /v1/assessments"});
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
        if (c.route == "POST /v1/assessments") { // the token named in the body, too
            EXPECT_NE(line.find("token=" + token), std::string::npos) << line;
        }
    }
    EXPECT_EQ(server.log_text().find("Anna"), std::string::npos) << "a path was logged";
}

namespace {
/// What someone with the vault file or database (not its key) can do to the trail:
/// put the append-only triggers out of the way, change rows, and put them back.
void rewrite_history(const TempDir& dir, const std::string& vault, const std::string& sql) {
    if (skolvag::testing::testing_on_postgres()) {
        std::string out;
        ASSERT_EQ(skolvag::testing::psql(vault, "ALTER TABLE audit DISABLE TRIGGER USER; " + sql +
                                                    "; ALTER TABLE audit ENABLE TRIGGER USER;",
                                         &out),
                  0)
            << out;
        return;
    }
    const std::string trigger = " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n";
    const std::string script = dir.write("rewrite.sql", "DROP TRIGGER audit_is_append_only_update;\n"
                                                        "DROP TRIGGER audit_is_append_only_delete;\n" + sql + ";\n"
                                                        "CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit" +
                                                            trigger +
                                                            "CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit" +
                                                            trigger);
    const std::string command = "sqlite3 -bail " + vault + " < " + script;
    ASSERT_EQ(std::system(command.c_str()), 0) << read_text(script);
}

/// The vault's sealed values (coordinates, cached results), read as someone with the
/// file or database could: each as its ciphertext past the nonce.
std::vector<std::string> sealed_values(const ServerFixture& server) {
    std::string text;
    if (skolvag::testing::testing_on_postgres()) {
        EXPECT_EQ(skolvag::testing::psql(server.vault_path(),
                                         "SELECT upper(encode(coordinate, 'hex')) FROM tokens; "
                                         "SELECT upper(encode(sealed, 'hex')) FROM results;",
                                         &text),
                  0)
            << text;
    } else {
        const std::string dump_cmd = "sqlite3 " + server.vault_path() +
                                     " \"SELECT hex(coordinate) FROM tokens; SELECT hex(sealed) FROM results;\" > " +
                                     server.dir().file("blobs.txt");
        EXPECT_EQ(std::system(dump_cmd.c_str()), 0);
        text = read_text(server.dir().file("blobs.txt"));
    }
    std::vector<std::string> blobs;
    std::istringstream lines(text);
    for (std::string hex; std::getline(lines, hex);) {
        std::string bytes;
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
            bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
        }
        blobs.push_back(bytes.substr(12, 24)); // ciphertext past the nonce
    }
    return blobs;
}

/// Every byte the vault keeps: SQLite's files, or the database's files in the test cluster.
std::string vault_bytes(const ServerFixture& server) {
    if (skolvag::testing::testing_on_postgres()) {
        return skolvag::testing::postgres_database_bytes(server.vault_path());
    }
    std::string files;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        files += read_text(server.vault_path() + suffix);
    }
    return files;
}
} // namespace

TEST(Serve, EveryCallOnATokenIsAuditedInAChainThatVerifiesAndCatchesTampering) {
    ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    server.client("case-system")->Get(distance_path(token));
    server.client("case-system")->Get(distance_path(token, "S9"));       // unknown school
    server.client("grannby-case")->Get(distance_path(token));            // another tenant: audited there
    server.client("registrar")->Get(distance_path(token));               // wrong role
    server.client()->Get(distance_path(token));                          // no key at all
    server.client("case-system")->Get(distance_path(token) + "&x=%FF");  // not UTF-8
    server.client("case-system")->Get("/v1/tokens/" + token + "/route?school=S1&grade=2");
    server.client("dpo")->Get("/v1/tokens/" + token + "/export");

    const json audit = body_of(server.client("auditor")->Get("/v1/audit"));
    std::vector<std::string> actions;
    for (const json& e : audit["entries"]) {
        if (e["token"] == token) {
            actions.push_back(e["action"].get<std::string>() + ":" + e["outcome"].get<std::string>());
        }
        EXPECT_TRUE(e.contains("at") && e.contains("client") && e.contains("hash") && e.contains("count"));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"register:ok", "distance:ok", "distance:unknown_school",
                                                  "distance:forbidden", "distance:unauthorized",
                                                  "distance:invalid_field", "route:ok", "export:ok"}));
    // The tenant's own chain, numbered from 1 without gaps: the other tenant's
    // attempt is in the other tenant's trail, not this one's.
    for (std::size_t i = 0; i < audit["entries"].size(); ++i) {
        EXPECT_EQ(audit["entries"][i]["id"], i + 1);
    }
    EXPECT_EQ(body_of(server.client("auditor")->Get("/v1/audit?since=2999-01-01T00:00:00Z"))["entries"].size(), 0U);
    EXPECT_EQ(status_of(server.client("auditor")->Get("/v1/audit?since=yesterday")), 400);

    const CommandResult verified = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_NE(verified.out.find("verified"), std::string::npos);

    // Someone with the database file rewrites history: the chain no longer holds.
    server.stop();
    rewrite_history(server.dir(), server.vault_path(), "UPDATE audit SET outcome='ok' WHERE outcome='forbidden'");
    const CommandResult broken = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.out.find("BROKEN"), std::string::npos) << broken.out;
    EXPECT_NE(broken.out.find("tenant 'exempelby'"), std::string::npos) << broken.out;

    // A missing vault is an error, not an empty trail that "verifies".
    if (skolvag::testing::testing_on_postgres()) {
        ASSERT_EQ(skolvag::testing::psql(server.vault_path(), "DROP TABLE results, asked_schools, tokens, audit, meta"), 0);
    } else {
        std::filesystem::rename(server.vault_path(), server.vault_path() + ".moved");
    }
    const CommandResult missing = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.err.find("no vault"), std::string::npos) << missing.err;
    EXPECT_FALSE(skolvag::api::vault_exists(server.vault_path()));
}

TEST(Serve, TheAnchorOutsideTheVaultCatchesRemovedEntriesAndTheServerDoesNotStartOnThem) {
    ServerFixture server;
    const std::string token = server.register_home(kHomeP02);
    server.client("case-system")->Get(distance_path(token));
    server.client("case-system")->Get(distance_path(token, "S2"));
    server.stop(); // the anchor is written at the stop (and every minute)
    const std::string anchor = server.anchor_path();
    ASSERT_TRUE(std::filesystem::exists(anchor));
    const CommandResult verified = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_NE(verified.out.find("holds its anchor"), std::string::npos) << verified.out;

    // The newest entry goes: what is left is a valid chain, but not the anchored one.
    rewrite_history(server.dir(), server.vault_path(), "DELETE FROM audit WHERE id = (SELECT MAX(id) FROM audit)");
    const CommandResult cut = run_skolvag({"audit-verify", "--config", server.config_path()});
    EXPECT_EQ(cut.exit_code, 1);
    EXPECT_NE(cut.out.find("BROKEN against its anchor"), std::string::npos) << cut.out;
    std::string output;
    EXPECT_FALSE(server.try_start(output));
    EXPECT_NE(output.find("does not hold what its anchor"), std::string::npos) << output;

    // So does an emptied trail.
    rewrite_history(server.dir(), server.vault_path(), "DELETE FROM audit");
    EXPECT_EQ(run_skolvag({"audit-verify", "--config", server.config_path()}).exit_code, 1);
    EXPECT_FALSE(server.try_start(output));
}

TEST(Serve, RefusedCallsAreCountedNotWrittenOneByOne) {
    ServerFixture::Options options;
    options.clients = ServerFixture::default_clients();
    options.clients.push_back({"slow-client", "exempelby", {"case"}, 2});
    ServerFixture server(options);
    const std::string token = server.register_home(kHomeP02);
    for (int i = 0; i < 30; ++i) {
        server.client("slow-client")->Get("/v1/schools");   // 2 answered, 28 refused
        server.client()->Get(distance_path(token));         // no key, naming a real token
        server.client()->Get(distance_path("svt_AAAAAAAAAAAAAAAAAAAAAA")); // no key, no such token
    }
    // Within the minute only the first refusal of each kind is written...
    json entries = body_of(server.client("auditor")->Get("/v1/audit"))["entries"];
    const auto count_of = [&](const std::string& action, const std::string& outcome) {
        std::vector<std::int64_t> counts;
        for (const json& e : entries) {
            if (e["action"] == action && e["outcome"] == outcome) {
                counts.push_back(e["count"].get<std::int64_t>());
            }
        }
        return counts;
    };
    EXPECT_EQ(count_of("rate_limited", "rate_limited"), (std::vector<std::int64_t>{1}));
    EXPECT_EQ(count_of("distance", "unauthorized"), (std::vector<std::int64_t>{1}));
    // ...and the others go into one entry each, with their count, at the minute's end
    // or the stop.
    server.stop();
    server.start();
    entries = body_of(server.client("auditor")->Get("/v1/audit"))["entries"];
    EXPECT_EQ(count_of("rate_limited", "rate_limited"), (std::vector<std::int64_t>{1, 27}));
    EXPECT_EQ(count_of("distance", "unauthorized"), (std::vector<std::int64_t>{1, 29}));
    EXPECT_EQ(run_skolvag({"audit-verify", "--config", server.config_path()}).exit_code, 0);
}

TEST(Serve, SigtermStopsCleanlyAndTheFilesAreTheServersAlone) {
    ServerFixture server;
    server.register_home(kHomeP02);
    std::vector<std::string> files = {server.anchor_path(), server.dir().file("skolvag.log")};
    if (!skolvag::testing::testing_on_postgres()) {
        files.insert(files.end(), {server.vault_path(), server.vault_path() + "-wal"});
    }
    for (const std::string& file : files) {
        struct stat st {};
        ASSERT_EQ(stat(file.c_str(), &st), 0) << file;
        EXPECT_EQ(st.st_mode & 077, 0U) << file << " is readable by others";
    }
    server.stop(); // SIGTERM
    const std::string log = server.log_text();
    EXPECT_NE(log.find("stopping on signal 15"), std::string::npos) << log;
    EXPECT_NE(log.find("skolvag serve: stopped"), std::string::npos) << log;
    // A clean stop folds SQLite's write-ahead log into the database.
    if (!skolvag::testing::testing_on_postgres()) {
        EXPECT_EQ(read_text(server.vault_path() + "-wal").size(), 0U);
    }
}

TEST(Serve, ErasureLeavesNoCopyInTheDatabaseItsWalOrTheLog) {
    ServerFixture server;
    const std::string token = server.register_home(kHomeP02, "registrar", R"("case_ref":"BOU-ERASE-1")");
    const auto distance = server.client("case-system")->Get(distance_path(token));
    ASSERT_TRUE(distance) << "no answer";
    ASSERT_EQ(distance->status, 200);
    ASSERT_EQ(status_of(server.client("case-system")->Get("/v1/tokens/" + token + "/route?school=S1&grade=2")), 200);
    // What must disappear: the encrypted coordinate and the encrypted cached results.
    const std::vector<std::string> blobs = sealed_values(server);
    for (const std::string& blob : blobs) {
        ASSERT_NE(vault_bytes(server).find(blob), std::string::npos) << "the scan reads the wrong files";
    }
    ASSERT_EQ(blobs.size(), 2U); // the coordinate and the cached route (distances are not kept)

    const auto erased = server.client("dpo")->Delete("/v1/tokens/" + token);
    ASSERT_TRUE(erased) << "no answer";
    ASSERT_EQ(erased->status, 200) << erased->body;
    const json receipt = body_of(erased);
    EXPECT_EQ(receipt["token"], token);
    EXPECT_EQ(receipt["erased"]["coordinate"], true);
    EXPECT_EQ(receipt["erased"]["case_ref_hmac"], true);
    EXPECT_EQ(receipt["erased"]["cached_results"], 1);
    EXPECT_EQ(receipt["history_purged"], true);
    EXPECT_FALSE(receipt["erased_at"].get<std::string>().empty());

    // The token is gone for everyone, with the same 404 as any unknown token.
    EXPECT_EQ(status_of(server.client("case-system")->Get(distance_path(token))), 404);
    EXPECT_EQ(status_of(server.client("dpo")->Get("/v1/tokens/" + token + "/export")), 404);
    EXPECT_EQ(body_of(server.client("dpo")->Get("/v1/trace?case_ref=BOU-ERASE-1"))["tokens"].size(), 0U);

    // A raw scan of every file finds nothing of it.
    const std::string files = vault_bytes(server) + server.log_text();
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
