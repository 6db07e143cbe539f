// SPDX-License-Identifier: MIT
// The PostgreSQL vault's own promises: what the shared suites (TokenVault.*, Serve.*)
// cannot show on one store. Several vaults on one database stand for several
// servers. The tests that need the cluster run in the OnPostgres. pass and skip in the
// SQLite one; the address checks need no database.
#include "api/vault/postgres.hpp"
#include "api/vault/token_vault.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_vault.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

using namespace skolvag::api;
using skolvag::testing::fresh_vault_location;
using skolvag::testing::postgres_database_bytes;
using skolvag::testing::psql;
using skolvag::testing::TempDir;

namespace {

Key256 test_key() {
    Key256 k{};
    for (std::size_t i = 0; i < k.size(); ++i) {
        k[i] = static_cast<std::uint8_t>(i * 11 + 5);
    }
    return k;
}

/// A column of bytea rows as raw bytes, read as someone with the database could.
std::vector<std::string> stored_blobs(const std::string& url, const std::string& query) {
    std::string out;
    EXPECT_EQ(psql(url, query, &out), 0) << out;
    std::vector<std::string> blobs;
    std::size_t start = 0;
    while (start < out.size()) {
        const std::size_t end = out.find('\n', start);
        const std::string hex = out.substr(start, end - start);
        std::string bytes;
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
            bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
        }
        if (!bytes.empty()) {
            blobs.push_back(bytes);
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return blobs;
}

int count_of(const std::string& url, const std::string& query) {
    std::string out;
    EXPECT_EQ(psql(url, query, &out), 0) << out;
    return std::atoi(out.c_str());
}

} // namespace

TEST(PostgresVault, AnAddressWithAPasswordIsRefusedWithoutQuotingIt) {
    try {
        TokenVault vault("postgresql://skolvag:hunter2secret@127.0.0.1:1/vault", test_key());
        FAIL() << "a vault address with a password was used";
    } catch (const VaultError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.find("hunter2secret"), std::string::npos) << what;
        EXPECT_NE(what.find("PGPASSWORD"), std::string::npos) << what;
    }
}

TEST(PostgresVault, AnUnreachableDatabaseIsUnavailableAndNamed) {
    // Port 1 on loopback: nothing listens there.
    try {
        TokenVault vault("postgresql://skolvag@127.0.0.1:1/vault?connect_timeout=2", test_key());
        FAIL() << "a vault opened on a closed port";
    } catch (const VaultUnavailable& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("postgresql://skolvag@127.0.0.1:1/vault"), std::string::npos) << what;
        EXPECT_NE(what.find("cannot connect"), std::string::npos) << what;
    }
}

TEST(PostgresVault, ErasureLeavesNoCopyInTheDatabasesFiles) {
    SKIP_ON_SQLITE("PostgreSQL's table files");
    const TempDir dir;
    const std::string url = fresh_vault_location(dir);
    TokenVault vault(url, test_key());
    const std::string kept = vault.register_home("k", "reg", {14.5, 58.3}, std::string("CASE-KEPT"), false);
    const std::string erased = vault.register_home("k", "reg", {14.6, 58.4}, std::string("CASE-GONE"), false);
    const TokenRecord record = *vault.find(erased, "k");
    vault.store_route(record, "school=S1&grade=2", std::string(5000, 'r')); // over 2 kB: kept out of line (TOAST)
    ASSERT_TRUE(vault.note_school_asked(record, "S1", 5));
    const std::vector<std::string> sealed = stored_blobs(
        url, "SELECT encode(coordinate, 'hex') FROM tokens WHERE token = '" + erased +
                 "' UNION ALL SELECT encode(substr(sealed, 1, 64), 'hex') FROM results WHERE token = '" + erased + "'");
    ASSERT_EQ(sealed.size(), 2U);
    const std::string before = postgres_database_bytes(url);
    for (const std::string& bytes : sealed) {
        ASSERT_NE(before.find(bytes), std::string::npos) << "the check reads the wrong files";
    }

    const ErasureReceipt receipt = vault.erase(record);
    EXPECT_TRUE(receipt.coordinate);
    EXPECT_EQ(receipt.cached_results, 1U);
    EXPECT_TRUE(receipt.history_purged);
    // A plain DELETE and VACUUM leave these bytes in the pages' free space; the purge
    // rewrites the tables, so no file of the database holds them any more.
    const std::string after = postgres_database_bytes(url);
    for (const std::string& bytes : sealed) {
        EXPECT_EQ(after.find(bytes), std::string::npos)
            << "a sealed value of the erased token is still on disk, in "
            << skolvag::testing::postgres_files_holding(url, bytes);
    }
    // (The token itself stays in the audit trail, which records that it was erased.)
    EXPECT_EQ(count_of(url, "SELECT COUNT(*) FROM asked_schools"), 0);
    EXPECT_TRUE(vault.find(kept, "k").has_value());
}

TEST(PostgresVault, APurgeHeldUpByABackupIsSaidAndDoneLaterEvenByAnotherServer) {
    SKIP_ON_SQLITE("PostgreSQL's table locks");
    const TempDir dir;
    const std::string url = fresh_vault_location(dir);
    auto vault = std::make_unique<TokenVault>(url, test_key());
    const std::string token = vault->register_home("k", "reg", {14.5, 58.3}, std::nullopt, false);
    const std::vector<std::string> sealed =
        stored_blobs(url, "SELECT encode(coordinate, 'hex') FROM tokens WHERE token = '" + token + "'");
    ASSERT_EQ(sealed.size(), 1U);
    // A backup (pg_dump) reads the table in a long transaction: it holds a share lock.
    const std::string backup = "psql -X -q -d '" + url +
                               "' -c 'BEGIN; LOCK TABLE tokens IN ACCESS SHARE MODE; SELECT pg_sleep(4); COMMIT;' "
                               ">/dev/null 2>&1 &";
    ASSERT_EQ(std::system(backup.c_str()), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const ErasureReceipt receipt = vault->erase(*vault->find(token, "k"));
    EXPECT_TRUE(receipt.coordinate);
    EXPECT_FALSE(receipt.history_purged); // said honestly in the receipt
    EXPECT_FALSE(vault->find(token, "k").has_value()); // gone for every caller at once
    // The server that erased stops before the backup ends; the rewrite still to do is
    // in the database, and another server (or this one, started again) does it.
    vault.reset();
    TokenVault other(url, test_key());
    bool purged = false;
    for (int i = 0; i < 40 && !purged; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        purged = postgres_database_bytes(url).find(sealed[0]) == std::string::npos;
    }
    EXPECT_TRUE(purged) << "the sealed coordinate is still in the table files after the backup ended";
    EXPECT_EQ(count_of(url, "SELECT COUNT(*) FROM meta WHERE key = 'purge_after'"), 0);
}

TEST(PostgresVault, ServersOnOneDatabaseShareTokensAndWriteOneChainPerTenant) {
    SKIP_ON_SQLITE("several servers share one PostgreSQL database");
    const TempDir dir;
    const std::string url = fresh_vault_location(dir);
    TokenVault first(url, test_key());
    TokenVault second(url, test_key());
    // A token registered through one server answers on the other; erased through the
    // other, it is gone from both at once.
    const std::string token = first.register_home("k", "reg", {14.5, 58.3}, std::string("CASE-1"), false);
    ASSERT_TRUE(second.find(token, "k").has_value());
    EXPECT_EQ(second.tokens_for_case_ref("k", "CASE-1").size(), 1U);
    second.erase(*second.find(token, "k"));
    EXPECT_FALSE(first.find(token, "k").has_value());

    // Both append to the same tenants' chains at once, from several threads each.
    constexpr int kThreads = 4;
    constexpr int kEach = 150;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            TokenVault& vault = t % 2 == 0 ? first : second;
            for (int i = 0; i < kEach; ++i) {
                vault.audit(i % 3 == 0 ? "b" : "a", "case-system", "distance", "", "ok");
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    const AuditVerification v = second.verify_audit();
    EXPECT_TRUE(v.ok) << v.reason << " at " << v.tenant << " " << v.first_bad_id;
    // The registration's entry besides the threads' (the server audits erasures, not the vault).
    EXPECT_EQ(v.entries, kThreads * kEach + 1);
    const auto a = first.audit_entries("a", std::nullopt);
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].id, static_cast<std::int64_t>(i + 1)) << "tenant a's numbers have a gap or a repeat";
    }
    EXPECT_EQ(first.audit_heads(), v.heads);
}

TEST(PostgresVault, ThePurposeLimitHoldsAcrossServers) {
    SKIP_ON_SQLITE("several servers share one PostgreSQL database");
    const TempDir dir;
    const std::string url = fresh_vault_location(dir);
    TokenVault first(url, test_key());
    TokenVault second(url, test_key());
    const std::string token = first.register_home("k", "reg", {14.5, 58.3}, std::nullopt, false);
    const TokenRecord record = *first.find(token, "k");
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            TokenVault& vault = t % 2 == 0 ? first : second;
            for (int school = 0; school < 6; ++school) {
                if (vault.note_school_asked(record, "S" + std::to_string(t * 10 + school), 3)) {
                    ++allowed;
                }
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    EXPECT_EQ(allowed.load(), 3);
    EXPECT_EQ(count_of(url, "SELECT COUNT(*) FROM asked_schools"), 3);
    // A school already asked is still allowed from either server.
    EXPECT_EQ(count_of(url, "SELECT COUNT(*) FROM asked_schools WHERE token = '" + token + "'"), 3);
}
