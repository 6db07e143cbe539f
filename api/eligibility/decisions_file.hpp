// SPDX-License-Identifier: MIT
// The files of a batch run: the decisions table (CSV, GeoPackage or Excel workbook) and
// the `removed` table of pupils who left the register (the routes: route_layers.hpp).
// Decisions carry no coordinates.
#pragma once

#include "api/eligibility/decision.hpp"
#include "geodata/vector_file_writer.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

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

/**
 * Reads a previous run's decisions (CSV in either dialect, or the first layer of a
 * GeoPackage or Excel workbook).
 * @throws geodata::InputError naming the file and any missing column.
 */
std::vector<Decision> read_decisions(const std::string& path);

} // namespace skolvag::api
