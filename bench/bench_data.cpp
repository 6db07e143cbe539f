// SPDX-License-Identifier: MIT
#include "bench/bench_data.hpp"

#include "geodata/geodesic.hpp"
#include "geodata/osm_network.hpp"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

namespace skolvag::bench {

std::optional<std::string> shared_extract(const std::string& file_name) {
    std::string dir = SKOLVAG_SHARED_DIR;
    if (const char* env = std::getenv("SKOLVAG_SHARED"); env != nullptr && *env != '\0') {
        dir = env;
    }
    const std::string path = dir + "/data/osm/" + file_name;
    if (!std::filesystem::exists(path)) {
        return std::nullopt;
    }
    return path;
}

const geodata::WalkNetwork& cached_network(const std::string& path) {
    static std::map<std::string, std::unique_ptr<geodata::WalkNetwork>> cache;
    auto& slot = cache[path];
    if (!slot) {
        slot = std::make_unique<geodata::WalkNetwork>(geodata::load_osm_network(path));
    }
    return *slot;
}

std::vector<geodata::LonLat> sample_points_near_network(const geodata::WalkNetwork& net, std::size_t count,
                                                        double max_offset_m, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, net.points.size() - 1);
    std::uniform_real_distribution<double> azimuth(0.0, 360.0);
    std::uniform_real_distribution<double> offset(0.0, max_offset_m);
    std::vector<geodata::LonLat> points;
    points.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        points.push_back(geodata::geodesic_direct(net.points[pick(rng)], azimuth(rng), offset(rng)));
    }
    return points;
}

} // namespace skolvag::bench
