// SPDX-License-Identifier: MIT
#include "api/eligibility/decision.hpp"


#include "api/eligibility/version.hpp"

#include <algorithm>
#include <cstdio>

namespace skolvag::api {

namespace {

using routing::DistanceMm;
using routing::kUnreachable;

std::optional<double> metres(DistanceMm mm) {
    if (mm == kUnreachable) {
        return std::nullopt;
    }
    return routing::centimetre_metres(mm);
}

/// How an eligible_traffic note begins; explain_traffic puts the unsafe places after it.
std::string no_safe_route_note(const std::string& band) { return "no safe walking route for band " + band; }

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

Decision base_decision(const PupilHome& home, const DecisionContext& ctx) {
    Decision d;
    d.pupil_ref = home.pupil_ref;
    d.home_no = home.home_no;
    const std::optional<Grade> grade = parse_grade(home.grade);
    d.grade = grade ? std::string(grade_name(*grade)) : home.grade;
    d.school_id = home.school_id;
    if (const auto s = ctx.schools.index_of(home.school_id)) {
        d.school_name = ctx.schools.schools[*s].name;
    }
    d.reference_school_id = home.reference_school_id;
    d.rule_set = ctx.rules.name;
    d.rules_sha256 = ctx.rules_sha256;
    d.network_id = ctx.network_id;
    d.schools_sha256 = ctx.schools.sha256;
    d.stops_sha256 = ctx.stops != nullptr ? ctx.stops->sha256 : "";
    d.skolvag_version = skolvag_version();
    d.inputs_sha256 = home.inputs_sha256;
    return d;
}

/// Outcome from a safe distance (§4, §5): a safe route reaching the threshold is
/// eligibility on distance; no safe route at all is eligibility on traffic.
Outcome outcome_for(DistanceMm safe_mm, const Band& band, const Rules& rules) {
    if (safe_mm == kUnreachable) {
        return Outcome::eligible_traffic;
    }
    return reaches_threshold(rules.comparison, static_cast<double>(safe_mm) / 1000.0, band.threshold_m)
               ? Outcome::eligible_distance
               : Outcome::not_eligible;
}

} // namespace

std::string_view to_string(Change c) noexcept {
    constexpr std::string_view kNames[] = {"new", "changed", "unchanged"}; // in enum order
    return kNames[static_cast<std::size_t>(c)];
}

HomeCheck check_home(const PupilHome& home, const std::optional<geodata::Snap>& snap, const DecisionContext& ctx) {
    HomeCheck c;
    auto invalid = [&](HomeProblem problem, std::string note) {
        c.early_outcome = Outcome::invalid_input;
        c.problem = problem;
        c.note = std::move(note);
        return c;
    };
    if (home.pupil_ref.empty()) {
        return invalid(HomeProblem::empty_pupil_ref, "empty pupil_ref");
    }
    const std::optional<Grade> grade = parse_grade(home.grade);
    if (!grade) {
        return invalid(HomeProblem::unknown_grade,
                       "unknown grade '" + home.grade + "' (expected " + known_grades_text() + ")");
    }
    c.grade = *grade;
    const std::optional<std::size_t> band = ctx.rules.band_of(*grade);
    if (!band) {
        return invalid(HomeProblem::no_band, "no band for grade '" + home.grade + "' in the rules");
    }
    c.band = *band;
    const auto chosen = ctx.schools.index_of(home.school_id);
    if (!chosen) {
        return invalid(HomeProblem::unknown_school, "unknown school_id '" + home.school_id + "'");
    }
    c.chosen = *chosen;
    if (!ctx.schools.schools[*chosen].has_usable_entrance()) {
        return invalid(HomeProblem::school_without_entrance,
                       "school '" + home.school_id + "' has no entrance on the walking network");
    }
    if (!home.reference_school_id.empty()) {
        c.reference = ctx.schools.index_of(home.reference_school_id);
        if (!c.reference) {
            return invalid(HomeProblem::unknown_reference_school,
                           "unknown reference_school_id '" + home.reference_school_id + "'");
        }
        if (!ctx.schools.schools[*c.reference].has_usable_entrance()) {
            return invalid(HomeProblem::reference_without_entrance,
                           "reference school '" + home.reference_school_id + "' has no entrance on the walking network");
        }
    }
    if (!home.home) {
        return invalid(HomeProblem::no_point, "home point: " + home.problem);
    }
    if (!snap) {
        c.early_outcome = Outcome::not_on_network;
        c.problem = HomeProblem::not_on_network;
        c.note = "no walkable way within " + number_text(ctx.rules.walking.max_snap_m) + " m of the home";
    }
    return c;
}

Decision early_decision(const PupilHome& home, const HomeCheck& check, const DecisionContext& ctx) {
    Decision d = base_decision(home, ctx);
    d.outcome = *check.early_outcome;
    d.note = check.note;
    if (check.early_outcome == Outcome::not_on_network) {
        const Band& band = ctx.rules.bands[check.band];
        d.band = band.name;
        d.threshold_m = band.threshold_m;
    }
    return d;
}

void explain_traffic(Decision& d, std::vector<std::string> places) {
    if (d.outcome != Outcome::eligible_traffic || places.empty()) {
        return;
    }
    std::string why = ": ";
    for (std::size_t i = 0; i < places.size(); ++i) {
        why += (i > 0 ? "; " : "") + places[i];
    }
    // The places explain "no safe walking route": they follow it, before whatever else
    // the note says (a school that does not teach the grade, the reference school).
    const std::string head = no_safe_route_note(d.band);
    const std::size_t at = d.note.rfind(head, 0) == 0 ? head.size() : d.note.size();
    d.note.insert(at, why);
    d.reasons = std::move(places);
}

RegisterMismatch register_mismatch(const HomeCheck& check, const DecisionContext& ctx) {
    RegisterMismatch m;
    m.school_not_teaching = !ctx.schools.schools[check.chosen].teaches(check.grade);
    m.reference_school_not_teaching = check.reference && !ctx.schools.schools[*check.reference].teaches(check.grade);
    return m;
}

namespace {

/// The register mismatches of a home, for its note.
std::string inconsistency_note(const HomeCheck& check, const DecisionContext& ctx) {
    const RegisterMismatch m = register_mismatch(check, ctx);
    std::string note;
    const auto not_taught = [&](const char* which, std::size_t s) {
        note += std::string(note.empty() ? "" : "; ") + which + " '" + ctx.schools.schools[s].id +
                "' does not teach grade " + std::string(grade_name(check.grade)) + " (by the schools file)";
    };
    if (m.school_not_teaching) {
        not_taught("school", check.chosen);
    }
    if (m.reference_school_not_teaching) {
        not_taught("reference school", *check.reference);
    }
    return note;
}

} // namespace

Decision route_decision(const PupilHome& home, const HomeCheck& check, DistanceMm plain_mm, DistanceMm safe_mm,
                        const DecisionContext& ctx) {
    const Band& band = ctx.rules.bands[check.band];
    Decision d;
    d.pupil_ref = home.pupil_ref;
    d.home_no = home.home_no;
    d.school_id = home.school_id;
    d.band = band.name;
    d.plain_distance_m = metres(plain_mm);
    d.safe_distance_m = metres(safe_mm);
    d.outcome = outcome_for(safe_mm, band, ctx.rules);
    return d;
}

Decision decide(const PupilHome& home, const HomeCheck& check, const geodata::Snap& snap, const HomeDistances& distances,
                const DecisionContext& ctx) {
    const Band& band = ctx.rules.bands[check.band];
    Decision d = base_decision(home, ctx);
    d.band = band.name;
    d.threshold_m = band.threshold_m;
    d.home_snap_m = snap.snap_m;

    const DistanceMm plain = distances.plain[check.chosen];
    const DistanceMm safe = distances.safe[check.chosen];
    d.plain_distance_m = metres(plain);
    d.safe_distance_m = metres(safe);
    const Outcome outcome = outcome_for(safe, band, ctx.rules);
    d.outcome = outcome;
    if (outcome == Outcome::eligible_traffic) {
        d.note = no_safe_route_note(band.name) + (plain == kUnreachable ? "; no walking route at all" : "");
    }

    // Reference school: as given, else the nearest school teaching the grade by safe
    // distance (ties: the smaller school_id, the register's order); if none is safely
    // reachable, the nearest by plain distance.
    std::optional<std::size_t> reference = check.reference;
    if (!reference) {
        for (const bool by_safe : {true, false}) {
            DistanceMm best = kUnreachable;
            for (std::size_t s = 0; s < ctx.schools.schools.size(); ++s) {
                const School& school = ctx.schools.schools[s];
                if (!school.teaches(check.grade) || !school.has_usable_entrance()) {
                    continue;
                }
                const DistanceMm dist = by_safe ? distances.safe[s] : distances.plain[s];
                if (dist < best) {
                    best = dist;
                    reference = s;
                }
            }
            if (reference) {
                break;
            }
        }
    }
    if (reference) {
        const DistanceMm ref_safe = distances.safe[*reference];
        d.reference_school_id = ctx.schools.schools[*reference].id;
        d.reference_safe_distance_m = metres(ref_safe);
        d.reference_outcome = outcome_for(ref_safe, band, ctx.rules);
    } else {
        const bool taught = std::any_of(ctx.schools.schools.begin(), ctx.schools.schools.end(), [&](const School& s) {
            return s.teaches(check.grade) && s.has_usable_entrance();
        });
        d.note += std::string(d.note.empty() ? "" : "; ") +
                  (taught ? "no school teaching grade " + home.grade + " can be reached on foot"
                          : "no school in the register teaches grade " + home.grade);
    }
    if (const std::string inconsistent = inconsistency_note(check, ctx); !inconsistent.empty()) {
        d.note += (d.note.empty() ? "" : "; ") + inconsistent;
    }
    return d;
}

void decide_stop(Decision& d, const std::string& given_stop_id, const HomeDistances& to_stops, const Band& band,
                 const Rules& rules, const SchoolRegister& stops) {
    d.stop_threshold_m = band.max_stop_distance_m;
    const auto add_note = [&](const std::string& note) { d.note += (d.note.empty() ? "" : "; ") + note; };
    std::optional<std::size_t> stop;
    if (!given_stop_id.empty()) {
        d.stop_id = given_stop_id;
        d.stop_chosen_by = "given";
        stop = stops.index_of(given_stop_id);
        if (!stop) {
            d.stop_outcome = StopOutcome::invalid_input;
            add_note("unknown stop_id '" + given_stop_id + "' (not in the stops file)");
            return;
        }
    } else {
        // The stops are in stop_id order: the first of equally near stops has the smaller id.
        d.stop_chosen_by = "nearest";
        DistanceMm best = kUnreachable;
        for (std::size_t s = 0; s < stops.schools.size(); ++s) {
            if (stops.schools[s].has_usable_entrance() && to_stops.safe[s] < best) {
                best = to_stops.safe[s];
                stop = s;
            }
        }
        if (!stop) {
            d.stop_outcome = StopOutcome::no_safe_route;
            add_note("no pick-up stop can be reached on a safe walk for band " + band.name);
            return;
        }
        d.stop_id = stops.schools[*stop].id;
    }
    if (!stops.schools[*stop].has_usable_entrance()) {
        d.stop_outcome = StopOutcome::not_on_network;
        add_note("stop '" + d.stop_id + "' is not on the walking network");
        return;
    }
    const DistanceMm safe = to_stops.safe[*stop];
    d.stop_plain_distance_m = metres(to_stops.plain[*stop]);
    d.stop_safe_distance_m = metres(safe);
    if (safe == kUnreachable) {
        d.stop_outcome = StopOutcome::no_safe_route;
    } else if (band.max_stop_distance_m &&
               reaches_threshold(rules.comparison, static_cast<double>(safe) / 1000.0, *band.max_stop_distance_m)) {
        d.stop_outcome = StopOutcome::too_far;
    } else {
        d.stop_outcome = StopOutcome::ok;
    }
}

} // namespace skolvag::api
