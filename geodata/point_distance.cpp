// SPDX-License-Identifier: MIT
#include "geodata/point_distance.hpp"

#include "geodata/band_safety.hpp"

namespace skolvag::geodata {

std::string_view to_string(DistanceStatus s) noexcept {
    switch (s) {
    case DistanceStatus::ok: return "ok";
    case DistanceStatus::from_not_on_network: return "from_not_on_network";
    case DistanceStatus::to_not_on_network: return "to_not_on_network";
    case DistanceStatus::no_route: return "no_route";
    case DistanceStatus::invalid_input: return "invalid_input";
    }
    return "invalid_input";
}

PointDistanceCalculator::PointDistanceCalculator(const Snapper& snapper, const WalkRules& rules, const BandSafety* band)
    : m_snapper(snapper), m_rules(rules), m_reversed(snapper.network()) {
    const WalkNetwork& net = snapper.network();
    if (band == nullptr) {
        m_space = std::make_unique<SearchSpace>(net, m_reversed);
    } else {
        const std::vector<bool> mask = safe_edge_mask(net, *band, rules);
        if (band_restricts_passages(*band)) {
            const NodeEnds ends(net);
            const RoadArms arms(net, ends, rules);
            if (passages_restricted(net, ends, arms, mask, *band)) {
                m_turns = std::make_unique<TurnNetwork>(net);
                m_space = std::make_unique<SearchSpace>(net, *m_turns, arms, mask, *band);
                return;
            }
        }
        m_space = std::make_unique<SearchSpace>(net, m_reversed, mask);
    }
}

PointDistance PointDistanceCalculator::compute(const LonLat& from, const LonLat& to) {
    PointDistance result;
    if (!from.is_valid() || !to.is_valid()) {
        result.status = DistanceStatus::invalid_input;
        return result;
    }
    const std::optional<Snap> a = m_snapper.snap(from, m_rules.max_snap_m, m_rules.min_component_m);
    const std::optional<Snap> b = m_snapper.snap(to, m_rules.max_snap_m, m_rules.min_component_m);
    if (a) {
        result.from_snap_m = a->snap_m;
    }
    if (b) {
        result.to_snap_m = b->snap_m;
    }
    if (!a) {
        result.status = DistanceStatus::from_not_on_network;
        return result;
    }
    if (!b) {
        result.status = DistanceStatus::to_not_on_network;
        return result;
    }
    const std::optional<routing::DistanceMm> mm = m_router.distance_mm(*a, *b, *m_space);
    if (!mm) {
        result.status = DistanceStatus::no_route;
        return result;
    }
    result.status = DistanceStatus::ok;
    routing::DistanceMm total = *mm;
    if (m_rules.include_access_legs) {
        // In whole millimetres like every other length, so that batch runs, which
        // add the legs the same way, report the very same numbers.
        total += access_leg_mm(*a) + access_leg_mm(*b);
    }
    result.distance_m = routing::centimetre_metres(total);
    return result;
}

} // namespace skolvag::geodata
