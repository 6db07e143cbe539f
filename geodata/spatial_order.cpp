// SPDX-License-Identifier: MIT
#include "geodata/spatial_order.hpp"

#include <algorithm>
#include <numeric>

namespace skolvag::geodata {

namespace {

constexpr std::uint32_t kCells = 1U << 16;

/// Distance along the Hilbert curve of cell (x, y) in a kCells x kCells grid.
std::uint64_t hilbert_index(std::uint32_t x, std::uint32_t y) {
    std::uint64_t d = 0;
    for (std::uint32_t s = kCells / 2; s > 0; s /= 2) {
        const std::uint32_t rx = (x & s) > 0 ? 1 : 0;
        const std::uint32_t ry = (y & s) > 0 ? 1 : 0;
        d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
        if (ry == 0) { // rotate the quadrant
            if (rx == 1) {
                x = kCells - 1 - x;
                y = kCells - 1 - y;
            }
            std::swap(x, y);
        }
    }
    return d;
}

} // namespace

std::vector<std::uint32_t> hilbert_order(const std::vector<LonLat>& positions) {
    LonLatBox box;
    for (const LonLat& p : positions) {
        box.extend(p);
    }
    const double w = std::max(box.max.lon_deg - box.min.lon_deg, 1e-9);
    const double h = std::max(box.max.lat_deg - box.min.lat_deg, 1e-9);
    std::vector<std::uint64_t> key(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const auto x = static_cast<std::uint32_t>((positions[i].lon_deg - box.min.lon_deg) / w * (kCells - 1));
        const auto y = static_cast<std::uint32_t>((positions[i].lat_deg - box.min.lat_deg) / h * (kCells - 1));
        key[i] = hilbert_index(x, y);
    }
    std::vector<std::uint32_t> order(positions.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
    return order;
}

} // namespace skolvag::geodata
