// SPDX-License-Identifier: MIT
// ArcFilter: which arcs a search may use (one bit per arc). A grade band's safe
// network is a filter over the one shared graph, never a copy of it.
#pragma once

#include "routing/types.hpp"

#include <cstdint>
#include <vector>

namespace skolvag::routing {

class ArcFilter {
public:
    ArcFilter() = default;

    /** A filter over arc_count arcs, all allowed or all forbidden. */
    ArcFilter(ArcId arc_count, bool allowed)
        : m_arc_count(arc_count),
          m_bits((static_cast<std::size_t>(arc_count) + 63) / 64, allowed ? ~std::uint64_t{0} : 0) {}

    ArcId arc_count() const noexcept { return m_arc_count; }

    bool allows(ArcId xy) const noexcept { return (m_bits[xy >> 6] >> (xy & 63)) & 1U; }

    void set(ArcId xy, bool allowed) noexcept {
        const std::uint64_t bit = std::uint64_t{1} << (xy & 63);
        if (allowed) {
            m_bits[xy >> 6] |= bit;
        } else {
            m_bits[xy >> 6] &= ~bit;
        }
    }

private:
    ArcId m_arc_count = 0;
    std::vector<std::uint64_t> m_bits;
};

} // namespace skolvag::routing
