// SPDX-License-Identifier: MIT
// SegmentIndex: a Boost.Geometry R-tree over every edge segment of a WalkNetwork, in
// a local planar frame, yielding segments nearest-first to a query point.
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
     * Visits segments in increasing planar distance from p until visit returns false.
     * @param visit called with the segment, a lower bound (metres) of its geodesic
     *        distance to p, and a lower bound for it and every segment visited after
     *        it (non-decreasing along the visit: safe to stop on).
     */
    void visit_nearest(const LonLat& p,
                       const std::function<bool(const Segment&, double lower_bound_m, double stop_bound_m)>& visit) const;

    /**
     * Visits every segment whose geodesic distance to p may be at most radius_m (and
     * some farther ones), in no particular order.
     */
    void visit_within(const LonLat& p, double radius_m, const std::function<void(const Segment&)>& visit) const;

    std::size_t size() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace skolvag::geodata
