// SPDX-License-Identifier: MIT
// `skolvag distances`: walking distances for a table of coordinate pairs.
#include "api/cli/arguments.hpp"
#include "api/cli/axis_options.hpp"
#include "api/cli/output_guard.hpp"
#include "geodata/atomic_file.hpp"
#include "api/cli/commands.hpp"
#include "geodata/text/csv.hpp"
#include "api/cli/pairs_table.hpp"
#include "geodata/errors.hpp"
#include "geodata/prepared_network.hpp"
#include "geodata/point_distance.hpp"
#include "geodata/progress_line.hpp"
#include "geodata/vector_file_writer.hpp"
#include "api/eligibility/rules_file.hpp"

#include <cstdio>
#include <iostream>

namespace skolvag::api {

namespace {

std::string metres(const std::optional<double>& m) { return m ? geodata::format_metres(*m) : std::string(); }

std::string band_names(const Rules& rules) {
    std::string names;
    for (const Band& b : rules.bands) {
        names += (names.empty() ? "" : ", ") + b.name;
    }
    return names.empty() ? "none" : names;
}

/// Every pair's two points, as read and with their axes exchanged, to recognise swapped axes.
std::vector<geodata::ReadPoint> both_ends(const std::vector<PairRow>& pairs) {
    std::vector<geodata::ReadPoint> points;
    points.reserve(2 * pairs.size());
    for (const PairRow& row : pairs) {
        points.push_back({row.from.lon_lat, row.from.swapped});
        points.push_back({row.to.lon_lat, row.to.swapped});
    }
    return points;
}

} // namespace

int distances_command(const std::vector<std::string>& args) {
    const Arguments a("distances", args, {"network", "pairs", "out", "rules", "band", "crs", "axis-order"});
    const std::string network_path = a.require("network");
    const std::string pairs_path = a.require("pairs");
    const std::string out_path = a.require("out");
    const geodata::AxisOrder axes = parse_axis_order("distances", a.get("axis-order"));

    Rules rules;
    if (auto rules_path = a.get("rules")) {
        rules = load_rules(*rules_path);
    }
    const Band* band = nullptr;
    if (auto band_name = a.get("band")) {
        if (!a.get("rules")) {
            throw geodata::UsageError("distances: --band needs --rules (the band is defined in the rules file)");
        }
        band = rules.find_band(*band_name);
        if (band == nullptr) {
            throw geodata::InputError(*a.get("rules") + ": unknown band '" + *band_name +
                                      "' (bands: " + band_names(rules) + ")");
        }
    }

    refuse_output_over_input(out_path, {network_path, pairs_path, a.get("rules").value_or("")});

    // Read the small inputs first so that their errors come before the network build.
    const PairsTable table = read_pairs_table(pairs_path, a.get("crs"), axes);
    const std::vector<PairRow>& pairs = table.rows;
    geodata::AtomicFile out(out_path);

    const geodata::WalkNetwork net = geodata::load_network(network_path).net; // an OSM file or a prepared one
    refuse_swapped_axes(pairs_path, both_ends(pairs), net.bbox(), axes);
    std::cerr << "distances: pairs read from " << table.read_in << '\n';
    const geodata::Snapper snapper(net);
    geodata::PointDistanceCalculator calculator(snapper, rules.walking, band != nullptr ? &band->safety : nullptr);

    std::ostream& os = out.stream();
    os << "id,status,distance_m,from_snap_m,to_snap_m\n";
    geodata::ProgressLine progress("distances");
    std::size_t done = 0;
    for (const PairRow& row : pairs) {
        geodata::PointDistance d;
        if (const std::string problem = row.problem(); !problem.empty()) {
            // The row and the column identify the problem; the value itself may be a home.
            std::cerr << "warning: " << row.where << ": " << problem << "; row written as invalid_input\n";
            d.status = geodata::DistanceStatus::invalid_input;
        } else {
            d = calculator.compute(*row.from.lon_lat, *row.to.lon_lat);
        }
        os << geodata::csv_field(row.id) << ',' << geodata::to_string(d.status) << ',' << metres(d.distance_m) << ','
           << metres(d.from_snap_m) << ',' << metres(d.to_snap_m) << '\n';
        ++done;
        progress.update(static_cast<double>(done) / static_cast<double>(pairs.size()),
                        geodata::with_thousands(done) + " pairs");
    }
    progress.finish(geodata::with_thousands(done) + " pairs");
    out.commit();
    return 0;
}

} // namespace skolvag::api
