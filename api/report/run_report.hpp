// SPDX-License-Identifier: MIT
// What a batch run's report shows (issue 10, item 12), as counts only: the rule set
// and versions, outcomes per band and per school, safe distances per band against the
// threshold, the pre-flight warnings, the rows needing attention by reason, and the
// register diff. Nothing here names a pupil or a place: rows are named by their row
// number in the register, schools by their id and name.
#pragma once

#include "api/eligibility/batch_run.hpp"
#include "api/eligibility/rules_comparison.hpp"

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skolvag::api {

/// How many decisions have each outcome, indexed by Outcome.
using OutcomeCounts = std::array<std::size_t, 5>;

/// Safe distances to the chosen school of one band's decided homes, in bins.
struct DistanceHistogram {
    std::string band;
    double threshold_m = 0.0;
    double bin_m = 0.0;                 ///< bin k holds [k * bin_m, (k + 1) * bin_m); the last has no end
    std::vector<std::size_t> bins;
    std::size_t no_safe_route = 0;      ///< eligible_traffic with no safe route at all (not in a bin)
};

struct RunReport {
    std::string generated_utc;   ///< when the report was written, e.g. "2026-12-01 23:59 UTC"
    std::string skolvag_version;
    std::string rule_set;
    std::string rules_sha256;
    std::string network_id;
    std::string schools_sha256;
    std::string schools_read_in; ///< file and CRS, as batch prints them
    std::string pupils_read_in;
    std::size_t homes = 0;
    std::size_t computed = 0;
    std::size_t reused = 0;
    double seconds = 0.0;

    struct BandRow {
        std::string band;        ///< empty: homes without a band (invalid_input before one was found)
        std::optional<double> threshold_m;
        OutcomeCounts outcomes{};
    };
    std::vector<BandRow> by_band; ///< in the rules' order, then homes without a band

    struct SchoolRow {
        std::string school_id;    ///< empty: every school_id the schools file lacks, together
        std::string name;
        OutcomeCounts outcomes{};
    };
    /// Chosen schools in the schools file's order, then one row for the unknown ids: those
    /// are register text (a shifted column can hold a name), never shown.
    std::vector<SchoolRow> by_school;

    /// The pick-up stops' outcomes of one band's homes (indexed by StopOutcome).
    struct StopRow {
        std::string band;
        std::optional<double> max_stop_distance_m;
        std::array<std::size_t, 5> outcomes{};
    };
    std::optional<std::vector<StopRow>> stops_by_band; ///< with --stops: one per band, the rules' order

    std::vector<DistanceHistogram> histograms; ///< one per band, the rules' order
    std::vector<std::string> preflight;        ///< entrances no safe route of a band reaches
    std::vector<AttentionGroup> attention;
    std::size_t failed = 0;
    double max_failed_share = 1.0;
    bool run_failed = false;

    struct Diff {
        std::size_t new_homes = 0;
        std::size_t changed = 0;
        std::size_t unchanged = 0;
        std::size_t removed = 0;
        std::string removed_list;  ///< where the removed homes are listed
        OutcomeChanges outcome_changes;
    };
    std::optional<Diff> diff;      ///< with --previous
    std::optional<RulesComparison> comparison; ///< with --compare-rules
};

/// What the report is drawn from besides the run's result.
struct RunReportSources {
    const Rules& rules;
    const SchoolRegister& schools;
    const std::vector<PupilHome>& homes;
    const BatchResult& result;
    const std::vector<Decision>* previous = nullptr; ///< the previous run, or nullptr
    std::string network_id;
    std::string schools_read_in;
    std::string pupils_read_in;
    std::string removed_list;
    double seconds = 0.0;
    double max_failed_share = 1.0;
    const RulesComparison* comparison = nullptr; ///< with --compare-rules
    bool stops = false;                          ///< the run had --stops
};

/** The report's counts for a finished run. */
RunReport summarize_run(const RunReportSources& sources);

} // namespace skolvag::api
