// SPDX-License-Identifier: MIT
// The API's answers as JSON: one function per kind of answer, from the domain values
// of answers.hpp. Distances are rounded to whole metres here and only here.
#pragma once

#include "api/server/answers.hpp"
#include "api/server/server_config.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace skolvag::api {

/**
 * Metres rounded to the nearest whole metre, as the API gives them (issue 4: enough
 * for a decision, no more); null when absent. The outcome is decided on the
 * unrounded distance, so near a threshold a rounded figure can read 2000 beside
 * "not_eligible" (1999.6 m); the batch files carry the exact figure.
 */
nlohmann::json whole_metres(const std::optional<double>& metres);

/**
 * A distance as an answer about a home shows it: whole metres, or, for a protected
 * identity, the nearest 100 m, so that distances to a few schools cannot place the
 * home (the outcome is still decided on the exact distance).
 */
nlohmann::json shown_metres(const std::optional<double>& metres, bool is_protected);

nlohmann::json registered_json(const RegisteredToken& r);
nlohmann::json distance_json(const Assessment& a);
nlohmann::json assessment_json(const Assessment& a);
nlohmann::json receipt_json(const ErasureReceipt& r);
nlohmann::json trace_json(const TraceAnswer& t);
nlohmann::json export_json(const TokenExport& e);
nlohmann::json audit_json(const AuditListing& a);
nlohmann::json schools_json(const SchoolListing& s);

/** A route as a GeoJSON Feature with a LineString and the OSM attribution. */
nlohmann::json route_json(const RouteAnswer& r);

/**
 * Edges of the walking network as a GeoJSON FeatureCollection of LineStrings (lon,
 * lat), each with its highway class, name (null without one) and OSM way id, and
 * the OSM attribution.
 */
nlohmann::json network_json(const NetworkAnswer& n);

/** What the map page reads at start (GET /map/config.json): the tile URL template, if any, and the attribution. */
nlohmann::json map_config_json(const std::optional<std::string>& tile_url, const NetworkLimits& limits);

/** A route from its GeoJSON (a cached answer); nullopt when the JSON is not one route_json made. */
std::optional<RouteAnswer> route_from_json(const nlohmann::json& feature);

} // namespace skolvag::api
