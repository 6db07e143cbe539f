// SPDX-License-Identifier: MIT
#include "api/server/server_config.hpp"

#include "api/vault/vault_store.hpp"

#include "geodata/errors.hpp"
#include "geodata/input_file.hpp"
#include "geodata/text/decimal.hpp"
#include "geodata/toml_reader.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <netinet/in.h>

namespace skolvag::api {

namespace {

/// The shared TOML reader, plus required non-empty strings.
class ConfigReader : public geodata::TomlReader {
public:
    using TomlReader::TomlReader;

    std::string string(const toml::table& t, const char* key, const std::string& context, bool required) const {
        const toml::node* n = t.get(key);
        if (n == nullptr) {
            if (required) {
                fail(t.source(), "missing key '" + std::string(key) + "'" + context);
            }
            return {};
        }
        const std::string s = TomlReader::string(*n, key);
        if (s.empty()) {
            fail(n->source(), "'" + std::string(key) + "' must not be empty" + context);
        }
        return s;
    }
};

std::string resolve(const std::string& directory, const std::string& path) {
    if (path.empty() || std::filesystem::path(path).is_absolute()) {
        return path;
    }
    return (std::filesystem::path(directory) / path).lexically_normal().string();
}

bool is_hex64(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::optional<Role> role_from(std::string_view s) {
    if (s == "registrar") {
        return Role::registrar;
    }
    if (s == "case") {
        return Role::case_officer;
    }
    if (s == "admin") {
        return Role::admin;
    }
    if (s == "auditor") {
        return Role::auditor;
    }
    return std::nullopt;
}

} // namespace

bool ServerConfig::listens_on_loopback() const {
    // Addresses are parsed, not matched as text: "127.example.org" is a host name.
    in_addr v4{};
    if (inet_pton(AF_INET, listen_host.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, listen_host.c_str(), &v6) == 1) {
        return IN6_IS_ADDR_LOOPBACK(&v6);
    }
    return listen_host == "localhost";
}

namespace {

/// `listen = "HOST:PORT"`; an IPv6 host may be in brackets.
void parse_listen(const ConfigReader& r, const toml::table& root, ServerConfig& c) {
    const toml::node* n = root.get("listen");
    if (n == nullptr) {
        return;
    }
    const std::string listen = r.string(root, "listen", "", true);
    const auto colon = listen.rfind(':');
    long long port = -1;
    const std::string digits = colon == std::string::npos ? "" : listen.substr(colon + 1);
    if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) != 0;
        })) {
        port = geodata::parse_whole_number(digits).value_or(-1); // -1 also for more digits than a long long holds
    }
    if (colon == 0 || port < 0 || port > 65535) {
        r.fail(n->source(), "'listen' must be HOST:PORT, e.g. 127.0.0.1:8080");
    }
    c.listen_host = listen.substr(0, colon);
    if (c.listen_host.size() > 2 && c.listen_host.front() == '[' && c.listen_host.back() == ']') {
        c.listen_host = c.listen_host.substr(1, c.listen_host.size() - 2);
    }
    c.listen_port = static_cast<int>(port);
}

/// A key's SHA-256 as `skolvag hash-key` prints it (second line), lower-cased.
std::string key_sha256(const ConfigReader& r, const toml::table& t, const char* key, const std::string& context) {
    std::string hex = r.string(t, key, context, true);
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); });
    if (!is_hex64(hex)) {
        r.fail(t.get(key)->source(),
               "'" + std::string(key) + "' must be 64 hex digits (the second line of `skolvag hash-key`)" + context);
    }
    return hex;
}

/// The files of the top level and whether plain HTTP is allowed.
void parse_files(const ConfigReader& r, const toml::table& root, const std::string& directory, ServerConfig& c) {
    c.network = resolve(directory, r.string(root, "network", "", true));
    // A postgresql:// URL names a database; anything else is a SQLite file's path.
    c.vault = r.string(root, "vault", "", true);
    if (is_postgres_location(c.vault)) {
        try {
            check_vault_location(c.vault);
        } catch (const VaultError& e) {
            r.fail(root.get("vault")->source(), std::string("'vault': ") + e.what());
        }
    } else {
        c.vault = resolve(directory, c.vault);
    }
    c.key_file = resolve(directory, r.string(root, "key_file", "", true));
    auto optional_path = [&](const char* key, std::optional<std::string>& out) {
        if (root.get(key) != nullptr) {
            out = resolve(directory, r.string(root, key, "", true));
        }
    };
    optional_path("tls_cert", c.tls_cert);
    optional_path("tls_key", c.tls_key);
    optional_path("log_file", c.log_file);
    std::optional<std::string> anchor;
    optional_path("audit_anchor", anchor);
    // A database's anchor is a file beside server.toml: each replica keeps its own.
    c.audit_anchor =
        anchor.value_or(is_postgres_location(c.vault) ? resolve(directory, "audit.anchor") : c.vault + ".anchor");
    if (c.tls_cert.has_value() != c.tls_key.has_value()) {
        r.fail(root.source(), "TLS needs both 'tls_cert' and 'tls_key'");
    }
    if (const toml::node* n = root.get("allow_plain_http")) {
        c.allow_plain_http = r.boolean(*n, "allow_plain_http");
    }
    if (root.get("metrics_key_sha256") != nullptr) {
        c.metrics_key_sha256 = key_sha256(r, root, "metrics_key_sha256", "");
    }
}

/// An optional whole number within [low, high] at the top level.
template <typename T> void whole_number(const ConfigReader& r, const toml::table& root, const char* key, T low, T high, T& out) {
    const toml::node* n = root.get(key);
    if (n == nullptr) {
        return;
    }
    const double v = r.number(*n, key, true); // the range below names the bounds
    if (v != std::floor(v) || v < static_cast<double>(low) || v > static_cast<double>(high)) {
        r.fail(n->source(), "'" + std::string(key) + "' must be a whole number from " + std::to_string(low) + " to " +
                                std::to_string(high));
    }
    out = static_cast<T>(v);
}

/// The limits: per token, and per connection and client address.
void parse_limits(const ConfigReader& r, const toml::table& root, ServerConfig& c) {
    whole_number<std::size_t>(r, root, "max_schools_per_token", 1, 1000, c.max_schools_per_token);
    ConnectionLimits& l = c.connections;
    whole_number(r, root, "request_timeout_s", 1, 600, l.request_timeout_s);
    // Below FD_SETSIZE (1024) with room for the vault's and the log's files: cpp-httplib
    // answers 500 on a socket numbered beyond it.
    whole_number<std::size_t>(r, root, "max_connections", 1, 900, l.max_connections);
    l.max_connections_per_address = std::min(l.max_connections_per_address, l.max_connections);
    whole_number<std::size_t>(r, root, "max_connections_per_address", 1, l.max_connections,
                              l.max_connections_per_address);
    if (const toml::node* n = root.get("max_network_km2")) {
        const double km2 = r.number(*n, "max_network_km2", false);
        if (!(km2 <= 100.0)) {
            r.fail(n->source(), "'max_network_km2' must be a number above 0 and at most 100");
        }
        c.network_limits.max_km2 = km2;
    }
    whole_number<std::size_t>(r, root, "max_network_edges", 1, 200000, c.network_limits.max_edges);
}

/// A host name with an optional port: what a tile_url's origin may be, so that the
/// page's Content-Security-Policy allows that one server (no wildcard, no userinfo).
bool is_plain_host(std::string_view host) {
    const std::size_t colon = host.find(':');
    const std::string_view name = host.substr(0, colon);
    const std::string_view port = colon == std::string_view::npos ? "1" : host.substr(colon + 1);
    const auto name_char = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-'; };
    const auto digit = [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; };
    return !name.empty() && !port.empty() && port.size() <= 5 && std::all_of(name.begin(), name.end(), name_char) &&
           std::all_of(port.begin(), port.end(), digit);
}

/// tile_url: https, with {z}, {x} and {y}, a plain host, and nothing that could break
/// out of the page's Content-Security-Policy or a JavaScript string (blanks, quotes,
/// ';', ',', '<', '>', backslashes).
void parse_tile_url(const ConfigReader& r, const toml::table& root, ServerConfig& c) {
    const toml::node* n = root.get("tile_url");
    if (n == nullptr) {
        return;
    }
    const std::string url = r.string(root, "tile_url", "", true);
    const std::string prefix = "https://";
    const bool plain_characters = std::all_of(url.begin(), url.end(), [](char ch) {
        return ch > ' ' && ch < 127 && std::string_view("\"'`;,<>@\\").find(ch) == std::string_view::npos;
    });
    // The origin only of an https URL: any other text has none (and no substr past its end).
    const std::string origin = url.rfind(prefix, 0) == 0 ? tile_origin(url) : "";
    const std::string host = origin.size() > prefix.size() ? origin.substr(prefix.size()) : "";
    if (url.rfind(prefix, 0) != 0 || !plain_characters || !is_plain_host(host) ||
        url.find("{z}") == std::string::npos || url.find("{x}") == std::string::npos ||
        url.find("{y}") == std::string::npos) {
        r.fail(n->source(), "'tile_url' must be an https URL template with {z}, {x} and {y}, e.g. "
                            "https://tiles.example.se/{z}/{x}/{y}.png");
    }
    c.tile_url = url;
}

/// A non-empty [[key]] array of tables.
const toml::array& tables_of(const ConfigReader& r, const toml::table& root, const char* key) {
    const toml::node* n = root.get(key);
    if (n == nullptr || !n->is_array_of_tables() || n->as_array()->empty()) {
        r.fail(root.source(), "at least one [[" + std::string(key) + "]] is needed");
    }
    return *n->as_array();
}

TenantConfig parse_tenant(const ConfigReader& r, const toml::table& t, const std::string& directory) {
    const std::string context = " in [[tenant]]";
    r.reject_unknown_keys(t, {"name", "schools", "rules", "crs", "stops"}, context);
    TenantConfig tc;
    tc.name = r.string(t, "name", context, true);
    tc.schools = resolve(directory, r.string(t, "schools", context, true));
    tc.rules = resolve(directory, r.string(t, "rules", context, true));
    if (t.get("crs") != nullptr) {
        tc.crs = r.string(t, "crs", context, true);
    }
    if (t.get("stops") != nullptr) {
        tc.stops = resolve(directory, r.string(t, "stops", context, true));
    }
    return tc;
}

std::set<Role> parse_roles(const ConfigReader& r, const toml::table& t, const std::string& named) {
    const toml::node* roles = t.get("roles");
    if (roles == nullptr || !roles->is_array() || roles->as_array()->empty()) {
        r.fail(t.source(), "'roles' must be a non-empty array" + named);
    }
    std::set<Role> out;
    for (const toml::node& rn : *roles->as_array()) {
        const auto name = rn.value_exact<std::string>();
        const auto role = name ? role_from(*name) : std::nullopt;
        if (!role) {
            r.fail(rn.source(), "unknown role" + named + " (roles: registrar, case, admin, auditor)");
        }
        out.insert(*role);
    }
    return out;
}

ClientConfig parse_client(const ConfigReader& r, const toml::table& t, const std::vector<TenantConfig>& tenants) {
    r.reject_unknown_keys(t, {"name", "tenant", "roles", "key_sha256", "rate_per_minute"}, " in [[client]]");
    ClientConfig cc;
    cc.name = r.string(t, "name", " in [[client]]", true);
    const std::string named = " in [[client]] '" + cc.name + "'";
    cc.tenant = r.string(t, "tenant", named, true);
    if (std::none_of(tenants.begin(), tenants.end(), [&](const TenantConfig& tc) { return tc.name == cc.tenant; })) {
        r.fail(t.get("tenant")->source(), "unknown tenant '" + cc.tenant + "'" + named);
    }
    cc.roles = parse_roles(r, t, named);
    cc.key_sha256 = key_sha256(r, t, "key_sha256", named);
    if (const toml::node* n = t.get("rate_per_minute")) {
        cc.rate_per_minute = r.number(*n, "rate_per_minute", false);
    }
    return cc;
}

} // namespace

std::string tile_origin(const std::string& tile_url) {
    const std::size_t host_at = tile_url.find("://");
    if (host_at == std::string::npos) {
        return "";
    }
    return tile_url.substr(0, tile_url.find('/', host_at + 3));
}

ServerConfig parse_server_config(const std::string& text, const std::string& source_name, const std::string& directory) {
    const ConfigReader r(source_name, geodata::TomlReader::Kind::server_config);
    const toml::table root = r.parse(text);
    r.reject_unknown_keys(root,
                          {"network", "vault", "key_file", "listen", "tls_cert", "tls_key", "allow_plain_http",
                           "log_file", "max_schools_per_token", "audit_anchor", "metrics_key_sha256",
                           "request_timeout_s", "max_connections", "max_connections_per_address", "max_network_km2",
                           "max_network_edges", "tile_url", "tenant", "client"},
                          "");
    ServerConfig c;
    c.path = source_name;
    parse_files(r, root, directory, c);
    parse_limits(r, root, c);
    parse_tile_url(r, root, c);
    parse_listen(r, root, c);
    for (const toml::node& node : tables_of(r, root, "tenant")) {
        TenantConfig tc = parse_tenant(r, *node.as_table(), directory);
        for (const TenantConfig& other : c.tenants) {
            if (other.name == tc.name) {
                r.fail(node.source(), "tenant '" + tc.name + "' is named twice");
            }
        }
        c.tenants.push_back(std::move(tc));
    }
    for (const toml::node& node : tables_of(r, root, "client")) {
        ClientConfig cc = parse_client(r, *node.as_table(), c.tenants);
        for (const ClientConfig& other : c.clients) {
            if (other.name == cc.name) {
                r.fail(node.source(), "client '" + cc.name + "' is named twice");
            }
            if (other.key_sha256 == cc.key_sha256) {
                r.fail(node.source(), "clients '" + other.name + "' and '" + cc.name + "' share a key");
            }
        }
        c.clients.push_back(std::move(cc));
    }
    if (!c.listens_on_loopback() && !c.uses_tls() && !c.allow_plain_http) {
        r.fail(root.source(), "listening on " + c.listen_host +
                                  " without TLS would send tokens and keys in clear text: configure tls_cert and "
                                  "tls_key, or set allow_plain_http = true behind a TLS proxy");
    }
    return c;
}

ServerConfig load_server_config(const std::string& path) {
    std::string text;
    try {
        text = geodata::read_input_file(path, "server config");
    } catch (const geodata::InputError& e) {
        throw geodata::ConfigError(e.what());
    }
    const std::string directory = std::filesystem::path(path).parent_path().string();
    return parse_server_config(text, path, directory.empty() ? "." : directory);
}

} // namespace skolvag::api
