// SPDX-License-Identifier: MIT
// What-if runs for planners (issue 10, item 16): the same register decided under a
// second rule set, and which homes change outcome, in which direction, per band and per
// school. When the two rule sets search alike (same walking settings, bands, safety
// limits and layers; only names, thresholds or the comparison differ), the second set
// is decided from the first one's distances without a search of its own.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/rules.hpp"
#include "api/eligibility/school_register.hpp"
#include "geodata/vector_file_writer.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace skolvag::api {

/** True when every search of `a` is a search of `b`: the distances differ in nothing,
 *  only what is made of them (thresholds, the comparison, names, stop limits). */
bool rules_search_alike(const Rules& a, const Rules& b);

/// Outcome changes between two sets of decisions of the same homes: (from, to) -> homes.
using OutcomeChanges = std::map<std::pair<Outcome, Outcome>, std::size_t>;

/** (from, to) counts of the homes whose outcome differs between `before` and `after`,
 *  matched by pupil_ref and home_no. */
OutcomeChanges outcome_changes(const std::vector<Decision>& before, const std::vector<Decision>& after);

/** True for the outcomes that give transport. */
bool gives_transport(Outcome o) noexcept;

struct RulesComparison {
    std::string rule_set;            ///< the run's rules
    std::string other_rule_set;      ///< the compared rules
    std::string other_rules_sha256;
    bool searches_shared = false;    ///< decided from the run's distances, no search of its own
    std::size_t homes = 0;
    std::size_t outcome_changed = 0;   ///< homes whose outcome at the chosen school differs
    std::size_t reference_changed = 0; ///< homes whose only change is the reference school's outcome
    std::size_t gain_transport = 0;    ///< not eligible (or undecided) under the run's rules, eligible under the other
    std::size_t lose_transport = 0;
    std::map<std::string, OutcomeChanges> by_band; ///< the run's band name -> outcome changes

    struct SchoolShift {
        std::string school_id;
        std::string name;
        std::size_t gain = 0;  ///< homes that gain transport to this (chosen) school
        std::size_t lose = 0;
        std::size_t other = 0; ///< another change (e.g. distance to traffic)
    };
    std::vector<SchoolShift> by_school; ///< schools with a change, in the schools file's order
    std::vector<std::size_t> changed_rows; ///< homes (register order) with any change
};

/** Compares two sets of decisions of the same homes, in the same (register) order. */
RulesComparison compare_decisions(const std::vector<Decision>& run, const std::vector<Decision>& other,
                                  const Rules& other_rules, const SchoolRegister& schools);

/** Where the changed rows go: beside the decisions, DECISIONS.rules-changes.csv. */
std::string rules_changes_path(const std::string& decisions_path);

/** Writes the changed rows (a CSV with a .csvt, in the run's dialect): the home, then each
 *  rule set's band, threshold and outcomes. */
void write_rules_changes(const std::string& path, const RulesComparison& comparison, const std::vector<Decision>& run,
                         const std::vector<Decision>& other, geodata::CsvDialect dialect);

} // namespace skolvag::api
