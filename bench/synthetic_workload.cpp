// SPDX-License-Identifier: MIT
#include "bench/synthetic_workload.hpp"

#include "geodata/geodesic.hpp"

#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>

namespace skolvag::bench {

namespace {

using geodata::HighwayClass;
using geodata::LonLat;

const char* const kSchoolGrades[] = {"F-6", "7-9", "F-9", "gy"};
const char* const kPupilGrades[] = {"F", "1", "2", "3", "4", "5", "6", "7", "8", "9", "gy1", "gy2", "gy3"};

/// amenity=school nodes, and ways as their centroid plus one outline vertex.
class SchoolCollector : public osmium::handler::Handler {
public:
    std::vector<std::vector<LonLat>> schools;

    void node(const osmium::Node& n) {
        if (is_school(n.tags()) && n.location().valid()) {
            schools.push_back({{n.location().lon(), n.location().lat()}});
        }
    }
    void way(const osmium::Way& w) {
        if (!is_school(w.tags())) {
            return;
        }
        double lon = 0.0;
        double lat = 0.0;
        std::size_t n = 0;
        for (const osmium::NodeRef& r : w.nodes()) {
            if (r.location().valid()) {
                lon += r.location().lon();
                lat += r.location().lat();
                ++n;
            }
        }
        if (n > 0) {
            const auto& first = w.nodes().front().location();
            std::vector<LonLat> entrances = {{lon / static_cast<double>(n), lat / static_cast<double>(n)}};
            if (first.valid()) {
                entrances.push_back({first.lon(), first.lat()});
            }
            schools.push_back(std::move(entrances));
        }
    }

private:
    static bool is_school(const osmium::TagList& tags) {
        const char* a = tags.get_value_by_key("amenity");
        return a != nullptr && std::string_view(a) == "school";
    }
};

bool teaches(const std::string& grades, const std::string& grade) {
    if (grades == "gy") {
        return grade.rfind("gy", 0) == 0;
    }
    if (grade.rfind("gy", 0) == 0) {
        return false;
    }
    const int g = grade == "F" ? 0 : std::stoi(grade);
    if (grades == "F-6") {
        return g <= 6;
    }
    if (grades == "7-9") {
        return g >= 7;
    }
    return true; // F-9
}

double rough_m2(const LonLat& a, const LonLat& b) {
    const double dx = (a.lon_deg - b.lon_deg) * 111'320.0 * std::cos(a.lat_deg * 3.14159265 / 180.0);
    const double dy = (a.lat_deg - b.lat_deg) * 110'574.0;
    return dx * dx + dy * dy;
}

} // namespace

namespace {

/// Schools mapped in OSM as amenity=school.
std::vector<SyntheticSchool> osm_schools(const std::string& osm_path) {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations{index};
    SchoolCollector collector;
    osmium::io::Reader reader{osm_path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
    osmium::apply(reader, locations, collector);
    reader.close();
    std::vector<SyntheticSchool> schools;
    for (std::size_t i = 0; i < collector.schools.size(); ++i) {
        schools.push_back({"S" + std::to_string(i + 1), kSchoolGrades[i % 4], collector.schools[i]});
    }
    return schools;
}

/// Points spread over the network, one per cell of a grid over its extent, at the
/// graph node nearest the cell's centre, with a second entrance nearby.
std::vector<SyntheticSchool> spread_schools(const geodata::WalkNetwork& net, std::size_t count) {
    const geodata::LonLatBox box = net.bbox();
    const auto side = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(count))));
    const std::uint32_t largest = net.components.largest();
    std::vector<SyntheticSchool> schools;
    for (std::size_t k = 0; k < count; ++k) {
        const double col = (static_cast<double>(k % side) + 0.5) / static_cast<double>(side);
        const double row = (static_cast<double>(k / side) + 0.5) / static_cast<double>(side);
        const LonLat centre{box.min.lon_deg + (box.max.lon_deg - box.min.lon_deg) * col,
                            box.min.lat_deg + (box.max.lat_deg - box.min.lat_deg) * row};
        geodata::NodeId best = 0;
        double best_d = 1e300;
        for (geodata::NodeId x = 0; x < net.graph.node_count(); ++x) {
            const double d = rough_m2(centre, net.node_position[x]);
            if (net.components.node_component[x] == largest && d < best_d) {
                best_d = d;
                best = x;
            }
        }
        const LonLat main = net.node_position[best];
        schools.push_back({"S" + std::to_string(k + 1), kSchoolGrades[k % 4],
                           {main, geodata::geodesic_direct(main, 90.0, 60.0)}});
    }
    return schools;
}

/// Residential streets (any edge when there are none), with their lengths as weights.
std::vector<std::uint32_t> home_streets(const geodata::WalkNetwork& net, std::vector<double>& weights) {
    std::vector<std::uint32_t> streets;
    for (const bool residential_only : {true, false}) {
        for (std::uint32_t e = 0; e < net.edge_count(); ++e) {
            const HighwayClass c = net.edges[e].profile.highway;
            const bool residential = c == HighwayClass::residential || c == HighwayClass::living_street;
            if ((residential || !residential_only) && net.edges[e].length_mm > 0) {
                streets.push_back(e);
                weights.push_back(static_cast<double>(net.edges[e].length_mm));
            }
        }
        if (!streets.empty()) {
            break;
        }
    }
    return streets;
}

/// Mostly the nearest school teaching the grade; sometimes another one.
std::string choose_school(const std::vector<SyntheticSchool>& schools, const SyntheticPupil& p, std::mt19937& rng) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::size_t> candidates;
    for (std::size_t s = 0; s < schools.size(); ++s) {
        if (teaches(schools[s].grades, p.grade)) {
            candidates.push_back(s);
        }
    }
    if (candidates.empty()) {
        candidates.push_back(0);
    }
    std::size_t chosen = candidates[0];
    if (unit(rng) < 0.8) {
        for (std::size_t s : candidates) {
            if (rough_m2(p.home, schools[s].entrances[0]) < rough_m2(p.home, schools[chosen].entrances[0])) {
                chosen = s;
            }
        }
    } else {
        chosen = candidates[static_cast<std::size_t>(unit(rng) * static_cast<double>(candidates.size())) %
                            candidates.size()];
    }
    return schools[chosen].id;
}

} // namespace

SyntheticWorkload make_workload(const std::string& osm_path, const geodata::WalkNetwork& net, std::size_t pupils,
                                std::size_t spread_count, std::uint32_t seed) {
    std::mt19937 rng(seed);
    SyntheticWorkload w;
    w.schools = osm_schools(osm_path);
    w.school_source = "OpenStreetMap amenity=school";
    if (w.schools.empty()) {
        w.schools = spread_schools(net, spread_count);
        w.school_source = "spread points";
    }
    // Homes: beside residential streets, chosen by length; 5-30 m to one side.
    std::vector<double> weights;
    const std::vector<std::uint32_t> streets = home_streets(net, weights);
    std::discrete_distribution<std::size_t> pick_street(weights.begin(), weights.end());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<std::size_t> pick_grade(0, std::size(kPupilGrades) - 1);
    for (std::size_t i = 0; i < pupils; ++i) {
        const geodata::WalkEdge& e = net.edges[streets[pick_street(rng)]];
        const std::uint32_t seg =
            e.first_point + static_cast<std::uint32_t>(unit(rng) * static_cast<double>(e.point_count - 1));
        const LonLat a = net.points[std::min(seg, e.first_point + e.point_count - 2)];
        const LonLat b = net.points[std::min(seg, e.first_point + e.point_count - 2) + 1];
        const geodata::GeodesicLine line = geodata::geodesic_inverse(a, b);
        const LonLat on_street = geodata::geodesic_direct(a, line.azimuth_deg, line.distance_m * unit(rng));
        const double side = unit(rng) < 0.5 ? 90.0 : -90.0;
        SyntheticPupil p;
        p.pupil_ref = "synthetic-" + std::to_string(i + 1);
        p.grade = kPupilGrades[pick_grade(rng)];
        p.home = geodata::geodesic_direct(on_street, line.azimuth_deg + side, 5.0 + 25.0 * unit(rng));
        p.school_id = choose_school(w.schools, p, rng);
        w.pupils.push_back(std::move(p));
    }
    return w;
}

void write_workload_csv(const SyntheticWorkload& w, const std::string& schools_csv, const std::string& pupils_csv) {
    std::ofstream s(schools_csv);
    s << "school_id,name,grades,lon,lat\n";
    char buf[64];
    for (const SyntheticSchool& school : w.schools) {
        for (const LonLat& e : school.entrances) {
            std::snprintf(buf, sizeof buf, "%.7f,%.7f", e.lon_deg, e.lat_deg);
            s << school.id << ",Synthetic school " << school.id << "," << school.grades << "," << buf << "\n";
        }
    }
    std::ofstream p(pupils_csv);
    p << "pupil_ref,grade,school_id,lon,lat\n";
    for (const SyntheticPupil& pupil : w.pupils) {
        std::snprintf(buf, sizeof buf, "%.7f,%.7f", pupil.home.lon_deg, pupil.home.lat_deg);
        p << pupil.pupil_ref << "," << pupil.grade << "," << pupil.school_id << "," << buf << "\n";
    }
    if (!s || !p) {
        throw std::runtime_error("cannot write the synthetic workload");
    }
}

} // namespace skolvag::bench
