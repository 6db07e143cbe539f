// SPDX-License-Identifier: MIT
// A run that failed for most of its rows is a failed run (issue 10): how many homes of
// a batch run could not be decided on distance (invalid_input, not_on_network), and
// their commonest cause with the first row that has it, for a message that helps
// without naming a pupil or a place.
#pragma once

#include "api/eligibility/decision.hpp"

#include <cstddef>
#include <string>

namespace skolvag::api {

/** The cause of a failed home as a message names it: no personal data, no values. */
std::string failure_cause(HomeProblem problem);

struct RunFailures {
    std::size_t homes = 0;           ///< every home of the register
    std::size_t failed = 0;          ///< invalid_input and not_on_network
    HomeProblem commonest_problem = HomeProblem::none; ///< the most frequent problem
    std::string commonest_cause;     ///< failure_cause(commonest_problem)
    std::size_t commonest_count = 0;
    std::string commonest_where;     ///< file and row of its first home

    double share() const noexcept {
        return homes == 0 ? 0.0 : static_cast<double>(failed) / static_cast<double>(homes);
    }
    /** One paragraph for stderr: counts, the commonest cause, its first row, and a hint. */
    std::string text() const;
};

} // namespace skolvag::api
