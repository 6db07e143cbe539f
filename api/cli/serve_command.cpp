// SPDX-License-Identifier: MIT
// `skolvag serve`, `skolvag hash-key`, `skolvag vault-key` and `skolvag audit-verify`:
// running the distance API and looking after its keys and audit trail.
#include "api/cli/arguments.hpp"
#include "api/cli/commands.hpp"
#include "api/server/access_log.hpp"
#include "api/server/distance_service.hpp"
#include "api/server/http_server.hpp"
#include "api/server/server_config.hpp"
#include "api/server/audit_upkeep.hpp"
#include "api/vault/audit_anchor.hpp"
#include "api/vault/crypto.hpp"
#include "api/vault/key_file.hpp"
#include "api/vault/token_vault.hpp"
#include "geodata/errors.hpp"
#include "geodata/prepared_network.hpp"
#include "geodata/sha256.hpp"

#include <openssl/crypto.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>

namespace skolvag::api {

namespace {

/// The vault opened with the key from its key file; the key is wiped from memory after.
std::unique_ptr<TokenVault> open_vault(const ServerConfig& config) {
    Key256 key = read_key_file(config.key_file);
    try {
        auto vault = std::make_unique<TokenVault>(config.vault, key);
        OPENSSL_cleanse(key.data(), key.size());
        return vault;
    } catch (const VaultError& e) {
        OPENSSL_cleanse(key.data(), key.size());
        // SQLite's own errors name the file already, PostgreSQL's the database; the key check does not.
        const std::string what = e.what();
        const std::string name = vault_location_name(config.vault);
        throw geodata::StartupError(what.find(name) != std::string::npos ? what : name + ": " + what);
    }
}

/// Refuses to start on an audit trail that lacks an entry its anchor records: the
/// newest entries (or all of them) were removed while the server was down.
void require_anchored_trail(const ServerConfig& config, TokenVault& vault) {
    if (const std::optional<AuditHeads> anchor = read_audit_anchor(config.audit_anchor)) {
        const std::string missing = vault.audit_anchor_mismatch(*anchor);
        if (!missing.empty()) {
            throw geodata::StartupError(vault_location_name(config.vault) +
                                        ": the audit trail does not hold what its anchor " +
                                        config.audit_anchor + " records: " + missing);
        }
    }
}

} // namespace

int serve_command(const std::vector<std::string>& args) {
    // SIGINT and SIGTERM are taken by one thread that stops the server cleanly. Blocked
    // first, before any thread exists (the vault's checkpointer, the HTTP pool), so
    // that every thread inherits the mask and none is killed mid-write by a signal.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    // The vault, its write-ahead log and the log file are for this user alone.
    umask(077);

    const Arguments a("serve", args, {"config"});
    const ServerConfig config = load_server_config(a.require("config"));
    if (config.uses_tls()) {
        require_private_file(*config.tls_key, "the TLS private key");
    }
    AccessLog log(config.log_file.value_or(""));
    std::unique_ptr<TokenVault> vault = open_vault(config);
    require_anchored_trail(config, *vault);
    AuditUpkeep upkeep(*vault, config.audit_anchor, log); // anchors now, every minute and at the stop

    const unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    ServerNetwork network(geodata::load_network(config.network)); // an OSM file or a prepared one
    std::vector<std::unique_ptr<Tenant>> tenants;
    for (const TenantConfig& t : config.tenants) {
        tenants.push_back(load_tenant(t, network, threads));
    }
    DistanceService service(network, tenants, *vault, config.max_schools_per_token, config.network_limits);
    HttpServer server(config, service, upkeep, log);
    const int port = server.bind();
    if (port < 0) {
        throw geodata::StartupError(config.path + ": cannot listen on " + config.listen_host + ":" +
                                  std::to_string(config.listen_port) +
                                  (config.uses_tls() ? " (or the TLS certificate and key cannot be used)" : ""));
    }
    const std::string where = std::string(config.uses_tls() ? "https://" : "http://") + config.listen_host + ":" +
                              std::to_string(port);
    log.message("skolvag serve: listening on " + where + " (" + std::to_string(tenants.size()) + " tenants)");
    std::cerr << "skolvag serve: listening on " << where << std::endl;

    std::thread signals([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        log.message("skolvag serve: stopping on signal " + std::to_string(sig));
        server.stop();
    });
    const bool ok = server.serve();
    // A stop that did not come from a signal: wake the signal thread so it can end.
    pthread_kill(signals.native_handle(), SIGTERM);
    signals.join();
    log.message("skolvag serve: stopped");
    return ok ? 0 : 1;
}

int hash_key_command(const std::vector<std::string>& args) {
    const Arguments a("hash-key", args, {});
    const std::string key = new_api_key();
    std::cout << key << '\n' << geodata::sha256_hex(key) << '\n';
    return 0;
}

int vault_key_command(const std::vector<std::string>& args) {
    const Arguments a("vault-key", args, {"out"});
    const std::string path = a.require("out");
    write_new_key_file(path);
    std::cerr << "skolvag vault-key: wrote 32 random bytes to " << path << " (mode 0600); keep it outside the vault\n";
    return 0;
}

int audit_verify_command(const std::vector<std::string>& args) {
    const Arguments a("audit-verify", args, {"config"});
    const ServerConfig config = load_server_config(a.require("config"));
    if (!vault_exists(config.vault)) {
        // Opening would create an empty vault, whose empty trail "verifies".
        throw geodata::ConfigError(vault_location_name(config.vault) + ": no vault here (vault in " + config.path + ")");
    }
    const std::unique_ptr<TokenVault> vault = open_vault(config);
    const AuditVerification v = vault->verify_audit();
    if (!v.ok) {
        std::cout << "audit trail BROKEN at entry " << v.first_bad_id << " of tenant '" << v.tenant << "': " << v.reason
                  << "\n";
        return 1;
    }
    const std::optional<AuditHeads> anchor = read_audit_anchor(config.audit_anchor);
    const std::string missing = anchor ? vault->audit_anchor_mismatch(*anchor) : "";
    if (!missing.empty()) {
        std::cout << "audit trail BROKEN against its anchor " << config.audit_anchor << ": " << missing << "\n";
        return 1;
    }
    std::cout << "audit trail verified: " << v.entries << " entries in " << v.heads.size() << " tenants' chains"
              << (anchor ? ", and it holds its anchor" : "; no anchor (" + config.audit_anchor + ") to check it against")
              << "\n";
    return 0;
}

} // namespace skolvag::api
