// SPDX-License-Identifier: MIT
// What the distance service answers, as domain values: decisions, routes, receipts,
// listings. JSON is made of them apart, in answer_json.hpp; nothing here is HTTP.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/route_tracer.hpp"
#include "api/server/tenant.hpp"
#include "api/vault/token_vault.hpp"
#include "geodata/lon_lat.hpp"
#include "geodata/unsafe_places.hpp"

#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

/// The versions an answer was computed with: rules, schools, network and executable.
struct Versions {
    std::string rule_set;
    std::string rules_sha256;
    std::string schools_sha256;
    std::string network_id;
    std::string skolvag_version;
    std::string stops_sha256 = {}; ///< of the tenant's stops file; empty when it has none
};

/// A home just registered: its token, and whether (and how near) it is on the network.
struct RegisteredToken {
    std::string token;
    std::optional<double> snap_m; ///< unset when the home is not on the network
    bool is_protected = false;    ///< protected identity: distances are shown to 100 m
};

/// A home's preliminary decision for a school and grade (the distance and assessment endpoints).
struct Assessment {
    std::string token;
    std::string school_id;
    std::string grade;
    const Band* band = nullptr;
    std::optional<Decision> decision; ///< unset when the home is not on the network
    bool reference_given = false;     ///< the caller named the reference school
    bool is_protected = false;        ///< protected identity: distances are shown to 100 m
    std::string note;                 ///< the decision's note, or why the home is not on the network
    Versions versions;
    std::vector<std::string> reasons_sv; ///< the decision's reasons in Swedish (the map, a decision letter)
    /// The caller named a pick-up stop: the decision's stop fields hold its walk
    /// (decide_stop) when the pupil gets transport, and are empty when it does not.
    bool stop_asked = false;
};

/// The route a decision was measured on, with what a map needs to show it.
struct RouteAnswer {
    std::string token;
    std::string school_id;
    std::string band;
    RouteKind kind = RouteKind::safe;
    std::optional<double> plain_distance_m;
    std::optional<double> safe_distance_m;
    Outcome outcome = Outcome::not_eligible;
    std::vector<geodata::LonLat> positions; ///< from the home's point on the network to the entrance
    Versions versions;
    std::vector<geodata::RoutePiece> pieces;        ///< safe or unsafe for the band, as indexes into positions
    std::vector<geodata::CrossingPassed> crossings; ///< roads crossed, with their control
};

/// One token found by a trace: what is held about it, without its place.
struct TracedToken {
    TokenRecord record;
    std::vector<CachedRoute> routes;
    std::vector<std::int64_t> audit_ids;
};

struct TraceAnswer {
    std::string tenant;
    std::vector<TracedToken> tokens;
};

/// Everything held for a token, its coordinate included (GDPR art. 15).
struct TokenExport {
    TokenRecord record;
    geodata::LonLat coordinate;
    std::vector<CachedRoute> routes;
    std::vector<AuditEntry> audit;
};

struct AuditListing {
    std::string tenant;
    std::vector<AuditEntry> entries;
};

struct SchoolListing {
    const Tenant* tenant = nullptr;
    Versions versions;
};

/// GET /v1/network: the edges of the walking network that meet a box (public OSM data).
struct NetworkAnswer {
    const geodata::WalkNetwork* network = nullptr;
    geodata::LonLatBox bbox;
    std::vector<std::uint32_t> edges; ///< into network->edges, ascending
};

} // namespace skolvag::api
