// SPDX-License-Identifier: MIT
#include "api/cli/pairs_csv.hpp"

#include "api/cli/csv_reader.hpp"
#include "geodata/input_error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>

namespace skolvag::api {

namespace {

constexpr std::array<const char*, 5> kColumns = {"id", "from_lon", "from_lat", "to_lon", "to_lat"};

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// Parses a coordinate; on failure names the column and the reason, not the value.
bool parse_coordinate(const std::string& text, const char* column, double limit, double& out, std::string& problem) {
    const std::string t = trim(text);
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    if (begin != end && *begin == '+') {
        ++begin;
    }
    const auto [ptr, ec] = std::from_chars(begin, end, out);
    if (t.empty() || ec != std::errc{} || ptr != end) {
        problem = std::string(column) + " is not a number";
        return false;
    }
    if (!(out >= -limit && out <= limit)) {
        problem = std::string(column) + " is out of range";
        return false;
    }
    return true;
}

std::vector<PairRow> read_rows(const std::string& path, CsvReader& csv) {
    std::vector<std::string> fields;
    std::size_t line = 0;
    if (!csv.next(fields, line)) {
        throw geodata::InputError(path + ": empty file, expected header " +
                                  "id,from_lon,from_lat,to_lon,to_lat");
    }
    std::array<std::size_t, kColumns.size()> col{};
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        const auto it = std::find_if(fields.begin(), fields.end(), [&](const std::string& f) { return trim(f) == kColumns[c]; });
        if (it == fields.end()) {
            throw geodata::InputError(path + ":1: missing column '" + kColumns[c] + "' (header must have " +
                                      "id,from_lon,from_lat,to_lon,to_lat)");
        }
        col[c] = static_cast<std::size_t>(it - fields.begin());
    }
    const std::size_t needed = *std::max_element(col.begin(), col.end()) + 1;

    std::vector<PairRow> rows;
    while (csv.next(fields, line)) {
        if (fields.size() == 1 && trim(fields[0]).empty()) {
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
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw geodata::InputError(path + ": is a folder, not a pairs file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw geodata::InputError(path + ": cannot open pairs file");
    }
    CsvReader csv(in);
    try {
        return read_rows(path, csv);
    } catch (const CsvError& e) {
        throw geodata::InputError(path + ":" + std::to_string(e.line()) + ": " + e.what());
    }
}

} // namespace skolvag::api
