// SPDX-License-Identifier: MIT
// The vault on its own: tenant scope, encryption at rest, erasure, and the audit chain.
#include "api/vault/key_file.hpp"
#include "api/vault/sqlite.hpp"
#include "api/vault/token_vault.hpp"
#include "geodata/errors.hpp"
#include "tests/support/run_command.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>
#include <sys/stat.h>

using namespace skolvag::api;
using skolvag::testing::read_text;
using skolvag::testing::TempDir;

namespace {
Key256 test_key() {
    Key256 k{};
    for (std::size_t i = 0; i < k.size(); ++i) {
        k[i] = static_cast<std::uint8_t>(i * 7 + 3);
    }
    return k;
}
} // namespace

TEST(TokenVault, ATokenExistsOnlyInItsTenantAndItsCoordinateIsEncrypted) {
    const TempDir dir;
    TokenVault vault(dir.file("v.sqlite"), test_key());
    const std::string token = vault.register_home("kommun-a", "reg", {18.0612345, 59.3151234}, "CASE-1", false);
    ASSERT_TRUE(vault.find(token, "kommun-a").has_value());
    EXPECT_FALSE(vault.find(token, "kommun-b").has_value());
    const TokenRecord r = *vault.find(token, "kommun-a");
    EXPECT_TRUE(r.has_case_ref);
    EXPECT_EQ(r.created_by, "reg");
    const skolvag::geodata::LonLat p = vault.coordinate(r);
    EXPECT_DOUBLE_EQ(p.lon_deg, 18.0612345);
    EXPECT_DOUBLE_EQ(p.lat_deg, 59.3151234);
    // Neither the coordinate nor the case reference is readable in the files.
    const std::string files = read_text(dir.file("v.sqlite")) + read_text(dir.file("v.sqlite-wal"));
    EXPECT_EQ(files.find("18.06123"), std::string::npos);
    EXPECT_EQ(files.find("59.31512"), std::string::npos);
    EXPECT_EQ(files.find("CASE-1"), std::string::npos);
    // Tracing finds it by case reference, in its own tenant only.
    EXPECT_EQ(vault.tokens_for_case_ref("kommun-a", "CASE-1").size(), 1U);
    EXPECT_TRUE(vault.tokens_for_case_ref("kommun-b", "CASE-1").empty());
}

TEST(TokenVault, AnotherKeyCannotOpenTheVault) {
    const TempDir dir;
    { TokenVault vault(dir.file("v.sqlite"), test_key()); }
    Key256 other = test_key();
    other[0] ^= 1;
    EXPECT_THROW(TokenVault(dir.file("v.sqlite"), other), VaultError);
}

TEST(TokenVault, ErasureRemovesTheTokenAndItsResults) {
    const TempDir dir;
    TokenVault vault(dir.file("v.sqlite"), test_key());
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
    const TempDir dir;
    const std::string path = dir.file("v.sqlite");
    TokenVault vault(path, test_key());
    const std::string first = vault.register_home("k", "reg", {14.5, 58.3}, std::nullopt, false);
    const ErasureReceipt cleared = vault.erase(*vault.find(first, "k"));
    EXPECT_TRUE(cleared.history_purged);
    EXPECT_EQ(read_text(path + "-wal").size(), 0U);

    // A reader in another connection (a backup, a sqlite3 shell) pins the log...
    const std::string second = vault.register_home("k", "reg", {14.6, 58.4}, std::nullopt, false);
    auto backup = std::make_unique<Database>(path, Database::Open::read_only);
    backup->exec("BEGIN");
    Statement pin = backup->prepare("SELECT COUNT(*) FROM tokens");
    ASSERT_TRUE(pin.step());
    const ErasureReceipt pinned = vault.erase(*vault.find(second, "k"));
    EXPECT_TRUE(pinned.coordinate);
    EXPECT_FALSE(pinned.history_purged); // said honestly in the receipt
    // ...and once it lets go, the server empties the log on its own.
    pin.reset();
    backup->exec("COMMIT");
    backup.reset();
    for (int i = 0; i < 50 && read_text(path + "-wal").size() > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(read_text(path + "-wal").size(), 0U);
}

TEST(TokenVault, AFailedRegistrationLeavesNoTokenAndTheChainGoesOn) {
    const TempDir dir;
    const std::string path = dir.file("v.sqlite");
    TokenVault vault(path, test_key());
    vault.register_home("k", "reg", {14.5, 58.3}, std::nullopt, false);
    {
        // The audit entry cannot be written: the token must not be kept without it.
        Database other(path, Database::Open::existing);
        other.exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    }
    EXPECT_THROW(vault.register_home("k", "reg", {14.6, 58.4}, std::nullopt, false), VaultError);
    EXPECT_EQ(vault.token_count(), 1);
    {
        Database other(path, Database::Open::existing);
        other.exec("DROP TRIGGER no_audit");
        Statement count = other.prepare("SELECT COUNT(*) FROM tokens");
        ASSERT_TRUE(count.step());
        EXPECT_EQ(count.integer(0), 1);
    }
    vault.register_home("k", "reg", {14.7, 58.5}, std::nullopt, false);
    const AuditVerification v = vault.verify_audit();
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.entries, 2);
}

TEST(TokenVault, TheAuditChainVerifiesAndDetectsTampering) {
    const TempDir dir;
    {
        TokenVault vault(dir.file("v.sqlite"), test_key());
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
    {
        // The table refuses updates and deletes...
        Database db(dir.file("v.sqlite"));
        EXPECT_THROW(db.exec("UPDATE audit SET outcome = 'forbidden' WHERE id = 3"), VaultError);
        EXPECT_THROW(db.exec("DELETE FROM audit WHERE id = 3"), VaultError);
        // ...and someone who drops the triggers is caught by the chain.
        db.exec("DROP TRIGGER audit_is_append_only_update; UPDATE audit SET client = 'someone-else' WHERE id = 3");
    }
    TokenVault vault(dir.file("v.sqlite"), test_key());
    const AuditVerification v = vault.verify_audit();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_id, 3);
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
