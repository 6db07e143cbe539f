// SPDX-License-Identifier: MIT
// A run that failed for most of its rows is a failed run (issue 10): how many homes of
// a batch run could not be decided on distance (invalid_input, not_on_network), and
// their commonest cause with the first row that has it, for a message that helps
// without naming a pupil or a place.
#pragma once

#include "api/eligibility/decision.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace skolvag::api {

/** The cause of a failed home as a message names it: no personal data, no values. */
std::string failure_cause(HomeProblem problem);

/// Why rows of the register need someone to look at them.
enum class Attention {
    failed,                       ///< the home could not be decided (AttentionGroup::problem says why)
    school_not_teaching,          ///< the chosen school does not teach the grade (decided, noted)
    reference_school_not_teaching,///< nor the given reference school
    pupil_rows_disagree,          ///< one pupil's rows give different grades or schools
    point_columns_disagree,       ///< the row's x, y and lon, lat disagree (x, y used)
};

/// Rows of the register someone should look at, for one reason. No personal data.
struct AttentionGroup {
    Attention kind = Attention::failed;
    HomeProblem problem = HomeProblem::none; ///< what stopped the homes, for Attention::failed
    std::size_t count = 0;
    std::vector<std::string> first_rows; ///< file and row of the first kAttentionRowsListed, in register order

    bool failed() const noexcept { return kind == Attention::failed; }
    /** The reason in English words, as stderr and the English report give it. */
    std::string why() const;
};

inline constexpr std::size_t kAttentionRowsListed = 20;

struct RunFailures {
    std::size_t homes = 0;           ///< every home of the register
    std::size_t failed = 0;          ///< invalid_input and not_on_network
    HomeProblem commonest_problem = HomeProblem::none; ///< the most frequent problem
    std::string commonest_cause;     ///< failure_cause(commonest_problem)
    std::size_t commonest_count = 0;
    std::string commonest_where;     ///< file and row of its first home
    /// Every reason rows need attention: the failures by cause, most frequent first, then the mismatches.
    std::vector<AttentionGroup> attention;

    double share() const noexcept {
        return homes == 0 ? 0.0 : static_cast<double>(failed) / static_cast<double>(homes);
    }
    /** One paragraph for stderr: counts, the commonest cause, its first row, and a hint. */
    std::string text() const;
};

} // namespace skolvag::api
