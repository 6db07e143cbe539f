// SPDX-License-Identifier: MIT
// SegmentIndex: a Boost.Geometry R-tree over every edge segment of a WalkNetwork, in
// a local planar frame: the segments near a point, for snapping.
#pragma once

#include "geodata/lon_lat.hpp"
#include "geodata/walk_network.hpp"

#include <functional>
#include <memory>

namespace skolvag::geodata {

class SegmentIndex {
public:
    /// A segment is points[first_point], points[first_point+1] of edge `edge`.
    struct Segment {
        std::uint32_t edge;
        std::uint32_t first_point;
    };

    explicit SegmentIndex(const WalkNetwork& net);
    ~SegmentIndex();
    SegmentIndex(SegmentIndex&&) noexcept;
    SegmentIndex& operator=(SegmentIndex&&) noexcept;

    /**
     * Visits every segment whose geodesic distance to p may be at most radius_m (and
     * some farther ones), in no particular order.
     */
    void visit_within(const LonLat& p, double radius_m, const std::function<void(const Segment&)>& visit) const;

    /**
     * Visits every segment that meets the box, taking segments as straight in lon/lat
     * (as they are drawn on a map), in no particular order. The planar frame is linear
     * in lon and lat, so this is exact, unlike visit_within's margin.
     */
    void visit_in_box(const LonLatBox& box, const std::function<void(const Segment&)>& visit) const;

    std::size_t size() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace skolvag::geodata
