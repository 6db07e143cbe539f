// SPDX-License-Identifier: MIT
#include "geodata/walk_network.hpp"

namespace skolvag::geodata {

double WalkNetwork::total_length_m() const noexcept {
    std::uint64_t mm = 0;
    for (const WalkEdge& e : edges) {
        mm += e.length_mm;
    }
    return static_cast<double>(mm) / 1000.0;
}

LonLatBox WalkNetwork::bbox() const noexcept {
    LonLatBox box;
    for (const LonLat& p : points) {
        box.extend(p);
    }
    return box;
}

} // namespace skolvag::geodata
