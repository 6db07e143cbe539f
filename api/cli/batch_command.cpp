// SPDX-License-Identifier: MIT
// `skolvag batch`: preliminary eligibility for every pupil of a register, with the
// register diff against the previous run and optional route lines.
#include "api/cli/arguments.hpp"
#include "api/cli/commands.hpp"
#include "api/cli/output_guard.hpp"
#include "geodata/axis_order.hpp"
#include "geodata/errors.hpp"
#include "api/eligibility/batch_run.hpp"
#include "api/eligibility/decisions_file.hpp"
#include "api/eligibility/personal_ids.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/osm_network.hpp"
#include "api/eligibility/rules_file.hpp"
#include "geodata/vector_file_writer.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

namespace skolvag::api {

namespace {

unsigned parse_threads(const std::optional<std::string>& text) {
    if (!text) {
        return std::max(1U, std::thread::hardware_concurrency());
    }
    try {
        const int n = std::stoi(*text);
        if (n >= 1 && n <= 256) {
            return static_cast<unsigned>(n);
        }
    } catch (const std::exception&) {
    }
    throw geodata::UsageError("batch: --threads must be a whole number from 1 to 256");
}

/// The share of homes that may fail (invalid_input, not_on_network) before the run counts as failed.
double parse_max_failed_share(const std::optional<std::string>& text) {
    if (!text) {
        return 0.2;
    }
    try {
        std::size_t used = 0;
        const double share = std::stod(*text, &used);
        if (used == text->size() && share >= 0.0 && share <= 1.0) {
            return share;
        }
    } catch (const std::exception&) {
    }
    throw geodata::UsageError("batch: --max-failed-share must be a number from 0 to 1 (e.g. 0.2 for 20 %)");
}

/// What the command line asks for.
struct BatchOptions {
    std::string network;
    std::string schools;
    std::string pupils;
    std::string rules;
    std::string out;
    std::optional<std::string> previous;
    std::optional<std::string> routes;
    std::optional<std::string> crs;         ///< for both files (each file's own CRS wins)
    std::optional<std::string> pupils_crs;  ///< for the pupils file, over --crs
    std::optional<std::string> schools_crs; ///< for the schools file, over --crs
    unsigned threads = 1;
    double max_failed_share = 0.2;
    geodata::AxisOrder axes = geodata::AxisOrder::easting_northing;
    bool allow_personal_ids = false;
    geodata::CsvDialect csv_dialect = geodata::CsvDialect::plain; ///< of every CSV written
};

geodata::CsvDialect parse_csv_dialect(const std::optional<std::string>& text) {
    if (!text) {
        return geodata::CsvDialect::plain;
    }
    if (const auto dialect = geodata::csv_dialect_named(*text)) {
        return *dialect;
    }
    throw geodata::UsageError("batch: --csv-dialect must be plain (commas, decimal points: the default) or excel-sv "
                              "(semicolons, decimal commas, UTF-8 with BOM: as Excel reads CSV in Sweden)");
}

geodata::AxisOrder parse_axis_order(const std::optional<std::string>& text) {
    if (!text) {
        return geodata::AxisOrder::easting_northing;
    }
    if (const auto order = geodata::axis_order_named(*text)) {
        return *order;
    }
    throw geodata::UsageError("batch: --axis-order must be easting-northing (x is the easting, the default) or "
                              "northing-easting (x is the northing, as Swedish GIS often writes it)");
}

BatchOptions parse_options(const std::vector<std::string>& args) {
    const Arguments a("batch", args,
                      {"network", "schools", "pupils", "rules", "out", "previous", "routes", "threads", "crs",
                       "max-failed-share", "axis-order", "pupils-crs", "schools-crs", "csv-dialect"},
                      {"allow-personal-ids"});
    return {a.require("network"),
            a.require("schools"),
            a.require("pupils"),
            a.require("rules"),
            a.require("out"),
            a.get("previous"),
            a.get("routes"),
            a.get("crs"),
            a.get("pupils-crs"),
            a.get("schools-crs"),
            parse_threads(a.get("threads")),
            parse_max_failed_share(a.get("max-failed-share")),
            parse_axis_order(a.get("axis-order")),
            a.has_flag("allow-personal-ids"),
            parse_csv_dialect(a.get("csv-dialect"))};
}

/// Refuses outputs that could not be written or would overwrite an input, before any work.
void check_outputs(const BatchOptions& o) {
    geodata::VectorFileWriter::format_for(o.out); // fail early on an unknown extension
    if (o.routes && geodata::VectorFileWriter::format_for(*o.routes) != geodata::VectorFileWriter::Format::gpkg) {
        throw geodata::InputError(*o.routes + ": routes are written as a GeoPackage (.gpkg)");
    }
    if (o.routes && std::filesystem::weakly_canonical(*o.routes) == std::filesystem::weakly_canonical(o.out)) {
        // Routes are written first: the decisions would then overwrite them.
        throw geodata::InputError(*o.routes + ": --routes and --out must be different files");
    }
    for (const auto& out : {std::optional<std::string>(o.out), o.routes}) {
        if (out) {
            refuse_output_over_input(*out, {o.network, o.schools, o.pupils, o.rules, o.previous.value_or("")});
        }
    }
}

/// The small inputs, read before the network so that their errors come first.
struct BatchFiles {
    Rules rules;
    SchoolRegister schools;
    std::vector<PupilHome> homes;
    std::optional<std::vector<Decision>> previous;
    std::string schools_read_in; ///< where the schools' points came from and in which CRS
    std::string pupils_read_in;
};

BatchFiles read_inputs(const BatchOptions& o) {
    BatchFiles f;
    f.rules = load_rules(o.rules);
    if (f.rules.bands.empty()) {
        throw geodata::InputError(o.rules + ": no [[band]]: a batch run needs the grade bands");
    }
    f.schools = read_school_register(o.schools, o.schools_crs ? o.schools_crs : o.crs, o.axes, &f.schools_read_in);
    f.homes = read_pupil_register(o.pupils, o.pupils_crs ? o.pupils_crs : o.crs, o.axes, &f.pupils_read_in);
    if (f.schools.schools.empty()) {
        throw geodata::InputError(o.schools + ": no schools: the file has no rows");
    }
    if (f.homes.empty()) {
        throw geodata::InputError(o.pupils + ": no pupils: the register has no rows (an empty export?)");
    }
    if (const auto row = first_personal_id_row(f.homes); row && !o.allow_personal_ids) {
        throw geodata::InputError(
            *row + ": pupil_ref looks like a personnummer (a Swedish personal identity number). A batch run "
                   "needs only a pseudonymous reference (the case system's pupil id, or a key), and every output "
                   "would carry the numbers; see the README's \"Exporting the register\". To run anyway, give "
                   "--allow-personal-ids: they then appear in the output files only (decisions, routes, erasure list), never on stderr or in logs");
    }
    if (o.previous) {
        f.previous = read_decisions(*o.previous);
    }
    return f;
}

/// Refuses a file whose points look read with swapped axes (geodata/axis_order.hpp):
/// every home would be "not on network", which helps nobody.
void refuse_swapped_axes(const std::string& file, const std::vector<geodata::ReadPoint>& points,
                         const geodata::LonLatBox& network, geodata::AxisOrder used) {
    if (!geodata::axes_look_swapped(points, network)) {
        return;
    }
    throw geodata::InputError(
        file + ": most points lie outside the network's area but would lie inside it with x and y exchanged: " +
        (used == geodata::AxisOrder::easting_northing
             ? "x (or lon) looks like the northing (Swedish GIS often writes X = northing). Exchange the columns, "
               "or give --axis-order northing-easting"
             : "with --axis-order northing-easting they are read the wrong way round; leave it out"));
}

void refuse_swapped_axes(const BatchOptions& o, const BatchFiles& f, const geodata::LonLatBox& network) {
    std::vector<geodata::ReadPoint> entrances;
    for (const School& school : f.schools.schools) {
        for (const SchoolEntrance& e : school.entrances) {
            entrances.push_back({e.position, e.position_if_axes_swapped});
        }
    }
    refuse_swapped_axes(o.schools, entrances, network, o.axes);
    std::vector<geodata::ReadPoint> homes;
    for (const PupilHome& h : f.homes) {
        homes.push_back({h.home, h.home_if_axes_swapped});
    }
    refuse_swapped_axes(o.pupils, homes, network, o.axes);
}

/// Warnings before the run, on stderr: school rows that disagree, and grades of the
/// register the rules give no band (those homes will be invalid_input). No pupil is named.
void warn_about_inconsistent_inputs(const BatchFiles& f) {
    for (const std::string& w : f.schools.warnings) {
        std::cerr << "warning: " << w << '\n';
    }
    std::map<std::string, std::size_t> without_band; // grade as read -> homes
    for (const PupilHome& h : f.homes) {
        if (const auto grade = parse_grade(h.grade); grade && !f.rules.band_of(*grade)) {
            ++without_band[std::string(grade_name(*grade))];
        }
    }
    for (const auto& [grade, homes] : without_band) {
        std::cerr << "warning: grade " << grade << " (" << homes << " home" << (homes == 1 ? "" : "s")
                  << " of the register) has no band in the rules: those homes will be invalid_input\n";
    }
}

/// Routes first, the removed list next, decisions last: a decisions file on disk means
/// the whole run finished. Returns where the removed list went (empty: no list).
std::string write_outputs(const BatchOptions& o, const BatchResult& result) {
    if (o.routes) {
        write_routes(*o.routes, result.routes, result.decisions);
    }
    std::string removed_list;
    if (result.removed) {
        removed_list = removed_list_path(o.out, std::chrono::system_clock::now());
        write_removed_list(removed_list, *result.removed, o.csv_dialect);
    }
    write_decisions(o.out, result.decisions, result.removed, o.csv_dialect);
    return removed_list;
}

/// A summary of counts only: no pupil references, no places.
void print_summary(const BatchResult& result, double seconds) {
    // The pre-flight check first: one unreachable entrance decides a whole band.
    for (const EntranceWarning& w : result.entrance_warnings) {
        std::cerr << w.text() << '\n';
    }
    std::map<std::string_view, std::size_t> outcomes;
    std::map<std::string_view, std::size_t> changes;
    for (const Decision& d : result.decisions) {
        ++outcomes[to_string(d.outcome)];
        ++changes[d.change ? to_string(*d.change) : "new"];
    }
    char took[32];
    std::snprintf(took, sizeof took, "%.2f", seconds);
    std::cerr << "batch: " << result.stats.homes << " homes (" << result.stats.computed << " computed, "
              << result.stats.reused << " reused) in " << took << " s;";
    for (const auto& [outcome, count] : outcomes) {
        std::cerr << " " << outcome << "=" << count;
    }
    if (result.removed) {
        std::cerr << "; changes:";
        for (const auto& [change, count] : changes) {
            std::cerr << " " << change << "=" << count;
        }
        std::cerr << " removed=" << result.removed->size();
    }
    std::cerr << '\n';
}

} // namespace

int batch_command(const std::vector<std::string>& args) {
    const BatchOptions o = parse_options(args);
    check_outputs(o);
    BatchFiles files = read_inputs(o);

    const auto start = std::chrono::steady_clock::now();
    const geodata::WalkNetwork net = geodata::load_osm_network(o.network);
    refuse_swapped_axes(o, files, net.bbox());
    warn_about_inconsistent_inputs(files);
    std::cerr << "batch: schools read from " << files.schools_read_in << "; pupils from " << files.pupils_read_in
              << '\n';
    const geodata::Snapper snapper(net);
    const geodata::ReversedNetwork reversed(net);
    const geodata::NetworkHierarchy hierarchy(net);
    snap_entrances(files.schools, snapper, files.rules.walking, std::cerr);

    const BatchInputs in{net,           reversed,
                         hierarchy,     snapper,
                         files.rules,   files.rules.sha256,
                         geodata::network_file_id(o.network),
                         files.schools, files.homes,
                         files.previous ? &*files.previous : nullptr,
                         o.routes.has_value(),
                         o.threads,     true};
    const BatchResult result = run_batch(in);
    const std::string removed_list = write_outputs(o, result);
    print_summary(result, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    std::cerr << "batch: decisions in " << o.out << (o.routes ? ", routes in " + *o.routes : std::string()) << '\n';
    if (!removed_list.empty()) {
        std::cerr << "batch: " << result.removed->size() << " home(s) of the previous run left the register; "
                  << "listed for erasure review in " << removed_list << " (earlier runs' lists are kept)\n";
    }
    if (result.failures.failed > 0 && result.failures.share() > o.max_failed_share) {
        // The decisions are written (each row says why); the run as a whole failed.
        std::cerr << "batch: run failed: " << result.failures.text() << ". The decisions are in " << o.out
                  << "; more than " << static_cast<int>(std::lround(o.max_failed_share * 100.0))
                  << " % failed (--max-failed-share).\n";
        return 3;
    }
    return 0;
}

} // namespace skolvag::api
