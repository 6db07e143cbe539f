// SPDX-License-Identifier: MIT
#include "api/eligibility/decisions_file.hpp"

#include "api/eligibility/decision_schema.hpp"
#include "geodata/errors.hpp"
#include "geodata/feature_table.hpp"
#include "geodata/projection.hpp"

#include <ctime>
#include <filesystem>

namespace skolvag::api {

namespace {

using geodata::CellValue;
using geodata::ColumnType;
using geodata::OutputColumn;

constexpr const char* kErasureInstruction =
    "not in the pupil register any more: review this pupil's data for erasure";

/// The decision columns a removed row and a route carry, by name from the schema.
std::vector<OutputColumn> columns_named(std::initializer_list<std::string_view> names) {
    std::vector<OutputColumn> columns;
    for (std::string_view n : names) {
        columns.push_back({std::string(n), decision_field(n).type});
    }
    return columns;
}

void add_cells(std::vector<CellValue>& cells, const Decision& d, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) {
        cells.push_back(decision_field(n).write(d));
    }
}

void write_removed_layer(geodata::VectorFileWriter& w, const std::vector<Decision>& removed) {
    std::vector<OutputColumn> columns = columns_named({"pupil_ref", "home_no", "school_id"});
    columns.push_back({"last_outcome", ColumnType::text});
    columns.push_back({"instruction", ColumnType::text});
    w.begin_layer("removed", columns);
    for (const Decision& d : removed) {
        std::vector<CellValue> cells;
        add_cells(cells, d, {"pupil_ref", "home_no", "school_id", "outcome"});
        cells.push_back(CellValue{std::string_view(kErasureInstruction)});
        w.add_row(cells);
    }
}

} // namespace

std::string removed_list_path(const std::string& decisions_path, std::chrono::system_clock::time_point run_time) {
    const std::time_t t = std::chrono::system_clock::to_time_t(run_time);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%SZ", &utc);
    const std::filesystem::path p(decisions_path);
    const std::string base = (p.parent_path() / (p.stem().string() + ".removed-" + stamp)).string();
    std::string path = base + ".csv";
    for (int n = 2; std::filesystem::exists(path); ++n) {
        path = base + "-" + std::to_string(n) + ".csv";
    }
    return path;
}

void write_removed_list(const std::string& path, const std::vector<Decision>& removed,
                        geodata::CsvDialect dialect) {
    geodata::VectorFileWriter w(path, dialect);
    write_removed_layer(w, removed);
    w.commit();
}

void write_decisions(const std::string& path, const std::vector<Decision>& decisions,
                     const std::optional<std::vector<Decision>>& removed, geodata::CsvDialect dialect) {
    geodata::VectorFileWriter w(path, dialect);
    w.begin_layer("decisions", decision_columns(), geodata::VectorFileWriter::Geometry::none, "",
                  {{"DESCRIPTION", "skolvag preliminary school transport decisions (decision support, not a decision)"}});
    for (const Decision& d : decisions) {
        w.add_row(decision_cells(d));
    }
    if (removed && w.format() != geodata::VectorFileWriter::Format::csv) {
        write_removed_layer(w, *removed);
    }
    w.commit();
}

void write_routes(const std::string& path, const std::vector<RouteFeature>& routes,
                  const std::vector<Decision>& decisions) {
    if (geodata::VectorFileWriter::format_for(path) != geodata::VectorFileWriter::Format::gpkg) {
        throw geodata::InputError(path + ": routes are written as a GeoPackage (.gpkg)");
    }
    const geodata::Projection to_grid(geodata::kWgs84, geodata::kSweref99Tm);
    geodata::VectorFileWriter w(path);
    std::vector<OutputColumn> columns = columns_named({"pupil_ref", "home_no", "school_id", "band"});
    columns.push_back({"route_kind", ColumnType::text});
    columns.push_back({"route_m", ColumnType::real});
    for (const OutputColumn& c : columns_named({"plain_distance_m", "safe_distance_m", "outcome"})) {
        columns.push_back(c);
    }
    w.begin_layer("routes", columns, geodata::VectorFileWriter::Geometry::line_string, geodata::kSweref99Tm,
                  {{"DESCRIPTION", "Walking routes from each home's point on the network to the school entrance. "
                                   "Map data © OpenStreetMap contributors, ODbL 1.0"},
                   {"ATTRIBUTION", "© OpenStreetMap contributors"},
                   {"LICENSE", "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/"}});
    std::vector<std::pair<double, double>> line;
    const auto to_line = [&](const std::vector<geodata::LonLat>& positions, std::size_t first, std::size_t last) {
        line.clear();
        for (std::size_t i = first; i <= last && i < positions.size(); ++i) {
            if (const auto xy = to_grid.transform(positions[i].lon_deg, positions[i].lat_deg)) {
                line.push_back(*xy);
            }
        }
    };
    for (const RouteFeature& r : routes) {
        to_line(r.positions, 0, r.positions.empty() ? 0 : r.positions.size() - 1);
        const Decision& d = decisions[r.decision];
        std::vector<CellValue> cells;
        add_cells(cells, d, {"pupil_ref", "home_no", "school_id", "band"});
        cells.push_back(CellValue{to_string(r.kind)});
        cells.push_back(decision_field(r.kind == RouteKind::safe ? "safe_distance_m" : "plain_distance_m").write(d));
        add_cells(cells, d, {"plain_distance_m", "safe_distance_m", "outcome"});
        w.add_row(cells, &line);
    }
    // Each route piece by piece, safe or unsafe for the band with the reason, and the
    // roads each route crosses: what a map shows a case officer.
    std::vector<OutputColumn> key = columns_named({"pupil_ref", "home_no", "school_id", "band"});
    std::vector<OutputColumn> piece_columns = key;
    piece_columns.push_back({"safe", ColumnType::text});
    piece_columns.push_back({"reason", ColumnType::text});
    w.begin_layer("route_pieces", piece_columns, geodata::VectorFileWriter::Geometry::line_string, geodata::kSweref99Tm,
                  {{"DESCRIPTION", "The routes piece by piece, each safe or unsafe for the pupil's band, with why. "
                                   "Map data © OpenStreetMap contributors, ODbL 1.0"}});
    for (const RouteFeature& r : routes) {
        for (const geodata::RoutePiece& p : r.pieces) {
            to_line(r.positions, p.first, p.last);
            std::vector<CellValue> cells;
            add_cells(cells, decisions[r.decision], {"pupil_ref", "home_no", "school_id", "band"});
            cells.push_back(CellValue{std::string_view(p.safe ? "yes" : "no")});
            cells.push_back(CellValue{std::string_view(p.reason)});
            w.add_row(cells, &line);
        }
    }
    std::vector<OutputColumn> crossing_columns = key;
    for (const char* name : {"control", "road", "safe", "reason"}) {
        crossing_columns.push_back({name, ColumnType::text});
    }
    w.begin_layer("route_crossings", crossing_columns, geodata::VectorFileWriter::Geometry::point, geodata::kSweref99Tm,
                  {{"DESCRIPTION", "The roads each route crosses (walking-network.md section 8), with the crossing's "
                                   "control and whether the pupil's band may cross there. Map data © OpenStreetMap "
                                   "contributors, ODbL 1.0"}});
    for (const RouteFeature& r : routes) {
        for (const geodata::CrossingPassed& c : r.crossings) {
            to_line({c.position}, 0, 0);
            std::vector<CellValue> cells;
            add_cells(cells, decisions[r.decision], {"pupil_ref", "home_no", "school_id", "band"});
            cells.push_back(CellValue{geodata::to_string(c.control)});
            cells.push_back(CellValue{std::string_view(c.road)});
            cells.push_back(CellValue{std::string_view(c.safe ? "yes" : "no")});
            cells.push_back(CellValue{std::string_view(c.reason)});
            w.add_row(cells, &line);
        }
    }
    w.commit();
}

std::vector<Decision> read_decisions(const std::string& path) {
    const geodata::FeatureTable t = geodata::read_feature_table(path);
    std::vector<std::string_view> required;
    for (const DecisionField& f : decision_fields()) {
        if (f.required) {
            required.push_back(f.name);
        }
    }
    t.require_columns(required);
    std::vector<Decision> out;
    out.reserve(t.rows.size());
    for (const geodata::FeatureRow& row : t.rows) {
        Decision d;
        for (const DecisionField& f : decision_fields()) {
            f.read(d, t.value(row, f.name), row.where);
        }
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace skolvag::api
