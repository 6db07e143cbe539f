// SPDX-License-Identifier: MIT
#include "geodata/snap.hpp"

#include "geodata/geodesic.hpp"
#include "geodata/wgs84.hpp"

#include <algorithm>
#include <cmath>

namespace skolvag::geodata {

namespace {
using wgs84::kMeanRadiusM;
constexpr double kRad = wgs84::kRadiansPerDegree;
} // namespace

Snapper::LocalFrame::LocalFrame(const LonLat& p) : origin(p) {
    m_per_deg_lon = wgs84::metres_per_degree_lon(p.lat_deg);
    m_per_deg_lat = wgs84::metres_per_degree_lat(p.lat_deg);
    tan_lat = std::fabs(std::tan(std::min(std::fabs(p.lat_deg), 89.0) * kRad));
}

Snapper::Candidate Snapper::LocalFrame::candidate(const SegmentIndex::Segment& seg, const LonLat& a,
                                                  const LonLat& b) const {
    const double ax = (a.lon_deg - origin.lon_deg) * m_per_deg_lon;
    const double ay = (a.lat_deg - origin.lat_deg) * m_per_deg_lat;
    const double bx = (b.lon_deg - origin.lon_deg) * m_per_deg_lon;
    const double by = (b.lat_deg - origin.lat_deg) * m_per_deg_lat;
    const double dx = bx - ax;
    const double dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0.0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
    const double d = std::hypot(ax + t * dx, ay + t * dy);
    // The frame is true at the point; it drifts by about tan(lat) per radian of
    // latitude away from it, and a long geodesic bows away from its straight chord.
    const double reach = std::sqrt(std::max(ax * ax + ay * ay, bx * bx + by * by));
    const double error = 2.0 * tan_lat * (reach / kMeanRadiusM) * reach + len2 * tan_lat / (4.0 * kMeanRadiusM) +
                         1e-4 * d + 0.005;
    return {seg, d, error};
}

SegmentFoot project_onto_segment(const LonLat& p, const LonLat& a, const LonLat& b, double segment_length_m) {
    const GeodesicLine pa = geodesic_inverse(p, a);
    const GeodesicLine pb = geodesic_inverse(p, b);
    // Azimuthal equidistant frame centred on p: x east, y north, in metres. Distances
    // and azimuths from p are exact in it; elsewhere within snapping range it is
    // true to a few parts in 10^10, so the foot's fraction along the chord is its
    // fraction along the geodesic.
    const double ax = pa.distance_m * std::sin(pa.azimuth_deg * kRad);
    const double ay = pa.distance_m * std::cos(pa.azimuth_deg * kRad);
    const double bx = pb.distance_m * std::sin(pb.azimuth_deg * kRad);
    const double by = pb.distance_m * std::cos(pb.azimuth_deg * kRad);
    const double dx = bx - ax;
    const double dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0.0 ? -(ax * dx + ay * dy) / len2 : 0.0;
    if (t <= 0.0) {
        return {a, pa.distance_m, 0.0, -1};
    }
    if (t >= 1.0) {
        return {b, pb.distance_m, segment_length_m, +1};
    }
    // The position is for drawing the route; interpolating the coordinates is true to
    // well under a millimetre on segments of ordinary length.
    const LonLat foot{a.lon_deg + t * (b.lon_deg - a.lon_deg), a.lat_deg + t * (b.lat_deg - a.lat_deg)};
    return {foot, std::hypot(ax + t * dx, ay + t * dy), t * segment_length_m, 0};
}

Snapper::Snapper(const WalkNetwork& net) : m_net(net), m_index(net) {}

std::optional<Snap> Snapper::snap(const LonLat& p, double max_snap_m, double min_component_m) const {
    // Clamped: a limit beyond every component's length simply ignores them all.
    const double limit_mm = std::clamp(std::ceil(min_component_m * 1000.0), 0.0, 1e18);
    const auto min_component_mm = static_cast<routing::DistanceMm>(limit_mm);

    // Phase 1: nearby segments by a cheap planar distance in a frame true at the
    // point's own latitude, each with the most that model can be off. Boxes grow
    // until the best segment lies well inside one, which then holds every rival.
    const LocalFrame frame(p);
    thread_local std::vector<Candidate> candidates; // reused: snapping is called per home
    double best_upper = max_snap_m + 1.0;            // no segment beyond this can win
    for (double radius : {32.0, 128.0, max_snap_m + 1.0}) {
        radius = std::min(radius, max_snap_m + 1.0);
        candidates.clear();
        best_upper = max_snap_m + 1.0;
        m_index.visit_within(p, radius, [&](const SegmentIndex::Segment& seg) {
            // §3 islands: a component shorter than min_component_m catches no point.
            if (m_net.components.length_mm[m_net.component_of_edge(seg.edge)] < min_component_mm) {
                return;
            }
            const Candidate c = frame.candidate(seg, m_net.points[seg.first_point], m_net.points[seg.first_point + 1]);
            if (c.distance_m - c.error_m <= best_upper) {
                candidates.push_back(c);
                best_upper = std::min(best_upper, c.distance_m + c.error_m);
            }
        });
        if (best_upper <= radius || radius >= max_snap_m + 1.0) {
            break;
        }
    }

    // Phase 2: the exact geodesic projection, only for segments that can still win.
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.distance_m - a.error_m < b.distance_m - b.error_m;
    });
    std::optional<Snap> best;
    for (const Candidate& c : candidates) {
        const double lower = c.distance_m - c.error_m;
        if (lower > best_upper || lower > max_snap_m || (best && lower > best->snap_m)) {
            break;
        }
        const SegmentIndex::Segment& seg = c.segment;
        const SegmentFoot foot =
            project_onto_segment(p, m_net.points[seg.first_point], m_net.points[seg.first_point + 1],
                                 m_net.point_offset_m[seg.first_point + 1] - m_net.point_offset_m[seg.first_point]);
        if (foot.distance_m > max_snap_m || (best && foot.distance_m >= best->snap_m)) {
            continue;
        }
        best = make_snap(seg, foot);
    }
    return best;
}

Snap Snapper::make_snap(const SegmentIndex::Segment& seg, const SegmentFoot& foot) const {
    Snap s;
    s.edge = seg.edge;
    s.first_point = seg.first_point;
    s.position = foot.position;
    s.snap_m = foot.distance_m;
    // At a segment end, take the stored offset of that point so that a point snapped
    // onto a node gets exactly 0 or the edge length.
    s.offset_m = foot.end < 0   ? m_net.point_offset_m[seg.first_point]
                 : foot.end > 0 ? m_net.point_offset_m[seg.first_point + 1]
                                : m_net.point_offset_m[seg.first_point] + foot.along_m;
    // On an end node when the snapped position is that node's position, whichever
    // segment won (a zero-length first segment must not hide the node).
    const WalkEdge& edge = m_net.edges[seg.edge];
    if (foot.end != 0 && foot.position == m_net.points[edge.first_point]) {
        s.place = SnapPlace::from_node;
        s.offset_m = 0.0;
    } else if (foot.end != 0 && foot.position == m_net.points[edge.first_point + edge.point_count - 1]) {
        s.place = SnapPlace::to_node;
        s.offset_m = m_net.point_offset_m[edge.first_point + edge.point_count - 1];
    }
    return s;
}

} // namespace skolvag::geodata
