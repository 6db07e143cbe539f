// SPDX-License-Identifier: MIT
// country_gen: writes a synthetic country (bench/synthetic_country.hpp) into a folder:
// country.osm.pbf, schools.csv, pupils.csv and municipalities.txt (one code a line).
//
//   country_gen --out DIR [--nodes N] [--pupils N] [--schools N] [--municipalities N] [--seed N]
//
// Defaults: the national scale of issue 12 (2 M graph nodes, 1.2 M pupils, 5,000
// schools, 290 municipalities). Synthetic pupils only, never real people.
#include "bench/synthetic_country.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

namespace {

constexpr const char* kUsage =
    "usage: country_gen --out DIR [--nodes N] [--pupils N] [--schools N] [--municipalities N] [--seed N]\n";

std::uint64_t whole_number(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    try {
        const unsigned long long n = std::stoull(text, &used);
        if (used == text.size() && text.find('-') == std::string::npos) {
            return n;
        }
    } catch (const std::exception&) {
    }
    throw std::invalid_argument(option + " must be a whole number, not '" + text + "'");
}

} // namespace

int main(int argc, char** argv) {
    skolvag::bench::CountryOptions o;
    std::string out;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--help") {
                std::cout << kUsage;
                return 0;
            }
            if (i + 1 >= argc) {
                throw std::invalid_argument(arg + " needs a value");
            }
            const std::string value = argv[++i];
            if (arg == "--out") {
                out = value;
            } else if (arg == "--nodes") {
                o.nodes = whole_number(arg, value);
            } else if (arg == "--pupils") {
                o.pupils = whole_number(arg, value);
            } else if (arg == "--schools") {
                o.schools = whole_number(arg, value);
            } else if (arg == "--municipalities") {
                o.municipalities = whole_number(arg, value);
            } else if (arg == "--seed") {
                o.seed = whole_number(arg, value);
            } else {
                throw std::invalid_argument("unknown option " + arg);
            }
        }
        if (out.empty()) {
            throw std::invalid_argument("--out DIR is required");
        }
    } catch (const std::invalid_argument& e) {
        std::cerr << "country_gen: " << e.what() << '\n' << kUsage;
        return 2;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        std::filesystem::create_directories(out);
        const std::filesystem::path dir(out);
        const skolvag::bench::CountryFiles files{(dir / "country.osm.pbf").string(), (dir / "schools.csv").string(),
                                                 (dir / "pupils.csv").string(), (dir / "municipalities.txt").string()};
        const skolvag::bench::CountrySummary s = skolvag::bench::write_country(o, files, std::cerr);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cerr << "country_gen: " << o.municipalities << " municipalities, " << s.towns << " towns, " << s.villages
                  << " villages, " << s.rural_roads << " rural roads; " << s.osm_nodes << " OSM nodes, " << s.osm_ways
                  << " ways, about " << s.junctions << " graph nodes (" << s.crossings << " footway crossings); "
                  << o.schools << " schools, " << o.pupils << " pupils; " << seconds << " s; in " << out << '\n';
    } catch (const std::invalid_argument& e) {
        std::cerr << "country_gen: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "country_gen: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
