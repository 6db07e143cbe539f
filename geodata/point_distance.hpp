// SPDX-License-Identifier: MIT
// The walking distance between two coordinates as the spec reports it: snap both
// points, route between them (plain or for a band), and say why when there is no
// distance (walking-network.md §3, §4, §7).
#pragma once

#include "geodata/walk_rules.hpp"
#include "geodata/snap.hpp"
#include "geodata/search_space.hpp"
#include "geodata/walk_router.hpp"

#include <memory>
#include "routing/arc_filter.hpp"

#include <optional>
#include <string_view>

namespace skolvag::geodata {

enum class DistanceStatus { ok, from_not_on_network, to_not_on_network, no_route, invalid_input };

/** "ok", "from_not_on_network", ... as written in output files. */
std::string_view to_string(DistanceStatus s) noexcept;

struct PointDistance {
    DistanceStatus status = DistanceStatus::invalid_input;
    std::optional<double> distance_m;  ///< set when ok; includes snap legs if the rules say so
    std::optional<double> from_snap_m; ///< set whenever `from` snapped
    std::optional<double> to_snap_m;   ///< set whenever `to` snapped
};

class PointDistanceCalculator {
public:
    /**
     * @param band nullptr for the plain distance over every walkable edge, else the
     *        safe distance for a band with these limits.
     * @pre snapper and rules outlive the calculator.
     */
    PointDistanceCalculator(const Snapper& snapper, const WalkRules& rules, const BandSafety* band);

    /** Distance from `from` to `to`; invalid coordinates give invalid_input. */
    PointDistance compute(const LonLat& from, const LonLat& to);

private:
    const Snapper& m_snapper;
    const WalkRules& m_rules;
    ReversedNetwork m_reversed;
    std::unique_ptr<TurnNetwork> m_turns; ///< for a band that restricts passages
    std::unique_ptr<SearchSpace> m_space;
    WalkRouter m_router;
};

} // namespace skolvag::geodata
