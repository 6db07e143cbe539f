// SPDX-License-Identifier: MIT
// One-to-all Dijkstra trees on synthetic grids and on the porto walking graph.
#include "bench/bench_data.hpp"
#include "bench/bench_graphs.hpp"
#include "routing/dijkstra.hpp"

#include <benchmark/benchmark.h>

namespace {

void run_trees(benchmark::State& state, const skolvag::routing::WalkGraph& g) {
    skolvag::routing::Dijkstra d(g);
    skolvag::routing::NodeId source = 0;
    for (auto _ : state) {
        d.reset().add_source(source).run();
        benchmark::DoNotOptimize(d.distance_to(0));
        source = (source + 7919) % g.node_count();
    }
    state.counters["nodes"] = g.node_count();
    state.counters["arcs"] = g.arc_count();
}

void BM_DijkstraGrid(benchmark::State& state) {
    const auto g = skolvag::bench::grid_graph(static_cast<skolvag::routing::NodeId>(state.range(0)));
    run_trees(state, g);
}
BENCHMARK(BM_DijkstraGrid)->Arg(100)->Arg(270)->Unit(benchmark::kMillisecond);

void BM_DijkstraPorto(benchmark::State& state) {
    const auto path = skolvag::bench::shared_extract("porto_portugal.osm.pbf");
    if (!path) {
        state.SkipWithError("porto_portugal.osm.pbf not found (set SKOLVAG_SHARED)");
        return;
    }
    run_trees(state, skolvag::bench::cached_network(*path).graph);
}
BENCHMARK(BM_DijkstraPorto)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
