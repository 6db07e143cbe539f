// SPDX-License-Identifier: MIT
// `skolvag prepare`: an OSM file read once into a prepared network (geodata/prepared_network),
// which batch, distances and serve then start from in a fraction of the time.
#include "api/cli/arguments.hpp"
#include "api/cli/commands.hpp"
#include "api/cli/output_guard.hpp"
#include "geodata/errors.hpp"
#include "geodata/osm_network.hpp"
#include "geodata/prepared_network.hpp"
#include "geodata/progress_line.hpp"
#include "geodata/sha256.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace skolvag::api {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string fixed(double v, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

} // namespace

int prepare_command(const std::vector<std::string>& args) {
    const Arguments a("prepare", args, {"network", "out"});
    const std::string network_path = a.require("network");
    const std::string out_path = a.require("out");
    refuse_output_over_input(out_path, {network_path});
    if (geodata::is_prepared_network(network_path)) {
        throw geodata::InputError(network_path + ": already a prepared network; prepare the OSM file it was made from");
    }
    const auto start = std::chrono::steady_clock::now();
    const geodata::WalkNetwork net = geodata::load_osm_network(network_path);
    const std::string source_sha256 = geodata::sha256_file_hex(network_path);
    const std::string id = geodata::network_id(source_sha256, geodata::walk_profile_tables());
    std::cerr << "prepare: " << geodata::with_thousands(net.graph.node_count()) << " nodes, "
              << geodata::with_thousands(net.edge_count()) << " edges read in " << fixed(seconds_since(start), 2)
              << " s; ordering the walk and turn graphs for the hierarchies\n";
    const auto ordering = std::chrono::steady_clock::now();
    const geodata::HierarchyOrders orders = geodata::hierarchy_orders(net);
    std::cerr << "prepare: ordered in " << fixed(seconds_since(ordering), 2) << " s; writing " << out_path << '\n';
    geodata::write_prepared_network(out_path, net, id, source_sha256, orders);
    const auto bytes = std::filesystem::file_size(out_path);
    std::cerr << "prepare: " << out_path << " (" << fixed(static_cast<double>(bytes) / 1e6, 1) << " MB, network_id "
              << id << ") in " << fixed(seconds_since(start), 2) << " s\n";
    return 0;
}

} // namespace skolvag::api
