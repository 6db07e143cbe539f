// SPDX-License-Identifier: MIT
// The files of a batch run: the decisions table (CSV, GeoPackage or Excel workbook),
// the `removed` table of pupils who left the register, and the routes layer
// (GeoPackage, EPSG:3006, with the OpenStreetMap attribution). Decisions carry no
// coordinates.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/route_tracer.hpp"
#include "geodata/lon_lat.hpp"
#include "geodata/vector_file_writer.hpp"

#include <chrono>
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

/**
 * Where a run's list of pupils who left the register goes: beside the decisions, named
 * by the run's time, DECISIONS.removed-2026-12-01T213005Z.csv (UTC), so that no run
 * replaces or deletes an earlier run's list: each is an erasure list a data protection
 * officer works through. A second run in the same second gets "-2", "-3", ...
 */
std::string removed_list_path(const std::string& decisions_path, std::chrono::system_clock::time_point run_time);

/** Writes the pupils who left the register, with the instruction to review them for erasure (a CSV), atomically. */
void write_removed_list(const std::string& path, const std::vector<Decision>& removed,
                        geodata::CsvDialect dialect = geodata::CsvDialect::plain);

/**
 * Writes decisions atomically; with a previous run, a GeoPackage or Excel workbook
 * also carries the `removed` rows as a second layer or sheet (a CSV holds one table:
 * write_removed_list). `dialect` is for a CSV.
 */
void write_decisions(const std::string& path, const std::vector<Decision>& decisions,
                     const std::optional<std::vector<Decision>>& removed,
                     geodata::CsvDialect dialect = geodata::CsvDialect::plain);

/** Writes the routes layer (GeoPackage only), transformed to EPSG:3006. */
void write_routes(const std::string& path, const std::vector<RouteFeature>& routes,
                  const std::vector<Decision>& decisions);

/**
 * Reads a previous run's decisions (CSV in either dialect, or the first layer of a
 * GeoPackage or Excel workbook).
 * @throws geodata::InputError naming the file and any missing column.
 */
std::vector<Decision> read_decisions(const std::string& path);

} // namespace skolvag::api
