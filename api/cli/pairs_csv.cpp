// SPDX-License-Identifier: MIT
#include "api/cli/pairs_csv.hpp"

#include "geodata/errors.hpp"
#include "geodata/input_file.hpp"
#include "geodata/text/csv.hpp"
#include "geodata/text/decimal.hpp"
#include "geodata/text/trim.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>

namespace skolvag::api {

namespace {

constexpr std::array<const char*, 5> kColumns = {"id", "from_lon", "from_lat", "to_lon", "to_lat"};

/// Parses a coordinate; on failure names the column and the reason, not the value.
bool parse_coordinate(const std::string& text, const char* column, double limit, double& out, std::string& problem) {
    const std::optional<double> value = geodata::parse_decimal(text);
    if (!value) {
        problem = std::string(column) + " is not a number";
        return false;
    }
    out = *value;
    if (!(out >= -limit && out <= limit)) {
        problem = std::string(column) + " is out of range";
        return false;
    }
    return true;
}

std::vector<PairRow> read_rows(const std::string& path, geodata::CsvReader& csv) {
    std::vector<std::string> fields;
    std::size_t line = 0;
    if (!csv.next(fields, line)) {
        throw geodata::InputError(path + ": empty file, expected header " +
                                  "id,from_lon,from_lat,to_lon,to_lat");
    }
    std::array<std::size_t, kColumns.size()> col{};
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        const auto it = std::find_if(fields.begin(), fields.end(), [&](const std::string& f) { return geodata::trim(f) == kColumns[c]; });
        if (it == fields.end()) {
            throw geodata::InputError(path + ":1: missing column '" + kColumns[c] + "' (header must have " +
                                      "id,from_lon,from_lat,to_lon,to_lat)");
        }
        col[c] = static_cast<std::size_t>(it - fields.begin());
    }
    const std::size_t needed = *std::max_element(col.begin(), col.end()) + 1;

    std::vector<PairRow> rows;
    while (csv.next(fields, line)) {
        if (fields.size() == 1 && geodata::trim(fields[0]).empty()) {
            continue; // blank line
        }
        PairRow row;
        row.line = line;
        row.id = col[0] < fields.size() ? fields[col[0]] : std::string{};
        if (fields.size() < needed) {
            row.problem = "has " + std::to_string(fields.size()) + " fields, expected at least " + std::to_string(needed);
        } else {
            double v[4] = {};
            for (std::size_t c = 1; c < kColumns.size() && row.problem.empty(); ++c) {
                const double limit = (c % 2 == 1) ? 180.0 : 90.0; // lon, lat, lon, lat
                parse_coordinate(fields[col[c]], kColumns[c], limit, v[c - 1], row.problem);
            }
            row.from = {v[0], v[1]};
            row.to = {v[2], v[3]};
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

std::vector<PairRow> read_pairs_csv(const std::string& path) {
    std::ifstream in = geodata::open_input_file(path, "pairs file");
    geodata::CsvReader csv(in);
    try {
        return read_rows(path, csv);
    } catch (const geodata::CsvError& e) {
        throw geodata::InputError(path + ":" + std::to_string(e.line()) + ": " + e.what());
    }
}

} // namespace skolvag::api
