// SPDX-License-Identifier: MIT
// Whole-municipality benchmark: a real extract, deterministic synthetic pupils and
// schools, the four example bands; reports network build, the whole batch run
// (registers read, homes snapped, matrix, decisions, decisions file written),
// pupils/s, pupils x schools pairs/s and peak memory, and times a baseline of
// Boost.Graph's dijkstra_shortest_paths from each school (and band) over the whole
// graph, checking that every distance is identical. Prints aggregates only.
//
//   batch_bench [--extract porto_portugal.osm.pbf] [--pupils 10000] [--schools 40]
//               [--threads 2] [--seed 1] [--no-baseline]
#include "api/cli/peak_memory.hpp"
#include "api/eligibility/batch_run.hpp"
#include "api/eligibility/decisions_file.hpp"
#include "api/eligibility/distance_matrix.hpp"
#include "api/eligibility/school_distance_index.hpp"
#include "api/eligibility/school_search.hpp"
#include "bench/bench_data.hpp"
#include "bench/synthetic_workload.hpp"
#include "geodata/band_safety.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/osm_network.hpp"
#include "geodata/progress_line.hpp"
#include "geodata/walk_router.hpp"
#include "routing/parallel_for.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <unistd.h>
#include <thread>

using namespace skolvag;
using routing::DistanceMm;
using routing::kUnreachable;

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string with_commas(double v) { return geodata::with_thousands(static_cast<unsigned long long>(v + 0.5)); }
std::string with_commas(std::size_t v) { return geodata::with_thousands(v); }

/// The baseline: for each school and each distinct safety mask, Boost.Graph's
/// dijkstra_shortest_paths over a pre-filtered reversed graph from a super source
/// joined to the entrances' access nodes; then the same lookups per home.
std::vector<DistanceMm> boost_baseline_matrix(const api::MatrixInputs& in, bool safe, unsigned threads) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                        boost::property<boost::edge_weight_t, DistanceMm>>;
    const geodata::WalkNetwork& net = in.net;
    const std::size_t homes = in.homes.size();
    const std::size_t schools = in.schools.schools.size();
    std::vector<DistanceMm> out(homes * schools, kUnreachable);
    const bool legs = in.rules.walking.include_access_legs;

    // One mask per band actually used (a band where every edge is safe is plain).
    std::map<std::size_t, std::vector<bool>> band_mask;
    for (const api::HomeQuery& h : in.homes) {
        if (!band_mask.count(h.band)) {
            band_mask[h.band] = safe ? geodata::safe_edge_mask(net, in.rules.bands[h.band].safety, in.rules.walking)
                                     : std::vector<bool>(net.edge_count(), true);
        }
    }
    // Each worker has its own graphs: the super source's arcs change per school.
    const std::vector<routing::NodeId> tail = in.reversed.graph.tails();
    struct WorkerGraphs {
        std::map<std::size_t, std::unique_ptr<Graph>> graph;
        std::map<std::size_t, routing::ArcFilter> forward;
    };
    std::vector<WorkerGraphs> workers(std::max(1U, threads));
    auto prepare = [&](WorkerGraphs& w) {
        for (const auto& [band, mask] : band_mask) {
            auto g = std::make_unique<Graph>(net.graph.node_count() + 1);
            for (routing::ArcId r = 0; r < in.reversed.graph.arc_count(); ++r) {
                if (mask[in.reversed.graph.arc_edge[r]]) {
                    boost::add_edge(tail[r], in.reversed.graph.head[r], in.reversed.graph.length_mm[r], *g);
                }
            }
            w.graph.emplace(band, std::move(g));
            w.forward.emplace(band, geodata::arc_filter_from_edges(net.graph, mask));
        }
    };
    const auto source = static_cast<Graph::vertex_descriptor>(net.graph.node_count());
    routing::parallel_for(schools, threads, [&](std::size_t s, unsigned worker) {
        WorkerGraphs& w = workers[worker];
        if (w.graph.empty()) {
            prepare(w);
        }
        std::vector<DistanceMm> dist(net.graph.node_count() + 1);
        for (auto& [band, graph] : w.graph) {
            Graph& g = *graph;
            const routing::ArcFilter& fwd = w.forward.at(band);
            boost::clear_out_edges(source, g);
            std::vector<geodata::Target> targets;
            for (const api::SchoolEntrance& e : in.schools.schools[s].entrances) {
                if (!e.snap) {
                    continue;
                }
                const DistanceMm extra = legs ? geodata::access_leg_mm(*e.snap) : 0;
                targets.push_back({*e.snap, extra});
                for (const geodata::AccessLeg& leg : geodata::legs_to(net, *e.snap, &fwd)) {
                    boost::add_edge(source, leg.node, leg.length_mm + extra, g);
                }
            }
            if (targets.empty()) {
                continue;
            }
            boost::dijkstra_shortest_paths(g, source, boost::distance_map(dist.data()).distance_inf(kUnreachable));
            for (std::size_t h = 0; h < homes; ++h) {
                if (in.homes[h].band != band && safe) {
                    continue;
                }
                const geodata::Snap& snap = in.homes[h].snap;
                const std::vector<geodata::AccessLeg> home_legs = geodata::legs_from(net, snap, &fwd);
                DistanceMm best = geodata::walk_to_targets(net, snap, home_legs, targets, &fwd,
                                                           [&](routing::NodeId x) { return dist[x]; });
                if (best != kUnreachable && legs) {
                    best += geodata::access_leg_mm(snap);
                }
                out[s * homes + h] = best;
            }
            if (!safe) {
                break; // one plain search per school
            }
        }
    });
    return out;
}

/// The benchmark's consumer of the school search: touches every node's distance (so
/// that nothing is optimised away) and keeps only a checksum.
class ChecksumSink : public api::SchoolSearchSink {
public:
    explicit ChecksumSink(routing::NodeId nodes) : m_nodes(nodes) {}
    void on_search(std::size_t, std::size_t, const routing::CchOneToAll& distances) override {
        std::uint64_t sum = 0;
        for (routing::NodeId x = 0; x < m_nodes; ++x) {
            const DistanceMm d = distances.distance(x);
            sum += d == kUnreachable ? 0 : d;
        }
        m_sum += sum;
    }
    std::uint64_t sum() const { return m_sum; }

private:
    routing::NodeId m_nodes;
    std::atomic<std::uint64_t> m_sum{0};
};

/// Seconds for the school searches alone (every band), with a sink that only reads them.
double time_school_searches(const api::MatrixInputs& in, std::size_t& searches) {
    const auto t = Clock::now();
    const api::SearchNetworks networks(in.net, in.reversed, in.hierarchy, in.rules,
                                       std::vector<bool>(in.rules.bands.size(), true), in.threads);
    const api::SchoolSearch search(in.net, networks, in.schools, in.rules.walking.include_access_legs);
    ChecksumSink sink(in.net.graph.node_count());
    searches = search.run(sink, in.threads);
    return seconds_since(t);
}

} // namespace

int main(int argc, char** argv) {
    std::string extract = "porto_portugal.osm.pbf";
    std::size_t pupils = 10'000;
    std::size_t spread_schools = 40;
    unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    std::uint32_t seed = 1;
    bool baseline = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--extract") {
            extract = value();
        } else if (a == "--pupils") {
            pupils = std::stoul(value());
        } else if (a == "--schools") {
            spread_schools = std::stoul(value());
        } else if (a == "--threads") {
            threads = static_cast<unsigned>(std::stoul(value()));
        } else if (a == "--seed") {
            seed = static_cast<std::uint32_t>(std::stoul(value()));
        } else if (a == "--no-baseline") {
            baseline = false;
        } else {
            std::cerr << "batch_bench: unknown option " << a << "\n";
            return 2;
        }
    }
    const auto path = bench::shared_extract(extract);
    if (!path) {
        std::cerr << "batch_bench: " << extract << " not found under ../shared/data/osm (set SKOLVAG_SHARED)\n";
        return 1;
    }

    auto t = Clock::now();
    const geodata::WalkNetwork net = geodata::load_osm_network(*path);
    const geodata::Snapper snapper(net);
    const geodata::ReversedNetwork reversed(net);
    const double load_s = seconds_since(t);
    t = Clock::now();
    const routing::CchTopology hierarchy = geodata::build_network_hierarchy(net);
    const double hierarchy_s = seconds_since(t);
    const double build_s = load_s + hierarchy_s;

    const bench::SyntheticWorkload workload = bench::make_workload(*path, net, pupils, spread_schools, seed);
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("skolvag-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string schools_csv = (dir / "schools.csv").string();
    const std::string pupils_csv = (dir / "pupils.csv").string();
    bench::write_workload_csv(workload, schools_csv, pupils_csv);
    const api::Rules rules = api::example_rules(); // the four bands of walking-network.md §5-6

    // The whole run, as `skolvag batch` does it after loading the network.
    t = Clock::now();
    api::SchoolRegister schools = api::read_school_register(schools_csv, std::nullopt);
    std::ostringstream warnings;
    api::snap_entrances(schools, snapper, rules.walking, warnings);
    const std::vector<api::PupilHome> homes = api::read_pupil_register(pupils_csv, std::nullopt);
    const double read_s = seconds_since(t);
    const api::BatchInputs batch_in{net,   reversed, hierarchy, snapper, rules, "bench", "bench", schools, homes,
                                    nullptr, false,    threads,   false};
    const api::BatchResult result = api::run_batch(batch_in);
    const auto write_start = Clock::now();
    api::write_decisions((dir / "decisions.csv").string(), result.decisions, std::nullopt);
    const double write_s = seconds_since(write_start);
    const double run_s = seconds_since(t);

    // The matrix alone, for the comparison with the baseline.
    api::MatrixInputs matrix_in{net, reversed, hierarchy, rules, schools, {}, threads};
    for (const api::PupilHome& h : homes) {
        if (h.home) {
            const auto grade = api::parse_grade(h.grade);
            const auto band = grade ? rules.band_of(*grade) : std::nullopt;
            if (const auto snap = snapper.snap(*h.home, rules.walking.max_snap_m, rules.walking.min_component_m);
                snap && band) {
                matrix_in.homes.push_back({*snap, *band});
            }
        }
    }
    t = Clock::now();
    const api::DistanceMatrix matrix = api::compute_distance_matrix(matrix_in);
    const double matrix_s = seconds_since(t);
    std::size_t searches = 0;
    const double searches_s = time_school_searches(matrix_in, searches);
    t = Clock::now();
    const api::SchoolDistanceIndex index(net, reversed, hierarchy, rules, schools, threads);
    const double index_s = seconds_since(t);

    const std::size_t pairs = homes.size() * schools.schools.size();
    std::map<std::string, std::size_t> outcomes;
    for (const api::Decision& d : result.decisions) {
        ++outcomes[std::string(api::to_string(d.outcome))];
    }
    std::printf("extract            %s (schools: %s)\n", extract.c_str(), workload.school_source.c_str());
    std::printf("network build      %.3f s (read, graph, snapping index %.3f s; hierarchy %.3f s; %s nodes, %s arcs)\n",
                build_s, load_s, hierarchy_s,
                with_commas(std::size_t{net.graph.node_count()}).c_str(),
                with_commas(std::size_t{net.graph.arc_count()}).c_str());
    std::printf("workload           %s pupils, %zu schools, %zu bands, %u threads\n", with_commas(homes.size()).c_str(),
                schools.schools.size(), rules.bands.size(), threads);
    std::printf("batch run          %.3f s  -> %s pupils/s, %s pupil x school pairs/s\n", run_s,
                with_commas(static_cast<double>(homes.size()) / run_s).c_str(),
                with_commas(static_cast<double>(pairs) / run_s).c_str());
    std::printf("  read registers   %.3f s\n", read_s);
    std::printf("  snap homes       %.3f s\n", result.stats.snap_seconds);
    std::printf("  matrix           %.3f s (%zu searches) -> %s pairs/s\n", result.stats.matrix_seconds,
                result.stats.searches, with_commas(static_cast<double>(pairs) / result.stats.matrix_seconds).c_str());
    std::printf("  decide           %.3f s\n", result.stats.decide_seconds);
    std::printf("  write decisions  %.3f s\n", write_s);
    std::printf("school searches    %.3f s (%zu searches, every band, read by a checksum sink)\n", searches_s, searches);
    std::printf("serve index        %.3f s (every node's distance to every school and band, as serve starts)\n",
                index_s);
    std::printf("outcomes          ");
    for (const auto& [o, n] : outcomes) {
        std::printf(" %s=%zu", o.c_str(), n);
    }
    std::printf("\n");
    if (baseline) {
        t = Clock::now();
        const std::vector<DistanceMm> plain = boost_baseline_matrix(matrix_in, false, threads);
        const std::vector<DistanceMm> safe = boost_baseline_matrix(matrix_in, true, threads);
        const double baseline_s = seconds_since(t);
        std::size_t compared = 0;
        std::size_t differ = 0;
        for (std::size_t s = 0; s < schools.schools.size(); ++s) {
            for (std::size_t h = 0; h < matrix_in.homes.size(); ++h) {
                compared += 2;
                differ += (plain[s * matrix_in.homes.size() + h] != matrix.plain_mm(h, s)) ? 1 : 0;
                differ += (safe[s * matrix_in.homes.size() + h] != matrix.safe_mm(h, s)) ? 1 : 0;
            }
        }
        std::printf("matrix (skolvag)   %.3f s\n", matrix_s);
        std::printf("baseline (Boost)   %.3f s  -> skolvag is %.1fx faster; distances identical: %s (%s of %s differ)\n",
                    baseline_s, baseline_s / matrix_s, differ == 0 ? "yes" : "NO", with_commas(differ).c_str(),
                    with_commas(compared).c_str());
    }
    std::printf("peak memory        %.1f MiB\n", static_cast<double>(api::peak_memory_bytes()) / (1024.0 * 1024.0));
    std::filesystem::remove_all(dir);
    return 0;
}
