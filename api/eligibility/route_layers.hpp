// SPDX-License-Identifier: MIT
// The routes file of a batch run (a GeoPackage in EPSG:3006 with the OpenStreetMap
// attribution), written as a stream: each route goes to disk as soon as its school is
// searched, so a municipality's routes never sit in memory all at once. Three layers:
// `routes` (one line per home), `route_pieces` (the line piece by piece, safe or not
// for the band, and why) and `route_crossings` (the roads crossed, with their control).
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/route_tracer.hpp"
#include "geodata/projection.hpp"
#include "geodata/vector_file_writer.hpp"

#include <mutex>
#include <optional>
#include <string>

namespace skolvag::api {

class RouteLayers {
public:
    /**
     * Opens the file (written atomically: nothing is in place before commit()).
     * @param simplify_m draw the lines with no point farther than this from the line
     *        drawn (Douglas-Peucker, per piece); nullopt: every point. route_m stays the
     *        whole route's length.
     * @throws geodata::InputError for a path that is not a .gpkg or cannot be written.
     */
    RouteLayers(const std::string& path, std::optional<double> simplify_m);

    /** @throws geodata::InputError for a path that is not a GeoPackage's (.gpkg), before any work. */
    static void check_path(const std::string& path);

    /** Adds a route with its decision's columns (route_decision()). Safe from several threads. */
    void add(const Decision& d, const TracedRoute& route);

    std::size_t count() const;

    /** Finishes the file and puts it in place. */
    void commit();

private:
    mutable std::mutex m_mutex;
    geodata::VectorFileWriter m_writer;
    geodata::Projection m_to_grid;
    std::optional<double> m_simplify_m;
    std::size_t m_routes_layer = 0;
    std::size_t m_pieces_layer = 0;
    std::size_t m_crossings_layer = 0;
    std::size_t m_count = 0;
};

} // namespace skolvag::api
