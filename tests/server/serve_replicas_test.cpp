// SPDX-License-Identifier: MIT
// Several `skolvag serve` processes on one PostgreSQL vault, as behind a load balancer:
// what one server registers or erases is so for all at once, they write one audit
// chain per tenant, and one killed mid-work loses nothing it acknowledged. A database
// restart is a 503 a client may retry, not a 500. Run in the OnPostgres. pass.
#include "tests/support/server_fixture.hpp"
#include "tests/support/test_vault.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <sys/stat.h>
#include <thread>

using namespace skolvag::testing;
using nlohmann::json;

namespace {

/// A second server on the first one's vault, key and clients.
ServerFixture::Options replica_of(const ServerFixture& first) {
    ServerFixture::Options o;
    o.vault = first.vault_path();
    o.key_file = first.dir().file("vault.key");
    for (const TestClient& c : ServerFixture::default_clients()) {
        o.keys[c.name] = first.api_key(c.name);
    }
    return o;
}

} // namespace

TEST(Replicas, ATokenRegisteredOnOneAnswersOnTheOtherAndAnErasureIsA404OnBoth) {
    SKIP_ON_SQLITE("replicas share a PostgreSQL vault");
    ServerFixture first;
    ServerFixture second(replica_of(first));
    const std::string token = first.register_home(kHomeP02, "registrar", R"("case_ref":"BOU-REPLICA-1")");
    const json on_first = body_of(first.client("case-system")->Get(distance_path(token)));
    const auto on_second = second.client("case-system")->Get(distance_path(token));
    ASSERT_EQ(status_of(on_second), 200) << body_text(on_second);
    EXPECT_EQ(body_of(on_second)["plain_distance_m"], on_first["plain_distance_m"]);
    EXPECT_EQ(body_of(second.client("dpo")->Get("/v1/trace?case_ref=BOU-REPLICA-1"))["tokens"].size(), 1U);

    // Erased through the second server: the first answers 404 at once, as for any unknown token.
    const auto erased = second.client("dpo")->Delete("/v1/tokens/" + token);
    ASSERT_EQ(status_of(erased), 200) << body_text(erased);
    EXPECT_EQ(body_of(erased)["history_purged"], true);
    EXPECT_EQ(status_of(first.client("case-system")->Get(distance_path(token))), 404);
    EXPECT_EQ(status_of(first.client("dpo")->Get("/v1/tokens/" + token + "/export")), 404);

    // One chain for the tenant, whichever server wrote: numbered without gaps, and it
    // verifies from either server's configuration.
    const json entries = body_of(first.client("auditor")->Get("/v1/audit"))["entries"];
    std::vector<std::string> actions;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        EXPECT_EQ(entries[i]["id"], i + 1);
        if (entries[i]["token"] == token) {
            actions.push_back(entries[i]["action"].get<std::string>() + ":" + entries[i]["outcome"].get<std::string>());
        }
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"register:ok", "distance:ok", "distance:ok", "trace:ok", "erase:ok",
                                                 "distance:not_found", "export:not_found"}));
    for (const ServerFixture* server : {&first, &second}) {
        const CommandResult verified = run_skolvag({"audit-verify", "--config", server->config_path()});
        EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
        EXPECT_NE(verified.out.find("verified"), std::string::npos) << verified.out;
    }
}

TEST(Replicas, BothWriteAtOnceAndKillMinus9OfOneLosesNoAcknowledgedToken) {
    SKIP_ON_SQLITE("replicas share a PostgreSQL vault");
    ServerFixture first;
    ServerFixture second(replica_of(first));
    // Both servers register at once, four clients each; the first is killed while its
    // clients are still registering: every token it answered 201 for must be in the vault.
    std::mutex mutex;
    std::vector<std::string> acknowledged;
    std::atomic<bool> killed{false};
    std::vector<std::thread> load;
    for (int c = 0; c < 8; ++c) {
        load.emplace_back([&, c] {
            const ServerFixture& server = c % 2 == 0 ? first : second;
            const TestHome& home = c % 4 < 2 ? kHomeP02 : kHomeP08;
            const std::string body = std::string("{\"lon\":") + home.lon + ",\"lat\":" + home.lat + "}";
            auto client = server.client("registrar");
            for (int i = 0;; ++i) {
                const auto r = client->Post("/v1/tokens", body, "application/json");
                if (r && r->status == 201) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    acknowledged.push_back(body_of(r)["token"].get<std::string>());
                } else if (c % 2 == 0) {
                    break; // the first server is gone
                } else {
                    ADD_FAILURE() << "the second server refused a registration: " << body_text(r);
                    break;
                }
                if (c % 2 == 1 && killed && i > 50) {
                    break; // the second server's clients go on a little after the kill
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first.kill9();
    killed = true;
    for (std::thread& t : load) {
        t.join();
    }
    ASSERT_GT(acknowledged.size(), 50U) << "too little load to show anything";
    for (const std::string& token : acknowledged) {
        ASSERT_EQ(status_of(second.client("case-system")->Get(distance_path(token))), 200) << token;
    }
    const CommandResult verified = run_skolvag({"audit-verify", "--config", second.config_path()});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    first.start();
    EXPECT_EQ(status_of(first.client("case-system")->Get(distance_path(acknowledged.front()))), 200);
}

TEST(Replicas, ADatabaseRestartIsA503ThatClearsByItself) {
    SKIP_ON_SQLITE("the PostgreSQL vault's database going away");
    // A cluster of this test's own, to stop and start without touching the others' tests.
    const TempDir dir;
    chmod(dir.path().c_str(), 0711); // the cluster's owner (postgres, when the tests run as root) passes through
    const std::string cluster = dir.file("cluster");
    const std::string script = pg_cluster_script();
    ASSERT_EQ(std::system((script + " start " + cluster + " --fast 2>/dev/null").c_str()), 0);
    const std::string url = read_text(cluster + "/url");
    ServerFixture::Options options;
    options.vault = url.substr(0, url.find('\n')) + "/postgres";
    ServerFixture server(options);
    const std::string token = server.register_home(kHomeP02);

    ASSERT_EQ(std::system((script + " pause " + cluster).c_str()), 0);
    const auto away = server.client("case-system")->Get(distance_path(token));
    EXPECT_EQ(status_of(away), 503) << body_text(away);
    EXPECT_EQ(body_of(away)["error"]["code"], "vault_unavailable") << body_text(away);
    EXPECT_TRUE(away && away->has_header("Retry-After"));
    EXPECT_EQ(server.stderr_text().find(kHomeP02.lat), std::string::npos);

    // Back again: the next calls are answered, on new connections.
    ASSERT_EQ(std::system((script + " resume " + cluster).c_str()), 0);
    for (int i = 0; i < 10; ++i) {
        const auto back = server.client("case-system")->Get(distance_path(token));
        EXPECT_EQ(status_of(back), 200) << "call " << i << " after the restart: " << body_text(back);
    }
    server.stop();
    std::system((script + " stop " + cluster).c_str());
}
