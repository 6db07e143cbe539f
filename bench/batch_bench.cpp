// SPDX-License-Identifier: MIT
// Whole-municipality benchmark: a real extract, deterministic synthetic pupils and
// schools, the four example bands; reports network build, the whole batch run
// (registers read, homes snapped, matrix, decisions, decisions file written),
// pupils/s, pupils x schools pairs/s and peak memory, and times a baseline of
// Boost.Graph's dijkstra_shortest_paths from each school (and band) over the whole
// graph, checking that every distance is identical. Prints aggregates only.
//
//   batch_bench [--extract porto_portugal.osm.pbf] [--pupils 10000] [--schools 40]
//               [--threads 2] [--seed 1] [--no-baseline] [--keep DIR] [--rules RULES.toml]
// --keep DIR leaves the workload (schools.csv, pupils.csv) and the decisions in DIR, to
// run `skolvag batch` on it with other rules. --rules runs the bench under a rules file
// instead of the example rules (the same binary compares rule sets, run after run).
#include "api/cli/peak_memory.hpp"
#include "api/eligibility/batch_run.hpp"
#include "api/eligibility/decisions_file.hpp"
#include "api/eligibility/distance_matrix.hpp"
#include "api/eligibility/rules_file.hpp"
#include "api/eligibility/school_distance_index.hpp"
#include "api/eligibility/school_search.hpp"
#include "bench/bench_data.hpp"
#include "bench/boost_baseline.hpp"
#include "bench/synthetic_workload.hpp"
#include "geodata/band_safety.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/turn_network.hpp"
#include "geodata/osm_network.hpp"
#include "geodata/progress_line.hpp"
#include "geodata/walk_router.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>
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

/// The benchmark's consumer of the school search: touches every node's distance (so
/// that nothing is optimised away) and keeps only a checksum.
class ChecksumSink : public api::SchoolSearchSink {
public:
    explicit ChecksumSink(const api::SearchNetworks& networks) : m_networks(networks) {}
    void on_search(std::size_t, std::size_t network, const routing::CchOneToAll& distances) override {
        std::uint64_t sum = 0;
        const routing::NodeId nodes = m_networks.space(network).graph().node_count();
        for (routing::NodeId x = 0; x < nodes; ++x) {
            const DistanceMm d = distances.distance(x);
            sum += d == kUnreachable ? 0 : d;
        }
        m_sum += sum;
    }
    std::uint64_t sum() const { return m_sum; }

private:
    const api::SearchNetworks& m_networks;
    std::atomic<std::uint64_t> m_sum{0};
};

/// Seconds for the school searches alone (every band), with a sink that only reads them;
/// `customize_s` is the part spent customizing each band's metric.
double time_school_searches(const api::MatrixInputs& in, std::size_t& searches, double& customize_s) {
    const auto t = Clock::now();
    const api::SearchNetworks networks(in.net, in.reversed, in.hierarchy, in.rules,
                                       std::vector<bool>(in.rules.bands.size(), true), in.threads);
    customize_s = seconds_since(t);
    const api::SchoolSearch search(networks, in.schools, in.rules.walking.include_access_legs);
    ChecksumSink sink(networks);
    searches = search.run(sink, in.threads);
    return seconds_since(t);
}

struct Options {
    std::string extract = "porto_portugal.osm.pbf";
    std::size_t pupils = 10'000;
    std::size_t spread_schools = 40;
    unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    std::uint32_t seed = 1;
    bool baseline = true;
    std::string keep; ///< a folder for the workload and decisions, kept; empty: a temporary one
    std::string rules; ///< a rules file; empty: the example rules (walking-network.md §5-6, §11)
};

std::optional<Options> parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--extract") {
            o.extract = value();
        } else if (a == "--pupils") {
            o.pupils = std::stoul(value());
        } else if (a == "--schools") {
            o.spread_schools = std::stoul(value());
        } else if (a == "--threads") {
            o.threads = static_cast<unsigned>(std::stoul(value()));
        } else if (a == "--seed") {
            o.seed = static_cast<std::uint32_t>(std::stoul(value()));
        } else if (a == "--no-baseline") {
            o.baseline = false;
        } else if (a == "--keep") {
            o.keep = value();
        } else if (a == "--rules") {
            o.rules = value();
        } else {
            std::cerr << "batch_bench: unknown option " << a << "\n";
            return std::nullopt;
        }
    }
    return o;
}

/// The network and its indexes, timed.
struct Network {
    explicit Network(const std::string& path)
        : start(Clock::now()), net(geodata::load_osm_network(path)), snapper(net), reversed(net),
          load_s(seconds_since(start)), hierarchy(net),
          hierarchy_s((hierarchy.walk(), seconds_since(start) - load_s)) {} // built here, as serve does at start
    Clock::time_point start;
    geodata::WalkNetwork net;
    geodata::Snapper snapper;
    geodata::ReversedNetwork reversed;
    double load_s;
    geodata::NetworkHierarchy hierarchy;
    double hierarchy_s;
};

/// The whole run, as `skolvag batch` does it after loading the network, timed.
struct Run {
    api::SchoolRegister schools;
    std::vector<api::PupilHome> homes;
    api::BatchResult result;
    double read_s = 0.0;
    double write_s = 0.0;
    double run_s = 0.0;
};

Run run_batch(const Network& n, const api::Rules& rules, const std::filesystem::path& dir, unsigned threads) {
    Run r;
    const auto t = Clock::now();
    r.schools = api::read_school_register((dir / "schools.csv").string(), std::nullopt);
    std::ostringstream warnings;
    api::snap_entrances(r.schools, n.snapper, rules.walking, warnings);
    r.homes = api::read_pupil_register((dir / "pupils.csv").string(), std::nullopt);
    r.read_s = seconds_since(t);
    const api::BatchInputs in{n.net,   n.reversed, n.hierarchy, n.snapper, rules, "bench", "bench", r.schools, r.homes,
                              nullptr, nullptr,    threads,     false};
    r.result = api::run_batch(in);
    const auto write_start = Clock::now();
    api::write_decisions((dir / "decisions.csv").string(), r.result.decisions, std::nullopt);
    r.write_s = seconds_since(write_start);
    r.run_s = seconds_since(t);
    return r;
}

/// The matrix's rows: every home that snapped and has a band.
std::vector<api::HomeQuery> matrix_homes(const Network& n, const api::Rules& rules, const Run& run) {
    std::vector<api::HomeQuery> homes;
    for (const api::PupilHome& h : run.homes) {
        const auto grade = api::parse_grade(h.grade);
        const auto band = grade ? rules.band_of(*grade) : std::nullopt;
        const auto snap = h.home ? n.snapper.snap(*h.home, rules.walking.max_snap_m, rules.walking.min_component_m)
                                 : std::nullopt;
        if (snap && band) {
            homes.push_back({*snap, *band});
        }
    }
    return homes;
}

void print_run(const Options& o, const std::string& school_source, const Network& n, const api::Rules& rules,
               const Run& r) {
    const std::size_t pairs = r.homes.size() * r.schools.schools.size();
    std::printf("extract            %s (schools: %s)\n", o.extract.c_str(), school_source.c_str());
    std::printf("network build      %.3f s (read, graph, snapping index %.3f s; hierarchy %.3f s; %s nodes, %s arcs)\n",
                n.load_s + n.hierarchy_s, n.load_s, n.hierarchy_s,
                with_commas(std::size_t{n.net.graph.node_count()}).c_str(),
                with_commas(std::size_t{n.net.graph.arc_count()}).c_str());
    std::printf("workload           %s pupils, %zu schools, %zu bands, %u threads\n", with_commas(r.homes.size()).c_str(),
                r.schools.schools.size(), rules.bands.size(), o.threads);
    std::printf("batch run          %.3f s  -> %s pupils/s, %s pupil x school pairs/s\n", r.run_s,
                with_commas(static_cast<double>(r.homes.size()) / r.run_s).c_str(),
                with_commas(static_cast<double>(pairs) / r.run_s).c_str());
    std::printf("  read registers   %.3f s\n", r.read_s);
    std::printf("  snap homes       %.3f s\n", r.result.stats.snap_seconds);
    std::printf("  matrix           %.3f s (%zu searches) -> %s pairs/s\n", r.result.stats.matrix_seconds,
                r.result.stats.searches,
                with_commas(static_cast<double>(pairs) / r.result.stats.matrix_seconds).c_str());
    std::printf("  decide           %.3f s\n", r.result.stats.decide_seconds);
    std::printf("  write decisions  %.3f s\n", r.write_s);
    std::map<std::string, std::size_t> outcomes;
    for (const api::Decision& d : r.result.decisions) {
        ++outcomes[std::string(api::to_string(d.outcome))];
    }
    std::printf("outcomes          ");
    for (const auto& [outcome, count] : outcomes) {
        std::printf(" %s=%zu", outcome.c_str(), count);
    }
    std::printf("\n");
}

/// The baseline's matrix against skolvag's, entry by entry.
void compare_with_baseline(const api::MatrixInputs& in, const api::DistanceMatrix& matrix, double matrix_s) {
    const auto t = Clock::now();
    const std::vector<DistanceMm> plain = bench::boost_baseline_matrix(in, false, in.threads);
    const std::vector<DistanceMm> safe = bench::boost_baseline_matrix(in, true, in.threads);
    const double baseline_s = seconds_since(t);
    std::size_t compared = 0;
    std::size_t differ = 0;
    for (std::size_t s = 0; s < in.schools.schools.size(); ++s) {
        for (std::size_t h = 0; h < in.homes.size(); ++h) {
            compared += 2;
            differ += (plain[s * in.homes.size() + h] != matrix.plain_mm(h, s)) ? 1 : 0;
            differ += (safe[s * in.homes.size() + h] != matrix.safe_mm(h, s)) ? 1 : 0;
        }
    }
    std::printf("matrix (skolvag)   %.3f s\n", matrix_s);
    std::printf("baseline (Boost)   %.3f s  -> skolvag is %.1fx faster; distances identical: %s (%s of %s differ)\n",
                baseline_s, baseline_s / matrix_s, differ == 0 ? "yes" : "NO", with_commas(differ).c_str(),
                with_commas(compared).c_str());
}

} // namespace

int main(int argc, char** argv) {
    const std::optional<Options> o = parse_options(argc, argv);
    if (!o) {
        return 2;
    }
    const auto path = bench::shared_extract(o->extract);
    if (!path) {
        std::cerr << "batch_bench: " << o->extract << " not found under ../shared/data/osm (set SKOLVAG_SHARED)\n";
        return 1;
    }
    const Network n(*path);
    const bench::SyntheticWorkload workload = bench::make_workload(*path, n.net, o->pupils, o->spread_schools, o->seed);
    const std::filesystem::path dir = o->keep.empty() ? std::filesystem::temp_directory_path() /
                                                            ("skolvag-bench-" + std::to_string(getpid()))
                                                      : std::filesystem::path(o->keep);
    std::filesystem::create_directories(dir);
    bench::write_workload_csv(workload, (dir / "schools.csv").string(), (dir / "pupils.csv").string());
    const api::Rules rules = o->rules.empty() ? api::example_rules() : api::load_rules(o->rules);

    // The turn graph and its hierarchy belong to the network (built once, kept for every
    // later run): timed here, before the run, like the walk graph's.
    const auto turn_start = Clock::now();
    if (std::any_of(rules.bands.begin(), rules.bands.end(),
                    [](const api::Band& b) { return geodata::band_restricts_passages(b.safety); })) {
        n.hierarchy.turn();
    }
    const double turn_s = seconds_since(turn_start);

    const Run run = run_batch(n, rules, dir, o->threads);
    print_run(*o, workload.school_source, n, rules, run);
    std::printf("turn hierarchy     %.3f s (built once per network for bands that restrict crossings, §8; %s turn-graph "
                "nodes, %s turns; hierarchy arcs %s, walk graph's %s)\n",
                turn_s, with_commas(std::size_t{n.hierarchy.turns().turns.graph.node_count()}).c_str(),
                with_commas(std::size_t{n.hierarchy.turns().turns.graph.arc_count()}).c_str(),
                with_commas(n.hierarchy.turn().arc_count()).c_str(), with_commas(n.hierarchy.walk().arc_count()).c_str());

    // The consumers of the school search on their own: the matrix, the searches, serve's index.
    const api::MatrixInputs matrix_in{n.net, n.reversed, n.hierarchy, rules, run.schools,
                                      matrix_homes(n, rules, run), o->threads};
    auto t = Clock::now();
    const api::DistanceMatrix matrix = api::compute_distance_matrix(matrix_in);
    const double matrix_s = seconds_since(t);
    std::size_t searches = 0;
    double customize_s = 0.0;
    const double searches_s = time_school_searches(matrix_in, searches, customize_s);
    t = Clock::now();
    const api::SchoolDistanceIndex index(n.net, n.reversed, n.hierarchy, rules, run.schools, o->threads);
    const double index_s = seconds_since(t);
    std::printf("school searches    %.3f s (%zu searches, every band, read by a checksum sink; customizing the "
                "bands' metrics %.3f s of it)\n",
                searches_s, searches, customize_s);
    std::printf("serve index        %.3f s (every node's distance to every school and band, as serve starts)\n",
                index_s);
    if (o->baseline) {
        compare_with_baseline(matrix_in, matrix, matrix_s);
    }
    std::printf("peak memory        %.1f MiB\n", static_cast<double>(api::peak_memory_bytes()) / (1024.0 * 1024.0));
    if (o->keep.empty()) {
        std::filesystem::remove_all(dir);
    }
    return 0;
}
