// SPDX-License-Identifier: MIT
// `skolvag batch`: preliminary eligibility for every pupil of a register, with the
// register diff against the previous run and optional route lines.
#include "api/cli/arguments.hpp"
#include "api/cli/commands.hpp"
#include "api/cli/output_guard.hpp"
#include "geodata/errors.hpp"
#include "api/eligibility/batch_run.hpp"
#include "api/eligibility/decisions_file.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/osm_network.hpp"
#include "api/eligibility/rules_file.hpp"
#include "geodata/sha256.hpp"
#include "geodata/vector_file_writer.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

namespace skolvag::api {

namespace {

unsigned parse_threads(const std::optional<std::string>& text) {
    if (!text) {
        return std::max(1U, std::thread::hardware_concurrency());
    }
    try {
        const int n = std::stoi(*text);
        if (n >= 1 && n <= 256) {
            return static_cast<unsigned>(n);
        }
    } catch (const std::exception&) {
    }
    throw geodata::UsageError("batch: --threads must be a whole number from 1 to 256");
}

} // namespace

int batch_command(const std::vector<std::string>& args) {
    const Arguments a("batch", args,
                      {"network", "schools", "pupils", "rules", "out", "previous", "routes", "threads", "crs"});
    const std::string network_path = a.require("network");
    const std::string schools_path = a.require("schools");
    const std::string pupils_path = a.require("pupils");
    const std::string rules_path = a.require("rules");
    const std::string out_path = a.require("out");
    const auto previous_path = a.get("previous");
    const auto routes_path = a.get("routes");
    const auto crs = a.get("crs");
    const unsigned threads = parse_threads(a.get("threads"));

    geodata::VectorFileWriter::format_for(out_path); // fail early on an unknown extension
    if (routes_path && geodata::VectorFileWriter::format_for(*routes_path) != geodata::VectorFileWriter::Format::gpkg) {
        throw geodata::InputError(*routes_path + ": routes are written as a GeoPackage (.gpkg)");
    }
    if (routes_path && std::filesystem::weakly_canonical(*routes_path) == std::filesystem::weakly_canonical(out_path)) {
        // Routes are written first: the decisions would then overwrite them.
        throw geodata::InputError(*routes_path + ": --routes and --out must be different files");
    }
    for (const auto& out : {std::optional<std::string>(out_path), routes_path}) {
        if (out) {
            refuse_output_over_input(*out, {network_path, schools_path, pupils_path, rules_path,
                                            previous_path.value_or("")});
        }
    }

    const Rules rules = load_rules(rules_path);
    if (rules.bands.empty()) {
        throw geodata::InputError(rules_path + ": no [[band]]: a batch run needs the grade bands");
    }
    const std::string rules_sha256 = geodata::sha256_file_hex(rules_path);
    SchoolRegister schools = read_school_register(schools_path, crs);
    const std::vector<PupilHome> homes = read_pupil_register(pupils_path, crs);
    std::optional<std::vector<Decision>> previous;
    if (previous_path) {
        previous = read_decisions(*previous_path);
    }

    const auto start = std::chrono::steady_clock::now();
    const geodata::WalkNetwork net = geodata::load_osm_network(network_path);
    const geodata::Snapper snapper(net);
    const geodata::ReversedNetwork reversed(net);
    const routing::CchTopology hierarchy = geodata::build_network_hierarchy(net);
    snap_entrances(schools, snapper, rules.walking, std::cerr);

    BatchInputs in{net,
                   reversed,
                   hierarchy,
                   snapper,
                   rules,
                   rules_sha256,
                   geodata::network_file_id(network_path),
                   schools,
                   homes,
                   previous ? &*previous : nullptr,
                   routes_path.has_value(),
                   threads,
                   true};
    const BatchResult result = run_batch(in);

    // Decisions last: a decisions file on disk means the whole run finished.
    if (routes_path) {
        write_routes(*routes_path, result.routes, result.decisions);
    }
    write_decisions(out_path, result.decisions, result.removed);
    if (!result.removed && geodata::VectorFileWriter::format_for(out_path) == geodata::VectorFileWriter::Format::csv) {
        // A removed list from an earlier run beside these decisions would be read as theirs.
        const std::string stale = removed_csv_path(out_path);
        std::error_code ec;
        if (std::filesystem::remove(stale, ec)) {
            std::cerr << "batch: deleted " << stale << " from an earlier run (no --previous this time)\n";
        }
    }

    // A summary of counts only: no pupil references, no places.
    std::map<std::string_view, std::size_t> outcomes;
    std::map<std::string_view, std::size_t> changes;
    for (const Decision& d : result.decisions) {
        ++outcomes[to_string(d.outcome)];
        ++changes[d.change ? to_string(*d.change) : "new"];
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char took[32];
    std::snprintf(took, sizeof took, "%.2f", seconds);
    std::cerr << "batch: " << result.stats.homes << " homes (" << result.stats.computed << " computed, "
              << result.stats.reused << " reused) in " << took << " s;";
    for (const auto& [outcome, count] : outcomes) {
        std::cerr << " " << outcome << "=" << count;
    }
    if (result.removed) {
        std::cerr << "; changes:";
        for (const auto& [change, count] : changes) {
            std::cerr << " " << change << "=" << count;
        }
        std::cerr << " removed=" << result.removed->size();
    }
    std::cerr << '\n';
    return 0;
}

} // namespace skolvag::api
