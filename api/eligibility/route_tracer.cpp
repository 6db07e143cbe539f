// SPDX-License-Identifier: MIT
#include "api/eligibility/route_tracer.hpp"

#include "geodata/unsafe_places.hpp"

namespace skolvag::api {

std::string_view to_string(RouteKind kind) noexcept {
    switch (kind) {
    case RouteKind::safe: return "safe";
    case RouteKind::plain_no_safe_route: return "plain (no safe route)";
    case RouteKind::plain: return "plain";
    }
    return "safe";
}

std::optional<RouteKind> route_kind_named(std::string_view text) noexcept {
    for (const RouteKind kind : {RouteKind::safe, RouteKind::plain_no_safe_route, RouteKind::plain}) {
        if (to_string(kind) == text) {
            return kind;
        }
    }
    return std::nullopt;
}

RouteTracer::RouteTracer(const SearchNetworks& networks, std::span<const geodata::Target> school_targets)
    : m_networks(networks), m_targets(school_targets), m_trees(networks.count()) {}

RouteTracer::~RouteTracer() = default;

const geodata::TargetTree& RouteTracer::tree(std::size_t network) {
    std::unique_ptr<geodata::TargetTree>& t = m_trees[network];
    if (!t) {
        t = std::make_unique<geodata::TargetTree>(m_networks.space(network));
        t->compute(m_targets);
    }
    return *t;
}

std::optional<TracedRoute> RouteTracer::trace(const geodata::Snap& home, std::size_t network, const Band& band,
                                              const Rules& rules, bool has_safe_route, bool has_plain_route) {
    if (!has_safe_route && !has_plain_route) {
        return std::nullopt;
    }
    const std::vector<geodata::RouteStep> steps =
        tree(has_safe_route ? network : SearchNetworks::kPlain).steps_from(home);
    return marked_route(m_networks.space(SearchNetworks::kPlain).network(), m_networks.road_arms(), steps,
                        has_safe_route ? RouteKind::safe : RouteKind::plain_no_safe_route, band, rules);
}

TracedRoute marked_route(const geodata::WalkNetwork& net, const geodata::RoadArms& arms,
                         std::span<const geodata::RouteStep> steps, RouteKind kind, const Band& band, const Rules& rules) {
    geodata::RouteSafety marked = geodata::route_safety(net, arms, steps, band.safety, rules.walking);
    return TracedRoute{std::move(marked.positions), kind, std::move(marked.pieces), std::move(marked.crossings)};
}

} // namespace skolvag::api
