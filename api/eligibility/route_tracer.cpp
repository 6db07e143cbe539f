// SPDX-License-Identifier: MIT
#include "api/eligibility/route_tracer.hpp"

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

} // namespace skolvag::api
