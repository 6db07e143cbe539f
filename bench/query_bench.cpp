// SPDX-License-Identifier: MIT
// Snapping throughput and one-to-one walking distance latency on porto_portugal.osm.pbf.
#include "bench/bench_data.hpp"
#include "geodata/point_distance.hpp"
#include "geodata/snap.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

namespace {

using skolvag::geodata::LonLat;

const std::string kPorto = "porto_portugal.osm.pbf";

/// The porto network, loaded once; nullptr (and the benchmark marked skipped) without it.
const skolvag::geodata::WalkNetwork* porto_or_skip(benchmark::State& state) {
    const auto path = skolvag::bench::shared_extract(kPorto);
    if (!path) {
        state.SkipWithError("porto_portugal.osm.pbf not found (set SKOLVAG_SHARED)");
        return nullptr;
    }
    return &skolvag::bench::cached_network(*path);
}

void BM_Snap(benchmark::State& state) {
    const skolvag::geodata::WalkNetwork* porto = porto_or_skip(state);
    if (porto == nullptr) {
        return;
    }
    const auto& net = *porto;
    const skolvag::geodata::Snapper snapper(net);
    const std::vector<LonLat> points = skolvag::bench::sample_points_near_network(net, 100'000, 100.0, 1);
    std::size_t i = 0;
    std::size_t snapped = 0;
    for (auto _ : state) {
        const auto s = snapper.snap(points[i], 250.0, 1000.0);
        snapped += s.has_value() ? 1 : 0;
        benchmark::DoNotOptimize(s);
        i = (i + 1) % points.size();
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["snapped_share"] = static_cast<double>(snapped) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Snap);

/// One query = snap both ends and route between them, as `skolvag distances` does.
/// Reports mean, p50 and p99 over the pairs, in microseconds.
void BM_OneToOneDistance(benchmark::State& state) {
    const skolvag::geodata::WalkNetwork* porto = porto_or_skip(state);
    if (porto == nullptr) {
        return;
    }
    const auto& net = *porto;
    const skolvag::geodata::Snapper snapper(net);
    const skolvag::geodata::WalkRules rules;
    skolvag::geodata::PointDistanceCalculator calc(snapper, rules, nullptr);
    // Homes and schools up to 6 km apart in a straight line: school-run distances.
    const std::vector<LonLat> homes = skolvag::bench::sample_points_near_network(net, 4000, 50.0, 2);
    const std::vector<LonLat> schools = skolvag::bench::sample_points_near_network(net, 4000, 20.0, 3);
    std::vector<std::pair<LonLat, LonLat>> pairs;
    for (std::size_t i = 0; i < homes.size(); ++i) {
        const double dx = (homes[i].lon_deg - schools[i].lon_deg) * 84'000.0;
        const double dy = (homes[i].lat_deg - schools[i].lat_deg) * 111'000.0;
        if (dx * dx + dy * dy < 6000.0 * 6000.0) {
            pairs.emplace_back(homes[i], schools[i]);
        }
    }
    std::vector<double> micros;
    std::size_t i = 0;
    std::size_t ok = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const auto d = calc.compute(pairs[i].first, pairs[i].second);
        micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        ok += d.status == skolvag::geodata::DistanceStatus::ok ? 1 : 0;
        i = (i + 1) % pairs.size();
    }
    std::sort(micros.begin(), micros.end());
    double sum = 0.0;
    for (double m : micros) {
        sum += m;
    }
    state.counters["mean_us"] = sum / static_cast<double>(micros.size());
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
    state.counters["ok_share"] = static_cast<double>(ok) / static_cast<double>(micros.size());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OneToOneDistance)->Unit(benchmark::kMicrosecond)->Iterations(4000);

} // namespace

BENCHMARK_MAIN();
