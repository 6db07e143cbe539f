// SPDX-License-Identifier: MIT
// The preliminary decision for one home: which band, the plain and safe distances to
// the chosen school, the outcome under the rules, and the same for the reference
// school (given, or the nearest school teaching the grade: the proximity principle).
#pragma once

#include "api/eligibility/outcome.hpp"
#include "api/eligibility/pupil_register.hpp"
#include "api/eligibility/rules.hpp"
#include "api/eligibility/school_register.hpp"
#include "geodata/snap.hpp"
#include "routing/types.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

/// How a home's decision compares with the previous run's (the register diff).
enum class Change { new_home, changed, unchanged };

/** "new", "changed", "unchanged", as written in decisions files. */
std::string_view to_string(Change c) noexcept;

/// One row of the decisions output. Distances are metres; empty when not applicable.
/// Its columns, how each is written and read, and which the register diff compares,
/// are listed once, in decision_schema.hpp.
/// How a decision on transport to each school is appealed (../shared/docs/domain.md):
/// the school the guardians chose, by laglighetsprövning; the school the municipality
/// would place the pupil in, by förvaltningsbesvär.
inline constexpr const char* kChosenSchoolAppeal = "laglighetsprövning";
inline constexpr const char* kReferenceSchoolAppeal = "förvaltningsbesvär";

struct Decision {
    std::string pupil_ref;
    int home_no = 1;
    std::string grade;       ///< the pupil's grade as skolvag read it ("3" for "Åk 3"); as given when unknown
    std::string school_id;
    std::string school_name; ///< from the schools file; empty for an unknown school
    std::string band;
    std::optional<double> plain_distance_m;
    std::optional<double> safe_distance_m;
    std::optional<double> threshold_m;
    Outcome outcome = Outcome::invalid_input;
    std::string reference_school_id;
    std::optional<double> reference_safe_distance_m;
    std::optional<Outcome> reference_outcome;
    std::optional<double> home_snap_m;
    /// The walk to the pick-up stop (stop_assessment.hpp): set for pupils who get
    /// transport in a run with stops, empty otherwise.
    std::string stop_id;
    std::string stop_chosen_by;  ///< "given" (the register's stop_id) or "nearest" (suggested)
    std::optional<double> stop_plain_distance_m;
    std::optional<double> stop_safe_distance_m;
    std::optional<double> stop_threshold_m; ///< the band's max_stop_distance_m; empty: no limit
    std::optional<StopOutcome> stop_outcome;
    std::optional<Change> change; ///< set by the register diff, or new without one
    std::string changed_fields;  ///< e.g. "outcome;safe_distance_m"
    /// A changed row's decision in the previous run (the register diff), for its
    /// previous_ columns; null for new and unchanged rows.
    std::shared_ptr<const Decision> previous;
    std::string rule_set;
    std::string rules_sha256;
    std::string network_id;
    std::string schools_sha256;
    std::string stops_sha256;    ///< of the stops file; empty in a run without stops
    std::string skolvag_version; ///< the executable that decided (version.hpp)
    std::string inputs_sha256;
    std::string note;            ///< why a row is invalid_input, not_on_network or eligible_traffic
    /// eligible_traffic: up to three places on the plain route unsafe for the band (also in the note)
    std::vector<std::string> reasons;
};

/**
 * Gives an eligible_traffic decision its reasons: the places on the plain route that are
 * unsafe for the band, kept in `reasons` and added to the note. Other decisions, and an
 * empty list, are left as they are.
 */
void explain_traffic(Decision& d, std::vector<std::string> places);

/// What a decision is made of, besides the home itself.
struct DecisionContext {
    const Rules& rules;
    const SchoolRegister& schools;
    std::string rules_sha256;
    std::string network_id;
    const SchoolRegister* stops = nullptr; ///< the pick-up stops (stop_register.hpp), or nullptr for none
};

/// What stops a home before any search.
enum class HomeProblem {
    none,
    empty_pupil_ref,
    unknown_grade,
    no_band,
    unknown_school,
    school_without_entrance,
    unknown_reference_school,
    reference_without_entrance,
    no_point,
    not_on_network,
};

/// Why a home cannot be computed, found before any search; nullopt when it can.
struct HomeCheck {
    std::optional<Outcome> early_outcome;
    HomeProblem problem = HomeProblem::none;
    std::string note;
    Grade grade;
    std::size_t band = 0;
    std::size_t chosen = 0;
    std::optional<std::size_t> reference; ///< a given reference school
};

/// What the register says that does not fit together for a home that passed
/// check_home (issue 10, item 7): noted in the decision, which stands.
struct RegisterMismatch {
    bool school_not_teaching = false;           ///< the chosen school does not teach the grade
    bool reference_school_not_teaching = false; ///< nor the given reference school

    bool any() const noexcept { return school_not_teaching || reference_school_not_teaching; }
};

/** The mismatches of a home that passed check_home. */
RegisterMismatch register_mismatch(const HomeCheck& check, const DecisionContext& ctx);

/** Validates grade, band, schools and point; early_outcome is set when no search is needed. */
HomeCheck check_home(const PupilHome& home, const std::optional<geodata::Snap>& snap, const DecisionContext& ctx);

/// A home's distances (mm) to every school of the register, in register order: plain,
/// and safe for the home's band; routing::kUnreachable where there is no route.
struct HomeDistances {
    std::vector<routing::DistanceMm> plain;
    std::vector<routing::DistanceMm> safe;
};

/** The decision for a home that passed check_home, from its distances to every school. */
Decision decide(const PupilHome& home, const HomeCheck& check, const geodata::Snap& snap, const HomeDistances& distances,
                const DecisionContext& ctx);

/**
 * What a route line says of its decision, from the home's distances to the chosen
 * school alone (pupil_ref, home_no, school_id, band, both distances, outcome): the
 * same figures decide() gives, known as soon as that school is searched.
 */
Decision route_decision(const PupilHome& home, const HomeCheck& check, routing::DistanceMm plain_mm,
                        routing::DistanceMm safe_mm, const DecisionContext& ctx);

/**
 * Sets a decision's stop fields: the walk from the home to its pick-up stop, judged for
 * the home's band exactly as the walk to a school (same networks, snapping and access
 * legs: the distances come from the same search). stop_outcome is too_far when the safe
 * distance reaches the band's max_stop_distance_m under the rules' comparison (as a
 * distance reaching threshold_m is too far to walk to school), ok when it does not or
 * the band has no limit, no_safe_route when no safe walk exists, not_on_network when the
 * stop is off the network, invalid_input (with a note) for a stop_id the stops file
 * lacks. Without a given stop, the nearest stop by safe distance is suggested (ties: the
 * smaller stop_id); when no stop can be reached safely, none is, and the outcome is
 * no_safe_route.
 * @param given_stop_id the register's stop_id for the pupil; empty: suggest the nearest.
 * @param to_stops the home's distances to every stop of `stops`, plain and safe for the band.
 * @pre the decision gives transport (gets_transport).
 */
void decide_stop(Decision& d, const std::string& given_stop_id, const HomeDistances& to_stops, const Band& band,
                 const Rules& rules, const SchoolRegister& stops);

/** The decision row for a home that stops early (invalid_input, not_on_network). */
Decision early_decision(const PupilHome& home, const HomeCheck& check, const DecisionContext& ctx);

} // namespace skolvag::api
