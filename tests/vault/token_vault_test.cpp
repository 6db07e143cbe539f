// SPDX-License-Identifier: MIT
// The vault on its own: tenant scope, encryption at rest, erasure, and the audit chain.
#include "api/vault/audit_anchor.hpp"
#include "api/vault/key_file.hpp"
#include "api/vault/sqlite.hpp"
#include "api/vault/token_vault.hpp"
#include "geodata/errors.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_vault.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <vector>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <sys/stat.h>

using namespace skolvag::api;
using skolvag::testing::read_text;
using skolvag::testing::TempDir;
using skolvag::testing::fresh_vault_location;
using skolvag::testing::testing_on_postgres;

namespace {
Key256 test_key() {
    Key256 k{};
    for (std::size_t i = 0; i < k.size(); ++i) {
        k[i] = static_cast<std::uint8_t>(i * 7 + 3);
    }
    return k;
}
/// Runs SQL on the vault as someone with the file or the database (not the key) could:
/// `sqlite` on a SQLite vault, `postgres` on a PostgreSQL one. Returns the first
/// column of the first row, if any; fails the test when the SQL fails.
std::string run_sql(const std::string& vault, const std::string& sqlite, const std::string& postgres) {
    if (testing_on_postgres()) {
        std::string out;
        EXPECT_EQ(skolvag::testing::psql(vault, postgres, &out), 0) << out;
        return out.substr(0, out.find('\n'));
    }
    Database db(vault, Database::Open::existing);
    if (sqlite.rfind("SELECT ", 0) == 0) {
        Statement s = db.prepare(sqlite);
        return s.step() ? std::to_string(s.integer(0)) : "";
    }
    db.exec(sqlite);
    return "";
}

/// Every byte the store keeps: SQLite's file and WAL, or the PostgreSQL database's files.
std::string stored_bytes(const std::string& vault) {
    if (!testing_on_postgres()) {
        return read_text(vault) + read_text(vault + "-wal");
    }
    return skolvag::testing::postgres_database_bytes(vault);
}

} // namespace

TEST(TokenVault, ATokenExistsOnlyInItsTenantAndItsCoordinateIsEncrypted) {
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    TokenVault vault(location, test_key());
    const std::string token = vault.register_home("kommun-a", "reg", {18.0612345, 59.3151234}, "CASE-1", false);
    ASSERT_TRUE(vault.find(token, "kommun-a").has_value());
    EXPECT_FALSE(vault.find(token, "kommun-b").has_value());
    const TokenRecord r = *vault.find(token, "kommun-a");
    EXPECT_TRUE(r.has_case_ref);
    EXPECT_EQ(r.created_by, "reg");
    const skolvag::geodata::LonLat p = vault.coordinate(r);
    EXPECT_DOUBLE_EQ(p.lon_deg, 18.0612345);
    EXPECT_DOUBLE_EQ(p.lat_deg, 59.3151234);
    // Neither the coordinate nor the case reference is readable in what is stored.
    const std::string files = stored_bytes(location);
    ASSERT_NE(files.find(token), std::string::npos) << "the check reads the wrong place";
    EXPECT_EQ(files.find("18.06123"), std::string::npos);
    EXPECT_EQ(files.find("59.31512"), std::string::npos);
    EXPECT_EQ(files.find("CASE-1"), std::string::npos);
    // Tracing finds it by case reference, in its own tenant only.
    EXPECT_EQ(vault.tokens_for_case_ref("kommun-a", "CASE-1").size(), 1U);
    EXPECT_TRUE(vault.tokens_for_case_ref("kommun-b", "CASE-1").empty());
}

TEST(TokenVault, AnotherKeyCannotOpenTheVault) {
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    { TokenVault vault(location, test_key()); }
    Key256 other = test_key();
    other[0] ^= 1;
    EXPECT_THROW(TokenVault(location, other), VaultError);
}

TEST(TokenVault, ErasureRemovesTheTokenAndItsResults) {
    const TempDir dir;
    TokenVault vault(fresh_vault_location(dir), test_key());
    const std::string token = vault.register_home("k", "reg", {14.5, 58.3}, std::nullopt, false);
    const TokenRecord r = *vault.find(token, "k");
    vault.store_route(r, "school=S1&grade=2", R"({"type":"Feature"})");
    EXPECT_EQ(vault.cached_route(r, "school=S1&grade=2"), R"({"type":"Feature"})");
    EXPECT_FALSE(vault.cached_route(r, "school=S2&grade=2").has_value());
    const ErasureReceipt receipt = vault.erase(r);
    EXPECT_TRUE(receipt.coordinate);
    EXPECT_EQ(receipt.cached_results, 1U);
    EXPECT_FALSE(vault.find(token, "k").has_value());
    EXPECT_TRUE(vault.cached_routes(r).empty());
}

TEST(TokenVault, ErasureEmptiesTheWriteAheadLogAndRetriesWhileABackupHoldsIt) {
    SKIP_ON_POSTGRES("SQLite's write-ahead log (PostgreSQL: ErasureLeavesNoCopyInTheDatabasesFiles)");
    const TempDir dir;
    const std::string path = dir.file("v.sqlite");
    TokenVault vault(path, test_key());
    const std::string first = vault.register_home("k", "reg", {14.5, 58.3}, std::nullopt, false);
    const ErasureReceipt cleared = vault.erase(*vault.find(first, "k"));
    EXPECT_TRUE(cleared.history_purged);
    EXPECT_EQ(read_text(path + "-wal").size(), 0U);

    // A reader in another connection (a backup, a sqlite3 shell) pins the log...
    const std::string second = vault.register_home("k", "reg", {14.6, 58.4}, std::nullopt, false);
    {
        Database backup(path, Database::Open::read_only);
        backup.exec("BEGIN");
        Statement pin = backup.prepare("SELECT COUNT(*) FROM tokens");
        ASSERT_TRUE(pin.step());
        const ErasureReceipt pinned = vault.erase(*vault.find(second, "k"));
        EXPECT_TRUE(pinned.coordinate);
        EXPECT_FALSE(pinned.history_purged); // said honestly in the receipt
        pin.reset();
        backup.exec("COMMIT");
    }
    // ...and once it lets go, the server empties the log on its own.
    for (int i = 0; i < 50 && read_text(path + "-wal").size() > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(read_text(path + "-wal").size(), 0U);
}

TEST(TokenVault, AFailedRegistrationLeavesNoTokenAndTheChainGoesOn) {
    const TempDir dir;
    const std::string path = fresh_vault_location(dir);
    TokenVault vault(path, test_key());
    vault.register_home("k", "reg", {14.5, 58.3}, std::nullopt, false);
    // The audit entry cannot be written: the token must not be kept without it.
    run_sql(path, "CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
            "CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk says no'; "
            "END $$; CREATE TRIGGER no_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION no_audit()");
    EXPECT_THROW(vault.register_home("k", "reg", {14.6, 58.4}, std::nullopt, false), VaultError);
    EXPECT_EQ(vault.token_count(), 1);
    run_sql(path, "DROP TRIGGER no_audit", "DROP TRIGGER no_audit ON audit");
    EXPECT_EQ(run_sql(path, "SELECT COUNT(*) FROM tokens", "SELECT COUNT(*) FROM tokens"), "1");
    vault.register_home("k", "reg", {14.7, 58.5}, std::nullopt, false);
    const AuditVerification v = vault.verify_audit();
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.entries, 2);
}

namespace {
/// Runs SQL on the vault with its append-only triggers out of the way, then puts them
/// back: what someone with the file or the database (not the key) could do to the trail.
void rewrite_history(const std::string& vault, const std::string& sql) {
    run_sql(vault,
            "DROP TRIGGER audit_is_append_only_update; DROP TRIGGER audit_is_append_only_delete; " + sql +
                "; CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit "
                "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END; "
                "CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit "
                "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",
            "ALTER TABLE audit DISABLE TRIGGER USER; " + sql + "; ALTER TABLE audit ENABLE TRIGGER USER;");
}

std::vector<std::int64_t> ids_of(const std::vector<AuditEntry>& entries) {
    std::vector<std::int64_t> ids;
    for (const AuditEntry& e : entries) {
        ids.push_back(e.id);
    }
    return ids;
}
} // namespace

TEST(TokenVault, TheAuditChainVerifiesAndDetectsTampering) {
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    {
        TokenVault vault(location, test_key());
        for (int i = 0; i < 5; ++i) {
            vault.audit("k", "case-system", "distance", "svt_AAAAAAAAAAAAAAAAAAAAAA", "ok");
        }
        const AuditVerification v = vault.verify_audit();
        EXPECT_TRUE(v.ok) << v.reason;
        EXPECT_EQ(v.entries, 5);
        EXPECT_EQ(vault.audit_entries("k", std::nullopt).size(), 5U);
        EXPECT_TRUE(vault.audit_entries("other", std::nullopt).empty());
        EXPECT_TRUE(vault.audit_entries("k", std::string("2999-01-01T00:00:00.000Z")).empty());
    }
    // The table refuses updates and deletes...
    for (const char* sql : {"UPDATE audit SET outcome = 'forbidden' WHERE id = 3", "DELETE FROM audit WHERE id = 3"}) {
        if (testing_on_postgres()) {
            std::string out;
            EXPECT_NE(skolvag::testing::psql(location, sql, &out), 0) << sql;
            EXPECT_NE(out.find("append-only"), std::string::npos) << out;
        } else {
            Database db(location);
            EXPECT_THROW(db.exec(sql), VaultError) << sql;
        }
    }
    if (testing_on_postgres()) {
        std::string out;
        EXPECT_NE(skolvag::testing::psql(location, "TRUNCATE audit", &out), 0);
    }
    // ...and someone who gets around the triggers is caught by the chain.
    rewrite_history(location, "UPDATE audit SET client = 'someone-else' WHERE id = 3");
    TokenVault vault(location, test_key());
    const AuditVerification v = vault.verify_audit();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.tenant, "k");
    EXPECT_EQ(v.first_bad_id, 3);
}

TEST(TokenVault, EachTenantHasItsOwnChainNumberedFromOne) {
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    TokenVault vault(location, test_key());
    for (const char* tenant : {"a", "b", "a", "a", "b"}) {
        vault.audit(tenant, "case-system", "distance", "", "ok");
    }
    // No tenant's numbers show how busy another one is.
    EXPECT_EQ(ids_of(vault.audit_entries("a", std::nullopt)), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(ids_of(vault.audit_entries("b", std::nullopt)), (std::vector<std::int64_t>{1, 2}));
    const AuditVerification v = vault.verify_audit();
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.entries, 5);
    ASSERT_EQ(v.heads.size(), 2U);
    EXPECT_EQ(v.heads.at("a").first, 3);
    EXPECT_EQ(v.heads, vault.audit_heads());
    // An entry standing for several refused calls keeps its count in the chain.
    const AuditEntry counted = vault.audit("b", "case-system", "rate_limited", "", "rate_limited", 40);
    EXPECT_EQ(counted.id, 3);
    EXPECT_EQ(vault.audit_entries("b", std::nullopt).back().count, 40);
    EXPECT_TRUE(vault.verify_audit().ok);
}

TEST(TokenVault, AChangedCountBreaksTheChain) {
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    {
        TokenVault vault(location, test_key());
        vault.audit("a", "", "distance", "svt_AAAAAAAAAAAAAAAAAAAAAA", "unauthorized", 500);
        vault.audit("a", "case-system", "distance", "", "ok");
    }
    rewrite_history(location, "UPDATE audit SET count = 1 WHERE count = 500");
    TokenVault vault(location, test_key());
    const AuditVerification v = vault.verify_audit();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_id, 1);
}

TEST(TokenVault, TheAnchorCatchesATrailCutAtItsEnd) {
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    AuditHeads anchor;
    {
        TokenVault vault(location, test_key());
        for (const char* tenant : {"a", "b", "a", "b", "a"}) {
            vault.audit(tenant, "case-system", "distance", "", "ok");
        }
        anchor = vault.audit_heads();
        EXPECT_EQ(vault.audit_anchor_mismatch(anchor), "");
    }
    // The newest entries of one tenant are removed: the chain that is left still holds...
    rewrite_history(location, "DELETE FROM audit WHERE tenant = 'a' AND seq >= 2");
    TokenVault vault(location, test_key());
    EXPECT_TRUE(vault.verify_audit().ok);
    // ...but not what the anchor recorded.
    const std::string mismatch = vault.audit_anchor_mismatch(anchor);
    EXPECT_NE(mismatch.find("tenant 'a'"), std::string::npos) << mismatch;
    EXPECT_NE(mismatch.find("removed"), std::string::npos) << mismatch;
}

TEST(TokenVault, AVaultWithoutItsAuditTriggersDoesNotOpen) {
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    {
        TokenVault vault(location, test_key());
        vault.audit("a", "case-system", "distance", "", "ok");
    }
    run_sql(location, "DROP TRIGGER audit_is_append_only_delete", "DROP TRIGGER audit_is_append_only ON audit");
    try {
        TokenVault vault(location, test_key());
        FAIL() << "a vault without its append-only trigger opened";
    } catch (const VaultError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("audit_is_append_only"), std::string::npos) << what;
        EXPECT_NE(what.find("missing"), std::string::npos) << what;
    }
}

TEST(TokenVault, AnAuditTrailOfOneChainForAllTenantsIsContinuedByEachTenant) {
    SKIP_ON_POSTGRES("vaults from before 0.3 were SQLite files");
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    {
        TokenVault vault(location, test_key());
        for (int i = 0; i < 4; ++i) {
            vault.audit("a", "case-system", "distance", "", "ok");
        }
    }
    // A vault of 0.2 numbered all entries in one chain and had no columns for tenant
    // numbers or counts (its entries' hashes are those of single calls, as here).
    rewrite_history(location,
                    "DROP INDEX audit_tenant_seq; ALTER TABLE audit DROP COLUMN seq; ALTER TABLE audit DROP COLUMN count");
    {
        TokenVault vault(location, test_key());
        EXPECT_TRUE(vault.verify_audit().ok);
        vault.audit("a", "case-system", "distance", "", "ok");
        vault.audit("b", "case-system", "distance", "", "ok");
        // Each tenant goes on from the old chain's last number: none appears twice.
        EXPECT_EQ(ids_of(vault.audit_entries("a", std::nullopt)), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
        EXPECT_EQ(ids_of(vault.audit_entries("b", std::nullopt)), (std::vector<std::int64_t>{5}));
        const AuditVerification v = vault.verify_audit();
        EXPECT_TRUE(v.ok) << v.reason;
        EXPECT_EQ(v.entries, 6);
    }
    // The old chain is still checked.
    rewrite_history(location, "UPDATE audit SET outcome = 'forbidden' WHERE id = 2");
    TokenVault vault(location, test_key());
    const AuditVerification v = vault.verify_audit();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_id, 2);
}

TEST(KeyFile, MustBe32BytesAndPrivate) {
    const TempDir dir;
    const std::string path = dir.file("vault.key");
    write_new_key_file(path);
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600U);
    EXPECT_NO_THROW(read_key_file(path));
    EXPECT_THROW(write_new_key_file(path), skolvag::geodata::InputError); // never overwrites a key
    chmod(path.c_str(), 0644);
    try {
        read_key_file(path);
        FAIL() << "a key readable by others was accepted";
    } catch (const skolvag::geodata::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
    }
    const std::string short_key = dir.write("short.key", "0123456789");
    chmod(short_key.c_str(), 0600);
    EXPECT_THROW(read_key_file(short_key), skolvag::geodata::ConfigError);
    EXPECT_THROW(read_key_file(dir.file("missing.key")), skolvag::geodata::ConfigError);
}

TEST(TokenVault, TheWriteAheadLogStaysSmallUnderContinuousWrites) {
    SKIP_ON_POSTGRES("SQLite's write-ahead log; PostgreSQL's is the operator's (max_wal_size)");
    // Every refused call writes an audit entry: a client hammering the server must not
    // be able to fill the disk through the write-ahead log.
    const TempDir dir;
    const std::string path = dir.file("v.sqlite");
    TokenVault vault(path, test_key());
    std::uintmax_t largest = 0;
    std::size_t writes = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < until) {
        vault.audit("k", "case-system", "distance", "svt_AAAAAAAAAAAAAAAAAAAAAA", "not_found");
        if (++writes % 500 == 0) {
            std::error_code ec;
            largest = std::max<std::uintmax_t>(largest, std::filesystem::file_size(path + "-wal", ec));
        }
    }
    EXPECT_GT(writes, 5000U);
    EXPECT_LE(largest, 8U << 20) << writes << " writes grew the WAL to " << largest << " bytes";
    EXPECT_TRUE(vault.verify_audit().ok);
}

TEST(AuditAnchor, KeepsAnyTenantNameAndRefusesAFileItDidNotWrite) {
    const TempDir dir;
    const std::string path = dir.file("vault.sqlite.anchor");
    EXPECT_FALSE(read_audit_anchor(path).has_value()); // no anchor yet: nothing to check against
    const AuditHeads heads = {{"exempelby", {12, std::string(64, 'a')}},
                              {"Grannby kommun\nrad två", {3, std::string(64, 'b')}}};
    write_audit_anchor(path, heads);
    EXPECT_EQ(read_audit_anchor(path), heads);
    for (const std::string& text : {std::string("not an anchor\n"),
                                    "skolvag audit anchor v1\n12 " + std::string(64, 'a') + " zz\n",
                                    "skolvag audit anchor v1\n0 " + std::string(64, 'a') + " 61\n",
                                    std::string("skolvag audit anchor v1\n12 short 61\n")}) {
        dir.write("vault.sqlite.anchor", text);
        try {
            read_audit_anchor(path);
            ADD_FAILURE() << "read: " << text;
        } catch (const skolvag::geodata::ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
    }
}

TEST(TokenVault, AuditEntriesOfConcurrentCallsGoTogetherAndEachChainStaysWhole) {
    // Calls audited at once share a transaction (AuditGroup): every one of them is in
    // the trail when it returns, each tenant's numbers run without a gap, and the
    // chains verify.
    const TempDir dir;
    const std::string location = fresh_vault_location(dir);
    TokenVault vault(location, test_key());
    constexpr int kThreads = 8;
    constexpr int kEach = 100;
    std::vector<std::thread> threads;
    std::atomic<int> seen_at_return{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const std::string tenant = (t + i) % 3 == 0 ? "b" : "a";
                const AuditEntry e = vault.audit(tenant, "case-system", "distance", "", "ok");
                // Written when audit() returns: its hash is in the store under its number.
                if (vault.audit_anchor_mismatch({{tenant, {e.id, e.hash}}}).empty()) {
                    ++seen_at_return;
                }
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    EXPECT_EQ(seen_at_return.load(), kThreads * kEach);
    // Eight threads at once on two cores: some calls waited and went with others.
    EXPECT_LT(vault.audit_groups_written(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_GT(vault.audit_groups_written(), 0U);
    std::cout << "[ grouped ] " << kThreads * kEach << " entries in " << vault.audit_groups_written()
              << " transactions\n";
    const AuditVerification v = vault.verify_audit();
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.entries, kThreads * kEach);
    for (const char* tenant : {"a", "b"}) {
        const std::vector<std::int64_t> ids = ids_of(vault.audit_entries(tenant, std::nullopt));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            ASSERT_EQ(ids[i], static_cast<std::int64_t>(i + 1)) << tenant;
        }
    }
}

TEST(TokenVault, AGroupThatCannotBeWrittenFailsEveryCallInItAndTheChainGoesOn) {
    const TempDir dir;
    const std::string path = fresh_vault_location(dir);
    TokenVault vault(path, test_key());
    vault.audit("k", "case-system", "distance", "", "ok");
    run_sql(path, "CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
            "CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk says no'; "
            "END $$; CREATE TRIGGER no_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION no_audit()");
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            try {
                vault.audit("k", "case-system", "distance", "", "ok");
            } catch (const VaultError&) {
                ++failed; // never answered as audited
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    EXPECT_EQ(failed.load(), 4);
    run_sql(path, "DROP TRIGGER no_audit", "DROP TRIGGER no_audit ON audit");
    EXPECT_EQ(vault.audit("k", "case-system", "distance", "", "ok").id, 2);
    EXPECT_TRUE(vault.verify_audit().ok);
}
