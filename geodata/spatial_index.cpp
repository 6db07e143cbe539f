// SPDX-License-Identifier: MIT
#include "geodata/spatial_index.hpp"

#include "geodata/wgs84.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace skolvag::geodata {

namespace {

using PlanarPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using PlanarSegment = bg::model::segment<PlanarPoint>;

struct SegmentRef {
    std::uint32_t edge;
    std::uint32_t first_point;
    bool operator==(const SegmentRef&) const = default;
};
using Value = std::pair<PlanarSegment, SegmentRef>;

constexpr double kRad = wgs84::kRadiansPerDegree;

/// How far the geodesic between a planar segment's ends can stray from the straight
/// planar line: its sagitta, about L^2 tan(lat) / (8 R), doubled, plus a centimetre.
/// Under 2 cm for ordinary segments, metres only for kilometre-long ones.
double straight_segment_slack_m(const PlanarSegment& s, double tan_lat) {
    const double l2 = bg::comparable_distance(s.first, s.second);
    return 0.01 + l2 * tan_lat / (4.0 * wgs84::kMeanRadiusM);
}

} // namespace

// The planar frame is an equirectangular projection scaled to metres at the centre
// latitude of the network. Away from that latitude it is off by a known factor, so
// a planar distance divided by the largest such factor is a lower bound of the true
// distance, and a box that much wider than a radius holds every segment within it.
struct SegmentIndex::Impl {
    double lat0 = 0.0;
    double kx = 1.0;
    double ky = 1.0;
    bgi::rtree<Value, bgi::rstar<16>> tree;

    PlanarPoint to_planar(const LonLat& p) const { return {p.lon_deg * kx, p.lat_deg * ky}; }

    /// Largest (planar / true) length ratio for paths between latitudes lo and hi.
    double max_scale(double lo_deg, double hi_deg) const {
        double worst = 1.0;
        // The ratios are monotonic in latitude on each side of the equator, so the
        // ends of the range and the equator bound them.
        for (double lat : {lo_deg, hi_deg, std::clamp(0.0, lo_deg, hi_deg)}) {
            lat = std::clamp(lat, -89.9, 89.9);
            worst = std::max({worst, kx / wgs84::metres_per_degree_lon(lat), ky / wgs84::metres_per_degree_lat(lat)});
        }
        return worst;
    }

    double min_lat = 0.0;
    double max_lat = 0.0;
    PlanarSegment longest; ///< the longest segment, whose slack bounds every other's

    double longest_segment_slack(double tan_lat) const { return straight_segment_slack_m(longest, tan_lat); }
};

SegmentIndex::SegmentIndex(const WalkNetwork& net) : m_impl(std::make_unique<Impl>()) {
    const LonLatBox box = net.bbox();
    m_impl->min_lat = box.empty() ? 0.0 : box.min.lat_deg;
    m_impl->max_lat = box.empty() ? 0.0 : box.max.lat_deg;
    m_impl->lat0 = (m_impl->min_lat + m_impl->max_lat) / 2.0;
    m_impl->kx = wgs84::metres_per_degree_lon(m_impl->lat0);
    m_impl->ky = wgs84::metres_per_degree_lat(m_impl->lat0);

    std::vector<Value> values;
    values.reserve(net.points.size());
    for (std::uint32_t e = 0; e < net.edge_count(); ++e) {
        const WalkEdge& edge = net.edges[e];
        for (std::uint32_t i = edge.first_point; i + 1 < edge.first_point + edge.point_count; ++i) {
            values.push_back({PlanarSegment{m_impl->to_planar(net.points[i]), m_impl->to_planar(net.points[i + 1])},
                              SegmentRef{e, i}});
        }
    }
    double longest2 = -1.0;
    for (const Value& v : values) {
        const double l2 = bg::comparable_distance(v.first.first, v.first.second);
        if (l2 > longest2) {
            longest2 = l2;
            m_impl->longest = v.first;
        }
    }
    m_impl->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end()); // bulk loading
}

SegmentIndex::~SegmentIndex() = default;
SegmentIndex::SegmentIndex(SegmentIndex&&) noexcept = default;
SegmentIndex& SegmentIndex::operator=(SegmentIndex&&) noexcept = default;

std::size_t SegmentIndex::size() const noexcept { return m_impl->tree.size(); }

void SegmentIndex::visit_within(const LonLat& p, double radius_m, const std::function<void(const Segment&)>& visit) const {
    const PlanarPoint q = m_impl->to_planar(p);
    const double lo_lat = std::min(p.lat_deg, m_impl->min_lat);
    const double hi_lat = std::max(p.lat_deg, m_impl->max_lat);
    const double tan_lat = std::tan(std::min(std::max(std::fabs(lo_lat), std::fabs(hi_lat)), 89.0) * kRad);
    // A segment within radius_m is within radius_m * scale of p in the planar frame,
    // give or take the bow of the longest segment: a box that wide holds them all.
    const double half = radius_m * m_impl->max_scale(lo_lat, hi_lat) * 1.001 + m_impl->longest_segment_slack(tan_lat);
    const bg::model::box<PlanarPoint> box({q.get<0>() - half, q.get<1>() - half}, {q.get<0>() + half, q.get<1>() + half});
    for (auto it = m_impl->tree.qbegin(bgi::intersects(box)); it != m_impl->tree.qend(); ++it) {
        visit(Segment{it->second.edge, it->second.first_point});
    }
}

void SegmentIndex::visit_in_box(const LonLatBox& box, const std::function<void(const Segment&)>& visit) const {
    if (box.empty()) {
        return;
    }
    const bg::model::box<PlanarPoint> planar(m_impl->to_planar(box.min), m_impl->to_planar(box.max));
    for (auto it = m_impl->tree.qbegin(bgi::intersects(planar)); it != m_impl->tree.qend(); ++it) {
        visit(Segment{it->second.edge, it->second.first_point});
    }
}

} // namespace skolvag::geodata
