// SPDX-License-Identifier: MIT
#include "bench/synthetic_country.hpp"

#include <osmium/builder/attr.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/io/header.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/memory/buffer.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace skolvag::bench {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMetresPerDegreeLat = 110'574.0;
constexpr double kWest = 11.8;   ///< the country's south-west corner
constexpr double kSouth = 55.4;
constexpr double kCellLon = 0.8; ///< a municipality's cell, about 44 x 44 km at 60 N
constexpr double kCellLat = 0.4;

/// Deterministic across standard libraries: no std::*_distribution.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_engine(seed) {}
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)) % n; }
    bool chance(double p) { return uniform() < p; }
    /// An index into weights, drawn in proportion to them.
    template <std::size_t N>
    std::size_t pick(const std::array<double, N>& weights) {
        double r = uniform() * std::accumulate(weights.begin(), weights.end(), 0.0);
        for (std::size_t i = 0; i < N; ++i) {
            if (r < weights[i]) {
                return i;
            }
            r -= weights[i];
        }
        return N - 1;
    }

private:
    std::mt19937_64 m_engine;
};

/// What a node is tagged with.
enum class NodeKind : std::uint8_t { plain, traffic_signals, crossing_signals, crossing_marked, crossing_unmarked };

struct Node {
    double lon;
    double lat;
    NodeKind kind;
};

enum class Street : std::uint8_t { residential, tertiary, secondary };

struct Way {
    std::vector<osmium::object_id_type> nodes;
    const char* highway;
    const char* maxspeed; ///< nullptr: untagged (the class default applies)
    const char* sidewalk; ///< nullptr: untagged
    bool lit;
};

struct Town {
    std::size_t municipality;
    double lon0;
    double lat0;
    int k;          ///< k x k street grid
    double spacing; ///< metres between streets
    bool village;
    std::vector<osmium::object_id_type> grid; ///< node id of (i, j) at j * k + i
};

struct SchoolSite {
    std::string id;
    std::string grades; ///< F-6, 7-9, F-9, gy
    std::vector<std::pair<double, double>> entrances;
};

struct Municipality {
    std::string code;
    double weight = 0.0; ///< its share of the country's streets and people
    std::vector<std::size_t> towns; ///< the central town first, then its villages
    std::vector<std::vector<osmium::object_id_type>> village_roads; ///< rural homes lie beside these
    std::vector<SchoolSite> schools;
};

/// Synthetic kommunkoder: a county's two digits (as Swedish counties are numbered), then two more.
std::string municipality_code(std::size_t m, std::size_t count) {
    static constexpr std::array<int, 21> kCounties = {1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13,
                                                      14, 17, 18, 19, 20, 21, 22, 23, 24, 25};
    const std::size_t per_county = (count + kCounties.size() - 1) / kCounties.size();
    char code[32];
    std::snprintf(code, sizeof code, "%02d%02zu", kCounties[m / per_county], 10 + m % per_county);
    return code;
}

class Country {
public:
    Country(const CountryOptions& o, std::ostream& progress) : m_o(o), m_rng(o.seed), m_progress(progress) {}

    void build() {
        lay_out_municipalities();
        for (std::size_t m = 0; m < m_municipalities.size(); ++m) {
            build_municipality(m);
            if ((m + 1) % 50 == 0 || m + 1 == m_municipalities.size()) {
                m_progress << "country_gen: streets of " << (m + 1) << " of " << m_municipalities.size()
                           << " municipalities (" << m_nodes.size() << " OSM nodes)\n";
            }
        }
        join_central_towns();
        place_schools();
    }

    CountrySummary write(const CountryFiles& files) {
        write_osm(files.network);
        write_schools(files.schools);
        write_pupils(files.pupils);
        std::ofstream codes(files.municipalities);
        for (const Municipality& mu : m_municipalities) {
            codes << mu.code << '\n';
        }
        if (!codes) {
            throw std::runtime_error(files.municipalities + ": cannot write");
        }
        m_summary.osm_nodes = m_nodes.size();
        m_summary.osm_ways = m_ways.size();
        return m_summary;
    }

private:
    // --- coordinates --------------------------------------------------------------

    static std::pair<double, double> offset(double lon0, double lat0, double east_m, double north_m) {
        return {lon0 + east_m / (kMetresPerDegreeLat * std::cos(lat0 * kPi / 180.0)), lat0 + north_m / kMetresPerDegreeLat};
    }
    static std::pair<double, double> metres_between(double lon0, double lat0, double lon, double lat) {
        return {(lon - lon0) * kMetresPerDegreeLat * std::cos(lat0 * kPi / 180.0), (lat - lat0) * kMetresPerDegreeLat};
    }

    osmium::object_id_type add_node(double lon, double lat, NodeKind kind = NodeKind::plain) {
        m_nodes.push_back({lon, lat, kind});
        return static_cast<osmium::object_id_type>(m_nodes.size());
    }
    const Node& node(osmium::object_id_type id) const { return m_nodes[static_cast<std::size_t>(id - 1)]; }

    // --- municipalities and towns ---------------------------------------------------

    void lay_out_municipalities() {
        const std::size_t n = m_o.municipalities;
        std::vector<std::size_t> rank(n);
        std::iota(rank.begin(), rank.end(), 0);
        for (std::size_t i = n; i > 1; --i) { // Fisher-Yates: cities anywhere
            std::swap(rank[i - 1], rank[m_rng.below(i)]);
        }
        double total = 0.0;
        for (std::size_t m = 0; m < n; ++m) {
            Municipality mu;
            mu.code = municipality_code(m, n);
            mu.weight = std::pow(static_cast<double>(rank[m] + 1), -0.7); // a few cities, many small towns
            total += mu.weight;
            m_municipalities.push_back(std::move(mu));
        }
        for (Municipality& mu : m_municipalities) {
            mu.weight /= total;
        }
        m_columns = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(std::sqrt(0.45 * static_cast<double>(n)))));
    }

    /// Grid side for a street budget: about 1.2 graph nodes per grid node (with the crossings).
    static int side_for(double junctions) { return std::max(3, static_cast<int>(std::lround(std::sqrt(junctions / 1.2)))); }
    /// Denser streets in larger towns: 60 m in a city, about 150 m in a village.
    static double spacing_for(int k) { return std::clamp(200.0 - 18.0 * std::log2(static_cast<double>(k)), 60.0, 160.0); }

    void build_municipality(std::size_t m) {
        Municipality& mu = m_municipalities[m];
        const double budget = static_cast<double>(m_o.nodes) * mu.weight;
        const std::size_t row = m / m_columns;
        const std::size_t col = m % m_columns;
        const double cell_lon = kWest + (static_cast<double>(col) + m_rng.between(0.35, 0.65)) * kCellLon;
        const double cell_lat = kSouth + (static_cast<double>(row) + m_rng.between(0.35, 0.65)) * kCellLat;
        const std::size_t centre = add_town(m, cell_lon, cell_lat, side_for(budget * 0.82), false);
        mu.towns.push_back(centre);
        const std::size_t villages = 2 + m_rng.below(4);
        const double half_town = m_towns[centre].k * m_towns[centre].spacing / 2.0;
        for (std::size_t v = 0; v < villages; ++v) {
            const double angle = 2.0 * kPi * (static_cast<double>(v) + m_rng.between(0.1, 0.9)) / static_cast<double>(villages);
            const double distance = half_town + m_rng.between(2'500.0, 9'000.0);
            const auto [lon, lat] = offset(cell_lon, cell_lat, distance * std::cos(angle), distance * std::sin(angle));
            const int k = side_for(budget * 0.18 / static_cast<double>(villages) * m_rng.between(0.4, 1.6));
            const std::size_t village = add_town(m, lon, lat, std::min(k, 40), true);
            mu.towns.push_back(village);
            // A country road into the central town: 70-80 km/h, no sidewalk.
            const std::array<const char*, 3> speeds = {"70", "80", "60"};
            mu.village_roads.push_back(rural_road(nearest_grid_node(m_towns[village], cell_lon, cell_lat),
                                                  nearest_grid_node(m_towns[centre], lon, lat), "tertiary",
                                                  speeds[m_rng.pick(std::array<double, 3>{5, 3, 2})]));
        }
    }

    osmium::object_id_type nearest_grid_node(const Town& t, double lon, double lat) const {
        const auto [east, north] = metres_between(t.lon0, t.lat0, lon, lat);
        const double mid = (t.k - 1) / 2.0;
        const int i = std::clamp(static_cast<int>(std::lround(east / t.spacing + mid)), 0, t.k - 1);
        const int j = std::clamp(static_cast<int>(std::lround(north / t.spacing + mid)), 0, t.k - 1);
        return t.grid[static_cast<std::size_t>(j * t.k + i)];
    }

    Street street_of_line(int line, int k, bool village) {
        if (village) {
            return line == k / 2 ? Street::tertiary : Street::residential;
        }
        if (k > 30 && line % 24 == 12) {
            return Street::secondary;
        }
        return line % 6 == 3 ? Street::tertiary : Street::residential;
    }

    Way street_way(Street s, bool city) {
        Way w{{}, "residential", nullptr, nullptr, true};
        switch (s) {
        case Street::residential: {
            const std::array<const char*, 4> speeds = {"30", "50", nullptr, "40"};
            w.maxspeed = speeds[m_rng.pick(std::array<double, 4>{45, 25, 20, 10})];
            const std::array<const char*, 5> sidewalks = {"both", "no", nullptr, "left", "right"};
            w.sidewalk = sidewalks[city ? m_rng.pick(std::array<double, 5>{50, 20, 20, 5, 5})
                                        : m_rng.pick(std::array<double, 5>{20, 30, 45, 3, 2})];
            w.lit = city || m_rng.chance(0.6);
            break;
        }
        case Street::tertiary: {
            w.highway = "tertiary";
            const std::array<const char*, 3> speeds = {"50", "40", nullptr};
            w.maxspeed = speeds[m_rng.pick(std::array<double, 3>{60, 30, 10})];
            const std::array<const char*, 3> sidewalks = {"both", "separate", "no"};
            w.sidewalk = sidewalks[m_rng.pick(std::array<double, 3>{70, 10, 20})];
            break;
        }
        case Street::secondary: {
            w.highway = "secondary";
            const std::array<const char*, 3> speeds = {"60", "70", "50"};
            w.maxspeed = speeds[m_rng.pick(std::array<double, 3>{50, 30, 20})];
            const std::array<const char*, 3> sidewalks = {"both", "no", "separate"};
            w.sidewalk = sidewalks[m_rng.pick(std::array<double, 3>{40, 40, 20})];
            break;
        }
        }
        return w;
    }

    NodeKind crossing_kind(Street s) {
        switch (s) {
        case Street::secondary:
            return m_rng.chance(0.6) ? NodeKind::crossing_signals : NodeKind::crossing_marked;
        case Street::tertiary: {
            const std::array<NodeKind, 3> kinds = {NodeKind::crossing_signals, NodeKind::crossing_marked,
                                                   NodeKind::crossing_unmarked};
            return kinds[m_rng.pick(std::array<double, 3>{20, 60, 20})];
        }
        case Street::residential:
            break;
        }
        return m_rng.chance(0.3) ? NodeKind::crossing_marked : NodeKind::crossing_unmarked;
    }

    /// Ends the way being built along a street line (when it has a segment) and starts the next.
    void close_way(Way& w, Street s, bool city) {
        if (w.nodes.size() >= 2) {
            m_ways.push_back(std::move(w));
        }
        w = street_way(s, city);
    }

    std::size_t add_town(std::size_t m, double lon0, double lat0, int k, bool village) {
        Town t{m, lon0, lat0, k, spacing_for(k), village, {}};
        const bool city = t.spacing < 90.0;
        const double mid = (k - 1) / 2.0;
        const double jitter = 0.08 * t.spacing;
        t.grid.resize(static_cast<std::size_t>(k) * static_cast<std::size_t>(k));
        std::vector<Street> lines(static_cast<std::size_t>(k));
        for (int l = 0; l < k; ++l) {
            lines[static_cast<std::size_t>(l)] = street_of_line(l, k, village);
        }
        auto at = [&](int i, int j) { return t.grid[static_cast<std::size_t>(j * k + i)]; };
        for (int j = 0; j < k; ++j) {
            for (int i = 0; i < k; ++i) {
                const auto [lon, lat] = offset(lon0, lat0, (i - mid) * t.spacing + m_rng.between(-jitter, jitter),
                                               (j - mid) * t.spacing + m_rng.between(-jitter, jitter));
                const bool major = lines[static_cast<std::size_t>(i)] != Street::residential &&
                                   lines[static_cast<std::size_t>(j)] != Street::residential;
                t.grid[static_cast<std::size_t>(j * k + i)] =
                    add_node(lon, lat, major && m_rng.chance(0.5) ? NodeKind::traffic_signals : NodeKind::plain);
            }
        }
        m_summary.junctions += t.grid.size();
        // Footways through the blocks every fifth row, crossing each north-south street
        // half-way between two junctions, at a crossing node of that street.
        std::vector<osmium::object_id_type> crossing(t.grid.size(), 0); // at (i, j): between rows j and j + 1
        for (int j = 2; j + 1 < k; j += 5) {
            Way path{{}, "footway", nullptr, nullptr, true};
            for (int i = 0; i < k; ++i) {
                const Node& a = node(at(i, j));
                const Node& b = node(at(i, j + 1));
                const osmium::object_id_type c =
                    add_node((a.lon + b.lon) / 2.0, (a.lat + b.lat) / 2.0, crossing_kind(lines[static_cast<std::size_t>(i)]));
                crossing[static_cast<std::size_t>(j * k + i)] = c;
                path.nodes.push_back(c);
                if (path.nodes.size() == 8 && i + 1 < k) {
                    m_ways.push_back(path);
                    path.nodes = {c};
                }
            }
            if (path.nodes.size() >= 2) {
                m_ways.push_back(std::move(path));
            }
            m_summary.crossings += static_cast<std::size_t>(k);
            m_summary.junctions += static_cast<std::size_t>(k);
        }
        // East-west streets (row j), then north-south ones (column i), in ways of up to
        // six blocks; a residential block is missing now and then.
        for (int j = 0; j < k; ++j) {
            const Street s = lines[static_cast<std::size_t>(j)];
            Way w = street_way(s, city);
            for (int i = 0; i + 1 < k; ++i) {
                if (s == Street::residential && m_rng.chance(0.04)) {
                    close_way(w, s, city);
                    continue;
                }
                if (w.nodes.empty()) {
                    w.nodes.push_back(at(i, j));
                }
                if (m_rng.chance(0.3)) { // a bend
                    const Node& a = node(at(i, j));
                    const Node& b = node(at(i + 1, j));
                    const auto [lon, lat] = offset((a.lon + b.lon) / 2.0, (a.lat + b.lat) / 2.0, 0.0,
                                                   m_rng.between(-jitter, jitter));
                    w.nodes.push_back(add_node(lon, lat));
                }
                w.nodes.push_back(at(i + 1, j));
                if (w.nodes.size() >= 9) {
                    close_way(w, s, city);
                    w.nodes.push_back(at(i + 1, j));
                }
            }
            close_way(w, s, city);
        }
        for (int i = 0; i < k; ++i) {
            const Street s = lines[static_cast<std::size_t>(i)];
            Way w = street_way(s, city);
            for (int j = 0; j + 1 < k; ++j) {
                const osmium::object_id_type c = crossing[static_cast<std::size_t>(j * k + i)];
                if (c == 0 && s == Street::residential && m_rng.chance(0.04)) {
                    close_way(w, s, city);
                    continue;
                }
                if (w.nodes.empty()) {
                    w.nodes.push_back(at(i, j));
                }
                if (c != 0) {
                    w.nodes.push_back(c);
                }
                w.nodes.push_back(at(i, j + 1));
                if (w.nodes.size() >= 9) {
                    close_way(w, s, city);
                    w.nodes.push_back(at(i, j + 1));
                }
            }
            close_way(w, s, city);
        }
        m_towns.push_back(std::move(t));
        ++(village ? m_summary.villages : m_summary.towns);
        return m_towns.size() - 1;
    }

    /// A country road from a to b: a bend every 300 m or so, a new way every 5 km.
    std::vector<osmium::object_id_type> rural_road(osmium::object_id_type a, osmium::object_id_type b,
                                                  const char* highway, const char* maxspeed) {
        const Node from = node(a);
        const Node to = node(b);
        const auto [east, north] = metres_between(from.lon, from.lat, to.lon, to.lat);
        const double length = std::hypot(east, north);
        const int pieces = std::max(1, static_cast<int>(length / 300.0));
        const double wobble = std::min(400.0, length / 20.0);
        const double phase = m_rng.between(0.0, 2.0 * kPi);
        std::vector<osmium::object_id_type> road = {a};
        Way w{{a}, highway, maxspeed, nullptr, false};
        for (int p = 1; p < pieces; ++p) {
            const double f = static_cast<double>(p) / pieces;
            const double side = wobble * std::sin(phase + 3.0 * kPi * f) * std::sin(kPi * f) + m_rng.between(-15.0, 15.0);
            const auto [lon, lat] = offset(from.lon, from.lat, east * f - north / length * side, north * f + east / length * side);
            const osmium::object_id_type n = add_node(lon, lat);
            road.push_back(n);
            w.nodes.push_back(n);
            if (w.nodes.size() > 16) {
                m_ways.push_back(w);
                w.nodes = {n};
                ++m_summary.junctions;
            }
        }
        road.push_back(b);
        w.nodes.push_back(b);
        m_ways.push_back(std::move(w));
        ++m_summary.rural_roads;
        return road;
    }

    /// Main roads between neighbouring municipalities' central towns (east and north): one network.
    void join_central_towns() {
        const std::size_t n = m_municipalities.size();
        for (std::size_t m = 0; m < n; ++m) {
            for (const std::size_t other : {m % m_columns + 1 < m_columns ? m + 1 : n, m + m_columns}) {
                if (other >= n) {
                    continue;
                }
                const Town& a = m_towns[m_municipalities[m].towns.front()];
                const Town& b = m_towns[m_municipalities[other].towns.front()];
                const bool primary = m_rng.chance(0.6);
                rural_road(nearest_grid_node(a, b.lon0, b.lat0), nearest_grid_node(b, a.lon0, a.lat0),
                           primary ? "primary" : "secondary", primary ? (m_rng.chance(0.5) ? "90" : "80") : "70");
            }
        }
    }

    // --- schools and pupils -----------------------------------------------------------

    /// Each municipality's share of a count: at least `floor` each, the rest by weight (largest remainder).
    std::vector<std::size_t> shares(std::size_t count, std::size_t floor) const {
        const std::size_t n = m_municipalities.size();
        std::vector<std::size_t> out(n, floor);
        const std::size_t rest = count - floor * n;
        std::vector<std::pair<double, std::size_t>> remainders;
        std::size_t given = 0;
        for (std::size_t m = 0; m < n; ++m) {
            const double exact = static_cast<double>(rest) * m_municipalities[m].weight;
            const auto whole = static_cast<std::size_t>(exact);
            out[m] += whole;
            given += whole;
            remainders.emplace_back(exact - static_cast<double>(whole), m);
        }
        std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        for (std::size_t r = 0; given + r < rest; ++r) {
            ++out[remainders[r].second];
        }
        return out;
    }

    /// A point `away` metres beside a random street segment of a town (a home, a school's entrance).
    std::pair<double, double> beside_street(const Town& t, double away_min, double away_max) {
        const int i = static_cast<int>(m_rng.below(static_cast<std::size_t>(t.k - 1)));
        const int j = static_cast<int>(m_rng.below(static_cast<std::size_t>(t.k)));
        const bool east_west = m_rng.chance(0.5);
        const Node& a = east_west ? node(t.grid[static_cast<std::size_t>(j * t.k + i)])
                                  : node(t.grid[static_cast<std::size_t>(i * t.k + j)]);
        const Node& b = east_west ? node(t.grid[static_cast<std::size_t>(j * t.k + i + 1)])
                                  : node(t.grid[static_cast<std::size_t>((i + 1) * t.k + j)]);
        const double f = m_rng.between(0.1, 0.9);
        const double away = m_rng.between(away_min, away_max) * (m_rng.chance(0.5) ? 1.0 : -1.0);
        return offset(a.lon + (b.lon - a.lon) * f, a.lat + (b.lat - a.lat) * f, east_west ? 0.0 : away,
                      east_west ? away : 0.0);
    }

    void place_schools() {
        if (m_o.schools < 3 * m_municipalities.size()) {
            throw std::invalid_argument("--schools must be at least 3 per municipality (F-6, 7-9 and gy in each)");
        }
        const std::vector<std::size_t> count = shares(m_o.schools, 3);
        for (std::size_t m = 0; m < m_municipalities.size(); ++m) {
            Municipality& mu = m_municipalities[m];
            for (std::size_t s = 0; s < count[m]; ++s) {
                SchoolSite school;
                char id[48];
                std::snprintf(id, sizeof id, "%s%03zu", mu.code.c_str(), s + 1);
                school.id = id;
                const std::array<const char*, 4> kinds = {"F-6", "7-9", "F-9", "gy"};
                school.grades = s < 3 ? std::array<const char*, 3>{"F-6", "7-9", "gy"}[s]
                                      : kinds[m_rng.pick(std::array<double, 4>{55, 20, 15, 10})];
                // A village school now and then; every kind in the central town.
                const bool in_village = s >= 3 && mu.towns.size() > 1 && school.grades != std::string("gy") &&
                                        m_rng.chance(0.15);
                const Town& town = m_towns[mu.towns[in_village ? 1 + m_rng.below(mu.towns.size() - 1) : 0]];
                school.entrances.push_back(beside_street(town, 10.0, 30.0));
                if (m_rng.chance(0.2)) { // a second entrance on the next block
                    const auto [lon, lat] = school.entrances.front();
                    school.entrances.push_back(offset(lon, lat, town.spacing * 0.5, town.spacing * 0.5));
                }
                mu.schools.push_back(std::move(school));
            }
        }
    }

    static bool teaches(const std::string& grades, int grade) { // grade: 0 = F, 1-9, 10-12 = gy1-gy3
        if (grades == "gy") {
            return grade >= 10;
        }
        if (grades == "F-6") {
            return grade <= 6;
        }
        if (grades == "7-9") {
            return grade >= 7 && grade <= 9;
        }
        return grade <= 9; // F-9
    }

    void write_schools(const std::string& path) {
        std::ofstream out(path);
        out << "school_id,name,grades,municipality,lon,lat\n";
        char line[160];
        for (const Municipality& mu : m_municipalities) {
            for (const SchoolSite& s : mu.schools) {
                for (const auto& [lon, lat] : s.entrances) {
                    std::snprintf(line, sizeof line, "%s,Skola %s,%s,%s,%.7f,%.7f\n", s.id.c_str(), s.id.c_str(),
                                  s.grades.c_str(), mu.code.c_str(), lon, lat);
                    out << line;
                }
            }
        }
        if (!out) {
            throw std::runtime_error(path + ": cannot write");
        }
    }

    void write_pupils(const std::string& path) {
        if (m_o.pupils < m_municipalities.size()) {
            throw std::invalid_argument("--pupils must be at least one per municipality");
        }
        std::ofstream out(path);
        out << "pupil_ref,grade,school_id,municipality,lon,lat\n";
        const std::vector<std::size_t> count = shares(m_o.pupils, 1);
        static constexpr std::array<const char*, 13> kGrades = {"F", "1", "2", "3", "4", "5", "6",
                                                                "7", "8", "9", "gy1", "gy2", "gy3"};
        std::size_t next_ref = 1;
        char line[160];
        for (std::size_t m = 0; m < m_municipalities.size(); ++m) {
            const Municipality& mu = m_municipalities[m];
            for (std::size_t p = 0; p < count[m]; ++p) {
                std::pair<double, double> home;
                if (!mu.village_roads.empty() && m_rng.chance(0.08)) { // a farm beside a country road
                    const auto& road = mu.village_roads[m_rng.below(mu.village_roads.size())];
                    const std::size_t at = 1 + m_rng.below(road.size() - 2 > 0 ? road.size() - 2 : 1);
                    const Node& n = node(road[std::min(at, road.size() - 1)]);
                    home = offset(n.lon, n.lat, m_rng.between(-60.0, 60.0), m_rng.between(-60.0, 60.0));
                } else {
                    // Central town (four in five homes) or a village, by its size.
                    const std::size_t town = mu.towns.size() == 1 || m_rng.chance(0.8)
                                                 ? mu.towns.front()
                                                 : mu.towns[1 + m_rng.below(mu.towns.size() - 1)];
                    home = beside_street(m_towns[town], 12.0, 40.0);
                }
                const int grade = static_cast<int>(
                    m_rng.pick(std::array<double, 13>{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 8, 8, 8}));
                // The nearest school teaching the grade, as the crow flies; now and then another (a choice).
                std::vector<std::pair<double, std::size_t>> options;
                for (std::size_t s = 0; s < mu.schools.size(); ++s) {
                    if (teaches(mu.schools[s].grades, grade)) {
                        const auto [lon, lat] = mu.schools[s].entrances.front();
                        const auto [e, n] = metres_between(home.first, home.second, lon, lat);
                        options.emplace_back(std::hypot(e, n), s);
                    }
                }
                const auto nearest = std::min_element(options.begin(), options.end());
                const std::size_t chosen =
                    m_rng.chance(0.15) ? options[m_rng.below(options.size())].second : nearest->second;
                std::snprintf(line, sizeof line, "N%08zu,%s,%s,%s,%.7f,%.7f\n", next_ref++, kGrades[grade],
                              mu.schools[chosen].id.c_str(), mu.code.c_str(), home.first, home.second);
                out << line;
            }
        }
        if (!out) {
            throw std::runtime_error(path + ": cannot write");
        }
    }

    void write_osm(const std::string& path) {
        osmium::io::Header header;
        header.set("generator", "skolvag country_gen (synthetic)");
        osmium::io::Writer writer(path, header, osmium::io::overwrite::allow);
        osmium::memory::Buffer buffer(1 << 22, osmium::memory::Buffer::auto_grow::yes);
        auto flush = [&](bool always) {
            if (always || buffer.committed() > (1 << 21)) {
                writer(std::move(buffer));
                buffer = osmium::memory::Buffer(1 << 22, osmium::memory::Buffer::auto_grow::yes);
            }
        };
        using namespace osmium::builder::attr;
        using Tags = std::vector<std::pair<const char*, const char*>>;
        Tags tags;
        for (std::size_t i = 0; i < m_nodes.size(); ++i) {
            const Node& n = m_nodes[i];
            tags.clear();
            switch (n.kind) {
            case NodeKind::plain:
                break;
            case NodeKind::traffic_signals:
                tags = {{"highway", "traffic_signals"}};
                break;
            case NodeKind::crossing_signals:
                tags = {{"highway", "crossing"}, {"crossing", "traffic_signals"}};
                break;
            case NodeKind::crossing_marked:
                tags = {{"highway", "crossing"}, {"crossing", "marked"}};
                break;
            case NodeKind::crossing_unmarked:
                tags = {{"highway", "crossing"}, {"crossing", "unmarked"}};
                break;
            }
            osmium::builder::add_node(buffer, _id(static_cast<osmium::object_id_type>(i + 1)), _version(1),
                                      _location(osmium::Location(n.lon, n.lat)), _tags(tags));
            flush(false);
            if ((i + 1) % 1'000'000 == 0) {
                m_progress << "country_gen: wrote " << (i + 1) << " of " << m_nodes.size() << " nodes\n";
            }
        }
        for (std::size_t i = 0; i < m_ways.size(); ++i) {
            const Way& w = m_ways[i];
            tags = {{"highway", w.highway}};
            if (w.maxspeed != nullptr) {
                tags.emplace_back("maxspeed", w.maxspeed);
            }
            if (w.sidewalk != nullptr) {
                tags.emplace_back("sidewalk", w.sidewalk);
            }
            if (w.lit) {
                tags.emplace_back("lit", "yes");
            }
            osmium::builder::add_way(buffer, _id(static_cast<osmium::object_id_type>(i + 1)), _version(1),
                                     _nodes(w.nodes), _tags(tags));
            flush(false);
        }
        flush(true);
        writer.close();
        m_progress << "country_gen: wrote " << m_nodes.size() << " nodes and " << m_ways.size() << " ways to " << path
                   << '\n';
    }

    const CountryOptions& m_o;
    Rng m_rng;
    std::ostream& m_progress;
    std::vector<Node> m_nodes;
    std::vector<Way> m_ways;
    std::vector<Town> m_towns;
    std::vector<Municipality> m_municipalities;
    std::size_t m_columns = 1;
    CountrySummary m_summary;
};

} // namespace

CountrySummary write_country(const CountryOptions& options, const CountryFiles& files, std::ostream& progress) {
    if (options.municipalities < 1 || options.municipalities > 1000) {
        throw std::invalid_argument("--municipalities must be from 1 to 1000");
    }
    if (options.nodes < 100 * options.municipalities) {
        throw std::invalid_argument("--nodes must be at least 100 per municipality");
    }
    Country country(options, progress);
    country.build();
    return country.write(files);
}

} // namespace skolvag::bench
