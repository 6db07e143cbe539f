// SPDX-License-Identifier: MIT
// skolvag's fast pipeline against a brute-force reference of walking-network.md on
// real extracts, including extracts without expected cases: the reference keeps
// every OSM node as a vertex (no junction graph), snaps by scanning every segment,
// and routes with Boost.Graph's dijkstra_shortest_paths from a super source to a
// super target. Both share only the tag rules (walk_profile, band_safety) and the
// geodesic primitives. Skips when ../shared is absent.
#include "geodata/band_safety.hpp"
#include "geodata/geodesic.hpp"
#include "geodata/osm_network.hpp"
#include "geodata/point_distance.hpp"
#include "geodata/walk_rules.hpp"
#include "geodata/snap.hpp"
#include "geodata/walk_profile.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/walk_fixture.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <gtest/gtest.h>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <unordered_map>

using namespace skolvag::geodata;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Every OSM node of a walkable way is a vertex; a blocking barrier gets a fresh
/// vertex for each segment that touches it, so nothing connects through it.
struct BruteNetwork {
    struct Segment {
        std::uint32_t u;
        std::uint32_t v;
        double length_m;
        bool forward;  // u -> v walkable
        bool backward; // v -> u walkable
        WayProfile profile;
    };
    std::vector<LonLat> position;
    std::vector<Segment> segments;
    std::vector<std::uint32_t> component; // vertex -> component
    std::vector<double> component_m;

    explicit BruteNetwork(const std::string& path) {
        read(path);
        label_components();
    }

private:
    struct NodeInfo {
        LonLat p;
        bool blocking;
    };

    /// One pass over the file; nodes come before ways in OSM files.
    void read(const std::string& path) {
        std::unordered_map<osmium::object_id_type, NodeInfo> nodes;
        osmium::io::Reader reader{path};
        while (osmium::memory::Buffer buffer = reader.read()) {
            for (const auto& item : buffer) {
                if (item.type() == osmium::item_type::node) {
                    const auto& n = static_cast<const osmium::Node&>(item);
                    if (n.location().valid()) {
                        nodes[n.id()] = {{n.location().lon(), n.location().lat()}, is_blocking_barrier(n.tags())};
                    }
                } else if (item.type() == osmium::item_type::way) {
                    add_way(static_cast<const osmium::Way&>(item), nodes);
                }
            }
        }
    }

    void add_way(const osmium::Way& w, const std::unordered_map<osmium::object_id_type, NodeInfo>& nodes) {
        const auto profile = classify_way(w.tags());
        if (!profile) {
            return;
        }
        std::vector<osmium::object_id_type> refs;
        for (const auto& r : w.nodes()) {
            if (refs.empty() || refs.back() != r.ref()) {
                refs.push_back(r.ref());
            }
        }
        for (std::size_t i = 0; i + 1 < refs.size(); ++i) {
            const auto a = nodes.find(refs[i]);
            const auto b = nodes.find(refs[i + 1]);
            if (a == nodes.end() || b == nodes.end()) {
                continue;
            }
            const std::uint32_t u = vertex(refs[i], a->second);
            const std::uint32_t v = vertex(refs[i + 1], b->second);
            segments.push_back({u, v, geodesic_distance_m(a->second.p, b->second.p),
                                profile->direction != WalkDirection::backward_only,
                                profile->direction != WalkDirection::forward_only, *profile});
        }
    }

    std::uint32_t vertex(osmium::object_id_type id, const NodeInfo& info) {
        if (info.blocking) {
            position.push_back(info.p);
            return static_cast<std::uint32_t>(position.size() - 1);
        }
        auto [it, added] = m_vertex_of.try_emplace(id, static_cast<std::uint32_t>(position.size()));
        if (added) {
            position.push_back(info.p);
        }
        return it->second;
    }

    /// Components by repeated flooding (simple on purpose).
    void label_components() {
        std::vector<std::vector<std::uint32_t>> adj(position.size());
        for (std::uint32_t s = 0; s < segments.size(); ++s) {
            adj[segments[s].u].push_back(s);
            adj[segments[s].v].push_back(s);
        }
        component.assign(position.size(), std::numeric_limits<std::uint32_t>::max());
        for (std::uint32_t start = 0; start < position.size(); ++start) {
            if (component[start] != std::numeric_limits<std::uint32_t>::max()) {
                continue;
            }
            const auto c = static_cast<std::uint32_t>(component_m.size());
            component_m.push_back(0.0);
            std::vector<std::uint32_t> stack = {start};
            component[start] = c;
            while (!stack.empty()) {
                const std::uint32_t x = stack.back();
                stack.pop_back();
                for (std::uint32_t s : adj[x]) {
                    for (std::uint32_t y : {segments[s].u, segments[s].v}) {
                        if (component[y] != c) {
                            component[y] = c;
                            stack.push_back(y);
                        }
                    }
                }
            }
        }
        for (const Segment& s : segments) {
            component_m[component[s.u]] += s.length_m;
        }
    }

    std::unordered_map<osmium::object_id_type, std::uint32_t> m_vertex_of;
};

struct BruteSnap {
    std::uint32_t segment;
    SegmentFoot foot;
};

std::optional<BruteSnap> brute_snap(const BruteNetwork& net, const LonLat& p, const WalkRules& rules) {
    // A cheap local planar distance first; the exact projection only near the best.
    const double kx = 111'320.0 * std::cos(p.lat_deg * 3.14159265358979 / 180.0);
    const double ky = 110'574.0;
    std::optional<BruteSnap> best;
    for (std::uint32_t s = 0; s < net.segments.size(); ++s) {
        const auto& seg = net.segments[s];
        if (net.component_m[net.component[seg.u]] < rules.min_component_m) {
            continue;
        }
        const LonLat& a = net.position[seg.u];
        const LonLat& b = net.position[seg.v];
        const double ax = (a.lon_deg - p.lon_deg) * kx, ay = (a.lat_deg - p.lat_deg) * ky;
        const double bx = (b.lon_deg - p.lon_deg) * kx, by = (b.lat_deg - p.lat_deg) * ky;
        const double dx = bx - ax, dy = by - ay;
        const double len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
        const double approx = std::hypot(ax + t * dx, ay + t * dy);
        const double bound = best ? best->foot.distance_m : rules.max_snap_m;
        if (approx > bound * 1.02 + 5.0) {
            continue;
        }
        const SegmentFoot foot = project_onto_segment(p, a, b, seg.length_m);
        if (foot.distance_m <= rules.max_snap_m && (!best || foot.distance_m < best->foot.distance_m)) {
            best = BruteSnap{s, foot};
        }
    }
    return best;
}

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                         boost::property<boost::edge_weight_t, double>>;

/// Plain or band distance with Boost.Graph, nullopt for no route.
std::optional<double> brute_distance(const BruteNetwork& net, const BruteSnap& from, const BruteSnap& to,
                                     const WalkRules& rules, const BandSafety* band) {
    auto safe = [&](const BruteNetwork::Segment& s) { return band == nullptr || is_safe_for_band(s.profile, *band, rules); };
    const auto n = static_cast<std::uint32_t>(net.position.size());
    const std::uint32_t source = n;
    const std::uint32_t target = n + 1;
    BoostGraph g(n + 2);
    for (const auto& s : net.segments) {
        if (!safe(s)) {
            continue;
        }
        if (s.forward) {
            boost::add_edge(s.u, s.v, s.length_m, g);
        }
        if (s.backward) {
            boost::add_edge(s.v, s.u, s.length_m, g);
        }
    }
    double best = kInf;
    const auto& fs = net.segments[from.segment];
    const auto& ts = net.segments[to.segment];
    // Leaving the home's segment: at a vertex the walker is simply there.
    if (from.foot.end < 0) {
        boost::add_edge(source, fs.u, 0.0, g);
    } else if (from.foot.end > 0) {
        boost::add_edge(source, fs.v, 0.0, g);
    } else if (safe(fs)) {
        if (fs.backward) {
            boost::add_edge(source, fs.u, from.foot.along_m, g);
        }
        if (fs.forward) {
            boost::add_edge(source, fs.v, fs.length_m - from.foot.along_m, g);
        }
    }
    if (to.foot.end < 0) {
        boost::add_edge(ts.u, target, 0.0, g);
    } else if (to.foot.end > 0) {
        boost::add_edge(ts.v, target, 0.0, g);
    } else if (safe(ts)) {
        if (ts.forward) {
            boost::add_edge(ts.u, target, to.foot.along_m, g);
        }
        if (ts.backward) {
            boost::add_edge(ts.v, target, ts.length_m - to.foot.along_m, g);
        }
    }
    if (from.segment == to.segment && from.foot.end == 0 && to.foot.end == 0 && safe(fs)) {
        const double a = from.foot.along_m;
        const double b = to.foot.along_m;
        if ((b >= a && fs.forward) || (b <= a && fs.backward)) {
            best = std::fabs(b - a);
        }
    }
    std::vector<double> dist(n + 2);
    boost::dijkstra_shortest_paths(g, source, boost::distance_map(dist.data()).distance_inf(kInf));
    best = std::min(best, dist[target]);
    if (best == kInf) {
        return std::nullopt;
    }
    return best;
}

struct Extract {
    const char* file;
    int pairs;
};

class BruteForceReference : public ::testing::TestWithParam<Extract> {};

void PrintTo(const Extract& e, std::ostream* os) { *os << e.file; }

} // namespace

TEST_P(BruteForceReference, FastPipelineAgreesWithTheBruteForceDefinition) {
    const auto path = skolvag::testing::shared_file(std::string("data/osm/") + GetParam().file);
    if (!path) {
        GTEST_SKIP() << skolvag::testing::skip_message(std::string("data/osm/") + GetParam().file);
    }
    const WalkRules rules; // the example settings of §6
    const BandSafety f3{50.0};
    const BandSafety strict30{30.0};
    const BandSafety* bands[] = {nullptr, &f3, &strict30};
    const char* band_names[] = {"plain", "F-3", "strict-30"};

    const WalkNetwork net = load_osm_network(*path);
    const Snapper snapper(net);
    const BruteNetwork brute(*path);

    // Homes near the network (some too far), destinations within a few kilometres.
    std::mt19937 rng(20261123);
    std::uniform_int_distribution<std::size_t> pick(0, net.points.size() - 1);
    std::uniform_real_distribution<double> azimuth(0.0, 360.0);
    std::uniform_real_distribution<double> offset(0.0, 300.0);
    int compared = 0;
    int disagree = 0;
    std::map<std::string, int> statuses;
    std::string report;
    for (int i = 0; i < GetParam().pairs; ++i) {
        const LonLat from = geodesic_direct(net.points[pick(rng)], azimuth(rng), offset(rng));
        LonLat to = geodesic_direct(net.points[pick(rng)], azimuth(rng), offset(rng) / 3.0);
        if (geodesic_distance_m(from, to) > 4000.0) {
            to = geodesic_direct(from, azimuth(rng), 1500.0);
        }
        const auto bf = brute_snap(brute, from, rules);
        const auto bt = brute_snap(brute, to, rules);
        for (std::size_t b = 0; b < std::size(bands); ++b) {
            const BandSafety* band = bands[b];
            PointDistanceCalculator calc(snapper, rules, band);
            const PointDistance fast = calc.compute(from, to);
            DistanceStatus status = DistanceStatus::ok;
            std::optional<double> distance;
            if (!bf) {
                status = DistanceStatus::from_not_on_network;
            } else if (!bt) {
                status = DistanceStatus::to_not_on_network;
            } else {
                distance = brute_distance(brute, *bf, *bt, rules, band);
                status = distance ? DistanceStatus::ok : DistanceStatus::no_route;
            }
            ++compared;
            ++statuses[std::string(to_string(status))];
            const bool same = fast.status == status &&
                              (!distance || std::fabs(*fast.distance_m - *distance) <= 0.02);
            if (!same) {
                ++disagree;
                char line[200];
                std::snprintf(line, sizeof line, "  pair %d band %s: fast %s %.3f, brute %s %.3f\n", i,
                              band_names[b], std::string(to_string(fast.status)).c_str(),
                              fast.distance_m.value_or(-1), std::string(to_string(status)).c_str(),
                              distance.value_or(-1));
                report += line;
            }
        }
    }
    std::string summary;
    for (const auto& [status, count] : statuses) {
        summary += " " + status + "=" + std::to_string(count);
    }
    std::cout << GetParam().file << ": " << compared << " comparisons:" << summary << '\n';
    // Snapping ties (a point nearest to a barrier's copies) may go either way.
    EXPECT_LE(disagree * 100, compared) << disagree << " of " << compared << " differ:\n" << report;
    if (disagree > 0) {
        std::cout << disagree << " of " << compared << " differ (allowed: ties):\n" << report;
    }
}

INSTANTIATE_TEST_SUITE_P(SharedExtracts, BruteForceReference,
                         ::testing::Values(Extract{"stockholm.osm.pbf", 60}, Extract{"lund-station-sweden.osm.pbf", 60},
                                           Extract{"skoyen.osm.pbf", 60}, Extract{"withinDistance.osm", 60},
                                           Extract{"oslo-east-filtered.osm.pbf", 40},
                                           Extract{"liechtenstein-latest.osm.pbf", 30},
                                           Extract{"heidelberg.test.pbf", 25}, Extract{"porto_portugal.osm.pbf", 15}),
                         [](const ::testing::TestParamInfo<Extract>& param_info) {
                             std::string n = param_info.param.file;
                             for (char& ch : n) {
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) {
                                     ch = '_';
                                 }
                             }
                             return n;
                         });
