// SPDX-License-Identifier: MIT
// server.toml for `skolvag serve`: network, vault, key file, listen address, TLS,
// log file, audit anchor, limits, tenants (schools and rules) and clients (tenant,
// roles, SHA-256 of the API key, rate limit). Relative paths are relative to the
// config file.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace skolvag::api {

enum class Role { registrar, case_officer, admin, auditor };

struct TenantConfig {
    std::string name;
    std::string schools; ///< path
    std::string rules;   ///< path
    std::optional<std::string> crs; ///< CRS of a schools (and stops) file without its own (default as in batch)
    std::optional<std::string> stops = std::nullopt; ///< path of the pick-up stops file (stop_register.hpp), or none
};

struct ClientConfig {
    std::string name;
    std::string tenant;
    std::set<Role> roles;
    std::string key_sha256;     ///< lower-case hex
    double rate_per_minute = 600.0;
};

/// What one client may hold of the server's connections and for how long: the
/// defences against slow and flooding clients (each connection holds a thread).
struct ConnectionLimits {
    /// A request's line, headers and body must all arrive within this many seconds of
    /// its first byte (408 otherwise); an answer must be taken within as long.
    int request_timeout_s = 10;
    std::size_t max_connections = 512;            ///< open at once; beyond: 503 and closed
    std::size_t max_connections_per_address = 64; ///< from one client address; beyond: 429 and closed
};

/// How much of the walking network one GET /v1/network may ask for (the map's
/// background): no answer is unbounded, and none is silently cut short.
struct NetworkLimits {
    double max_km2 = 4.0;         ///< max_network_km2: the bbox's area
    std::size_t max_edges = 20000; ///< max_network_edges: edges in one answer
};

struct ServerConfig {
    std::string path;           ///< the config file itself
    std::string network;
    std::string vault;
    std::string key_file;
    std::string listen_host = "127.0.0.1";
    int listen_port = 8080;
    std::optional<std::string> tls_cert;
    std::optional<std::string> tls_key;
    bool allow_plain_http = false;
    std::optional<std::string> log_file; ///< default: stderr
    /// Distinct schools one token may be asked about (distances, assessments, routes):
    /// more would let a client locate the home from its distances to every school.
    std::size_t max_schools_per_token = 4;
    /// Where each tenant's newest audit entry is written every minute and at a stop,
    /// outside the vault; default: the vault's path with ".anchor".
    std::string audit_anchor;
    /// SHA-256 of the key that may read /metrics in full; without it, /metrics shows
    /// only figures of the process (no tokens held, no routes).
    std::optional<std::string> metrics_key_sha256;
    ConnectionLimits connections;
    NetworkLimits network_limits;
    /// The map's tile layer: an https URL template with {z}, {x} and {y}, for a
    /// municipality with a tile server; none: the map draws the network alone.
    std::optional<std::string> tile_url;
    std::vector<TenantConfig> tenants;
    std::vector<ClientConfig> clients;

    bool uses_tls() const { return tls_cert.has_value(); }
    /** True for 127.0.0.0/8, ::1 and localhost. */
    bool listens_on_loopback() const;
};

/** "https://host[:port]" of a tile_url, for the map page's Content-Security-Policy. */
std::string tile_origin(const std::string& tile_url);

/**
 * Reads and checks a server config.
 * @throws geodata::ConfigError naming the file, line and key: unknown keys, wrong types,
 *         a client of an unknown tenant, an unknown role, a malformed key_sha256, a
 *         repeated name or key, TLS with only one of cert and key, or plain HTTP off
 *         loopback without allow_plain_http.
 */
ServerConfig load_server_config(const std::string& path);

/** As load_server_config, from text (paths resolved against `directory`). */
ServerConfig parse_server_config(const std::string& text, const std::string& source_name, const std::string& directory);

} // namespace skolvag::api
