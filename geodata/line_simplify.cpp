// SPDX-License-Identifier: MIT
#include "geodata/line_simplify.hpp"

#include <cmath>

namespace skolvag::geodata {

namespace {

/// Distance from p to the segment a-b, in the coordinates' unit.
double distance_to_segment(std::pair<double, double> p, std::pair<double, double> a, std::pair<double, double> b) {
    const double dx = b.first - a.first;
    const double dy = b.second - a.second;
    const double length2 = dx * dx + dy * dy;
    double t = length2 > 0.0 ? ((p.first - a.first) * dx + (p.second - a.second) * dy) / length2 : 0.0;
    t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
    return std::hypot(p.first - (a.first + t * dx), p.second - (a.second + t * dy));
}

} // namespace

void keep_for_simplified(const std::vector<std::pair<double, double>>& line, std::size_t first, std::size_t last,
                         double tolerance_m, std::vector<bool>& keep) {
    keep[first] = true;
    keep[last] = true;
    // Iteratively (a route can have thousands of points): each span's farthest point
    // splits it when it lies beyond the tolerance.
    std::vector<std::pair<std::size_t, std::size_t>> spans{{first, last}};
    while (!spans.empty()) {
        const auto [from, to] = spans.back();
        spans.pop_back();
        double farthest = -1.0;
        std::size_t at = from;
        for (std::size_t i = from + 1; i < to; ++i) {
            const double d = distance_to_segment(line[i], line[from], line[to]);
            if (d > farthest) {
                farthest = d;
                at = i;
            }
        }
        if (farthest > tolerance_m) {
            keep[at] = true;
            spans.emplace_back(from, at);
            spans.emplace_back(at, to);
        }
    }
}

} // namespace skolvag::geodata
