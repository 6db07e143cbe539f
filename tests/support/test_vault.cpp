// SPDX-License-Identifier: MIT
#include "tests/support/test_vault.hpp"

#include "api/vault/postgres.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace skolvag::testing {

namespace {

std::string read_address() {
    const char* file = std::getenv("SKOLVAG_TEST_POSTGRES_URL_FILE");
    if (file == nullptr || *file == '\0') {
        return "";
    }
    std::ifstream in(file);
    std::string url;
    std::getline(in, url);
    if (url.empty()) {
        throw std::runtime_error(std::string("SKOLVAG_TEST_POSTGRES_URL_FILE: ") + file +
                                 " holds no address: did the Postgres.StartCluster test run?");
    }
    return url;
}

} // namespace

std::string test_cluster_address() {
    static const std::string address = read_address();
    return address;
}

bool testing_on_postgres() { return !test_cluster_address().empty(); }

std::string fresh_vault_location(const TempDir& dir) {
    if (!testing_on_postgres()) {
        return dir.file("vault.sqlite");
    }
    static std::atomic<int> counter{0};
    std::random_device random;
    const std::string name = "vault_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
                             std::to_string(random() % 1000000);
    api::PgConnection admin(test_cluster_address() + "/postgres", "the test cluster");
    admin.exec("CREATE DATABASE " + name);
    return test_cluster_address() + "/" + name;
}

std::string postgres_database_bytes(const std::string& vault_url) {
    std::string oid;
    EXPECT_EQ(psql(vault_url, "CHECKPOINT; SELECT oid FROM pg_database WHERE datname = current_database();", &oid), 0)
        << oid;
    oid = oid.substr(0, oid.find('\n'));
    const char* url_file = std::getenv("SKOLVAG_TEST_POSTGRES_URL_FILE");
    const std::filesystem::path folder = std::filesystem::path(url_file).parent_path() / "data" / "base" / oid;
    EXPECT_TRUE(std::filesystem::is_directory(folder)) << folder;
    std::string bytes;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            bytes += read_text(entry.path().string());
        }
    }
    return bytes;
}

std::string postgres_files_holding(const std::string& vault_url, const std::string& bytes) {
    std::string oid;
    psql(vault_url, "SELECT oid FROM pg_database WHERE datname = current_database();", &oid);
    oid = oid.substr(0, oid.find('\n'));
    const char* url_file = std::getenv("SKOLVAG_TEST_POSTGRES_URL_FILE");
    const std::filesystem::path folder = std::filesystem::path(url_file).parent_path() / "data" / "base" / oid;
    std::string out;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_regular_file() && read_text(entry.path().string()).find(bytes) != std::string::npos) {
            std::string relation;
            psql(vault_url,
                 "SELECT COALESCE((SELECT relname FROM pg_class WHERE relfilenode = " +
                     entry.path().filename().string().substr(0, entry.path().filename().string().find_first_not_of(
                                                                    "0123456789")) +
                     "), 'no relation')",
                 &relation);
            out += entry.path().filename().string() + " (" + relation.substr(0, relation.find('\n')) + ") ";
        }
    }
    return out;
}

std::string pg_cluster_script() { return std::string(SKOLVAG_SOURCE_DIR) + "/scripts/lib/pg_cluster.sh"; }

int psql(const std::string& vault_url, const std::string& sql, std::string* out) {
    const TempDir dir;
    const std::string script = dir.write("script.sql", sql);
    const std::string output = dir.file("out.txt");
    const std::string command =
        "psql -X -q -At -v ON_ERROR_STOP=1 -d '" + vault_url + "' -f " + script + " > " + output + " 2>&1";
    const int status = std::system(command.c_str());
    if (out != nullptr) {
        *out = read_text(output);
    }
    return WEXITSTATUS(status);
}

} // namespace skolvag::testing
