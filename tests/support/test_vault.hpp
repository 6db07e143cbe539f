// SPDX-License-Identifier: MIT
// Which vault backend a test suite runs on. By default every vault is a SQLite file in
// the test's folder; when ctest runs the suites again on PostgreSQL (the
// `OnPostgres.` tests), SKOLVAG_TEST_POSTGRES_URL_FILE names the file in which the
// throwaway cluster (scripts/lib/pg_cluster.sh) wrote its address, and every vault
// is a new database of that cluster.
#pragma once

#include "tests/support/run_command.hpp"

#include <string>

namespace skolvag::testing {

/// The suite runs on PostgreSQL.
bool testing_on_postgres();

/// A new, empty vault's location: `dir`/vault.sqlite, or a new database's URL.
std::string fresh_vault_location(const TempDir& dir);

/// The address of the test cluster (without a database), e.g. postgresql://postgres@127.0.0.1:PORT.
std::string test_cluster_address();

/// scripts/lib/pg_cluster.sh of the source tree (a test's own cluster, to stop and start).
std::string pg_cluster_script();

/// Runs SQL on a PostgreSQL vault as its owner would (psql), for tests that play
/// someone with access to the database but not the key. @returns psql's exit code.
int psql(const std::string& vault_url, const std::string& sql, std::string* out = nullptr);

/**
 * Every byte of a PostgreSQL vault database's files in the test cluster's data folder
 * (its tables, indexes and TOAST; not the WAL), after a CHECKPOINT wrote them out.
 */
std::string postgres_database_bytes(const std::string& vault_url);

/// Which of those files hold `bytes`, and which relation each file is (for a failure's message).
std::string postgres_files_holding(const std::string& vault_url, const std::string& bytes);

} // namespace skolvag::testing

/// Skips a test that is about one backend's files (SQLite's WAL, its file on disk).
#define SKIP_ON_POSTGRES(why)                                                                                          \
    do {                                                                                                               \
        if (::skolvag::testing::testing_on_postgres()) {                                                               \
            GTEST_SKIP() << "SQLite only: " << (why);                                                                  \
        }                                                                                                              \
    } while (false)
#define SKIP_ON_SQLITE(why)                                                                                            \
    do {                                                                                                               \
        if (!::skolvag::testing::testing_on_postgres()) {                                                              \
            GTEST_SKIP() << "PostgreSQL only (the OnPostgres. run): " << (why);                                        \
        }                                                                                                              \
    } while (false)
