// SPDX-License-Identifier: MIT
#include "api/eligibility/decisions_file.hpp"

#include "geodata/feature_table.hpp"
#include "geodata/errors.hpp"
#include "geodata/projection.hpp"
#include "geodata/text/decimal.hpp"

#include <filesystem>

namespace skolvag::api {

namespace {

using geodata::CellValue;
using geodata::ColumnType;
using geodata::OutputColumn;

CellValue cell(const std::string& s) { return s.empty() ? CellValue{} : CellValue{std::string_view(s)}; }
CellValue cell(const std::optional<double>& v) { return v ? CellValue{*v} : CellValue{}; }

std::vector<CellValue> decision_cells(const Decision& d) {
    return {cell(d.pupil_ref),
            CellValue{static_cast<std::int64_t>(d.home_no)},
            cell(d.school_id),
            cell(d.band),
            cell(d.plain_distance_m),
            cell(d.safe_distance_m),
            cell(d.threshold_m),
            cell(d.outcome),
            cell(d.reference_school_id),
            cell(d.reference_safe_distance_m),
            cell(d.reference_outcome),
            cell(d.home_snap_m),
            cell(d.change),
            cell(d.changed_fields),
            cell(d.rule_set),
            cell(d.rules_sha256),
            cell(d.network_id),
            cell(d.schools_sha256),
            cell(d.inputs_sha256),
            cell(d.note)};
}

const std::vector<OutputColumn>& removed_columns() {
    static const std::vector<OutputColumn> columns = {
        {"pupil_ref", ColumnType::text},   {"home_no", ColumnType::integer}, {"school_id", ColumnType::text},
        {"last_outcome", ColumnType::text}, {"instruction", ColumnType::text},
    };
    return columns;
}

constexpr const char* kErasureInstruction =
    "not in the pupil register any more: review this pupil's data for erasure";

void write_removed_layer(geodata::VectorFileWriter& w, const std::vector<Decision>& removed) {
    w.begin_layer("removed", removed_columns());
    for (const Decision& d : removed) {
        w.add_row({cell(d.pupil_ref), CellValue{static_cast<std::int64_t>(d.home_no)}, cell(d.school_id),
                   cell(d.outcome), CellValue{std::string_view(kErasureInstruction)}});
    }
}

std::optional<double> parse_metres(const std::string& s) { return geodata::parse_decimal(s); }

} // namespace

const std::vector<OutputColumn>& decision_columns() {
    static const std::vector<OutputColumn> columns = {
        {"pupil_ref", ColumnType::text},
        {"home_no", ColumnType::integer},
        {"school_id", ColumnType::text},
        {"band", ColumnType::text},
        {"plain_distance_m", ColumnType::real},
        {"safe_distance_m", ColumnType::real},
        {"threshold_m", ColumnType::real},
        {"outcome", ColumnType::text},
        {"reference_school_id", ColumnType::text},
        {"reference_safe_distance_m", ColumnType::real},
        {"reference_outcome", ColumnType::text},
        {"home_snap_m", ColumnType::real},
        {"change", ColumnType::text},
        {"changed_fields", ColumnType::text},
        {"rule_set", ColumnType::text},
        {"rules_sha256", ColumnType::text},
        {"network_id", ColumnType::text},
        {"schools_sha256", ColumnType::text},
        {"inputs_sha256", ColumnType::text},
        {"note", ColumnType::text},
    };
    return columns;
}

std::string removed_csv_path(const std::string& decisions_path) {
    std::filesystem::path p(decisions_path);
    return (p.parent_path() / (p.stem().string() + ".removed.csv")).string();
}

void write_decisions(const std::string& path, const std::vector<Decision>& decisions,
                     const std::optional<std::vector<Decision>>& removed) {
    geodata::VectorFileWriter w(path);
    // A CSV holds one table: the removed rows go to a file of their own.
    std::optional<geodata::VectorFileWriter> removed_csv;
    if (removed && w.format() == geodata::VectorFileWriter::Format::csv) {
        removed_csv.emplace(removed_csv_path(path));
    }
    w.begin_layer("decisions", decision_columns(), geodata::VectorFileWriter::Geometry::none, "",
                  {{"DESCRIPTION", "skolvag preliminary school transport decisions (decision support, not a decision)"}});
    for (const Decision& d : decisions) {
        w.add_row(decision_cells(d));
    }
    if (removed) {
        write_removed_layer(removed_csv ? *removed_csv : w, *removed);
    }
    // Commit the removed list first: decisions never land without it.
    if (removed_csv) {
        removed_csv->commit();
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
    const std::vector<OutputColumn> columns = {
        {"pupil_ref", ColumnType::text},        {"home_no", ColumnType::integer},
        {"school_id", ColumnType::text},        {"band", ColumnType::text},
        {"route_kind", ColumnType::text},       {"route_m", ColumnType::real},
        {"plain_distance_m", ColumnType::real}, {"safe_distance_m", ColumnType::real},
        {"outcome", ColumnType::text},
    };
    w.begin_layer("routes", columns, geodata::VectorFileWriter::Geometry::line_string, geodata::kSweref99Tm,
                  {{"DESCRIPTION", "Walking routes from each home's point on the network to the school entrance. "
                                   "Map data © OpenStreetMap contributors, ODbL 1.0"},
                   {"ATTRIBUTION", "© OpenStreetMap contributors"},
                   {"LICENSE", "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/"}});
    std::vector<std::pair<double, double>> line;
    for (const RouteFeature& r : routes) {
        line.clear();
        for (const geodata::LonLat& p : r.positions) {
            if (const auto xy = to_grid.transform(p.lon_deg, p.lat_deg)) {
                line.push_back(*xy);
            }
        }
        const Decision& d = decisions[r.decision];
        const bool safe = r.kind == RouteKind::safe;
        w.add_row({cell(d.pupil_ref), CellValue{static_cast<std::int64_t>(d.home_no)}, cell(d.school_id), cell(d.band),
                   CellValue{to_string(r.kind)}, cell(safe ? d.safe_distance_m : d.plain_distance_m),
                   cell(d.plain_distance_m),
                   cell(d.safe_distance_m), cell(d.outcome)},
                  &line);
    }
    w.commit();
}

std::vector<Decision> read_decisions(const std::string& path) {
    const geodata::FeatureTable t = geodata::read_feature_table(path);
    t.require_columns({"pupil_ref", "home_no", "school_id", "band", "plain_distance_m", "safe_distance_m",
                       "threshold_m", "outcome", "reference_school_id", "reference_safe_distance_m",
                       "reference_outcome", "home_snap_m", "rule_set", "rules_sha256", "network_id", "schools_sha256",
                       "inputs_sha256"});
    std::vector<Decision> out;
    out.reserve(t.rows.size());
    for (const geodata::FeatureRow& row : t.rows) {
        Decision d;
        d.pupil_ref = t.value(row, "pupil_ref");
        const std::string& home_no = t.value(row, "home_no");
        const std::optional<long long> number = geodata::parse_whole_number(home_no);
        if (!number || *number < 1 || *number > 1000) {
            throw geodata::InputError(row.where + ": home_no is not a whole number from 1 to 1000");
        }
        d.home_no = static_cast<int>(*number);
        d.school_id = t.value(row, "school_id");
        d.band = t.value(row, "band");
        d.plain_distance_m = parse_metres(t.value(row, "plain_distance_m"));
        d.safe_distance_m = parse_metres(t.value(row, "safe_distance_m"));
        d.threshold_m = parse_metres(t.value(row, "threshold_m"));
        d.outcome = t.value(row, "outcome");
        d.reference_school_id = t.value(row, "reference_school_id");
        d.reference_safe_distance_m = parse_metres(t.value(row, "reference_safe_distance_m"));
        d.reference_outcome = t.value(row, "reference_outcome");
        d.home_snap_m = parse_metres(t.value(row, "home_snap_m"));
        d.change = t.value(row, "change");
        d.changed_fields = t.value(row, "changed_fields");
        d.rule_set = t.value(row, "rule_set");
        d.rules_sha256 = t.value(row, "rules_sha256");
        d.network_id = t.value(row, "network_id");
        d.schools_sha256 = t.value(row, "schools_sha256");
        d.inputs_sha256 = t.value(row, "inputs_sha256");
        d.note = t.value(row, "note");
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace skolvag::api
