// SPDX-License-Identifier: MIT
// Snapping a coordinate onto the walking network (walking-network.md §3): the nearest
// point on the nearest walkable segment, by geodesic distance, within a radius,
// ignoring components shorter than min_component_m.
#pragma once

#include "geodata/lon_lat.hpp"
#include "geodata/spatial_index.hpp"
#include "geodata/walk_network.hpp"

#include <cmath>
#include <optional>
#include <vector>

namespace skolvag::geodata {

/// Where a point lies on an edge.
enum class SnapPlace : std::uint8_t { interior, from_node, to_node };

struct Snap {
    std::uint32_t edge = 0;
    std::uint32_t first_point = 0; ///< the segment: points[first_point], points[first_point+1]
    LonLat position;               ///< the projected point on the network
    double snap_m = 0.0;           ///< geodesic distance from the query point to position
    double offset_m = 0.0;         ///< geodesic length along the edge from its `from` node to position
    SnapPlace place = SnapPlace::interior;
};

/** The snap distance in whole millimetres, as added to a distance with include_access_legs. */
inline routing::DistanceMm access_leg_mm(const Snap& s) noexcept {
    return static_cast<routing::DistanceMm>(std::llround(s.snap_m * 1000.0));
}

/// The geodesic foot of a point on one segment.
struct SegmentFoot {
    LonLat position;
    double distance_m;  ///< from the point to position
    double along_m;     ///< from the segment's first point to position
    int end;            ///< 0 inside the segment, -1 at its first point, +1 at its second
};

/**
 * Projects p perpendicularly onto the geodesic segment a-b, clamped to its ends.
 * Computed in an azimuthal equidistant frame centred on p (exact distances and
 * azimuths from p), so distance and along-length agree with the ellipsoidal geodesic
 * to well under a millimetre at snapping distances.
 * @param segment_length_m the geodesic length of a-b (the network stores it).
 */
SegmentFoot project_onto_segment(const LonLat& p, const LonLat& a, const LonLat& b, double segment_length_m);

class Snapper {
public:
    /** Builds the segment index. @pre net outlives the Snapper. */
    explicit Snapper(const WalkNetwork& net);

    /**
     * Snaps p onto the nearest walkable segment. Safe to call from several threads.
     * @param max_snap_m a point is on the network when its snap distance is <= this.
     * @param min_component_m components with total length strictly below this are
     *        ignored (0 disables the island rule).
     * @returns nullopt when no segment of a large enough component is within max_snap_m.
     */
    std::optional<Snap> snap(const LonLat& p, double max_snap_m, double min_component_m) const;

    const WalkNetwork& network() const noexcept { return m_net; }
    /** The R-tree of the network's segments, for other questions of place (the map's network). */
    const SegmentIndex& index() const noexcept { return m_index; }

private:
    /// A segment near the point, by a planar model that is off by at most error_m.
    struct Candidate {
        SegmentIndex::Segment segment;
        double distance_m;
        double error_m;
    };
    /// Metres per degree at the point's own latitude.
    struct LocalFrame {
        explicit LocalFrame(const LonLat& p);
        Candidate candidate(const SegmentIndex::Segment& seg, const LonLat& a, const LonLat& b) const;
        LonLat origin;
        double m_per_deg_lon;
        double m_per_deg_lat;
        double tan_lat;
    };

    Snap make_snap(const SegmentIndex::Segment& seg, const SegmentFoot& foot) const;

    const WalkNetwork& m_net;
    SegmentIndex m_index;
};

} // namespace skolvag::geodata
