// SPDX-License-Identifier: MIT
// Tracing the route a decision was measured on, from a home's point on the network to
// a school's entrance: the safe route for the home's band when there is one, else the
// plain route, labelled so. The hierarchy gives distances, not paths, so the routes
// are traced on Dijkstra search trees, one per network and school, built when needed.
#pragma once

#include "api/eligibility/search_networks.hpp"
#include "geodata/lon_lat.hpp"
#include "geodata/snap.hpp"
#include "geodata/crossings.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/unsafe_places.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace skolvag::api {

/// Which route a traced line is.
enum class RouteKind {
    safe,                ///< the safe route for the home's band
    plain_no_safe_route, ///< the plain route, traced because the band has no safe one
    plain                ///< the plain route, asked for beside the safe one (the map shows both)
};

/** "safe", "plain (no safe route)" or "plain", as written in route layers and GeoJSON. */
std::string_view to_string(RouteKind kind) noexcept;

/** The kind whose to_string is text; nullopt for any other text. */
std::optional<RouteKind> route_kind_named(std::string_view text) noexcept;

struct TracedRoute {
    std::vector<geodata::LonLat> positions; ///< from the home's snapped point to the entrance
    RouteKind kind = RouteKind::safe;
    std::vector<geodata::RoutePiece> pieces;        ///< safe or unsafe for the home's band, covering positions
    std::vector<geodata::CrossingPassed> crossings; ///< roads crossed, with their control
};

/** A walk's steps as a TracedRoute of this kind, marked piece by piece for the band. */
TracedRoute marked_route(const geodata::WalkNetwork& net, const geodata::RoadArms& arms,
                         std::span<const geodata::RouteStep> steps, RouteKind kind, const Band& band, const Rules& rules);

/// The routes from homes to one school. Not for use from two threads at once.
class RouteTracer {
public:
    /** @pre every argument outlives the tracer. */
    RouteTracer(const SearchNetworks& networks, std::span<const geodata::Target> school_targets);
    ~RouteTracer();

    /**
     * The safe route when the home has one, else the plain route when it has one.
     * @param network the home's band's search network.
     * @returns nullopt when the home has no route at all.
     */
    std::optional<TracedRoute> trace(const geodata::Snap& home, std::size_t network, const Band& band,
                                     const Rules& rules, bool has_safe_route, bool has_plain_route);

private:
    const geodata::TargetTree& tree(std::size_t network);

    const SearchNetworks& m_networks;
    std::span<const geodata::Target> m_targets;
    std::vector<std::unique_ptr<geodata::TargetTree>> m_trees; ///< by network, built when first needed
};

} // namespace skolvag::api
