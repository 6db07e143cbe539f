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

/// One subcommand's help: its synopsis, what it does, and its options (one per line).
struct CommandHelp {
    const char* name;
    const char* synopsis;
    const char* summary;
    const char* options; ///< "" when the synopsis says it all
};

constexpr CommandHelp kCommands[] = {
    {"network-info", "network-info --network FILE",
     "Read an OSM file (or a prepared network) and print the walking network's statistics as JSON.", ""},
    {"prepare", "prepare --network FILE.osm.pbf --out FILE.skolvag",
     "Read an OSM file once into a prepared network: batch, distances and serve take it wherever\n"
     "they take an OSM file, and start from it without reading OSM or ordering the graph again.",
     ""},
    {"distances",
     "distances --network FILE --pairs PAIRS --out OUT.csv [--rules RULES.toml --band NAME]\n"
     "        [--crs CRS] [--axis-order ORDER]",
     "Walking distance for each pair of coordinates; plain, or safe for a band.",
     "  --network FILE        OSM data (.osm, .osm.pbf) or a prepared network (skolvag prepare)\n"
     "  --pairs PAIRS         id and the from and to points: from_x, from_y, to_x, to_y (SWEREF 99 TM)\n"
     "                        or from_lon, from_lat, to_lon, to_lat; CSV, XLSX, GeoPackage, ...\n"
     "  --out OUT.csv         one row per pair\n"
     "  --rules RULES.toml    the municipality's rules (snapping, islands, bands)\n"
     "  --band NAME           the safe distance for this band of the rules\n"
     "  --crs CRS             CRS of the points (default: EPSG:3006 for x,y, EPSG:4326 for lon,lat)\n"
     "  --axis-order ORDER    easting-northing (default) or northing-easting (X = northing)\n"},
    {"batch",
     "batch --network FILE --schools SCHOOLS --pupils PUPILS --rules RULES.toml --out DECISIONS\n"
     "        [--previous PREVIOUS] [--routes ROUTES.gpkg [--routes-simplify METRES]]\n"
     "        [--threads N] [--crs CRS]\n"
     "        [--pupils-crs CRS] [--schools-crs CRS]\n"
     "        [--axis-order ORDER] [--allow-personal-ids] [--max-failed-share F]\n"
     "        [--report REPORT.html] [--lang sv|en] [--compare-rules OTHER.toml]\n"
     "        [--csv-dialect DIALECT] [--stops STOPS [--stops-crs CRS]] [--municipality CODE [--cut-margin-km KM]]",
     "Preliminary eligibility for every pupil and home of a register (CSV, GeoPackage or Excel out).",
     "  --network FILE            OSM data, or a prepared network (skolvag prepare)\n"
     "  --schools SCHOOLS         school_id, name, optional grades, one point per entrance\n"
     "  --pupils PUPILS           pupil_ref, grade, school_id, optional reference_school_id, the home\n"
     "  --rules RULES.toml        the municipality's rules with the grade bands\n"
     "  --out DECISIONS           decisions, .csv, .gpkg or .xlsx\n"
     "  --previous PREVIOUS       the previous run's decisions: the register diff and the erasure list\n"
     "  --routes ROUTES.gpkg      each home's route to its chosen school (EPSG:3006), streamed\n"
     "  --routes-simplify METRES  draw the route lines within METRES of every point (default: every point)\n"
     "  --threads N               worker threads (default: every core)\n"
     "  --crs CRS                 CRS of files without their own (default: EPSG:3006 for x,y)\n"
     "  --pupils-crs CRS          the same for the pupils file, over --crs\n"
     "  --schools-crs CRS         the same for the schools file, over --crs\n"
     "  --axis-order ORDER        easting-northing (default) or northing-easting (X = northing)\n"
     "  --allow-personal-ids      run even though pupil_ref holds personnummer\n"
     "  --max-failed-share F      the share of homes that may fail before the run fails, exit 3 (0.2)\n"
     "  --report REPORT.html      the run report: counts, histograms, rows to check; no personal data\n"
     "  --lang sv|en              the report's language (default sv)\n"
     "  --compare-rules OTHER.toml  what-if: every home under a second rule set too; the changed rows\n"
     "                            in DECISIONS.rules-changes.csv, the counts on stderr and in the report\n"
     "  --csv-dialect DIALECT     plain (default: commas, decimal points) or excel-sv (semicolons,\n"
     "                            decimal commas, UTF-8 with BOM) for every CSV written\n"
     "  --stops STOPS             pick-up stops (stop_id, name, point): the walk to each transported\n"
     "                            pupil's stop (given, else the nearest by safe distance) is judged too\n"
     "  --stops-crs CRS           the CRS of the stops file, over --crs\n"
     "  --municipality CODE       only the homes and schools whose municipality column is CODE\n"
     "                            (and the schools its pupils name): one job of a national run\n"
     "  --cut-margin-km KM        with --municipality: keep the network this far around its homes and schools\n"
     "                            (default 25); homes the cut cannot prove are decided on the whole network\n"},
    {"serve", "serve --config server.toml", "The pseudonymised distance API (HTTP or HTTPS); see README.md.", ""},
    {"hash-key", "hash-key", "Print a new API key and, on the second line, its key_sha256 for server.toml.", ""},
    {"vault-key", "vault-key --out FILE", "Write a new 32-byte vault key file with mode 0600.", ""},
    {"audit-verify", "audit-verify --config server.toml", "Check the audit trail's hash chain; exit 1 when it is broken.",
     ""},
};

std::string usage() {
    std::string u = "usage: skolvag COMMAND [OPTIONS]\n\nCommands:\n";
    for (const CommandHelp& c : kCommands) {
        u += std::string("  ") + c.synopsis + "\n      " + c.summary + "\n";
    }
    u += "  help, --version, COMMAND --help\n      Show this text, the version, or one command's options.\n\n"
         "See README.md for the walking rules and every option.\n";
    return u;
}

std::string command_help(const CommandHelp& c) {
    return std::string("usage: skolvag ") + c.synopsis + "\n\n" + c.summary + "\n" +
           (*c.options != '\0' ? std::string("\nOptions:\n") + c.options : std::string()) +
           "\nSee README.md for the details.\n";
}

} // namespace

int main(int argc, char** argv) {
    using skolvag::geodata::UsageError;
    const std::map<std::string, std::function<int(const std::vector<std::string>&)>> commands = {
        {"network-info", skolvag::api::network_info_command},
        {"prepare", skolvag::api::prepare_command},
        {"distances", skolvag::api::distances_command},
        {"batch", skolvag::api::batch_command},
        {"serve", skolvag::api::serve_command},
        {"hash-key", skolvag::api::hash_key_command},
        {"vault-key", skolvag::api::vault_key_command},
        {"audit-verify", skolvag::api::audit_verify_command},
    };
    if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0 ||
        std::strcmp(argv[1], "-h") == 0) {
        std::cout << usage();
        return argc < 2 ? 2 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "version") == 0) {
        std::cout << "skolvag " << skolvag::api::skolvag_version() << '\n';
        return 0;
    }
    const auto it = commands.find(argv[1]);
    if (it == commands.end()) {
        std::cerr << "skolvag: unknown command (see the list below)\n" << usage();
        return 2;
    }
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            for (const CommandHelp& c : kCommands) {
                if (it->first == c.name) {
                    std::cout << command_help(c);
                }
            }
            return 0;
        }
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
