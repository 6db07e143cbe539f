// SPDX-License-Identifier: MIT
// ServerFixture: a real `skolvag serve` on loopback for tests, on the Exempelby town
// the project ships, with fresh keys, two tenants and one client per role; requests
// go through cpp-httplib's client.
#pragma once

#include "tests/support/run_command.hpp"
#include "tests/support/test_vault.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace skolvag::testing {

/// A client of the test server: name, tenant, roles, and its rate limit (0: default).
struct TestClient {
    std::string name;
    std::string tenant;
    std::vector<std::string> roles;
    double rate_per_minute = 0;
};

/// Exempelby homes (lon, lat) a few metres off their streets, from the demo register.
struct TestHome {
    const char* lon;
    const char* lat;
};
inline constexpr TestHome kHomeP02{"14.5030805", "58.3014388"};
inline constexpr TestHome kHomeP08{"14.5025671", "58.3054856"};

/**
 * True when a text holds a home's place in any form it could leak in: its longitude
 * and latitude to 5 decimals or more (as given, cut or rounded), or its SWEREF 99 TM
 * easting and northing in whole metres.
 */
bool holds_place(const std::string& text, const TestHome& home);

/** A file of the Exempelby demo the fixture serves (scripts/demo/), e.g. "exempelby.osm". */
std::string demo_file(const std::string& name);

/** An answer's status, or -1 when none came: a failed connection fails the check, not the test run. */
inline int status_of(const httplib::Result& r) { return r ? r->status : -1; }

/** An answer's body, or a note that none came. */
inline std::string body_text(const httplib::Result& r) { return r ? r->body : std::string("(no answer)"); }

/** An answer's body as JSON (null when none came or it is not JSON). */
inline nlohmann::json body_of(const httplib::Result& r) {
    return r ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
}

/** The distance endpoint's path for a token, school and grade. */
inline std::string distance_path(const std::string& token, const std::string& school = "S1",
                                 const std::string& grade = "2") {
    return "/v1/tokens/" + token + "/distance?school=" + school + "&grade=" + grade;
}

class ServerFixture {
public:
    struct Options {
        bool tls = false;
        std::vector<TestClient> clients = default_clients();
        std::string top_config;   ///< top-level keys of server.toml (before its tables)
        std::string extra_config; ///< appended to server.toml
        std::string tenant_config; ///< keys added to each [[tenant]] (e.g. stops)
        std::string rules;         ///< each tenant's rules file; empty: the demo's
        std::string network;       ///< the network file; empty: the demo's exempelby.osm
        bool start = true;        ///< start the server in the constructor
        /// Another server's vault and key (a replica on the same PostgreSQL database):
        /// its location and its key file. Empty: a new vault of its own.
        std::string vault;
        std::string key_file;
        /// The clients' API keys (by client name) to use instead of new ones, as
        /// replicas share one configuration.
        std::map<std::string, std::string> keys;
    };

    /// registrar, case-system, dpo (admin), auditor in exempelby; registrar2 (another
    /// registrar) in exempelby; grannby-registrar and grannby-case in the tenant grannby.
    static std::vector<TestClient> default_clients();

    explicit ServerFixture(Options options);
    ServerFixture() : ServerFixture(Options{}) {}
    ~ServerFixture();
    ServerFixture(const ServerFixture&) = delete;
    ServerFixture& operator=(const ServerFixture&) = delete;

    /** A client for the running server, authenticated as `client` ("" for none). */
    std::unique_ptr<httplib::Client> client(const std::string& client_name = "") const;

    const std::string& api_key(const std::string& client_name) const { return m_keys.at(client_name); }
    std::vector<std::string> api_keys() const;
    int port() const { return m_port; }
    int pid() const { return m_pid; }
    const TempDir& dir() const { return m_dir; }
    std::string config_path() const { return m_dir.file("server.toml"); }
    /// The vault's location: a SQLite file in dir(), or a PostgreSQL URL in the OnPostgres. run.
    std::string vault_path() const { return m_vault; }
    /// Where the server writes its audit anchor by default (beside server.toml for a database).
    std::string anchor_path() const {
        return testing_on_postgres() ? m_dir.file("audit.anchor") : m_vault + ".anchor";
    }
    std::string log_text() const { return read_text(m_dir.file("skolvag.log")); }
    std::string stderr_text() const { return read_text(m_dir.file("serve.err")); }

    /** Registers a home as `client` and returns the token (fails the test otherwise). */
    std::string register_home(const TestHome& home, const std::string& client = "registrar",
                              const std::string& extra_json = "") const;

    void stop();      ///< SIGTERM and wait
    void kill9();     ///< SIGKILL: no chance to flush or close anything
    void start();     ///< (re)start on a new port with the same files
    /** Starts; false, with what the server said, when it exits (or hangs) before listening. */
    bool try_start(std::string& output);
    bool running() const;

private:
    Options m_options;
    TempDir m_dir;
    std::string m_vault;
    std::map<std::string, std::string> m_keys;
    int m_pid = -1;
    int m_port = -1;
};

} // namespace skolvag::testing
