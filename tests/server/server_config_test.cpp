// SPDX-License-Identifier: MIT
// server.toml: every key, paths relative to the file, and clear errors.
#include "api/server/server_config.hpp"
#include "geodata/errors.hpp"

#include <gtest/gtest.h>

using namespace skolvag::api;

namespace {

const std::string kHash(64, 'a');

std::string base(const std::string& extra = "", const std::string& listen = "127.0.0.1:8080") {
    return "network = \"city.osm.pbf\"\nvault = \"vault.sqlite\"\nkey_file = \"vault.key\"\nlisten = \"" + listen +
           "\"\n" + extra +
           "\n[[tenant]]\nname = \"exempelkommun\"\nschools = \"schools.csv\"\nrules = \"rules.toml\"\n"
           "\n[[client]]\nname = \"case-system\"\ntenant = \"exempelkommun\"\nroles = [\"case\"]\nkey_sha256 = \"" +
           kHash + "\"\nrate_per_minute = 60\n";
}

std::string config_error(const std::string& text) {
    try {
        parse_server_config(text, "server.toml", "/etc/skolvag");
    } catch (const skolvag::geodata::ConfigError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(ServerConfig, ReadsEveryKeyAndResolvesPathsAgainstTheConfigFolder) {
    const ServerConfig c = parse_server_config(
        base("tls_cert = \"tls/server.crt\"\ntls_key = \"/secure/server.key\"\nallow_plain_http = false\n"
             "log_file = \"skolvag.log\"\naudit_anchor = \"/anchors/skolvag.anchor\"\nmetrics_key_sha256 = \"" +
             std::string(64, 'D') + "\"\n"),
        "server.toml", "/etc/skolvag");
    EXPECT_EQ(c.audit_anchor, "/anchors/skolvag.anchor");
    EXPECT_EQ(c.metrics_key_sha256, std::string(64, 'd'));
    const ServerConfig limited = parse_server_config(
        base("request_timeout_s = 5\nmax_connections = 100\nmax_connections_per_address = 10\n"), "server.toml", "/etc");
    EXPECT_EQ(limited.connections.request_timeout_s, 5);
    EXPECT_EQ(limited.connections.max_connections, 100U);
    EXPECT_EQ(limited.connections.max_connections_per_address, 10U);
    EXPECT_EQ(c.network, "/etc/skolvag/city.osm.pbf");
    EXPECT_EQ(c.vault, "/etc/skolvag/vault.sqlite");
    EXPECT_EQ(c.tls_cert, "/etc/skolvag/tls/server.crt");
    EXPECT_EQ(c.tls_key, "/secure/server.key");
    EXPECT_EQ(c.log_file, "/etc/skolvag/skolvag.log");
    EXPECT_EQ(c.listen_host, "127.0.0.1");
    EXPECT_EQ(c.listen_port, 8080);
    ASSERT_EQ(c.tenants.size(), 1U);
    EXPECT_EQ(c.tenants[0].schools, "/etc/skolvag/schools.csv");
    ASSERT_EQ(c.clients.size(), 1U);
    EXPECT_EQ(c.clients[0].roles, std::set<Role>{Role::case_officer});
    EXPECT_EQ(c.clients[0].rate_per_minute, 60.0);
    EXPECT_TRUE(c.listens_on_loopback());
}

TEST(ServerConfig, DefaultsToLoopbackAndStderr) {
    std::string text = base();
    text.erase(text.find("listen = "), text.find('\n', text.find("listen = ")) - text.find("listen = ") + 1);
    const ServerConfig c = parse_server_config(text, "server.toml", "/etc/skolvag");
    EXPECT_EQ(c.listen_host, "127.0.0.1");
    EXPECT_EQ(c.listen_port, 8080);
    EXPECT_FALSE(c.log_file.has_value());
    EXPECT_EQ(c.audit_anchor, "/etc/skolvag/vault.sqlite.anchor");
    EXPECT_FALSE(c.metrics_key_sha256.has_value()); // /metrics shows only the process's own figures
}

TEST(ServerConfig, PlainHttpOffLoopbackIsRefusedUnlessAllowed) {
    EXPECT_NE(config_error(base("", "0.0.0.0:8080")).find("without TLS"), std::string::npos);
    EXPECT_EQ(config_error(base("allow_plain_http = true\n", "0.0.0.0:8080")), "");
    EXPECT_EQ(config_error(base("tls_cert = \"a.crt\"\ntls_key = \"a.key\"\n", "0.0.0.0:8443")), "");
    // Loopback is an address, not a prefix of a name.
    EXPECT_EQ(config_error(base("", "127.0.0.2:8080")), "");
    EXPECT_EQ(config_error(base("", "localhost:8080")), "");
    EXPECT_NE(config_error(base("", "127.example.org:8080")).find("without TLS"), std::string::npos);
}

TEST(ServerConfig, BadConfigsAreErrorsNamingTheProblem) {
    struct Case {
        std::string text;
        std::string message;
    };
    const std::vector<Case> cases = {
        {base("port = 8080\n"), "unknown key 'port'"},
        {base("tls_cert = \"a.crt\"\n"), "both 'tls_cert' and 'tls_key'"},
        {base("", "8080"), "'listen' must be HOST:PORT"},
        {base("", "127.0.0.1:65536"), "'listen' must be HOST:PORT"},
        {base("", "127.0.0.1:80806666666666666666666666666666666"), "'listen' must be HOST:PORT"}, // found by fuzzing
        {base("allow_plain_http = \"yes\"\n"), "'allow_plain_http' must be true or false"},
        {base() + "\n[[client]]\nname = \"x\"\ntenant = \"nowhere\"\nroles = [\"case\"]\nkey_sha256 = \"" +
             std::string(64, 'b') + "\"\n",
         "unknown tenant 'nowhere'"},
        {base() + "\n[[client]]\nname = \"x\"\ntenant = \"exempelkommun\"\nroles = [\"root\"]\nkey_sha256 = \"" +
             std::string(64, 'b') + "\"\n",
         "unknown role"},
        {base() + "\n[[client]]\nname = \"x\"\ntenant = \"exempelkommun\"\nroles = [\"case\"]\nkey_sha256 = \"abc\"\n",
         "64 hex digits"},
        {base() + "\n[[client]]\nname = \"x\"\ntenant = \"exempelkommun\"\nroles = [\"case\"]\nkey_sha256 = \"" + kHash +
             "\"\n",
         "share a key"},
        {base() + "\n[[client]]\nname = \"case-system\"\ntenant = \"exempelkommun\"\nroles = [\"case\"]\nkey_sha256 = \"" +
             std::string(64, 'c') + "\"\n",
         "named twice"},
        {"vault = \"v\"\nkey_file = \"k\"\n", "missing key 'network'"},
        {base("metrics_key_sha256 = \"secret\"\n"), "'metrics_key_sha256' must be 64 hex digits"},
        {base("request_timeout_s = 0\n"), "'request_timeout_s' must be a whole number from 1 to 600"},
        {base("max_connections = 5000\n"), "'max_connections' must be a whole number from 1 to 900"},
        {base("max_connections = 10\nmax_connections_per_address = 11\n"),
         "'max_connections_per_address' must be a whole number from 1 to 10"},
        {base("max_schools_per_token = 2.5\n"), "'max_schools_per_token' must be a whole number from 1 to 1000"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.message);
        const std::string message = config_error(c.text);
        EXPECT_NE(message.find(c.message), std::string::npos) << message;
        EXPECT_NE(message.find("server.toml"), std::string::npos) << message;
    }
}

TEST(ServerConfig, TheMapsNetworkCaps) {
    const ServerConfig defaults = parse_server_config(base(), "server.toml", "/etc");
    EXPECT_EQ(defaults.network_limits.max_km2, 4.0);
    EXPECT_EQ(defaults.network_limits.max_edges, 20000U);

    const ServerConfig c =
        parse_server_config(base("max_network_km2 = 2.5\nmax_network_edges = 5000\n"), "server.toml", "/etc");
    EXPECT_EQ(c.network_limits.max_km2, 2.5);
    EXPECT_EQ(c.network_limits.max_edges, 5000U);

    EXPECT_NE(config_error(base("max_network_km2 = 0\n")).find("max_network_km2"), std::string::npos);
    EXPECT_NE(config_error(base("max_network_km2 = 500\n")).find("max_network_km2"), std::string::npos);
    EXPECT_NE(config_error(base("max_network_edges = 0\n")).find("max_network_edges"), std::string::npos);
}

TEST(ServerConfig, TheMapsTileUrlIsAnHttpsTemplateThatCannotBreakThePagesPolicy) {
    EXPECT_FALSE(parse_server_config(base(), "server.toml", "/etc").tile_url.has_value());
    const ServerConfig c =
        parse_server_config(base("tile_url = \"https://tiles.example.se:8443/osm/{z}/{x}/{y}.png\"\n"), "server.toml", "/etc");
    EXPECT_EQ(c.tile_url, "https://tiles.example.se:8443/osm/{z}/{x}/{y}.png");
    EXPECT_EQ(tile_origin(*c.tile_url), "https://tiles.example.se:8443");

    for (const std::string bad :
         {"http://tiles.example.se/{z}/{x}/{y}.png", "https://tiles.example.se/{z}/{x}.png", "https://{z}/{x}/{y}",
          "https://tiles.example.se/{z}/{x}/{y}.png; script-src *", "https://tiles.example.se/{z}/{x}/{y}.png'",
          "https://user@tiles.example.se/{z}/{x}/{y}.png", "https://tiles example.se/{z}/{x}/{y}.png", "https://",
          "https://*/{z}/{x}/{y}.png", "https://*.example.se/{z}/{x}/{y}.png", "https://tiles.example.se:/{z}/{x}/{y}",
          "https://tiles.example.se:{z}/{x}/{y}",
          // no scheme at all, or none before the host: no origin to read (the fuzzer's find)
          "server.cr6c93c076dbe9f%58c11c752", "tiles.example.se/{z}/{x}/{y}.png", "//tiles.example.se/{z}/{x}/{y}"}) {
        EXPECT_NE(config_error(base("tile_url = \"" + bad + "\"\n")).find("'tile_url' must be an https URL template"),
                  std::string::npos)
            << bad;
    }
}

TEST(ServerConfig, APostgresqlVaultIsAnAddressNotAPathAndCarriesNoPassword) {
    std::string text = base();
    const auto replace_vault = [&](const std::string& value) {
        std::string t = text;
        t.replace(t.find("\"vault.sqlite\""), std::string("\"vault.sqlite\"").size(), "\"" + value + "\"");
        return t;
    };
    const ServerConfig c =
        parse_server_config(replace_vault("postgresql://skolvag@db.kommun.se:5432/skolvag"), "server.toml", "/etc/skolvag");
    EXPECT_EQ(c.vault, "postgresql://skolvag@db.kommun.se:5432/skolvag");
    // Each replica keeps its own anchor beside its server.toml.
    EXPECT_EQ(c.audit_anchor, "/etc/skolvag/audit.anchor");
    // A password belongs in PGPASSFILE or PGPASSWORD: refused, and never quoted.
    for (const std::string& url : {std::string("postgresql://skolvag:Hemligt123@db.kommun.se/skolvag"),
                                   std::string("postgresql://skolvag@db.kommun.se/skolvag?password=Hemligt123")}) {
        const std::string error = config_error(replace_vault(url));
        EXPECT_NE(error.find("PGPASSWORD"), std::string::npos) << error;
        EXPECT_EQ(error.find("Hemligt123"), std::string::npos) << error;
    }
}
