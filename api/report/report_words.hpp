// SPDX-License-Identifier: MIT
// The run report's words in Swedish (the default: the report is read in a Swedish
// municipality) and English. Outcomes keep their file names beside the words, so a
// reader can find them in the decisions file.
#pragma once

#include "api/eligibility/outcome.hpp"
#include "api/eligibility/run_failures.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace skolvag::api {

enum class ReportLanguage { sv, en };

/** "sv" or "en"; nullopt for anything else. */
std::optional<ReportLanguage> report_language_named(std::string_view name);

struct ReportWords {
    const char* lang;  ///< the html lang attribute
    const char* title;
    const char* run;
    const char* generated;
    const char* version;
    const char* rule_set;
    const char* rules_sha256;
    const char* network;
    const char* schools_file;
    const char* schools_read;
    const char* pupils_read;
    const char* homes;
    const char* computed_reused; ///< "%zu computed, %zu reused"
    const char* seconds;
    const char* run_failed;      ///< headline when too many homes failed
    const char* by_band;
    const char* band;
    const char* threshold;
    const char* no_band;
    const char* unknown_school; ///< the row of every school_id the schools file lacks (never the ids: they are register text)
    const char* total;
    const char* by_school;
    const char* school;
    const char* school_name;
    const char* histograms;
    const char* histogram_note;  ///< how to read the histograms
    const char* no_safe_route;
    const char* metres;
    const char* homes_axis;
    const char* preflight;
    const char* preflight_none;
    const char* attention;
    const char* attention_none;
    const char* reason;
    const char* rows;
    const char* first_rows;
    const char* could_not_decide;
    const char* noted;
    const char* diff;
    const char* diff_none;       ///< no --previous
    const char* new_homes;
    const char* changed;
    const char* unchanged;
    const char* removed;
    const char* removed_list;
    const char* outcome_changes;
    const char* from;
    const char* to;
    const char* no_outcome_changes;
    const char* comparison;          ///< "Compared with the rules"
    const char* comparison_summary;  ///< "%zu of %zu homes change outcome: %zu gain transport, %zu lose it"
    const char* comparison_reference; ///< "%zu more change only at the reference school"
    const char* searches_shared;
    const char* searched_again;
    const char* comparison_by_band;
    const char* comparison_by_school;
    const char* gain;
    const char* lose;
    const char* other_change;
    const char* no_comparison_changes;
    const char* privacy;         ///< the footer: what the report holds and does not
    const char* stops_by_band;   ///< the pick-up stops' heading (with --stops)
    const char* stops_note;      ///< what the stops table counts
    const char* max_stop;        ///< the band's max_stop_distance_m
    const char* no_limit;
};

const ReportWords& report_words(ReportLanguage lang);

/** An outcome in words, e.g. "Rätt (avstånd)". */
std::string_view outcome_words(Outcome o, ReportLanguage lang);

/** A pick-up stop's outcome in words, e.g. "För lång". */
std::string_view stop_outcome_words(StopOutcome o, ReportLanguage lang);

/** Why rows need attention, in words. */
std::string attention_words(const AttentionGroup& group, ReportLanguage lang);

} // namespace skolvag::api
