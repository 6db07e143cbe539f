// SPDX-License-Identifier: MIT
// Network build time (read OSM, build the graph, components) and the snapping index
// on real extracts. Peak memory is the process's high-water mark: run one benchmark
// per process (scripts/bench.sh does) to read it per extract.
#include "api/cli/peak_memory.hpp"
#include "bench/bench_data.hpp"
#include "geodata/osm_network.hpp"
#include "geodata/snap.hpp"

#include <benchmark/benchmark.h>

namespace {

void BM_BuildNetwork(benchmark::State& state, const std::string& file) {
    const auto path = skolvag::bench::shared_extract(file);
    if (!path) {
        state.SkipWithError(("extract not found: " + file + " (set SKOLVAG_SHARED)").c_str());
        return;
    }
    std::size_t edges = 0;
    for (auto _ : state) {
        const skolvag::geodata::WalkNetwork net = skolvag::geodata::load_osm_network(*path);
        const skolvag::geodata::Snapper snapper(net); // the segment index is part of a usable network
        edges = net.edge_count();
        benchmark::DoNotOptimize(&snapper);
    }
    state.counters["edges"] = static_cast<double>(edges);
    state.counters["peak_MiB"] = static_cast<double>(skolvag::api::peak_memory_bytes()) / (1024.0 * 1024.0);
}

BENCHMARK_CAPTURE(BM_BuildNetwork, heidelberg, std::string("heidelberg.test.pbf"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BuildNetwork, porto, std::string("porto_portugal.osm.pbf"))->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
