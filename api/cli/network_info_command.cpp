// SPDX-License-Identifier: MIT
// `skolvag network-info`: what was read from an OSM file and what graph it gives.
#include "api/cli/arguments.hpp"
#include "api/cli/commands.hpp"
#include "api/cli/peak_memory.hpp"
#include "geodata/crossings.hpp"
#include "geodata/prepared_network.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <iostream>

namespace skolvag::api {

namespace {
double round_to(double v, int decimals) {
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}
} // namespace

int network_info_command(const std::vector<std::string>& args) {
    const Arguments a("network-info", args, {"network"});
    const std::string path = a.require("network");

    const auto start = std::chrono::steady_clock::now();
    const geodata::LoadedNetwork loaded = geodata::load_network(path);
    const geodata::WalkNetwork& net = loaded.net;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const routing::Components& comps = net.components;
    const std::uint32_t largest = comps.largest();
    const geodata::LonLatBox box = net.bbox();

    nlohmann::ordered_json j;
    j["network"] = path;
    j["prepared"] = loaded.orders.has_value(); // a prepared network (skolvag prepare), not an OSM file
    j["network_id"] = loaded.network_id;
    j["osm_nodes_read"] = net.stats.osm_nodes_read;
    j["osm_ways_read"] = net.stats.osm_ways_read;
    j["walkable_ways"] = net.stats.walkable_ways;
    j["graph_nodes"] = net.graph.node_count();
    j["graph_edges"] = net.edge_count();
    j["graph_arcs"] = net.graph.arc_count();
    j["walkable_km"] = round_to(net.total_length_m() / 1000.0, 3);
    j["components"] = {
        {"count", comps.count()},
        {"largest_km", round_to(static_cast<double>(comps.length_mm[largest]) / 1e6, 3)},
        {"largest_edges", comps.edge_count[largest]},
    };
    j["segments_dropped_missing_nodes"] = net.stats.segments_dropped_missing_nodes;
    j["blocking_barriers"] = net.stats.blocking_barriers;
    // §8, with the example rules' default speeds for roads without a parsable maxspeed.
    const geodata::CrossingSummary crossings = geodata::summarize_crossings(net, geodata::WalkRules{});
    nlohmann::ordered_json by_speed = nlohmann::ordered_json::object();
    for (const auto& [kmh, count] : crossings.road_arms_by_speed) {
        by_speed[std::to_string(kmh)] = count;
    }
    j["crossing_nodes"] = {
        {"signalled", crossings.signalled},
        {"marked", crossings.marked},
        {"unmarked", crossings.unmarked},
        {"road_arms_by_speed_kmh", by_speed},
    };
    j["edges_too_long"] = net.stats.edges_too_long;
    j["bbox"] = {
        {"min_lon", box.min.lon_deg},
        {"min_lat", box.min.lat_deg},
        {"max_lon", box.max.lon_deg},
        {"max_lat", box.max.lat_deg},
    };
    j["build_seconds"] = round_to(seconds, 3);
    j["peak_memory_mb"] = round_to(static_cast<double>(peak_memory_bytes()) / (1024.0 * 1024.0), 1);
    std::cout << j.dump(2) << '\n';
    return 0;
}

} // namespace skolvag::api
