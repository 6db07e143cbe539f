// SPDX-License-Identifier: MIT
#include "api/eligibility/decisions_file.hpp"

#include "api/eligibility/decision_schema.hpp"
#include "geodata/errors.hpp"
#include "geodata/feature_table.hpp"

#include <ctime>
#include <filesystem>

namespace skolvag::api {

namespace {

using geodata::CellValue;
using geodata::ColumnType;
using geodata::OutputColumn;

constexpr const char* kErasureInstruction =
    "not in the pupil register any more: review this pupil's data for erasure";

/// The decision columns a removed row carries, by name from the schema.
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

std::vector<Decision> read_decisions(const std::string& path) {
    const geodata::FeatureTable t = geodata::read_feature_table(path);
    std::vector<std::string_view> required;
    for (const DecisionField& f : decision_fields()) {
        if (f.required) {
            required.push_back(f.name);
        }
    }
    t.require_columns(required);
    // Each field's column found once (a run's previous file has tens of thousands of rows).
    std::vector<std::pair<const DecisionField*, std::optional<std::size_t>>> columns;
    for (const DecisionField& f : decision_fields()) {
        columns.emplace_back(&f, t.column(f.name));
    }
    static const std::string absent;
    std::vector<Decision> out;
    out.reserve(t.rows.size());
    for (const geodata::FeatureRow& row : t.rows) {
        Decision d;
        for (const auto& [field, column] : columns) {
            field->read(d, column && *column < row.values.size() ? row.values[*column] : absent, row.where);
        }
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace skolvag::api
