// SPDX-License-Identifier: MIT
// Preparation for the HTTP benchmark (scripts/bench_serve.sh):
//   serve_load_prep workload --extract FILE --pupils N --schools K --out DIR
//       synthetic schools.csv and homes.txt ("lon lat" per line) for an extract;
//   serve_load_prep register --port P --key KEY --homes FILE --out FILE [--threads T]
//       registers every home with a running server and writes the tokens, one per line.
// Synthetic homes only; nothing about them is printed.
#include "bench/bench_data.hpp"
#include "bench/synthetic_workload.hpp"
#include "geodata/osm_network.hpp"

#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

std::map<std::string, std::string> options(int argc, char** argv) {
    std::map<std::string, std::string> o;
    for (int i = 2; i + 1 < argc; i += 2) {
        o[argv[i]] = argv[i + 1];
    }
    return o;
}

int workload(const std::map<std::string, std::string>& o) {
    const std::string extract = o.at("--extract");
    const auto path = skolvag::bench::shared_extract(extract);
    if (!path) {
        std::cerr << "serve_load_prep: " << extract << " not found (set SKOLVAG_SHARED)\n";
        return 1;
    }
    const auto net = skolvag::geodata::load_osm_network(*path);
    const auto w = skolvag::bench::make_workload(*path, net, std::stoul(o.at("--pupils")), std::stoul(o.at("--schools")), 11);
    const std::string dir = o.at("--out");
    skolvag::bench::write_workload_csv(w, dir + "/schools.csv", dir + "/pupils.csv");
    std::ofstream homes(dir + "/homes.txt");
    char line[64];
    for (const auto& p : w.pupils) {
        std::snprintf(line, sizeof line, "%.7f %.7f\n", p.home.lon_deg, p.home.lat_deg);
        homes << line;
    }
    std::cerr << "serve_load_prep: " << w.schools.size() << " schools, " << w.pupils.size() << " homes\n";
    return 0;
}

int register_homes(const std::map<std::string, std::string>& o) {
    std::ifstream in(o.at("--homes"));
    std::vector<std::string> bodies;
    for (std::string lon, lat; in >> lon >> lat;) {
        bodies.push_back("{\"lon\":" + lon + ",\"lat\":" + lat + "}");
    }
    const int port = std::stoi(o.at("--port"));
    const std::string key = o.at("--key");
    const unsigned threads = o.count("--threads") ? static_cast<unsigned>(std::stoul(o.at("--threads"))) : 4;
    std::vector<std::string> tokens(bodies.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            httplib::Client c("127.0.0.1", port);
            c.set_default_headers({{"Authorization", "Bearer " + key}});
            for (std::size_t i = next++; i < bodies.size(); i = next++) {
                const auto r = c.Post("/v1/tokens", bodies[i], "application/json");
                if (r && r->status == 201) {
                    const auto at = r->body.find("svt_");
                    tokens[i] = r->body.substr(at, 26);
                } else {
                    ++failed;
                }
            }
        });
    }
    for (auto& t : pool) {
        t.join();
    }
    std::ofstream out(o.at("--out"));
    for (const std::string& t : tokens) {
        if (!t.empty()) {
            out << t << '\n';
        }
    }
    std::cerr << "serve_load_prep: registered " << bodies.size() - failed << " homes, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: serve_load_prep workload|register OPTIONS\n";
        return 2;
    }
    try {
        const std::string mode = argv[1];
        const auto o = options(argc, argv);
        return mode == "workload" ? workload(o) : mode == "register" ? register_homes(o) : 2;
    } catch (const std::exception& e) {
        std::cerr << "serve_load_prep: " << e.what() << "\n";
        return 1;
    }
}
