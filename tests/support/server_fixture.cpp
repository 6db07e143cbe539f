// SPDX-License-Identifier: MIT
#include "tests/support/server_fixture.hpp"

#include "api/vault/crypto.hpp"
#include "geodata/projection.hpp"
#include "geodata/sha256.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <regex>
#include <sys/stat.h>
#include <filesystem>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace skolvag::testing {

namespace {
std::string demo(const std::string& file) { return std::string(SKOLVAG_SOURCE_DIR) + "/scripts/demo/" + file; }

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}
} // namespace

std::string demo_file(const std::string& name) { return demo(name); }

bool holds_place(const std::string& text, const TestHome& home) {
    const double lon = std::stod(home.lon);
    const double lat = std::stod(home.lat);
    // Degrees cut (not rounded) to 6 and 5 decimals: any longer form, rounded or not,
    // holds the 5-decimal cut.
    std::vector<std::pair<std::string, std::string>> forms;
    for (std::size_t decimals : {6U, 5U}) {
        const std::string x = home.lon;
        const std::string y = home.lat;
        forms.push_back({x.substr(0, x.find('.') + 1 + decimals), y.substr(0, y.find('.') + 1 + decimals)});
    }
    const geodata::Projection to_grid(geodata::kWgs84, geodata::kSweref99Tm);
    if (const auto xy = to_grid.transform(lon, lat)) {
        forms.push_back({fixed(std::floor(xy->first), 0), fixed(std::floor(xy->second), 0)});
        forms.push_back({fixed(xy->first, 0), fixed(xy->second, 0)});
    }
    for (const auto& [x, y] : forms) {
        if (text.find(x) != std::string::npos && text.find(y) != std::string::npos) {
            return true;
        }
    }
    return false;
}

std::vector<TestClient> ServerFixture::default_clients() {
    return {
        {"registrar", "exempelby", {"registrar"}},
        {"registrar2", "exempelby", {"registrar"}},
        {"case-system", "exempelby", {"case"}},
        {"dpo", "exempelby", {"admin"}},
        {"auditor", "exempelby", {"auditor"}},
        {"grannby-registrar", "grannby", {"registrar"}},
        {"grannby-case", "grannby", {"case", "admin"}},
    };
}

ServerFixture::ServerFixture(Options options)
    : m_options(std::move(options)),
      m_vault(m_options.vault.empty() ? fresh_vault_location(m_dir) : m_options.vault) {
    std::string config = "network = \"" + (m_options.network.empty() ? demo("exempelby.osm") : m_options.network) +
                         "\"\n"
                         "vault = \"" + m_vault + "\"\n"
                         "key_file = \"vault.key\"\n"
                         "listen = \"127.0.0.1:0\"\n"
                         "log_file = \"skolvag.log\"\n" +
                         m_options.top_config;
    if (m_options.tls) {
        const std::string cert = m_dir.file("server.crt");
        const std::string key = m_dir.file("server.key");
        const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout " + key +
                                " -out " + cert + " >/dev/null 2>&1";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
        chmod(key.c_str(), 0600); // a private key for the server's user alone
        config += "tls_cert = \"server.crt\"\ntls_key = \"server.key\"\n";
    }
    for (const char* tenant : {"exempelby", "grannby"}) {
        config += std::string("\n[[tenant]]\nname = \"") + tenant + "\"\nschools = \"" + demo("exempelby-schools.csv") +
                  "\"\nrules = \"" + (m_options.rules.empty() ? demo("exempelby-rules.toml") : m_options.rules) +
                  "\"\n" + m_options.tenant_config;
    }
    for (const TestClient& c : m_options.clients) {
        const auto given = m_options.keys.find(c.name);
        const std::string key = given != m_options.keys.end() ? given->second : api::new_api_key();
        m_keys[c.name] = key;
        config += "\n[[client]]\nname = \"" + c.name + "\"\ntenant = \"" + c.tenant + "\"\nroles = [";
        for (std::size_t i = 0; i < c.roles.size(); ++i) {
            config += (i > 0 ? ", \"" : "\"") + c.roles[i] + "\"";
        }
        config += "]\nkey_sha256 = \"" + geodata::sha256_hex(key) + "\"\n";
        if (c.rate_per_minute > 0) {
            config += "rate_per_minute = " + std::to_string(c.rate_per_minute) + "\n";
        }
    }
    config += m_options.extra_config;
    m_dir.write("server.toml", config);
    if (m_options.key_file.empty()) {
        const CommandResult key = run_skolvag({"vault-key", "--out", m_dir.file("vault.key")});
        EXPECT_EQ(key.exit_code, 0) << key.err;
    } else {
        std::filesystem::copy_file(m_options.key_file, m_dir.file("vault.key"));
    }
    if (m_options.start) {
        start();
    }
}

ServerFixture::~ServerFixture() {
    if (m_pid > 0) {
        stop();
    }
}

std::vector<std::string> ServerFixture::api_keys() const {
    std::vector<std::string> keys;
    for (const auto& [name, key] : m_keys) {
        keys.push_back(key);
    }
    return keys;
}

void ServerFixture::start() {
    std::string output;
    if (!try_start(output)) {
        FAIL() << "skolvag serve did not start listening:\n" << output;
    }
}

bool ServerFixture::try_start(std::string& output) {
    const std::string err = m_dir.file("serve.err");
    std::fflush(stdout);
    std::fflush(stderr);
    m_pid = fork();
    if (m_pid == 0) {
        if (std::freopen("/dev/null", "w", stdout) == nullptr || std::freopen(err.c_str(), "a", stderr) == nullptr) {
            _exit(127);
        }
        std::string exe = SKOLVAG_EXECUTABLE;
        std::string serve = "serve";
        std::string flag = "--config";
        std::string config = config_path();
        char* argv[] = {exe.data(), serve.data(), flag.data(), config.data(), nullptr};
        execv(exe.c_str(), argv);
        _exit(127);
    }
    // Wait for this start's "listening on" line (earlier starts' lines are in the file too).
    const std::size_t lines_before = [&] {
        const std::string t = read_text(err);
        return static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n'));
    }();
    const std::regex listening(R"(listening on https?://127\.0\.0\.1:(\d+))");
    for (int i = 0; i < 600; ++i) {
        const std::string text = read_text(err);
        std::size_t line = 0;
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t end = text.find('\n', pos);
            const std::string l = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            std::smatch m;
            if (line >= lines_before && std::regex_search(l, m, listening)) {
                m_port = std::stoi(m[1]);
                return true;
            }
            ++line;
            pos = end == std::string::npos ? text.size() : end + 1;
        }
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            output = read_text(err);
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stop();
    output = "(still not listening after 30 s)\n" + read_text(err);
    return false;
}

bool ServerFixture::running() const { return m_pid > 0 && ::kill(m_pid, 0) == 0; }

void ServerFixture::stop() {
    if (m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
}

void ServerFixture::kill9() {
    if (m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGKILL);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
}

std::unique_ptr<httplib::Client> ServerFixture::client(const std::string& client_name) const {
    const std::string scheme = m_options.tls ? "https" : "http";
    auto c = std::make_unique<httplib::Client>(scheme + "://127.0.0.1:" + std::to_string(m_port));
    if (m_options.tls) {
        c->enable_server_certificate_verification(false); // a self-signed test certificate
    }
    c->set_connection_timeout(5);
    c->set_read_timeout(30);
    if (!client_name.empty()) {
        c->set_default_headers({{"Authorization", "Bearer " + api_key(client_name)}});
    }
    return c;
}

std::string ServerFixture::register_home(const TestHome& home, const std::string& client,
                                         const std::string& extra_json) const {
    const std::string body =
        std::string("{\"lon\":") + home.lon + ",\"lat\":" + home.lat + (extra_json.empty() ? "" : "," + extra_json) + "}";
    const auto res = this->client(client)->Post("/v1/tokens", body, "application/json");
    if (!res) {
        ADD_FAILURE() << "no answer to a registration"
                      << (running() ? std::string() : "; the server is gone:\n" + stderr_text());
        return "";
    }
    EXPECT_EQ(res->status, 201) << res->body;
    return nlohmann::json::parse(res->body, nullptr, false).value("token", "");
}

} // namespace skolvag::testing
