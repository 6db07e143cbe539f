// SPDX-License-Identifier: MIT
#include "api/eligibility/route_layers.hpp"

#include "api/eligibility/decision_schema.hpp"
#include "geodata/errors.hpp"
#include "geodata/line_simplify.hpp"

namespace skolvag::api {

namespace {

using geodata::CellValue;
using geodata::ColumnType;
using geodata::OutputColumn;
using Line = std::vector<std::pair<double, double>>;

/// The decision columns every route feature carries, by name from the schema.
constexpr std::string_view kKey[] = {"pupil_ref", "home_no", "school_id", "band"};

std::vector<OutputColumn> key_columns() {
    std::vector<OutputColumn> columns;
    for (const std::string_view n : kKey) {
        columns.push_back({std::string(n), decision_field(n).type});
    }
    return columns;
}

void add_key_cells(std::vector<CellValue>& cells, const Decision& d) {
    for (const std::string_view n : kKey) {
        cells.push_back(decision_field(n).write(d));
    }
}

std::string checked_path(const std::string& path) {
    RouteLayers::check_path(path);
    return path;
}

} // namespace

void RouteLayers::check_path(const std::string& path) {
    if (geodata::VectorFileWriter::format_for(path) != geodata::VectorFileWriter::Format::gpkg) {
        throw geodata::InputError(path + ": routes are written as a GeoPackage (.gpkg)");
    }
}

RouteLayers::RouteLayers(const std::string& path, std::optional<double> simplify_m)
    : m_writer(checked_path(path)), m_to_grid(geodata::kWgs84, geodata::kSweref99Tm), m_simplify_m(simplify_m) {
    using Geometry = geodata::VectorFileWriter::Geometry;
    std::vector<OutputColumn> columns = key_columns();
    columns.push_back({"route_kind", ColumnType::text});
    columns.push_back({"route_m", ColumnType::real});
    for (const char* name : {"plain_distance_m", "safe_distance_m", "outcome"}) {
        columns.push_back({name, decision_field(name).type});
    }
    const std::string simplified =
        simplify_m ? " Lines drawn simplified (no point farther than " + geodata::format_metres(*simplify_m) +
                         " m from the line drawn); route_m is the whole route's length."
                   : std::string();
    m_routes_layer = m_writer.begin_layer(
        "routes", columns, Geometry::line_string, geodata::kSweref99Tm,
        {{"DESCRIPTION", "Walking routes from each home's point on the network to the school entrance." + simplified +
                             " Map data © OpenStreetMap contributors, ODbL 1.0"},
         {"ATTRIBUTION", "© OpenStreetMap contributors"},
         {"LICENSE", "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/"}});
    std::vector<OutputColumn> piece_columns = key_columns();
    piece_columns.push_back({"safe", ColumnType::text});
    piece_columns.push_back({"reason", ColumnType::text});
    m_pieces_layer = m_writer.begin_layer(
        "route_pieces", piece_columns, Geometry::line_string, geodata::kSweref99Tm,
        {{"DESCRIPTION", "The routes piece by piece, each safe or unsafe for the pupil's band, with why." + simplified +
                             " Map data © OpenStreetMap contributors, ODbL 1.0"}});
    std::vector<OutputColumn> crossing_columns = key_columns();
    for (const char* name : {"control", "road", "safe", "reason"}) {
        crossing_columns.push_back({name, ColumnType::text});
    }
    m_crossings_layer = m_writer.begin_layer(
        "route_crossings", crossing_columns, Geometry::point, geodata::kSweref99Tm,
        {{"DESCRIPTION", "The roads each route crosses (walking-network.md section 8), with the crossing's control and "
                         "whether the pupil's band may cross there. Map data © OpenStreetMap contributors, ODbL 1.0"}});
}

void RouteLayers::add(const Decision& d, const TracedRoute& route) {
    const std::lock_guard lock(m_mutex);
    // Every position in EPSG:3006, index for index. A point PROJ cannot transform is never
    // drawn; it stands at its predecessor's place so the simplification can step over it.
    Line grid;
    grid.reserve(route.positions.size());
    std::vector<bool> drawable;
    drawable.reserve(route.positions.size());
    for (const geodata::LonLat& p : route.positions) {
        const auto xy = m_to_grid.transform(p.lon_deg, p.lat_deg);
        drawable.push_back(xy.has_value());
        grid.push_back(xy ? *xy : grid.empty() ? std::pair<double, double>{0.0, 0.0} : grid.back());
    }
    // Which points the drawing keeps: all, or those simplification keeps within each
    // piece, so that the pieces and the whole line share their points.
    std::vector<bool> keep(grid.size(), !m_simplify_m);
    if (m_simplify_m && !grid.empty()) {
        if (route.pieces.empty()) {
            geodata::keep_for_simplified(grid, 0, grid.size() - 1, *m_simplify_m, keep);
        }
        for (const geodata::RoutePiece& p : route.pieces) {
            if (p.first <= p.last && p.last < grid.size()) {
                geodata::keep_for_simplified(grid, p.first, p.last, *m_simplify_m, keep);
            }
        }
    }
    Line line;
    const auto kept = [&](std::size_t first, std::size_t last) {
        line.clear();
        for (std::size_t i = first; i <= last && i < grid.size(); ++i) {
            if (keep[i] && drawable[i]) {
                line.push_back(grid[i]);
            }
        }
        return &line;
    };

    std::vector<CellValue> cells;
    add_key_cells(cells, d);
    cells.push_back(CellValue{to_string(route.kind)});
    cells.push_back(decision_field(route.kind == RouteKind::safe ? "safe_distance_m" : "plain_distance_m").write(d));
    for (const char* name : {"plain_distance_m", "safe_distance_m", "outcome"}) {
        cells.push_back(decision_field(name).write(d));
    }
    m_writer.add_row_to(m_routes_layer, cells, kept(0, grid.size() - 1));
    for (const geodata::RoutePiece& p : route.pieces) {
        cells.clear();
        add_key_cells(cells, d);
        cells.push_back(CellValue{std::string_view(p.safe ? "yes" : "no")});
        cells.push_back(CellValue{std::string_view(p.reason)});
        m_writer.add_row_to(m_pieces_layer, cells, kept(p.first, p.last));
    }
    for (const geodata::CrossingPassed& c : route.crossings) {
        line.clear();
        const auto xy = m_to_grid.transform(c.position.lon_deg, c.position.lat_deg);
        if (xy) {
            line.push_back(*xy);
        }
        cells.clear();
        add_key_cells(cells, d);
        cells.push_back(CellValue{geodata::to_string(c.control)});
        cells.push_back(CellValue{std::string_view(c.road)});
        cells.push_back(CellValue{std::string_view(c.safe ? "yes" : "no")});
        cells.push_back(CellValue{std::string_view(c.reason)});
        m_writer.add_row_to(m_crossings_layer, cells, xy ? &line : nullptr); // no point: no geometry
    }
    ++m_count;
}

std::size_t RouteLayers::count() const {
    const std::lock_guard lock(m_mutex);
    return m_count;
}

void RouteLayers::commit() {
    const std::lock_guard lock(m_mutex);
    m_writer.commit();
}

} // namespace skolvag::api
