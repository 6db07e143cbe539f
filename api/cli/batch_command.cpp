// SPDX-License-Identifier: MIT
// `skolvag batch`: preliminary eligibility for every pupil of a register, with the
// register diff against the previous run and optional route lines.
#include "api/cli/arguments.hpp"
#include "api/cli/axis_options.hpp"
#include "api/cli/commands.hpp"
#include "api/cli/output_guard.hpp"
#include "geodata/axis_order.hpp"
#include "geodata/errors.hpp"
#include "api/eligibility/batch_run.hpp"
#include "api/eligibility/decisions_file.hpp"
#include "api/eligibility/job_region.hpp"
#include "api/eligibility/municipality_filter.hpp"
#include "geodata/network_cut.hpp"
#include "api/eligibility/personal_ids.hpp"
#include "api/eligibility/rules_comparison.hpp"
#include "api/eligibility/stop_register.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/progress_line.hpp"
#include "geodata/prepared_network.hpp"
#include "api/eligibility/rules_file.hpp"
#include "api/report/report_html.hpp"
#include "geodata/atomic_file.hpp"
#include "geodata/vector_file_writer.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
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
    std::optional<double> routes_simplify_m; ///< draw route lines simplified to this tolerance
    std::optional<std::string> report; ///< the run report (HTML)
    std::optional<std::string> compare_rules; ///< a planner's what-if rule set
    std::optional<std::string> crs;         ///< for both files (each file's own CRS wins)
    std::optional<std::string> pupils_crs;  ///< for the pupils file, over --crs
    std::optional<std::string> schools_crs; ///< for the schools file, over --crs
    unsigned threads = 1;
    double max_failed_share = 0.2;
    geodata::AxisOrder axes = geodata::AxisOrder::easting_northing;
    bool allow_personal_ids = false;
    ReportLanguage report_language = ReportLanguage::sv;
    geodata::CsvDialect csv_dialect = geodata::CsvDialect::plain; ///< of every CSV written
    std::optional<std::string> stops;     ///< the pick-up stops
    std::optional<std::string> stops_crs; ///< for the stops file, over --crs
    std::optional<std::string> municipality; ///< only the rows of this municipality code
    double cut_margin_m = 25'000.0; ///< with municipality: the margin of the network cut to its area
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

/// --routes-simplify METRES: a tolerance for drawing, from a centimetre to a kilometre.
std::optional<double> parse_simplify(const std::optional<std::string>& text, bool routes) {
    if (!text) {
        return std::nullopt;
    }
    if (!routes) {
        throw geodata::UsageError("batch: --routes-simplify needs --routes (it simplifies the route lines drawn)");
    }
    try {
        std::size_t used = 0;
        const double m = std::stod(*text, &used);
        if (used == text->size() && m >= 0.01 && m <= 1000.0) {
            return m;
        }
    } catch (const std::exception&) {
    }
    throw geodata::UsageError("batch: --routes-simplify must be a distance in metres from 0.01 to 1000 (e.g. 2)");
}

/// --municipality CODE: a code as the files write it (kommunkod, e.g. 0114), compared as text.
std::optional<std::string> parse_municipality(const std::optional<std::string>& text) {
    if (text && (text->empty() || text->find_first_of(" \t\r\n,;") != std::string::npos)) {
        throw geodata::UsageError("batch: --municipality must be a code as the files' municipality column writes it "
                                  "(e.g. 0114), without blanks or separators");
    }
    return text;
}

/// --cut-margin-km KM: how far beyond a municipality's homes and schools the network is
/// kept (job_region.hpp); only with --municipality.
double parse_cut_margin(const std::optional<std::string>& text, bool municipality) {
    if (!text) {
        return 25'000.0;
    }
    if (!municipality) {
        throw geodata::UsageError("batch: --cut-margin-km needs --municipality (it sets how much of the network "
                                  "around the municipality a job keeps)");
    }
    try {
        std::size_t used = 0;
        const double km = std::stod(*text, &used);
        if (used == text->size() && km >= 0.01 && km <= 500.0) {
            return km * 1000.0;
        }
    } catch (const std::exception&) {
    }
    throw geodata::UsageError("batch: --cut-margin-km must be a distance in kilometres from 0.01 to 500 (e.g. 25)");
}

ReportLanguage parse_report_language(const std::optional<std::string>& text) {
    if (!text) {
        return ReportLanguage::sv;
    }
    if (const auto lang = report_language_named(*text)) {
        return *lang;
    }
    throw geodata::UsageError("batch: --lang must be sv (Swedish, the default) or en (English)");
}

BatchOptions parse_options(const std::vector<std::string>& args) {
    const Arguments a("batch", args,
                      {"network", "schools", "pupils", "rules", "out", "previous", "routes", "threads", "crs",
                       "max-failed-share", "axis-order", "pupils-crs", "schools-crs", "report", "lang", "compare-rules",
                       "routes-simplify", "csv-dialect", "stops", "stops-crs", "municipality", "cut-margin-km"},
                      {"allow-personal-ids"});
    return {a.require("network"),
            a.require("schools"),
            a.require("pupils"),
            a.require("rules"),
            a.require("out"),
            a.get("previous"),
            a.get("routes"),
            parse_simplify(a.get("routes-simplify"), a.get("routes").has_value()),
            a.get("report"),
            a.get("compare-rules"),
            a.get("crs"),
            a.get("pupils-crs"),
            a.get("schools-crs"),
            parse_threads(a.get("threads")),
            parse_max_failed_share(a.get("max-failed-share")),
            parse_axis_order("batch", a.get("axis-order")),
            a.has_flag("allow-personal-ids"),
            parse_report_language(a.get("lang")),
            parse_csv_dialect(a.get("csv-dialect")),
            a.get("stops"),
            a.get("stops-crs"),
            parse_municipality(a.get("municipality")),
            parse_cut_margin(a.get("cut-margin-km"), a.get("municipality").has_value())};
}

/// Refuses outputs that could not be written or would overwrite an input, before any work.
void check_outputs(const BatchOptions& o) {
    geodata::VectorFileWriter::format_for(o.out); // fail early on an unknown extension
    if (o.routes) {
        RouteLayers::check_path(*o.routes);
    }
    if (o.routes && std::filesystem::weakly_canonical(*o.routes) == std::filesystem::weakly_canonical(o.out)) {
        // Routes are written first: the decisions would then overwrite them.
        throw geodata::InputError(*o.routes + ": --routes and --out must be different files");
    }
    if (o.report) {
        std::string ext = std::filesystem::path(*o.report).extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (ext != ".html" && ext != ".htm") {
            throw geodata::InputError(*o.report + ": the report is an HTML page: give it a .html name");
        }
    }
    const std::optional<std::string> rules_changes =
        o.compare_rules ? std::optional<std::string>(rules_changes_path(o.out)) : std::nullopt;
    for (const auto& out : {std::optional<std::string>(o.out), o.routes, o.report, rules_changes}) {
        if (out) {
            refuse_output_over_input(*out, {o.network, o.schools, o.pupils, o.rules, o.previous.value_or(""),
                                            o.compare_rules.value_or(""), o.stops.value_or("")});
        }
    }
}

/// The small inputs, read before the network so that their errors come first.
struct BatchFiles {
    Rules rules;
    std::optional<Rules> compared_rules; ///< --compare-rules
    SchoolRegister schools;
    std::vector<PupilHome> homes;
    std::optional<std::vector<Decision>> previous;
    std::string schools_read_in; ///< where the schools' points came from and in which CRS
    std::string pupils_read_in;
    std::optional<SchoolRegister> stops; ///< --stops
    std::string stops_read_in;
};

BatchFiles read_inputs(const BatchOptions& o) {
    BatchFiles f;
    f.rules = load_rules(o.rules);
    if (f.rules.bands.empty()) {
        throw geodata::InputError(o.rules + ": no [[band]]: a batch run needs the grade bands");
    }
    if (o.compare_rules) {
        f.compared_rules = load_rules(*o.compare_rules);
        if (f.compared_rules->bands.empty()) {
            throw geodata::InputError(*o.compare_rules + ": no [[band]]: a batch run needs the grade bands");
        }
    }
    f.schools = read_school_register(o.schools, o.schools_crs ? o.schools_crs : o.crs, o.axes, &f.schools_read_in);
    f.homes = read_pupil_register(o.pupils, o.pupils_crs ? o.pupils_crs : o.crs, o.axes, &f.pupils_read_in);
    if (f.schools.schools.empty()) {
        throw geodata::InputError(o.schools + ": no schools: the file has no rows");
    }
    if (f.homes.empty()) {
        throw geodata::InputError(o.pupils + ": no pupils: the register has no rows (an empty export?)");
    }
    if (o.municipality) {
        const MunicipalityShare share = keep_municipality(*o.municipality, f.homes, o.pupils, f.schools, o.schools);
        if (f.schools.schools.empty()) {
            throw geodata::InputError(o.schools + ": no school of municipality '" + *o.municipality +
                                      "' and none its pupils name");
        }
        std::cerr << "batch: municipality " << *o.municipality << ": " << geodata::with_thousands(share.homes_kept)
                  << " of " << geodata::with_thousands(share.homes_in_file) << " homes, "
                  << geodata::with_thousands(share.own_schools) << " of "
                  << geodata::with_thousands(share.schools_in_file) << " schools";
        if (share.named_schools > 0) {
            std::cerr << " and " << share.named_schools << " of other municipalities its pupils name";
        }
        std::cerr << '\n';
    }
    if (const auto row = first_personal_id_row(f.homes); row && !o.allow_personal_ids) {
        throw geodata::InputError(
            *row + ": pupil_ref looks like a personnummer (a Swedish personal identity number). A batch run "
                   "needs only a pseudonymous reference (the case system's pupil id, or a key), and every output "
                   "would carry the numbers; see the README's \"Exporting the register\". To run anyway, give "
                   "--allow-personal-ids: they then appear in the output files only (decisions, routes, erasure list), never on stderr or in logs");
    }
    if (o.stops) {
        f.stops = read_stop_register(*o.stops, o.stops_crs ? o.stops_crs : o.crs, o.axes, &f.stops_read_in);
        if (f.stops->schools.empty()) {
            throw geodata::InputError(*o.stops + ": no stops: the file has no rows");
        }
    }
    if (o.previous) {
        f.previous = read_decisions(*o.previous);
    }
    return f;
}

/// Refuses a schools or pupils file whose axes look swapped (axis_options.hpp).
void refuse_swapped_registers(const BatchOptions& o, const BatchFiles& f, const geodata::LonLatBox& network) {
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
    if (f.stops) {
        std::vector<geodata::ReadPoint> stops;
        for (const School& stop : f.stops->schools) {
            stops.push_back({stop.entrances.front().position, stop.entrances.front().position_if_axes_swapped});
        }
        refuse_swapped_axes(*o.stops, stops, network, o.axes);
    }
}

/// Warnings before the run, on stderr: school rows that disagree, and grades of the
/// register the rules give no band (those homes will be invalid_input). No pupil is named.
void warn_about_inconsistent_inputs(const BatchFiles& f) {
    for (const std::string& w : f.schools.warnings) {
        std::cerr << "warning: " << w << '\n';
    }
    for (const std::string& w : f.stops ? f.stops->warnings : std::vector<std::string>{}) {
        std::cerr << "warning: " << w << '\n';
    }
    const auto with_stop =
        std::count_if(f.homes.begin(), f.homes.end(), [](const PupilHome& h) { return !h.stop_id.empty(); });
    if (with_stop > 0 && !f.stops) {
        std::cerr << "warning: " << with_stop
                  << (with_stop == 1 ? " home of the register names" : " homes of the register name") << " a stop_id, but no --stops was given: no stop is assessed\n";
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

/// The removed list, then the decisions: every other output (routes, rules changes,
/// report) is in place already, so a decisions file on disk means the whole run finished.
void write_outputs(const BatchOptions& o, const BatchResult& result, const std::string& removed_list) {
    if (result.removed) {
        write_removed_list(removed_list, *result.removed, o.csv_dialect);
    }
    write_decisions(o.out, result.decisions, result.removed, o.csv_dialect);
}

/// The run report, written whole or not at all (before the decisions, which come last).
void write_report(const BatchOptions& o, const BatchFiles& f, const BatchResult& result, const std::string& network_id,
                  const std::string& removed_list, double seconds, const RulesComparison* comparison) {
    const RunReport report = summarize_run({f.rules, f.schools, f.homes, result, f.previous ? &*f.previous : nullptr,
                                            network_id, f.schools_read_in, f.pupils_read_in,
                                            removed_list, seconds, o.max_failed_share, comparison,
                                            f.stops.has_value()});
    geodata::AtomicFile file(*o.report);
    file.stream() << report_html(report, o.report_language);
    file.commit();
}

/// The what-if in counts (no pupil, no place), and where its changed rows are.
void print_comparison(const RulesComparison& c, const std::string& changes_path) {
    std::cerr << "batch: under the compared rules '" << c.other_rule_set << "' " << c.outcome_changed << " of "
              << c.homes << " homes change outcome (" << c.gain_transport << " gain transport, " << c.lose_transport
              << " lose it, " << (c.outcome_changed - c.gain_transport - c.lose_transport) << " another change)";
    if (c.reference_changed > 0) {
        std::cerr << " and " << c.reference_changed << " only at the reference school";
    }
    std::cerr << "; "
              << (c.searches_shared ? "decided from this run's distances (the rules differ only in what is made of them)"
                                    : "searched again (the rules differ in walking settings, bands or safety)")
              << "; changed rows in " << changes_path << '\n';
}

/// A summary of counts only: no pupil references, no places.
void print_summary(const BatchResult& result, double seconds, bool stops) {
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
    if (stops) {
        // Only homes that get transport have a stop outcome.
        std::map<std::string_view, std::size_t> stop_outcomes;
        for (const Decision& d : result.decisions) {
            if (d.stop_outcome) {
                ++stop_outcomes[to_string(*d.stop_outcome)];
            }
        }
        std::cerr << "batch: pick-up stops:";
        for (const auto& [outcome, count] : stop_outcomes) {
            std::cerr << " " << outcome << "=" << count;
        }
        std::cerr << '\n';
    }
}

/// The searches of one network (the whole one or a cut): snapping, reversal, hierarchies.
class NetworkRun {
public:
    NetworkRun(const geodata::WalkNetwork& net, std::optional<geodata::HierarchyOrders> orders)
        : m_net(net), m_snapper(net), m_reversed(net), m_hierarchy(net, std::move(orders)) {}

    /** Snaps the entrances (and stops) onto this network and runs the batch on it. */
    BatchResult run(const BatchOptions& o, BatchFiles& files, const std::string& network_id, RouteLayers* routes,
                    const geodata::CutLimits* cut, std::ostream& warnings) {
        snap_entrances(files.schools, m_snapper, files.rules.walking, warnings);
        if (files.stops) {
            snap_stops(*files.stops, m_snapper, files.rules.walking, warnings);
        }
        BatchInputs in{m_net,         m_reversed,
                       m_hierarchy,   m_snapper,
                       files.rules,   files.rules.sha256,
                       network_id,
                       files.schools, files.homes,
                       files.previous ? &*files.previous : nullptr,
                       routes,
                       o.threads,     true,
                       files.compared_rules ? &*files.compared_rules : nullptr,
                       files.stops ? &*files.stops : nullptr};
        in.cut = cut;
        return run_batch(in);
    }

private:
    const geodata::WalkNetwork& m_net;
    geodata::Snapper m_snapper;
    geodata::ReversedNetwork m_reversed;
    geodata::NetworkHierarchy m_hierarchy;
};

/// The region a municipality's job is run on, or nullopt for the whole network: without
/// --municipality, with outputs the cut does not prove (route lines, a compared rule
/// set), or when the region holds the whole network anyway.
std::optional<JobRegion> municipality_region(const BatchOptions& o, const BatchFiles& f,
                                             const geodata::WalkNetwork& net) {
    if (!o.municipality) {
        return std::nullopt;
    }
    if (o.routes || o.compare_rules) {
        std::cerr << "batch: " << (o.routes ? "--routes" : "--compare-rules")
                  << " is decided on the whole network (a cut to the municipality proves decisions, not "
                  << (o.routes ? "route lines" : "a second rule set") << ")\n";
        return std::nullopt;
    }
    const double max_snap_m = f.rules.walking.max_snap_m;
    if (o.cut_margin_m <= 2.0 * max_snap_m) {
        throw geodata::UsageError("batch: --cut-margin-km must be more than twice the rules' max_snap_m (" +
                                  geodata::with_thousands(static_cast<unsigned long long>(max_snap_m)) +
                                  " m): a cut that narrow proves no distance");
    }
    return job_region(f.homes, f.schools, f.stops ? &*f.stops : nullptr, o.cut_margin_m, max_snap_m, net.bbox());
}

/// The run on the network cut to the job's region; BatchResult::unproven lists the homes
/// it cannot prove, and then the caller decides the run on the whole network.
BatchResult run_on_cut(const BatchOptions& o, BatchFiles& files, const geodata::LoadedNetwork& loaded,
                       const JobRegion& region) {
    const auto start = std::chrono::steady_clock::now();
    geodata::NetworkCut cut =
        geodata::cut_network(loaded.net, loaded.orders, region.region, region.proven_below_mm);
    char took[32];
    std::snprintf(took, sizeof took, "%.1f", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    std::cerr << "batch: network cut to the municipality's area and " << o.cut_margin_m / 1000.0
              << " km around it: " << geodata::with_thousands(cut.net.graph.node_count()) << " of "
              << geodata::with_thousands(loaded.net.graph.node_count()) << " nodes (" << took
              << " s); distances under " << static_cast<double>(region.proven_below_mm) / 1e6
              << " km are the whole network's\n";
    NetworkRun run(cut.net, std::move(cut.orders));
    BatchResult result = run.run(o, files, loaded.network_id, nullptr, &cut.limits, std::cerr);
    if (!result.unproven.empty()) {
        std::cerr << "batch: " << geodata::with_thousands(result.unproven.size()) << " of "
                  << geodata::with_thousands(files.homes.size())
                  << " homes rest on a distance the cut cannot prove (of "
                  << static_cast<double>(region.proven_below_mm) / 1e6
                  << " km or more, or no route where a search reached the cut's edge; the first is "
                  << files.homes[result.unproven.front()].where
                  << "): the run is decided again on the whole network (a larger --cut-margin-km may avoid it)\n";
    }
    return result;
}

} // namespace

int batch_command(const std::vector<std::string>& args) {
    const BatchOptions o = parse_options(args);
    check_outputs(o);
    BatchFiles files = read_inputs(o);

    const auto start = std::chrono::steady_clock::now();
    geodata::LoadedNetwork loaded = geodata::load_network(o.network); // an OSM file or a prepared one
    refuse_swapped_registers(o, files, loaded.net.bbox());
    warn_about_inconsistent_inputs(files);
    std::cerr << "batch: schools read from " << files.schools_read_in << "; pupils from " << files.pupils_read_in
              << '\n';
    if (files.stops) {
        std::cerr << "batch: stops read from " << files.stops_read_in << '\n';
    }

    // Routes stream to their file while the schools are searched, and go in place first.
    std::optional<RouteLayers> routes;
    if (o.routes) {
        routes.emplace(*o.routes, o.routes_simplify_m);
    }
    const std::string& network_id = loaded.network_id; // the OSM file hashed once, or the prepared file's
    const std::optional<JobRegion> region = municipality_region(o, files, loaded.net);
    BatchResult result;
    if (region) {
        result = run_on_cut(o, files, loaded, *region);
    }
    if (!region || !result.unproven.empty()) {
        std::ostringstream warned_already; // the entrances were snapped on the cut the same way
        NetworkRun whole(loaded.net, std::move(loaded.orders));
        result = whole.run(o, files, network_id, routes ? &*routes : nullptr, nullptr,
                           region ? static_cast<std::ostream&>(warned_already) : std::cerr);
    }
    if (routes) {
        std::cerr << "batch: finishing " << *o.routes << " (" << geodata::with_thousands(routes->count())
                  << " routes, spatial index)\n";
        routes->commit();
    }
    const std::string removed_list =
        result.removed ? removed_list_path(o.out, std::chrono::system_clock::now()) : std::string();
    std::optional<RulesComparison> comparison;
    if (result.compared) {
        comparison = compare_decisions(result.decisions, *result.compared, *files.compared_rules, files.schools);
        comparison->searches_shared = result.compared_searches_shared;
        write_rules_changes(rules_changes_path(o.out), *comparison, result.decisions, *result.compared,
                            o.csv_dialect);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (o.report) {
        write_report(o, files, result, network_id, removed_list, seconds, comparison ? &*comparison : nullptr);
    }
    write_outputs(o, result, removed_list);
    print_summary(result, seconds, files.stops.has_value());
    if (comparison) {
        print_comparison(*comparison, rules_changes_path(o.out));
    }
    std::cerr << "batch: decisions in " << o.out << (o.routes ? ", routes in " + *o.routes : std::string())
              << (o.report ? ", report in " + *o.report : std::string()) << '\n';
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
