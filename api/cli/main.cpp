// SPDX-License-Identifier: MIT
// The skolvag executable: dispatches to one function per subcommand.
#include "api/cli/commands.hpp"
#include "api/eligibility/version.hpp"
#include "geodata/errors.hpp"

#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(usage: skolvag COMMAND [OPTIONS]

Commands:
  network-info --network FILE
      Read an OSM file and print the walking network's statistics as JSON.
  distances --network FILE --pairs PAIRS.csv --out OUT.csv [--rules RULES.toml --band NAME]
      Walking distance for each pair of coordinates; plain, or safe for a band.
  batch --network FILE --schools SCHOOLS --pupils PUPILS --rules RULES.toml --out DECISIONS
        [--previous PREVIOUS] [--routes ROUTES.gpkg] [--threads N] [--crs CRS]
      Preliminary eligibility for every pupil and home of a register (CSV or GeoPackage out).
  serve --config server.toml
      The pseudonymised distance API (HTTP or HTTPS); see README.md.
  hash-key
      Print a new API key and, on the second line, its key_sha256 for server.toml.
  vault-key --out FILE
      Write a new 32-byte vault key file with mode 0600.
  audit-verify --config server.toml
      Check the audit trail's hash chain; exit 1 when it is broken.
  help, --version
      Show this text, or the version.

See README.md for the walking rules and every option.
)";

} // namespace

int main(int argc, char** argv) {
    using skolvag::geodata::UsageError;
    const std::map<std::string, std::function<int(const std::vector<std::string>&)>> commands = {
        {"network-info", skolvag::api::network_info_command},
        {"distances", skolvag::api::distances_command},
        {"batch", skolvag::api::batch_command},
        {"serve", skolvag::api::serve_command},
        {"hash-key", skolvag::api::hash_key_command},
        {"vault-key", skolvag::api::vault_key_command},
        {"audit-verify", skolvag::api::audit_verify_command},
    };
    if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0 ||
        std::strcmp(argv[1], "-h") == 0) {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "version") == 0) {
        std::cout << "skolvag " << skolvag::api::skolvag_version() << '\n';
        return 0;
    }
    const auto it = commands.find(argv[1]);
    if (it == commands.end()) {
        std::cerr << "skolvag: unknown command (see the list below)\n" << kUsage;
        return 2;
    }
    try {
        return it->second(std::vector<std::string>(argv + 2, argv + argc));
    } catch (const UsageError& e) {
        std::cerr << "skolvag " << e.what() << '\n';
        return 2;
    } catch (const skolvag::geodata::ConfigError& e) {
        std::cerr << "skolvag " << argv[1] << ": configuration error: " << e.what() << '\n';
        return 1;
    } catch (const skolvag::geodata::StartupError& e) {
        std::cerr << "skolvag " << argv[1] << ": cannot start: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "skolvag " << argv[1] << ": error: " << e.what() << '\n';
        return 1;
    }
}
