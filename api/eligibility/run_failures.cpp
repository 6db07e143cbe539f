// SPDX-License-Identifier: MIT
#include "api/eligibility/run_failures.hpp"

#include <cmath>

namespace skolvag::api {

std::string failure_cause(HomeProblem problem) {
    switch (problem) {
    case HomeProblem::none: return "a cause this run does not find again (decided by the previous run)";
    case HomeProblem::empty_pupil_ref: return "empty pupil_ref";
    case HomeProblem::unknown_grade: return "unknown grade";
    case HomeProblem::no_band: return "a grade without a band in the rules";
    case HomeProblem::unknown_school: return "unknown school_id";
    case HomeProblem::school_without_entrance: return "a school without an entrance on the network";
    case HomeProblem::unknown_reference_school: return "unknown reference_school_id";
    case HomeProblem::reference_without_entrance: return "a reference school without an entrance on the network";
    case HomeProblem::no_point: return "a home point that cannot be read";
    case HomeProblem::not_on_network: return "a home not on the network (no walkable way near it)";
    }
    return "unknown";
}

std::string AttentionGroup::why() const {
    switch (kind) {
    case Attention::failed: return failure_cause(problem);
    case Attention::school_not_teaching: return "the chosen school does not teach the grade";
    case Attention::reference_school_not_teaching: return "the given reference school does not teach the grade";
    case Attention::pupil_rows_disagree: return "one pupil's rows give different grades or schools";
    case Attention::point_columns_disagree: return "the row's x, y and lon, lat disagree (x, y used)";
    }
    return "unknown";
}

std::string RunFailures::text() const {
    const auto percent = static_cast<long>(std::lround(100.0 * share()));
    std::string t = std::to_string(failed) + " of " + std::to_string(homes) + " homes (" + std::to_string(percent) +
                    " %) could not be decided; the commonest cause: " + commonest_cause + " (" +
                    std::to_string(commonest_count) + (commonest_count == 1 ? " home, at " : " homes, the first at ") +
                    commonest_where + ")";
    if (commonest_problem == HomeProblem::not_on_network || commonest_problem == HomeProblem::no_point) {
        t += ". Are the points in the CRS the file says (or --crs), with x the easting and y the northing?";
    }
    return t;
}

} // namespace skolvag::api
