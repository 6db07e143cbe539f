// SPDX-License-Identifier: MIT
// The files of a batch run: the decisions table (CSV or GeoPackage), the `removed`
// table of pupils who left the register, and the routes layer (GeoPackage, EPSG:3006,
// with the OpenStreetMap attribution). Decisions carry no coordinates.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/route_tracer.hpp"
#include "geodata/lon_lat.hpp"
#include "geodata/vector_file_writer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

/// One route feature of the routes layer.
struct RouteFeature {
    std::size_t decision = 0;               ///< index of the home's decision
    std::vector<geodata::LonLat> positions; ///< from the home's snapped point to the entrance
    RouteKind kind = RouteKind::safe;
    std::vector<geodata::RoutePiece> pieces;        ///< safe or unsafe for the band, as indexes into positions
    std::vector<geodata::CrossingPassed> crossings; ///< roads crossed, with their control
};

/** Where the `removed` table goes for a CSV output: DECISIONS.removed.csv beside it. */
std::string removed_csv_path(const std::string& decisions_path);

/**
 * Writes decisions (and, with a previous run, the `removed` rows: a second layer of a
 * GeoPackage, or a CSV beside a CSV output), each file atomically.
 */
void write_decisions(const std::string& path, const std::vector<Decision>& decisions,
                     const std::optional<std::vector<Decision>>& removed);

/** Writes the routes layer (GeoPackage only), transformed to EPSG:3006. */
void write_routes(const std::string& path, const std::vector<RouteFeature>& routes,
                  const std::vector<Decision>& decisions);

/**
 * Reads a previous run's decisions (CSV or the first layer of a GeoPackage).
 * @throws geodata::InputError naming the file and any missing column.
 */
std::vector<Decision> read_decisions(const std::string& path);

} // namespace skolvag::api
