// SPDX-License-Identifier: MIT
// `skolvag serve` against hostile clients, each attack on its own raw connection:
// bodies of unbounded size (chunked, compressed, over the limit, without a key),
// header floods, slow or many connections, and floods of refused calls. Every attack gets its 4xx (or 503)
// at once, the server's memory does not grow by more than a few MB, and others are
// still answered.
#include "tests/support/process_memory.hpp"
#include "tests/support/raw_connection.hpp"
#include "tests/support/server_fixture.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

using namespace skolvag::testing;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMiB = 1024 * 1024;
/// "A few MB": what one attack may add to the server's peak memory.
constexpr std::size_t kMaxGrowthKib = 8 * 1024;

std::string head(const std::string& method, const std::string& path, const std::string& headers = "") {
    return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n";
}

/// How much the server's peak resident memory rose during the attack, in KiB.
std::size_t peak_growth_kib(const ServerFixture& server, const std::string& attack_name,
                            const std::function<void()>& attack) {
    reset_peak_memory(server.pid());
    const ProcessMemory before = memory_of(server.pid());
    attack();
    const ProcessMemory after = memory_of(server.pid());
    const std::size_t growth = after.peak_kib > before.resident_kib ? after.peak_kib - before.resident_kib : 0;
    std::cout << "[ memory ] " << attack_name << ": peak " << after.peak_kib / 1024 << " MiB, "
              << growth / 1024 << " MiB over the " << before.resident_kib / 1024 << " MiB before\n";
    return growth;
}

/// Sends `piece` again and again until the server stops taking it or `limit` bytes went; the bytes sent.
std::size_t send_until_refused(RawConnection& c, const std::string& piece, std::size_t limit) {
    std::size_t sent = 0;
    while (sent < limit && c.send(piece)) {
        sent += piece.size();
    }
    return sent;
}

} // namespace

TEST(HostileClient, AChunkedBodyIsRefusedBeforeAnyOfItIsRead) {
    const ServerFixture server;
    const std::size_t growth = peak_growth_kib(server, "1 GiB chunked body without a key", [&] {
        RawConnection c(server.port());
        ASSERT_TRUE(c.send(head("POST", "/v1/tokens", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n")));
        EXPECT_EQ(c.status(3s), 411);
        const std::string chunk = "10000\r\n" + std::string(0x10000, '{') + "\r\n";
        // The client sends on: the server drops a little of it, then closes.
        EXPECT_LT(send_until_refused(c, chunk, 1024 * kMiB), 64 * kMiB) << "the server took the whole body";
    });
    EXPECT_LT(growth, kMaxGrowthKib);
    // A client with a key gets the same answer: the length must be known before reading.
    RawConnection keyed(server.port());
    keyed.send(head("POST", "/v1/tokens",
                    "Authorization: Bearer " + server.api_key("registrar") + "\r\nTransfer-Encoding: chunked\r\n") +
               "5\r\n{\"a\":\r\n0\r\n\r\n");
    EXPECT_EQ(keyed.status(3s), 411);
    EXPECT_NE(keyed.receive(1s).find("length_required"), std::string::npos);
}

TEST(HostileClient, ACompressedBodyIsRefusedUnread) {
    const ServerFixture server;
    const std::size_t growth = peak_growth_kib(server, "2 MB gzip body", [&] {
        RawConnection c(server.port());
        ASSERT_TRUE(c.send(head("POST", "/v1/tokens", "Content-Encoding: gzip\r\nContent-Length: 2097152\r\n")));
        EXPECT_EQ(c.status(3s), 415);
        send_until_refused(c, std::string(64 * 1024, '\0'), 2 * kMiB); // into the socket's buffers
        EXPECT_TRUE(c.closed_within(3s));
    });
    EXPECT_LT(growth, kMaxGrowthKib);
    RawConnection small(server.port());
    small.send(head("POST", "/v1/tokens",
                    "Authorization: Bearer " + server.api_key("registrar") + "\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n") +
               "abc");
    EXPECT_EQ(small.status(3s), 415);
}

TEST(HostileClient, BodiesOverTheLimitOrWithoutAKeyAreAnsweredBeforeTheyAreSent) {
    const ServerFixture server;
    const std::string registrar = "Authorization: Bearer " + server.api_key("registrar") + "\r\n";
    // Each answer comes although no byte of the body was sent: none was waited for.
    RawConnection huge(server.port());
    huge.send(head("POST", "/v1/tokens", registrar + "Content-Length: 1073741824\r\n"));
    EXPECT_EQ(huge.status(3s), 413);
    RawConnection keyless(server.port());
    keyless.send(head("POST", "/v1/tokens", "Content-Length: 100\r\n"));
    EXPECT_EQ(keyless.status(3s), 401);
    RawConnection wrong_key(server.port());
    wrong_key.send(head("POST", "/v1/assessments", "Authorization: Bearer nope\r\nContent-Length: 100\r\n"));
    EXPECT_EQ(wrong_key.status(3s), 401);
    RawConnection no_length(server.port());
    no_length.send(head("POST", "/v1/tokens", registrar));
    EXPECT_EQ(no_length.status(3s), 411);
    RawConnection two_lengths(server.port());
    two_lengths.send(head("POST", "/v1/tokens", registrar + "Content-Length: 2\r\nContent-Length: 20\r\n") + "{}");
    EXPECT_EQ(two_lengths.status(3s), 400);
    RawConnection not_a_number(server.port());
    not_a_number.send(head("POST", "/v1/tokens", registrar + "Content-Length: 0x10\r\n"));
    EXPECT_EQ(not_a_number.status(3s), 400);
    // A body within its length is still read and answered.
    RawConnection fine(server.port());
    fine.send(head("POST", "/v1/tokens", registrar + "Content-Length: 2\r\n") + "{}");
    EXPECT_EQ(fine.status(3s), 400); // {} lacks lon and lat
    EXPECT_EQ(status_of(server.client()->Get("/healthz")), 200);
}

TEST(HostileClient, HeaderFloodsGet431AndCostNoMemory) {
    const ServerFixture server;
    std::string many;
    for (int i = 0; i < 101; ++i) {
        many += "X-Header-" + std::to_string(i) + ": 1\r\n";
    }
    RawConnection too_many(server.port());
    too_many.send(head("GET", "/healthz", many));
    EXPECT_EQ(too_many.status(3s), 431);
    EXPECT_NE(too_many.receive(1s).find("headers_too_large"), std::string::npos);

    RawConnection too_long(server.port());
    too_long.send(head("GET", "/healthz", "X-Long: " + std::string(40 * 1024, 'a') + "\r\n"));
    EXPECT_EQ(too_long.status(3s), 431);

    const std::size_t growth = peak_growth_kib(server, "500 MB of 8 KB header lines", [&] {
        RawConnection flood(server.port());
        ASSERT_TRUE(flood.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n"));
        const std::string line = "X-Flood: " + std::string(8000, 'f') + "\r\n";
        EXPECT_LT(send_until_refused(flood, line, 500 * kMiB), 64 * kMiB);
        EXPECT_EQ(flood.status(3s), 431);
    });
    EXPECT_LT(growth, kMaxGrowthKib);
    // Within the limits all is as before.
    RawConnection fine(server.port());
    fine.send(head("GET", "/healthz", "X-One: 1\r\n"));
    EXPECT_EQ(fine.status(3s), 200);
}

TEST(HostileClient, SlowClientsAreCappedPerAddressCutAtTheDeadlineAndHoldUpNoOne) {
    ServerFixture::Options options;
    options.top_config = "request_timeout_s = 2\n";
    const ServerFixture server(options);
    // 200 connections from another client address (127.0.0.2), each sending its request
    // one header line at a time, too slowly ever to finish.
    std::vector<RawConnection> slow;
    for (int i = 0; i < 200; ++i) {
        slow.emplace_back(server.port(), "127.0.0.2");
        ASSERT_TRUE(slow.back().connected());
        slow.back().send("GET /healthz HTTP/1.1\r\n");
    }
    std::this_thread::sleep_for(300ms);
    // The first 64 are held (max_connections_per_address); the others are refused at once.
    std::vector<RawConnection*> held;
    int refused = 0;
    for (RawConnection& c : slow) {
        const int status = c.status(10ms);
        refused += status == 429 ? 1 : 0;
        if (status == 0) {
            held.push_back(&c);
        }
    }
    EXPECT_EQ(refused, 136);
    EXPECT_EQ(held.size(), 64U);
    const auto drip = [&] {
        for (RawConnection* c : held) {
            c->send("X-Drip: 1\r\n");
        }
    };
    drip();
    // Everyone else is answered at once, health checks and the API alike.
    auto client = server.client();
    client->set_read_timeout(1, 0);
    EXPECT_EQ(status_of(client->Get("/healthz")), 200);
    EXPECT_EQ(status_of(server.client("case-system")->Get("/v1/schools")), 200);
    std::this_thread::sleep_for(1s);
    drip(); // a line now and then does not keep a request open past its deadline
    // Each held request is cut at its deadline (2 s) with 408, and its connection closed.
    for (RawConnection* c : held) {
        EXPECT_EQ(c->status(3s), 408);
        EXPECT_TRUE(c->closed_within(2s));
    }
    EXPECT_NE(server.log_text().find("status=408"), std::string::npos);
    // Once they are gone, the address may connect again.
    held.clear();
    slow.clear();
    std::this_thread::sleep_for(300ms);
    RawConnection again(server.port(), "127.0.0.2");
    again.send(head("GET", "/healthz"));
    EXPECT_EQ(again.status(3s), 200);
}

TEST(HostileClient, ConnectionsBeyondMaxConnectionsGet503) {
    ServerFixture::Options options;
    options.top_config = "max_connections = 4\n";
    const ServerFixture server(options);
    std::vector<RawConnection> idle;
    for (int i = 0; i < 4; ++i) {
        idle.emplace_back(server.port());
        idle.back().send("GET /healthz HTTP/1.1\r\n"); // and nothing more
    }
    std::this_thread::sleep_for(200ms);
    RawConnection fifth(server.port());
    EXPECT_EQ(fifth.status(3s), 503);
    EXPECT_NE(fifth.receive(1s).find("server_full"), std::string::npos);
    idle.clear(); // the clients give up: their places are free again
    std::this_thread::sleep_for(500ms);
    EXPECT_EQ(status_of(server.client()->Get("/healthz")), 200);
}

TEST(HostileClient, ATlsHandshakeThatNeverEndsIsCutAtTheDeadline) {
    ServerFixture::Options options;
    options.tls = true;
    options.top_config = "request_timeout_s = 2\n";
    const ServerFixture server(options);
    RawConnection stalled(server.port());
    ASSERT_TRUE(stalled.send(std::string("\x16\x03\x01", 3))); // the first bytes of a ClientHello, and no more
    EXPECT_TRUE(stalled.closed_within(4s));
    EXPECT_EQ(status_of(server.client()->Get("/healthz")), 200); // over TLS, meanwhile and after
}

TEST(HostileClient, AFloodOfRefusedCallsLeavesTheTrailAndItsWalSmall) {
    ServerFixture::Options options;
    options.clients = ServerFixture::default_clients();
    options.clients.push_back({"limited", "exempelby", {"case"}, 30});
    const ServerFixture server(options);
    // Four clients ask as fast as they can for 3 s: 30 calls answered (404), the rest 429.
    std::atomic<int> calls{0};
    std::vector<std::thread> flood;
    const auto until = std::chrono::steady_clock::now() + 3s;
    for (int i = 0; i < 4; ++i) {
        flood.emplace_back([&] {
            auto client = server.client("limited");
            while (std::chrono::steady_clock::now() < until) {
                client->Get(distance_path("svt_AAAAAAAAAAAAAAAAAAAAAA"));
                ++calls;
            }
        });
    }
    for (std::thread& t : flood) {
        t.join();
    }
    ASSERT_GT(calls.load(), 1000) << "the flood was too slow to show anything";
    // One row per answered call and per kind of refusal, not one per refused call...
    const auto entries = body_of(server.client("auditor")->Get("/v1/audit"))["entries"];
    EXPECT_LT(entries.size(), 40U);
    // ...and SQLite's write-ahead log stays a few MB however many calls come.
    if (skolvag::testing::testing_on_postgres()) {
        return; // PostgreSQL's WAL is the operator's (max_wal_size)
    }
    EXPECT_LT(std::filesystem::file_size(server.vault_path() + "-wal"), 8U * kMiB);
    std::cout << "[ flood ] " << calls << " calls, " << entries.size() << " audit entries, WAL "
              << std::filesystem::file_size(server.vault_path() + "-wal") / 1024 << " KiB\n";
}
