// SPDX-License-Identifier: MIT
#include "api/eligibility/route_tracer.hpp"

#include "geodata/unsafe_places.hpp"

namespace skolvag::api {

std::string_view to_string(RouteKind kind) noexcept {
    return kind == RouteKind::safe ? "safe" : "plain (no safe route)";
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

std::optional<TracedRoute> RouteTracer::trace(const geodata::Snap& home, std::size_t network, bool has_safe_route,
                                              bool has_plain_route) {
    if (has_safe_route) {
        return TracedRoute{tree(network).path_from(home), RouteKind::safe};
    }
    if (has_plain_route) {
        return TracedRoute{tree(SearchNetworks::kPlain).path_from(home), RouteKind::plain_no_safe_route};
    }
    return std::nullopt;
}

std::vector<std::string> RouteTracer::unsafe_places(const geodata::Snap& home, const Band& band, const Rules& rules) {
    const geodata::WalkNetwork& net = m_networks.space(SearchNetworks::kPlain).network();
    if (!m_ends) {
        m_ends = std::make_unique<geodata::NodeEnds>(net);
    }
    const std::vector<geodata::RouteEdge> route = tree(SearchNetworks::kPlain).route_edges_from(home);
    return geodata::unsafe_places(net, *m_ends, route, band.safety, rules.walking);
}

} // namespace skolvag::api
