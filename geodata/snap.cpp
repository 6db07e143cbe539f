// SPDX-License-Identifier: MIT
#include "geodata/snap.hpp"

#include "geodata/geodesic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace skolvag::geodata {

namespace {
constexpr double kRad = std::numbers::pi / 180.0;
} // namespace

SegmentFoot project_onto_segment(const LonLat& p, const LonLat& a, const LonLat& b) {
    const GeodesicLine pa = geodesic_inverse(p, a);
    const GeodesicLine pb = geodesic_inverse(p, b);
    // Azimuthal equidistant frame centred on p: x east, y north, in metres.
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
        return {b, pb.distance_m, geodesic_distance_m(a, b), +1};
    }
    const double fx = ax + t * dx;
    const double fy = ay + t * dy;
    const double distance = std::hypot(fx, fy);
    const LonLat foot = distance > 0.0 ? geodesic_direct(p, std::atan2(fx, fy) / kRad, distance) : p;
    return {foot, distance, geodesic_distance_m(a, foot), 0};
}

Snapper::Snapper(const WalkNetwork& net) : m_net(net), m_index(net) {}

std::optional<Snap> Snapper::snap(const LonLat& p, double max_snap_m, double min_component_m) const {
    // Clamped: a limit beyond every component's length simply ignores them all.
    const double limit_mm = std::clamp(std::ceil(min_component_m * 1000.0), 0.0, 1e18);
    const auto min_component_mm = static_cast<routing::DistanceMm>(limit_mm);
    std::optional<Snap> best;
    std::optional<SegmentFoot> best_foot;
    m_index.visit_nearest(p, [&](const SegmentIndex::Segment& seg, double lower_bound_m, double stop_bound_m) {
        if (stop_bound_m > max_snap_m || (best && stop_bound_m > best->snap_m)) {
            return false;
        }
        if (lower_bound_m > max_snap_m || (best && lower_bound_m > best->snap_m)) {
            return true;
        }
        // §3 islands: a component shorter than min_component_m catches no point.
        if (m_net.components.length_mm[m_net.component_of_edge(seg.edge)] < min_component_mm) {
            return true;
        }
        const SegmentFoot foot = project_onto_segment(p, m_net.points[seg.first_point], m_net.points[seg.first_point + 1]);
        if (foot.distance_m > max_snap_m || (best && foot.distance_m >= best->snap_m)) {
            return true;
        }
        Snap s;
        s.edge = seg.edge;
        s.first_point = seg.first_point;
        s.position = foot.position;
        s.snap_m = foot.distance_m;
        // At a segment end, take the stored offset of that point so that a point
        // snapped onto a node gets exactly 0 or the edge length.
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
        best = s;
        return true;
    });
    return best;
}

} // namespace skolvag::geodata
